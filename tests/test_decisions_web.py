"""Decisions with meaning on the pages and in the API: collective decisions on each sub-item, kinds shown.

Over the sample index (a real Whoosh index) through Flask's test client.
"""

from __future__ import annotations

import re

VR = "valfardsradet-2026-04-09-minnesanteckningar"
NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
SEPT_2020 = "lanschefsnatverket-2020-09-25-minnesanteckningar"


def api(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def section(html: str, anchor: str) -> str:
    """The HTML of one item's <section> on a meeting page, up to its first sub-item."""
    start = html.index(f'id="{anchor}"')
    following = html.find('<section class="item', start + 1)
    return html[start: following if following > 0 else None]


def visible(html: str) -> str:
    """The text a reader sees: no tags, a no-break space as a space ('punkt 6a–6d' is kept whole on a phone)."""
    return re.sub(r"<[^>]+>", "", html).replace("\u00a0", " ")


def test_each_sub_item_of_valfardsradet_6_shows_the_collective_decision(client):
    html = client.get(f"/moten/{VR}").get_data(as_text=True)
    for number in ("6a", "6b", "6c", "6d"):
        own = visible(section(html, f"punkt-{number}"))
        assert "Beslut (gemensamt för punkt 6a–6d)" in own, number
        assert "att lägga informationen till handlingarna" in own
    assert visible(html).count("Beslut (gemensamt för punkt 6a–6d)") == 5  # four sub-items, and once where it stands


def test_the_meeting_api_keeps_the_collective_decision_once(client):
    meeting = api(client, f"/api/meetings/{VR}")
    item6 = next(item for item in meeting["items"] if item["number"] == "6")
    assert item6["decisions"] == ["att lägga informationen till handlingarna"]
    assert item6["decision_details"] == [{"text": "att lägga informationen till handlingarna", "decided_by": "Välfärdsrådet", "kind": "formality",
                                          "to_organ": None, "applies_to": ["6a", "6b", "6c", "6d"], "span": "6a–6d", "page": None}]
    for child in item6["items"]:
        assert child["decisions"] == []
        assert child["shared_decisions"] == [{"text": "att lägga informationen till handlingarna", "kind": "formality",
                                              "taken": True, "item": "6", "span": "6a–6d"}]


def test_decision_searches_find_the_sub_items(client):
    hits = api(client, "/api/search?q=MiniMaria&decision=taken")["hits"]
    minimaria = next(hit for hit in hits if hit["id"] == f"{VR}-punkt-6d")
    assert minimaria["decisions"] == ["att lägga informationen till handlingarna"]
    assert minimaria["decision_details"] == [{"kind": "formality", "to_organ": None, "span": "6a–6d"}]
    hjalpmedel = api(client, "/api/search?q=hjälpmedel&decision=taken")["hits"]
    assert f"{VR}-punkt-6c" in [hit["id"] for hit in hjalpmedel]


def test_a_decision_for_one_named_sub_item(client):
    meeting = api(client, f"/api/meetings/{SEPT_2020}")
    item10 = next(item for item in meeting["items"] if item["number"] == "10")
    assert [d["span"] for d in item10["decision_details"]] == ["10.1–10.4", "10.1"]
    familjecentraler, lag = item10["items"][0], item10["items"][3]
    assert [s["kind"] for s in familjecentraler["shared_decisions"]] == ["formality", "assignment"]
    assert [s["kind"] for s in lag["shared_decisions"]] == ["formality"]
    html = client.get(f"/moten/{SEPT_2020}").get_data(as_text=True)
    assert "Beslut (för punkt 10.1)" in visible(section(html, "punkt-10.1"))


def test_assignments_and_proposals_are_tagged_on_the_meeting_page(client):
    html = client.get(f"/moten/{NOV}").get_data(as_text=True)
    johanna = section(html, "punkt-5e")
    assert re.search(r'<span class="tag tag--assignment">Uppdrag</span>\s*att uppdra Johanna Munters', johanna)
    assert 'decision__item--formality' in section(html, "punkt-5b")

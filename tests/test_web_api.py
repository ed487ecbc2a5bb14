"""The JSON API of ARCHITECTURE.md through Flask's test client: the same data as the CLI, JSON errors with 400/404."""

import json

import pytest
from click.testing import CliRunner

from archive.collection import BUNDLED
from scripts.cli import main

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.mimetype == "application/json"
    return response.get_json()


def cli_json(sample_index, *args):
    result = CliRunner().invoke(main, [*args, "--json", "--archive", str(BUNDLED), "--index", str(sample_index)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_search_is_what_the_cli_prints(client, sample_index):
    assert get(client, "/api/search?q=MiniMaria&sort=newest") == cli_json(sample_index, "search", "MiniMaria", "--sort", "newest")


def test_search_shape(client):
    data = get(client, "/api/search?q=samsjuklighet&organ=LCHNV&from=2025&to=2026&limit=3&page=2")
    assert set(data) >= {"query", "total", "page", "limit", "searched", "suggestion", "hits", "facets", "timeline"}
    assert (data["total"], data["page"], data["limit"], len(data["hits"])) == (5, 2, 3, 2)
    hit = data["hits"][0]
    assert set(hit) >= {"id", "number", "title", "kind", "meeting", "url", "snippet", "decisions", "score"}
    assert hit["meeting"]["organ"] == "Länschefsnätverket" and hit["meeting"]["date"] >= "2025"
    assert data["timeline"] == [{"period": "2025", "count": 1}, {"period": "2026", "count": 4}]


def test_decision_parameter(client, sample_index):
    data = get(client, "/api/search?q=hjälpmedel&decision=taken")
    assert data["total"] >= 2 and all(hit["decisions"] for hit in data["hits"])
    assert data == cli_json(sample_index, "search", "hjälpmedel", "--decision", "taken")


def test_timeline_by_quarter(client):
    data = get(client, "/api/timeline?q=samsjuklighet&by=quarter")
    assert data["by"] == "quarter" and data["total"] == 11
    periods = [bucket["period"] for bucket in data["timeline"]]
    assert periods[0] == "2020-K3" and periods[-1] == "2026-K2" and len(periods) == 24
    assert sum(bucket["count"] for bucket in data["timeline"]) <= 11  # the undated-by-month agenda has no quarter


def test_meetings_is_what_the_cli_prints(client, sample_index):
    data = get(client, "/api/meetings")
    assert data == cli_json(sample_index, "meetings")
    assert [m["id"] for m in data][-2:] == [JAN, "valfardsradet-2026-04-09-minnesanteckningar"]


def test_meeting_detail_resolves_references(client, sample_index):
    data = get(client, f"/api/meetings/{JAN}")
    assert data == cli_json(sample_index, "show", JAN)
    reference = next(r for r in data["references"] if r["date"] == "2025-11-21")
    assert reference["meeting_id"] == NOV
    assert data["items"][0]["id"] == f"{JAN}-punkt-1"


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/search?q=x&from=2020-13", "from"),
        ("/api/search?q=x&from=2020-02-30", "from"),
        ("/api/search?q=x&to=igår", "to"),
        ("/api/search?q=x&from=2022&to=2020", "from"),
        ("/api/search?q=x&page=0", "page"),
        ("/api/search?q=x&page=-1", "page"),
        ("/api/search?q=x&page=99999999999999999999", "page"),
        ("/api/search?q=x&limit=1000", "limit"),
        ("/api/search?q=x&limit=abc", "limit"),
        ("/api/search?q=x&sort=random", "sort"),
        ("/api/timeline?q=x&by=week", "by"),
        ("/api/search?q=x&decision=maybe", "decision"),
        ("/api/search?q=" + "a" * 10_000, "q"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, url, parameter):
    assert get(client, url, 400)["error"].startswith(f"Ogiltigt värde för {parameter}:")


@pytest.mark.parametrize("url", ["/api/meetings/okant-mote", "/api/finns-inte"])
def test_unknown_is_404_json(client, url):
    assert "error" in get(client, url, 404)


def test_wrong_method_is_405_json(client):
    response = client.post("/api/search")
    assert response.status_code == 405 and "error" in response.get_json()


def test_a_missing_index_is_503_with_the_fix(tmp_path):
    from webapp import create_app

    client = create_app({"INDEX_DIR": tmp_path / "inget-index"}).test_client()
    response = client.get("/api/search?q=x")
    assert response.status_code == 503 and "arkiv build" in response.get_json()["error"]
    assert "arkiv build" in client.get("/sok?q=x").get_data(as_text=True)


def test_a_question_about_decisions_ranks_decisions_until_a_date_order_is_chosen(client):
    question = "/api/search?q=vad beslutade vi om hjälpmedel"
    asked = get(client, question)
    assert asked["sort"] == "relevance" and asked["by_decisions"]
    assert any("beslut i sak om det du frågar om visas först" in note for note in asked["notes"])
    by_date = get(client, question + "&sort=newest")
    assert by_date["sort"] == "newest" and not by_date["by_decisions"]
    dates = [hit["meeting"]["date"] for hit in by_date["hits"]]
    assert dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    assert not get(client, "/api/search?q=hjälpmedel")["by_decisions"]


def test_presenter_facet_and_filter(client):
    facets = get(client, "/api/search?q=samsjuklighet")["facets"]["presenter"]
    assert facets["Caroline Mörk"] == 3 and list(facets.values()) == sorted(facets.values(), reverse=True)
    presented = get(client, "/api/search?presenter=Caroline Mörk&limit=100")
    assert presented["total"] == 3  # three items, under two roles the text gives her
    assert {hit["meeting"]["date"] for hit in presented["hits"]} == {"2021-12", "2026-01-29"}
    assert get(client, "/api/search?q=samsjuklighet&presenter=Ingen Alls")["total"] == 0

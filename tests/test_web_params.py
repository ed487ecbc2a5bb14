"""Query parameters the pages do not know never reach Flask's url_for: every route answers them."""

from __future__ import annotations

import pytest

# url_for's own arguments and the routes' variables: passed on by a page that rebuilds its own address
# with every parameter it was given, each was a 500.
COLLIDING = {
    "endpoint": "pages.start", "_method": "POST", "_anchor": "x", "_external": "1", "_scheme": "javascript",
    "slug": "minimaria", "meeting_id": "x", "item_id": "x", "fmt": "csv", "filename": "x", "values": "x", "anchor": "x",
}
PAGED = {"q": "samsjuklighet", "limit": "2", "page": "2", "by": "quarter"}
VARIABLES = {
    "meeting_id": "valfardsradet-2026-04-09-minnesanteckningar",
    "item_id": "valfardsradet-2026-04-09-minnesanteckningar-punkt-1",
    "slug": "minimaria", "fmt": "csv", "filename": "style.css", "anchor": "bilaga-3",
    "assignment_id": "lanschefsnatverket-2025-11-21-minnesanteckningar-punkt-6b-uppdrag-1",
}


def routes(app) -> list[str]:
    """Every GET route of the app, its variables filled with real values of the sample archive."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods:
            found.append(adapter.build(rule.endpoint, {name: VARIABLES[name] for name in rule.arguments}))
    return sorted(found)


def test_every_route_answers_parameters_named_like_url_for_arguments(app, client):
    """Issue 16, defect 9: parameters named endpoint, _method or slug answered 500 on /beslut, /tidslinje,
    /amne/<slug> and paged /sok, where every parameter of the address was passed on to url_for."""
    assert len(routes(app)) > 20
    failures = {}
    for route in routes(app):
        for name, value in COLLIDING.items():
            answer = client.get(route, query_string={**PAGED, name: value})
            if answer.status_code >= 500:
                failures[f"{route}?{name}={value}"] = answer.status_code
    assert failures == {}


@pytest.mark.parametrize("path", ["/beslut", "/tidslinje", "/amne/minimaria", "/sok"])
def test_pages_named_in_the_issue_answer_and_leave_unknown_parameters_out_of_their_links(client, path):
    answer = client.get(path, query_string={**PAGED, "endpoint": "pages.start", "_method": "POST", "slug": "x",
                                            "okänd": "värde"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "_method" not in html and "endpoint=" not in html and "okänd=" not in html

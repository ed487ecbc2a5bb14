"""HTTP around the pages: Cache-Control on every answer, Allow on a 405."""

from __future__ import annotations

import re

import pytest

DYNAMIC = ["/", "/sok?q=samsjuklighet", "/api/search?q=samsjuklighet", "/sok.csv?q=samsjuklighet",
           "/tidslinje.atom?q=samsjuklighet", "/beslut", "/moten", "/api/meetings"]


@pytest.mark.parametrize("url", DYNAMIC)
def test_pages_searches_and_exports_are_asked_again_before_reuse(client, url):
    """Issue 16: dynamic answers had no Cache-Control. They change with every build: a browser may
    keep them (the back button) but must ask again before reusing them."""
    answer = client.get(url)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("url", ["/moten/okänt", "/sok?page=x", "/api/search?limit=0"])
def test_errors_are_never_kept(client, url):
    answer = client.get(url)
    assert answer.status_code in (400, 404) and answer.headers["Cache-Control"] == "no-store"


def test_static_files_are_addressed_by_version_and_kept_long(client):
    html = client.get("/").get_data(as_text=True)
    links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert {"style.css", "app.js"} <= {re.match(r"/static/([^?]+)", link).group(1) for link in links}
    for link in links:
        assert re.search(r"\?v=[0-9a-f]{12}$", link), link
        assert client.get(link).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/static/style.css").headers["Cache-Control"] == "no-cache"  # no version: ask again
    assert client.get("/static/style.css?v=000000000000").headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("url, allowed", [("/sok", "GET"), ("/api/search", "GET"), ("/underlag.md", "GET")])
def test_a_405_names_the_methods_allowed(client, url, allowed):
    """Issue 16: a 405 answer lacked the Allow header HTTP requires."""
    answer = client.post(url)
    assert answer.status_code == 405
    assert allowed in {method.strip() for method in answer.headers["Allow"].split(",")}

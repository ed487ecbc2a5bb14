"""Security of the web archive: escaping everywhere, a strict CSP, no file outside the archive, no 500 for any parameter."""

import re
import shutil
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.collection import BUNDLED
from index.build import build
from tests.conftest import examples
from webapp import create_app

HOSTILE = """Minnesanteckningar Välfärdsrådet i Dalarna

Datum: 240301

Plats: <b>Rum</b>

1. Mötets öppnande <script>alert("titel")</script>

Text med <img src=x onerror=alert(1)> och "citat" & mer.

Välfärdsrådet beslutade

att godkänna <b>förslaget</b>
"""
HOSTILE_ID = "valfardsradet-2024-03-01-minnesanteckningar"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The samples plus a document full of markup, whose sidecar gives a javascript: source_url."""
    folder = tmp_path_factory.mktemp("arkiv")
    for path in BUNDLED.iterdir():
        if path.suffix in (".txt", ".toml"):
            shutil.copy(path, folder / path.name)
    (folder / "999_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "999_hostile.meta.toml").write_text('source_url = "javascript:alert(1)"\n', encoding="utf-8")
    (folder.parent / "hemlig.txt").write_text("hemligt", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index")
    build(folder, index_dir)
    return create_app({"ARCHIVE_DIR": folder, "INDEX_DIR": index_dir, "TESTING": True}).test_client()


def test_document_markup_is_shown_as_text(hostile):
    html = hostile.get(f"/moten/{HOSTILE_ID}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;titel&#34;)&lt;/script&gt;" in html
    assert "att godkänna &lt;b&gt;förslaget&lt;/b&gt;" in html


def test_csv_cells_are_never_formulas(tmp_path):
    """An organ (from a sidecar) that begins with '=' exports as text in a spreadsheet, not as a formula."""
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "formel.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "formel.meta.toml").write_text('organ = "=HYPERLINK(1)"\n', encoding="utf-8")
    build(folder, tmp_path / "index")
    client = create_app({"ARCHIVE_DIR": folder, "INDEX_DIR": tmp_path / "index"}).test_client()
    rows = client.get("/sok.csv?q=förslaget").get_data(as_text=True).splitlines()
    assert len(rows) == 2 and rows[1].split(";")[1] == "'=HYPERLINK(1)"


def test_a_javascript_source_url_is_never_a_link(hostile):
    html = hostile.get(f"/moten/{HOSTILE_ID}").get_data(as_text=True)
    assert "javascript:" not in html


def test_search_results_escape_titles_and_decisions(hostile):
    html = hostile.get("/sok?q=öppnande").get_data(as_text=True)
    assert "Mötets <mark>öppnande</mark> &lt;script&gt;" in html and "<script>alert" not in html
    html = hostile.get("/sok?q=förslaget").get_data(as_text=True)
    assert "att godkänna &lt;b&gt;förslaget&lt;/b&gt;" in html and "<b>" not in html


@pytest.mark.parametrize("value", ['"><script>alert(1)</script>', "<svg onload=alert(1)>", "' onmouseover='x"])
def test_parameters_are_escaped_where_they_are_echoed(client, value):
    for parameter in ("q", "organ", "kind", "doc_type"):
        html = client.get(f"/sok?{parameter}={quote(value)}").get_data(as_text=True)
        assert value not in html
        assert "<script>alert" not in html and "<svg onload" not in html


@pytest.mark.parametrize("url", ["/", "/sok?q=x", f"/moten/{HOSTILE_ID}", "/api/search?q=x", "/finns-inte", "/api/finns-inte"])
def test_security_headers_on_every_answer(hostile, url):
    headers = hostile.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client):
    for url in ("/", "/sok?q=samsjuklighet", "/moten", "/moten/lanschefsnatverket-2025-11-21-minnesanteckningar"):
        html = client.get(url).get_data(as_text=True)
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []  # scripts only from files
        assert "<style" not in html and " style=" not in html and re.search(r"\son[a-z]+=", html) is None


@pytest.mark.parametrize(
    "url",
    [
        "/moten/..%2f..%2fhemlig.txt/original",
        "/moten/../hemlig.txt/original",
        "/moten/%2e%2e/original",
        "/moten/..%5c..%5chemlig.txt/original",
        "/moten/%00/original",
        "/static/../../hemlig.txt",
        "/static/..%2f..%2fhemlig.txt",
    ],
)
def test_downloads_never_leave_the_archive(hostile, url):
    response = hostile.get(url)
    assert response.status_code in (400, 404)
    assert b"hemligt" not in response.get_data()


PARAMETERS = ["q", "from", "to", "organ", "kind", "doc_type", "sort", "page", "limit", "by", "decision", "year", "visa"]
ROUTES = ["/sok", "/api/search", "/api/timeline", "/tidslinje", "/beslut", "/sok.csv", "/beslut.atom"]
HOSTILE_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(['"', "'", "<script>", "../../etc/passwd", "-1", "0", "99999999999999999999", "2020-02-30",
                     "9999-99-99", "2020..2019", "år:3000", "organ:", '"""', "* * *", "\x00", "\ud7ff", "ELLER ELLER",
                     "a" * 10_000, "(", ")", "-", "INTE", "typ:", "１２３"]),
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), params=st.dictionaries(st.sampled_from(PARAMETERS), HOSTILE_VALUES, max_size=4))
def test_no_parameter_value_gives_a_500(client, route, params):
    response = client.get(route, query_string=params)
    assert response.status_code in (200, 400), (route, params, response.status_code)
    if route.startswith("/api/"):
        assert response.is_json


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_no_id_gives_a_500(client, path):
    for template in ("/moten/{}", "/moten/{}/original", "/punkt/{}", "/api/meetings/{}"):
        response = client.get(template.format(quote(path, safe="")))
        assert response.status_code in (200, 302, 308, 404), (template, path, response.status_code)

"""Fuzzing with hypothesis: the parser on arbitrary and on mutated real minutes, files of random bytes,
the query language through the search API. No exception escapes; what cannot be used is a message.

Bounded so that the suite stays fast. The long run: ARKIV_FUZZ=long scripts/test tests/test_fuzz.py
tests/test_web_security.py --hypothesis-show-statistics (20 times the examples; the statistics
say how many inputs each test tried).
"""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.collection import load_document
from archive.errors import ArchiveError
from archive.parse import parse
from index.query import parse_query
from index.search import SearchIndex, SearchRequest
from tests.conftest import SAMPLES, examples

SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in SAMPLES.values()]
SAMPLE_LINES = [line for text in SAMPLE_TEXTS for line in text.splitlines()]
HEADINGS = [line for line in SAMPLE_LINES if line[:1].isdigit() and "." in line[:4]]
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000)


def assert_whole(meeting) -> None:
    assert meeting.id
    for item in meeting.all_items():
        assert item.number and isinstance(item.title, str)


@settings(max_examples=examples(200), deadline=None)
@given(ANY_TEXT)
def test_any_text(text):
    assert_whole(parse(text, "fuzz.txt"))


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(SAMPLE_LINES), max_size=300), st.randoms(use_true_random=False))
def test_shuffled_and_doubled_lines_of_real_minutes(lines, rng: random.Random):
    doubled = lines + rng.sample(lines, k=len(lines) // 3)
    rng.shuffle(doubled)
    assert_whole(parse("\n".join(doubled), "blandad.txt"))


@settings(max_examples=examples(100), deadline=None)
@given(st.sampled_from(SAMPLE_TEXTS), st.randoms(use_true_random=False))
def test_real_minutes_with_cut_pages_and_doubled_headings(text, rng: random.Random):
    lines = text.splitlines()
    start = rng.randrange(len(lines))
    lines = lines[:start] + lines[start + rng.randrange(1, 80):]  # a page or more lost
    for _ in range(rng.randrange(5)):
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(HEADINGS))  # a heading doubled elsewhere
    assert_whole(parse("\n\f\n".join(lines) if rng.random() < 0.3 else "\n".join(lines), "klippt.txt"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, bytes]:
    """A real document as text, PDF and DOCX (rendered as the reader tests do)."""
    from scripts.formats import write_docx, write_pdf

    folder, text = tmp_path_factory.mktemp("rendered"), SAMPLE_TEXTS[0]
    write_pdf(text, folder / "m.pdf")
    write_docx(text, folder / "m.docx")
    return {".txt": text.encode("utf-8"), ".pdf": (folder / "m.pdf").read_bytes(), ".docx": (folder / "m.docx").read_bytes()}


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([".txt", ".pdf", ".docx"]),
       st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), min_size=1, max_size=12))
def test_files_with_random_bytes_are_read_or_refused_with_their_name(tmp_path, rendered, suffix, damage):
    data = bytearray(rendered[suffix])
    for where, junk in damage:
        position = where % (len(data) + 1)
        data[position:position + len(junk)] = junk
    path = tmp_path / f"skadad{suffix}"
    path.write_bytes(bytes(data))
    try:
        assert_whole(load_document(path))
    except ArchiveError as error:
        assert str(error).startswith("skadad")


@settings(max_examples=examples(300), deadline=None)
@given(ANY_TEXT)
def test_the_query_language_never_raises(text):
    parsed = parse_query(text)
    assert all(term.text for group in parsed.groups for term in group)


QUERY_PIECES = st.sampled_from(['"', "(", ")", "-", "*", "ELLER", "INTE", "OR", "organ:", "år:", "år:2020..", "typ:",
                                "beslut:", "vad beslutade vi om", "samsjuklighet", "Mini-Maria", "hjälpm*", "och",
                                '"första veckans', "år:2026..2020", "organ:LCHNV", "typ:protokoll", "\x00", "ü", "１"])


@pytest.fixture(scope="module")
def index(sample_index):
    return SearchIndex(sample_index)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(QUERY_PIECES, st.text(max_size=12)), max_size=10).map(" ".join),
       st.sampled_from(["relevance", "newest", "oldest"]), st.integers(-5, 10**6), st.integers(-5, 10**6))
def test_any_query_gets_an_answer(index, query, sort, page, limit):
    results = index.search(SearchRequest(query, sort=sort, page=page, limit=limit))
    assert results.total >= len(results.hits) and 1 <= results.limit <= 100
    assert all(hit.url.startswith("/moten/") for hit in results.hits)


ARCHIVE_PAGES = ["/", "/sok?q=samsjuklighet", "/sok?q=att", "/moten", "/beslut", "/beslut?visa=forslag", "/amne",
                 "/tidslinje?q=samverkan&by=quarter", "/sok.csv?q=att", "/sok.atom?q=att", "/beslut.json",
                 "/api/meetings", "/api/search?q=punkt", "/api/timeline?q=att&by=month"]


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.lists(st.sampled_from(SAMPLE_LINES), max_size=120).map("\n".join),  # real lines, any order
    ANY_TEXT,
    st.sampled_from(SAMPLE_TEXTS),
), min_size=1, max_size=4))
def test_any_small_archive_answers_every_page(tmp_path_factory, texts):
    """Archives of odd documents (undated, without organ, without items, the same meeting twice)
    build, and every page and API answer of the web archive is a page, never an error."""
    from index.build import build
    from webapp import create_app

    root = tmp_path_factory.mktemp("arkiv")
    for number, text in enumerate(texts):
        (root / "arkiv").mkdir(exist_ok=True)
        (root / "arkiv" / f"{number}.txt").write_text(text or " ", encoding="utf-8")
    build(root / "arkiv", root / "index")
    client = create_app({"ARCHIVE_DIR": root / "arkiv", "INDEX_DIR": root / "index"}).test_client()
    meetings = client.get("/api/meetings").get_json()
    urls = ARCHIVE_PAGES + [f"/moten/{m['id']}" for m in meetings] + [f"/api/meetings/{m['id']}" for m in meetings]
    for meeting in meetings:
        detail = client.get(f"/api/meetings/{meeting['id']}").get_json()
        urls += [f"/api/items/{item['id']}/citation" for item in detail["items"][:3]]
        urls += [f"/underlag.docx?p={item['id']}" for item in detail["items"][:2]]
    for url in urls:
        assert client.get(url).status_code == 200, url

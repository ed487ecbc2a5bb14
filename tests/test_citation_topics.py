"""Citations in Swedish form, curated topic files, and questions about decisions."""

import pytest

from archive.citation import cite, item_label
from archive.collection import BUNDLED
from archive.topics import load_topic, load_topics
from index.query import parse_query
from index.search import SearchRequest

NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
URL = f"https://arkiv.example/moten/{NOV}#punkt-5c"


def test_item_citation_in_swedish_form():
    citation = cite("Länschefsnätverket", "2025-11-21", "minutes", "5c", "Aktuellt läge MiniMaria", URL)
    assert citation.text == f'Länschefsnätverket, minnesanteckningar 2025-11-21, punkt 5c ”Aktuellt läge MiniMaria”. {URL}'
    assert citation.markdown == f'Länschefsnätverket, minnesanteckningar 2025-11-21, [punkt 5c ”Aktuellt läge MiniMaria”]({URL}).'
    assert citation.html == (f'Länschefsnätverket, minnesanteckningar 2025-11-21, <a href="{URL}">punkt 5c '
                             '”Aktuellt läge MiniMaria”</a>.')
    assert citation.url == URL


def test_decision_citation_quotes_the_decision_and_escapes():
    citation = cite("Välfärdsrådet", "2026-04", "agenda", "6c", "Första <veckans> hjälpmedel", URL, decision="att [anta] avtalet")
    assert citation.text.startswith('Välfärdsrådet, dagordning 2026-04, punkt 6c ”Första <veckans> hjälpmedel”, beslut ”att [anta] avtalet”.')
    assert r"\[anta\]" in citation.markdown and "&lt;veckans&gt;" in citation.markdown
    assert "&lt;veckans&gt;" in citation.html and "<veckans>" not in citation.html


@pytest.mark.parametrize("number, doc_type, label", [
    ("5c", "minutes", "punkt 5c"), ("10.4", "minutes", "punkt 10.4"), ("12", "agenda", "punkt 12"), ("45", "protocol", "§ 45"),
])
def test_item_labels(number, doc_type, label):
    assert item_label(number, doc_type) == label


def test_the_bundled_topics():
    topics, failures = load_topics(BUNDLED)
    assert failures == []
    assert {t.slug for t in topics} == {
        "samsjuklighet", "minimaria", "god-och-nara-vard", "halso-och-sjukvard-i-hemmet",
        "psykisk-halsa-och-suicidprevention", "vard-och-omsorgscollege", "forsta-veckans-hjalpmedel"}
    assert all(t.title and t.query and t.description and t.body for t in topics)


@pytest.mark.parametrize("text, line, message", [
    ("title: X\n", 1, "rubrikdel"),
    ("---\ntitle: X\nquery: x\n", 1, "avslutas aldrig"),
    ("---\ntitle: X\nfärg: blå\n---\n", 3, "okänd rubrikrad"),
    ("---\ntitle: X\n---\nText\n", 1, "saknar query"),
])
def test_a_broken_topic_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "trasig.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as raised:
        load_topic(path)
    assert str(raised.value).startswith(f"trasig.md:{line}: ") and message in str(raised.value)


def test_one_broken_topic_never_hides_the_others(tmp_path):
    folder = tmp_path / "_amnen"
    folder.mkdir()
    (folder / "bra.md").write_text("---\ntitle: Bra\nquery: bra\n---\n", encoding="utf-8")
    (folder / "trasig.md").write_bytes(b"\xff\xfe\x00garbage")
    topics, failures = load_topics(tmp_path)
    assert [t.slug for t in topics] == ["bra"] and [f.path.name for f in failures] == ["trasig.md"]


@pytest.mark.parametrize("question", ["vad beslutade vi om MiniMaria", "Vad har vi beslutat om MiniMaria?",
                                      "när beslöt nätverket om MiniMaria"])
def test_a_question_about_decisions_asks_for_the_latest_decision(question):
    parsed = parse_query(question)
    assert parsed.asks_for_decisions and parsed.decisions == "taken"
    assert ["MiniMaria"] in [[t.text for t in group] for group in parsed.groups]


@pytest.mark.parametrize("query", ["beslut om MiniMaria", "vad är MiniMaria", '"vad beslutade vi"'])
def test_other_queries_are_not_questions(query):
    assert not parse_query(query).asks_for_decisions


def test_decision_question_answers_with_decisions_in_substance_first(sample_index):
    from index.search import SearchIndex

    results = SearchIndex(sample_index).search(SearchRequest("vad beslutade vi om hjälpmedel"))
    assert results.total >= 2 and results.hits[0].number == "4b"  # see tests/test_answers.py for why
    assert all(hit.decisions for hit in results.hits)
    assert any("beslut" in note for note in results.notes)


@pytest.mark.parametrize("decision, field", [("taken", "decisions"), ("proposed", "proposals")])
def test_decision_filter(sample_index, decision, field):
    from index.search import SearchIndex

    results = SearchIndex(sample_index).search(SearchRequest("", decision=decision, limit=100))
    assert results.total > 10 and all(getattr(hit, field) for hit in results.hits)

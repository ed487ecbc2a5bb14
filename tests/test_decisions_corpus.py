"""Decision kinds, assignments and answers over the development corpus (tests/corpus): other issuers' real
protocols, agendas and notes.

The kinds are checked on the decision texts that a person copied out of each document when writing the
corpus ground truth (tests/corpus/expected/*.json), grouped by the phrasing a reader classifies them by;
then over the corpus as parsed and indexed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from archive.collection import load_archive
from archive.decision_kinds import classify
from archive.model import DECISION_KINDS, Decision
from index.build import build
from index.search import SearchIndex, SearchRequest

CORPUS = Path(__file__).parent / "corpus"

# A phrasing, the kind a reader gives every decision written so, and how many the ground truth holds at least.
FAMILIES = [
    (r"^(Ärendet|Interpellationen) bordläggs", "substantive", 40, "tabling a matter decides what happens to it"),
    (r"^Antecknas\.$|antecknas\.$", "formality", 25, "'Antecknas', 'Rapporten antecknas': recorded, not decided"),
    (r"har tagit del av informationen", "formality", 8, "the organ was informed"),
    (r"noteras till protokollet|noterar informationen", "formality", 12, "noted to the minutes"),
    (r"får i uppdrag", "assignment", 8, "a task with its owner"),
    (r"återremitt", "assignment", 3, "sent back for more preparation"),
    (r"föreslår (att )?kommunfullmäktige", "proposal", 10, "a proposal to the council"),
    (r"motionen avslås|avslår (förslaget|förslagen|motionen)", "substantive", 10, "a motion rejected"),
]


def ground_truth_decisions() -> list[str]:
    def walk(items):
        for item in items:
            yield item
            yield from walk(item.get("items", []))

    texts = []
    for path in sorted((CORPUS / "expected").glob("*.json")):
        texts += [t for item in walk(json.loads(path.read_text(encoding="utf-8"))["items"]) for t in item.get("decision_text", [])]
    return texts


@pytest.mark.parametrize(("phrasing", "kind", "least", "why"), FAMILIES)
def test_the_kinds_of_real_decisions_by_phrasing(phrasing, kind, least, why):
    written = [t for t in ground_truth_decisions() if re.search(phrasing, t)]
    assert len(written) >= least
    wrong = [t for t in written if classify(Decision(t)).kind != kind]
    assert wrong == [], f"{why}: {wrong[:3]}"


@pytest.mark.parametrize(("text", "kind"), [
    ("Karin Pleijel (MP) anmäler jäv under paragraf 904: Kompletterande budget oktober 2024", "formality"),
    ("Ingen av kommunstyrelsens ledamöter eller ersättare ansåg sig förhindrad att delta vid sammanträdet.", "formality"),
    ("Inga anmälningar förekom.", "formality"),
    ("Det fanns inga övriga frågor på mötet.", "formality"),
    ("Politikerinitiativet överlämnas till stadsledningskontoret för utredning och förslag till beslut.", "assignment"),
    ("Ärendet överlämnas till kommunstyrelsen utan eget ställningstagande.", "substantive"),
    ("Kommunstyrelsens verksamhetsutskott beslutar att ge Välfärd samhällsservice uppdraget", "assignment"),
    ("Kommunstyrelsens verksamhetsutskott noterar årsbokslut 2017 för Välfärd skola till protokollet.", "formality"),
    ("Redovisning av Göteborgs Stadshus AB:s ägardialoger maj-juni 2025 antecknas.", "formality"),
    ("Redovisning av kommunfullmäktiges uppdrag 2025-06-18 § 381 att återkomma med förslag förklaras fullgjord.", "substantive"),
    ("Följande dokument hänvisades till utskott", "formality"),
    ("Kommunstyrelsen tillstyrker planförslaget och föreslår att kommunfullmäktige antar detaljplanen.", "proposal"),
])
def test_phrasings_a_reader_has_to_think_about(text, kind):
    assert classify(Decision(text)).kind == kind


@pytest.fixture(scope="module")
def corpus_texts(tmp_path_factory) -> Path:
    """The corpus's text documents (not the PDFs nor the ground truth), in a folder of their own."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.iterdir():
        if path.suffix in (".txt", ".md") and path.stem not in ("README", "SOURCES"):
            shutil.copy(path, folder / path.name)
    return folder


def test_every_decision_of_the_parsed_corpus_has_a_kind(corpus_texts):
    archive = load_archive(corpus_texts)
    decisions = [d for m in archive.meetings for i in m.all_items() for d in i.decisions + i.proposals]
    assert len(decisions) > 50
    assert {d.kind for d in decisions} <= set(DECISION_KINDS) and all(d.kind for d in decisions)


@pytest.fixture(scope="module")
def corpus_index(corpus_texts, tmp_path_factory) -> SearchIndex:
    index_dir = tmp_path_factory.mktemp("corpus-index")
    build(corpus_texts, index_dir)
    return SearchIndex(index_dir)


def test_the_corpus_assignments_name_their_owners(corpus_index):
    followed = corpus_index.assignments()
    owners = {w["name"] for a in followed for w in a.who}
    assert {"Stadsfastighetsnämnden", "Grundskolenämnden", "Kommunstyrelsen"} <= owners
    assert all(a.what and len(" ".join(w["name"] for w in a.who).split()) <= 40 for a in followed)


def test_a_question_about_the_corpus_is_answered_by_a_decision_in_substance(corpus_index):
    results = corpus_index.search(SearchRequest("vad beslutade vi om biblioteksplan"))
    latest = results.answer.latest
    assert latest is not None and "biblioteksplan" in (latest.title + " ".join(latest.decisions)).lower()
    assert any(d["kind"] != "formality" for d in latest.decision_details)


def test_the_corpus_register_leaves_formalities_out(corpus_index):
    shown = corpus_index.search(SearchRequest(decision="taken", decision_kinds=("substantive", "assignment", "proposal"),
                                              include_shared=False, limit=100))
    assert shown.total > 20
    for hit in shown.hits:
        assert any(d["kind"] != "formality" for d in hit.decision_details), hit.title

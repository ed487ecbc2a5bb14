"""Each matter's history ("Ärendets gång"): items about the same matter linked across meetings and organs,
by case number, explicit reference and likeness; kept right by incremental builds.

The pairs were judged by reading the samples: the same matter is followed from one meeting to another
(first week's aids: LCHNV 2025-11-21 4b, Välfärdsrådet 2026-04-09 6c; the routine for discharge at
holidays: 8a, 6b; the long-term agreement on hälso- och sjukvård i hemmet: 5a, LCHNV 2026-01-29 4b,
Välfärdsrådet 6a; the process group for samsjuklighet: 2026-01-29 6b, Välfärdsrådet 5; the regional
action plan for God och nära vård: 5d, Välfärdsrådet 9). Not the same matter, though alike: the process
group for samsjuklighet and the one for psykisk hälsa (2026-01-29 6b, Välfärdsrådet 10).
tests/data/ holds three documents written for these tests (see its README).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.build import build
from index.schema import RELATIONS
from index.search import SearchIndex
from index.store import open_live

DATA = Path(__file__).parent / "data"
NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"
VR = "valfardsradet-2026-04-09-minnesanteckningar"
MARCH = "lanschefsnatverket-2026-03-20-minnesanteckningar"
SN_MARCH, SN_SEPT = "mora-socialnamnden-2024-03-01-protokoll", "mora-socialnamnden-2024-09-01-protokoll"

SAME_MATTER = [
    (f"{NOV}-punkt-4b", f"{VR}-punkt-6c"),
    (f"{NOV}-punkt-8a", f"{VR}-punkt-6b"),
    (f"{NOV}-punkt-5a", f"{JAN}-punkt-4b"),
    (f"{NOV}-punkt-5a", f"{VR}-punkt-6a"),
    (f"{JAN}-punkt-4b", f"{VR}-punkt-6a"),
    (f"{JAN}-punkt-6b", f"{VR}-punkt-5"),
    (f"{NOV}-punkt-5d", f"{VR}-punkt-9"),
]
NOT_SAME = [
    (f"{JAN}-punkt-6b", f"{VR}-punkt-10"),  # two process groups: samsjuklighet, psykisk hälsa
    (f"{NOV}-punkt-6b", f"{JAN}-punkt-7b"),  # an LPU representative; the steering group in regional systemledning
]


def links(index_dir: Path) -> dict[str, dict[str, str]]:
    """item id -> {partner id: link type}, as the index holds them."""
    with open_live(index_dir).searcher() as searcher:
        return {doc["data"]["item"]: {p: link["type"] for p, link in doc["data"]["links"].items()}
                for doc in searcher.documents(doctype=RELATIONS)}


def same_matter(found: dict, a: str, b: str) -> bool:
    return found.get(a, {}).get(b) in ("case", "reference", "same")


@pytest.fixture(scope="module")
def sample_links(sample_index):
    return links(sample_index)


@pytest.mark.parametrize(("a", "b"), SAME_MATTER)
def test_the_same_matter_across_meetings_and_organs(sample_links, a, b):
    assert same_matter(sample_links, a, b) and same_matter(sample_links, b, a)  # both ways


@pytest.mark.parametrize(("a", "b"), NOT_SAME)
def test_alike_is_not_the_same_matter(sample_links, a, b):
    assert not same_matter(sample_links, a, b)


def test_items_of_every_meeting_and_headings_are_not_linked_by_likeness(sample_links):
    for item in (f"{NOV}-punkt-1", f"{NOV}-punkt-2", f"{NOV}-punkt-3", f"{NOV}-punkt-8", f"{VR}-punkt-6", f"{NOV}-punkt-4"):
        assert sample_links.get(item, {}) == {}, item


def test_history_of_an_item_has_earlier_later_and_alike(sample_index):
    history = SearchIndex(sample_index).history(f"{VR}-punkt-6a")
    assert [e["id"] for e in history["earlier"]] == [f"{NOV}-punkt-5a", f"{JAN}-punkt-4b"]  # by date
    assert history["later"] == []
    assert all(e["evidence"] for e in history["earlier"]) and history["earlier"][0]["organ"] == "Länschefsnätverket"
    assert SearchIndex(sample_index).history("finns-inte") is None


# --- references and case numbers, with documents written for the tests ------------------------------

@pytest.fixture(scope="module")
def archive_plus(tmp_path_factory, sample_index):
    from archive.collection import BUNDLED

    folder = tmp_path_factory.mktemp("arkiv-plus")
    for path in BUNDLED.iterdir():
        if path.suffix in (".txt", ".toml"):
            shutil.copy(path, folder / path.name)
    for path in DATA.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    index_dir = tmp_path_factory.mktemp("index-plus")
    build(folder, index_dir)
    return folder, index_dir


def test_an_explicit_reference_links_to_the_item_of_that_meeting_most_like_it(archive_plus):
    """Välfärdsrådet 6a: 'Vid Länschefsnätverkets sammanträde den 20 mars 2026 …' and the remit for the agreement."""
    found = links(archive_plus[1])
    assert found[f"{VR}-punkt-6a"][f"{MARCH}-punkt-3"] == "reference"
    assert found[f"{VR}-punkt-10"][f"{MARCH}-punkt-5"] == "reference"
    assert found[f"{MARCH}-punkt-4"][f"{NOV}-punkt-8a"] == "reference"  # 'Vid mötet den 21 november 2025'


def test_a_case_number_and_a_paragraph_reference(archive_plus):
    found = links(archive_plus[1])
    assert found[f"{SN_MARCH}-punkt-12"][f"{SN_SEPT}-punkt-40"] == "case"  # Dnr SN 2024/15
    assert found[f"{SN_SEPT}-punkt-41"][f"{SN_MARCH}-punkt-12"] == "reference"  # 'beslutet 2024-03-01 § 12'
    history = SearchIndex(archive_plus[1]).history(f"{SN_SEPT}-punkt-40")
    assert [(e["id"], e["evidence"]) for e in history["earlier"]] == [(f"{SN_MARCH}-punkt-12", "samma diarienummer SN 2024/15")]


def test_assignments_reported_back_by_case_number_and_by_reference(archive_plus):
    followed = {a.id: a for a in SearchIndex(archive_plus[1]).assignments()}
    remiss = followed[f"{SN_MARCH}-punkt-12-uppdrag-1"]
    assert [w["name"] for w in remiss.who] == ["Förvaltningen"]
    assert remiss.status == "reported" and remiss.followup["id"] == f"{SN_SEPT}-punkt-40"
    routine = followed[f"{NOV}-punkt-8a-uppdrag-1"]  # Beat takes the routine home to Region Dalarna
    assert routine.status == "reported" and routine.followup["id"] == f"{MARCH}-punkt-4"
    assert "hänvisning" in routine.evidence
    taken_home = followed[f"{NOV}-punkt-6b-uppdrag-1"]  # the LPU representative: still nothing about it
    assert taken_home.status == "open" and "2 senare möten i arkivet" in taken_home.evidence


# --- incremental builds keep the relations right ----------------------------------------------------

def test_adding_changing_and_removing_a_meeting_relinks_its_items_as_a_full_rebuild_would(archive_copy, tmp_path):
    """An update links the new meeting's items to everything as a rebuild would, and unlinks what goes; the
    links between items it did not touch stay as they were (a rebuild may weigh those a little differently,
    since every word's rarity moves with the archive: see README, Each matter's history)."""
    index_dir = tmp_path / "index"
    build(archive_copy, index_dir)
    without = links(index_dir)

    shutil.copy(DATA / "lchnv-2026-03-20.txt", archive_copy / "lchnv-2026-03-20.txt")
    report = build(archive_copy, index_dir)
    assert report.added == ["lchnv-2026-03-20.txt"] and report.linked == 5
    added = links(index_dir)
    assert touching(added, MARCH) == touching(links_of_a_rebuild(archive_copy, tmp_path / "fresh-1"), MARCH)
    assert added[f"{NOV}-punkt-8a"][f"{MARCH}-punkt-4"] == "reference"  # the older item links to the new one too
    assert untouched(added, MARCH) == untouched(without, MARCH)

    text = (archive_copy / "lchnv-2026-03-20.txt").read_text(encoding="utf-8")
    (archive_copy / "lchnv-2026-03-20.txt").write_text(
        text.replace("Rutin vid utskrivning från slutenvård vid storhelger och röda dagar", "Kalendarium för hösten"), encoding="utf-8")
    build(archive_copy, index_dir)
    changed = links(index_dir)
    assert touching(changed, MARCH) == touching(links_of_a_rebuild(archive_copy, tmp_path / "fresh-2"), MARCH)
    assert untouched(changed, MARCH) == untouched(without, MARCH)

    (archive_copy / "lchnv-2026-03-20.txt").unlink()
    build(archive_copy, index_dir)
    assert links(index_dir) == without  # nothing points to the removed meeting any more


def touching(found: dict, meeting_id: str) -> set[tuple[str, str, str]]:
    """The links to or from a meeting's items, each seen from both ends."""
    return {(a, b, kind) for a, partners in found.items() for b, kind in partners.items()
            if a.startswith(meeting_id) or b.startswith(meeting_id)}


def untouched(found: dict, meeting_id: str) -> set[tuple[str, str, str]]:
    return {(a, b, kind) for a, partners in found.items() for b, kind in partners.items()} - touching(found, meeting_id)


def test_a_build_with_nothing_to_do_links_nothing(archive_copy, tmp_path):
    build(archive_copy, tmp_path / "index")
    assert build(archive_copy, tmp_path / "index").linked == 0


def links_of_a_rebuild(folder: Path, index_dir: Path) -> dict:
    build(folder, index_dir)
    return links(index_dir)

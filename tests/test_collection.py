"""Reading an archive folder: every good document read, every bad one named, sidecars validated."""

import shutil

import pytest

from archive.collection import load_archive, load_document
from archive.errors import MetadataError


def failures(archive):
    return sorted(str(f) for f in archive.failures)


def test_bundled_archive_reads_cleanly(archive_copy):
    archive = load_archive(archive_copy)
    assert len(archive.meetings) == 5 and archive.failures == []
    assert [m.date.iso() for m in archive.meetings] == ["2020-09-25", "2021-12", "2025-11-21", "2026-01-29", "2026-04-09"]


def test_bad_files_are_reported_and_the_rest_are_read(archive_copy):
    (archive_copy / "tom.txt").write_bytes(b"")
    (archive_copy / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (archive_copy / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (archive_copy / ".DS_Store").write_bytes(b"\x00\x01")
    archive = load_archive(archive_copy)
    assert len(archive.meetings) == 5
    assert [f.split(":")[0] for f in failures(archive)] == ["bild.png", "tom.txt", "trasig.pdf"]


def test_the_same_meeting_twice_is_reported_once(archive_copy):
    shutil.copy(archive_copy / "000_5a5c8d5fa5cb1465.txt", archive_copy / "kopia av 000.txt")
    archive = load_archive(archive_copy)
    assert len(archive.meetings) == 5
    assert failures(archive) == [
        "kopia av 000.txt: samma möte (lanschefsnatverket-2025-11-21-minnesanteckningar) som "
        "000_5a5c8d5fa5cb1465.txt: rätta organ eller datum i en sidofil"
    ]


def test_ids_do_not_depend_on_file_names(archive_copy, samples):
    renamed = archive_copy / "LCHNV minnesanteckningar nov.txt"
    shutil.copy(archive_copy / "000_5a5c8d5fa5cb1465.txt", renamed)
    assert load_document(renamed).id == samples["000"].id


def test_references_resolve_to_archived_meetings(archive_copy):
    archive = load_archive(archive_copy)
    january = archive.get("lanschefsnatverket-2026-01-29-minnesanteckningar")
    previous = january.references[0]
    assert previous.text == "Föregående minnesanteckningar 251121"
    assert archive.resolve(previous, january).id == "lanschefsnatverket-2025-11-21-minnesanteckningar"
    council = archive.get("valfardsradet-2026-04-09-minnesanteckningar")
    assert all(archive.resolve(ref, council) is None for ref in council.references)  # none of them is archived


def test_sidecar_overrides_and_reports_a_conflict(archive_copy):
    (archive_copy / "000_5a5c8d5fa5cb1465.meta.toml").write_text(
        'date = "2025-11-20"\ntitle = "LCHNV november"\nsource_url = "https://example.org/lchnv.pdf"\n', encoding="utf-8"
    )
    meeting = load_document(archive_copy / "000_5a5c8d5fa5cb1465.txt")
    assert (meeting.date.iso(), meeting.title, meeting.source_url) == ("2025-11-20", "LCHNV november", "https://example.org/lchnv.pdf")
    assert meeting.field_sources["date"] == "sidofil 000_5a5c8d5fa5cb1465.meta.toml"
    assert "sidofilen anger datum 2025-11-20, texten 2025-11-21: sidofilen gäller" in meeting.warnings


def test_without_its_sidecar_the_agenda_says_what_is_missing(archive_copy):
    (archive_copy / "001_5579be9212fe8716.meta.toml").unlink()
    meeting = load_document(archive_copy / "001_5579be9212fe8716.txt")
    assert meeting.date is None and meeting.organ == "Länschefsnätverket"
    assert meeting.field_sources["organ"] == "beslutsformler"
    assert "datum saknas: texten anger inget mötesdatum (ange det i en sidofil)" in meeting.warnings
    assert meeting.id.startswith("lanschefsnatverket-odaterad-") and meeting.id.endswith("-dagordning")


@pytest.mark.parametrize(
    "content, message",
    [
        ('date = "2021-12"\ndate_typo = 3\n', "000_5a5c8d5fa5cb1465.meta.toml:2: okänt fält 'date_typo'"),
        ('organ = "LCHNV"\ndate = "2021-13"\n', "000_5a5c8d5fa5cb1465.meta.toml:2: ogiltigt datum '2021-13'"),
        ('doc_type = "minnesanteckningar"\n', "000_5a5c8d5fa5cb1465.meta.toml:1: okänd dokumenttyp 'minnesanteckningar'"),
        ('date = 2021-12-01\n', "000_5a5c8d5fa5cb1465.meta.toml:1: 'date' ska vara en icke-tom textsträng"),
        ('date = "2021-12\n', "000_5a5c8d5fa5cb1465.meta.toml:1: ogiltig TOML"),
    ],
)
def test_a_broken_sidecar_names_its_file_and_line(archive_copy, content, message):
    (archive_copy / "000_5a5c8d5fa5cb1465.meta.toml").write_text(content, encoding="utf-8")
    with pytest.raises(MetadataError) as caught:
        load_document(archive_copy / "000_5a5c8d5fa5cb1465.txt")
    assert str(caught.value).startswith(message)
    archive = load_archive(archive_copy)
    assert len(archive.meetings) == 4 and failures(archive)[0].startswith(message)

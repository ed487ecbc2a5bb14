"""Readers: the samples as PDF and DOCX give the structure of the text version; encodings; bad input."""

import shutil

import pytest

from archive.collection import load_document
from archive.errors import ReadError
from archive.readers import read_text
from tests.conftest import SAMPLES
from scripts.formats import write_docx, write_pdf
from tests.test_samples import EXPECTED, outline

WRITERS = {"pdf": write_pdf, "docx": write_docx}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Every sample rendered as PDF and as DOCX, with its sidecar beside it: {(key, format): Meeting}."""
    folder = tmp_path_factory.mktemp("formats")
    meetings = {}
    for key, source in SAMPLES.items():
        sidecar = source.with_name(source.stem + ".meta.toml")
        if sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)
        for fmt, write in WRITERS.items():
            path = write(source.read_text(encoding="utf-8"), folder / f"{source.stem}.{fmt}")
            meetings[key, fmt] = load_document(path)
    return meetings


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("key", SAMPLES)
def test_same_structure_as_the_text_version(converted, samples, key, fmt):
    meeting, original = converted[key, fmt], samples[key]
    assert outline(meeting) == EXPECTED[key][1]
    assert meeting.id == original.id
    assert meeting.attendees == original.attendees
    assert [(r.date, r.organ) for r in meeting.references] == [(r.date, r.organ) for r in original.references]
    for item, original_item in zip(meeting.all_items(), original.all_items()):
        assert words(item.text) == words(original_item.text), item.number


def test_docx_numbering_is_rebuilt_from_word_lists(tmp_path):
    path = write_docx(SAMPLES["000"].read_text(encoding="utf-8"), tmp_path / "numrerad.docx")
    lines = read_text(path).splitlines()
    assert "1. Mötets öppnande" in lines
    assert "a) Beslut: Samarbetsavtal mellan kommunerna och Region Dalarna inom" in lines
    assert "8. Övriga frågor" in lines and "b) Dialog: Samsjuklighet – lägesbild och behov av fortsatt strategisk" in lines


def test_docx_tables_keep_their_cells(tmp_path):
    path = write_docx(SAMPLES["002"].read_text(encoding="utf-8"), tmp_path / "tabell.docx")
    assert "Ludvika\tÅsa Bergkvist (v ordf)\tHåkan Frank" in read_text(path).splitlines()


def test_pdf_pages_are_joined_by_page_breaks(tmp_path):
    path = write_pdf(SAMPLES["000"].read_text(encoding="utf-8"), tmp_path / "sidor.pdf")
    text = read_text(path)
    assert text.count("\f") >= 5 and "Sida 2" in text


# --- encodings ---------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_text_in_any_common_encoding(tmp_path, key, encoding):
    original = SAMPLES[key].read_text(encoding="utf-8")
    data = original.encode(encoding, errors="replace")  # latin-1 has no '–' or '”': they become '?'
    path = tmp_path / f"{key}.txt"
    path.write_bytes(data)
    expected = data.decode(encoding).lstrip("\ufeff")
    assert read_text(path).lstrip("\ufeff") == expected


def test_cp1252_document_parses_like_the_utf8_one(tmp_path, samples):
    path = tmp_path / "002_b4eaa3d42f7e7c54.txt"
    path.write_bytes(SAMPLES["002"].read_text(encoding="utf-8").encode("cp1252"))
    assert outline(load_document(path)) == EXPECTED["002"][1]


def test_markdown_file(tmp_path):
    path = tmp_path / "anteckningar.md"
    path.write_text(
        "# Minnesanteckningar Välfärdsrådet i Dalarna\n\nDatum: 2026-05-20\n\n"
        "1. **Information: Aktivitetskravet**\n\nVälfärdsrådet beslutade\n\natt lägga informationen till handlingarna\n",
        encoding="utf-8",
    )
    meeting = load_document(path)
    assert (meeting.organ, meeting.date.iso()) == ("Välfärdsrådet", "2026-05-20")
    assert outline(meeting) == [("1", "Information", "Aktivitetskravet", [], ["att lägga informationen till handlingarna"], [])]


# --- bad input ---------------------------------------------------------------------------------


def _encrypted_pdf(tmp_path, user_password):
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf("1. Mötets öppnande\n", tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password=user_password, owner_password="ägaren", algorithm="AES-256")
    path = tmp_path / "krypterad.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def _truncated_pdf(tmp_path):
    whole = write_pdf(SAMPLES["000"].read_text(encoding="utf-8"), tmp_path / "hel.pdf").read_bytes()
    path = tmp_path / "avkortad.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    return path


BAD_FILES = {
    "tom.txt": (b"", "filen är tom"),
    "blank.txt": (b" \n\n \t\n", "filen är tom"),
    "binar.txt": (bytes(range(256)) * 20, "binär fil"),
    "skrap.txt": (bytes((i * 7919) % 128 + 128 for i in range(4000)), "okänd teckenkodning"),
    "inte-en.pdf": ("Det här är ingen PDF\n".encode(), "inte en PDF"),
    "skadad.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8, "PDF"),
    "skadad.docx": (b"PK\x03\x04 inte ett riktigt zip-arkiv", "trasig DOCX"),
    "text.docx": ("1. Mötets öppnande\n".encode(), "trasig DOCX"),
    "kalkyl.xlsx": (b"PK\x03\x04", "okänd filtyp '.xlsx'"),
    "utan-filandelse": ("1. Mötets öppnande\n".encode(), "okänd filtyp"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_gives_one_line_error_naming_it(tmp_path, name):
    data, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_text(path)
    text = str(caught.value)
    assert text.startswith(f"{name}: ") and message in text and "\n" not in text


def test_truncated_pdf(tmp_path):
    with pytest.raises(ReadError, match=r"^avkortad\.pdf: .*(avkortad|trasig|ingen text)"):
        read_text(_truncated_pdf(tmp_path))


def test_pdf_with_an_unknown_stream_filter(tmp_path):
    """Regression (found by test_fuzz): a damaged filter name once escaped the reader as an exception.
    PDFium skips the stream it cannot decode and reads the rest; whatever it does, nothing else escapes."""
    write_pdf(SAMPLES["000"].read_text(encoding="utf-8"), tmp_path / "hel.pdf")
    damaged = tmp_path / "skadad.pdf"
    damaged.write_bytes((tmp_path / "hel.pdf").read_bytes().replace(b"/ASCII85Decode", b"/ASCII85DWcode", 1))
    try:
        text = read_text(damaged)
    except ReadError as error:
        assert str(error).startswith("skadad.pdf: ")
    else:
        assert "Övriga frågor" in text


def test_encrypted_pdf_that_needs_a_password(tmp_path):
    with pytest.raises(ReadError, match=r"^krypterad\.pdf: krypterad PDF: den kräver lösenord"):
        read_text(_encrypted_pdf(tmp_path, user_password="hemligt"))


def test_encrypted_pdf_with_only_an_owner_password_is_read(tmp_path):
    assert "Mötets öppnande" in read_text(_encrypted_pdf(tmp_path, user_password=""))


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match=r"^saknas\.pdf: kan inte läsa filen"):
        read_text(tmp_path / "saknas.pdf")


def test_scanned_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "inskannad.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 200, fill=1)
    pdf.save()
    with pytest.raises(ReadError, match=r"^inskannad\.pdf: dokumentet innehåller ingen text"):
        read_text(path)

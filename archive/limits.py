"""What one document may cost: the limits that bound every stage of reading, parsing and indexing.

Each stage is linear in its input; these limits bound the input, so that no file of a records folder
nobody curated can take the build's time or memory. They are generous: a real protocol can run to
300 pages (about 1 million characters, 15,000 lines, 100 items). A document over a document limit
is refused with a message naming it; a line over the line limit is cut, with a warning naming it.
"""

from __future__ import annotations

# --- documents: over these, the file is refused (ReadError) and the rest of the archive indexed --------
MAX_FILE_BYTES = 256 * 2**20  # a 300-page PDF with scanned signature pages is tens of MB; pypdf holds it all in memory
MAX_UNPACKED_BYTES = 256 * 2**20  # a DOCX's parts inflated: a zip bomb is refused before a byte of it is inflated
MAX_PDF_PAGES = 5_000  # pypdf costs time for every page, empty or not; 15 long protocols in one file
MAX_DOCUMENT_CHARS = 10_000_000  # about 3,000 pages of text
MAX_LINES = 100_000  # 300 pages are some 15,000 lines; some extractors add a blank line between every two

# --- inside a document: over these, the excess is cut, left unsplit or read as text, with a warning where it loses text
MAX_LINE_CHARS = 10_000  # three pages without a line break; longer is an embedded image or binary, and regexes run per line
MAX_WORD_CHARS = 60  # the longest Swedish compounds have some 40 letters; a longer run is a code: never split or stemmed
MAX_ITEMS = 2_000  # a council protocol has 20-80 §, a delegation register some hundreds; more is numbered text
MAX_DEPTH = 2  # punkt and underpunkt (1., a) or 1.1): numbering nested deeper is the sub-item's text, never recursion
MAX_WARNINGS = 1_000  # far more than any real document has; a garbage file of a million lines would carry a million


def number(n: int) -> str:
    """A count as Swedish writes it: 1 000 000."""
    return f"{n:,}".replace(",", " ")


def cut_long_lines(text: str) -> tuple[str, list[str]]:
    """The text with every line cut to MAX_LINE_CHARS, and a warning naming each line cut."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    warnings: list[str] = []
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            warnings.append(f"rad {index + 1}: raden har {number(len(line))} tecken; "
                            f"bara de första {number(MAX_LINE_CHARS)} läses")
            lines[index] = line[:MAX_LINE_CHARS]
    return ("\n".join(lines) if warnings else text), warnings


def capped_warnings(warnings: list[str]) -> list[str]:
    """At most MAX_WARNINGS warnings, then one that counts the rest."""
    if len(warnings) <= MAX_WARNINGS:
        return warnings
    rest = len(warnings) - MAX_WARNINGS
    return warnings[:MAX_WARNINGS] + [f"… och {number(rest)} varningar till (visas inte)"]

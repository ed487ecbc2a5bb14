"""A §-protocol's body -> its paragraphs: where each begins, its case number and title, and its sections.

Finding the paragraphs: every '§ N' heading in order; a repeated number is the same paragraph going on
over a page ('BUN § 42 (fort.)'); a run of headings that starts again from an earlier number is a
contents list when a contents heading stands before it, when its lines have dot leaders, or when its
headings stand with nothing between them. Reading one: case number, title (wrapped lines joined,
the title ending where a line would have fitted on the one before), then its sections, of which only
the decision sections give decisions; votes and reservations become fields, the rest stays text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from . import rules
from .clean import Gap, Line, join_wrapped
from .decision_sections import read_decisions
from .items import FUNCTION_WORDS, KIND, SUBTITLE, TITLE_LINES, WRAPPED, Body, Draft, normalise_kind, tidy_title
from .limits import MAX_ITEMS, number
from .model import Decision
from .outcomes import find_reservations, find_votes, sentences
from .paragraphs import Heading, case_number_line, is_contents_heading, paragraph_heading
from .sections import DECISION, HISTORY, ORDER, PROPOSAL, RESERVATION, VOTE, inline_section, section_kind

CLOSING = re.compile(rf"^(?:{rules.alternation(rules.values('closing_formulas'))})$", re.IGNORECASE)
PROSE_DECISION = rules.regex("prose_decisions")
FIT = 0.9  # characters are not widths: a next word that nearly fits was wrapped all the same
NUMBER_ONLY = re.compile(r"^[\d\s/–-]{2,12}$")  # '2025', '2024-2027': a title's number wrapped onto a line of its own
DENSE = 2  # a contents list has at most this many lines between its headings


@dataclass
class Layout:
    """Where a protocol's paragraphs are: the body headings, and the lines that are contents lists."""

    headings: list[tuple[int, Heading]]
    contents: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.headings[0][0] if self.headings else 0


def find_layout(lines: list[Line]) -> Layout | None:
    """The paragraphs of a protocol, or None if the text has no § headings."""
    candidates = [(i, h) for i, line in enumerate(lines) if (h := paragraph_heading(line.text)) and _plausible(lines, i, h)]
    if not candidates:
        return None
    runs = _runs(candidates)
    starts = [0] + [run[-1][0] + 1 for run in runs[:-1]]  # where the lines before each run begin
    marked = [_is_contents(run, lines[start: run[0][0]], len(runs) > 1) for run, start in zip(runs, starts)]
    if all(marked):
        marked[max(range(len(runs)), key=lambda r: len(runs[r]))] = False
    layout = Layout([c for run, contents in zip(runs, marked) if not contents for c in run])
    for run, contents in zip(runs, marked):
        if contents:
            layout.contents |= _contents_lines(run, lines, layout)
    return layout


def _plausible(lines: list[Line], i: int, heading: Heading) -> bool:
    """A '§ 89' that a wrapped sentence put at the start of a line is not a heading."""
    if heading.contents or heading.case_number or not heading.title:
        return True
    if i > 0 and lines[i].gap == Gap.NONE and not lines[i - 1].text.endswith((".", ":", "!", "?")):
        return heading.title[:1].isupper() and len(lines[i - 1].text) < 70
    return heading.title[:1].isupper() or heading.title[:1].isdigit()


def _runs(candidates: list[tuple[int, Heading]]) -> list[list[tuple[int, Heading]]]:
    """The headings split where the numbering starts again from an earlier paragraph."""
    runs: list[list[tuple[int, Heading]]] = [[]]
    for index, heading in candidates:
        run = runs[-1]
        if run and int(heading.number) < int(run[-1][1].number):
            runs.append([])
        runs[-1].append((index, heading))
    return runs


def _is_contents(run: list[tuple[int, Heading]], before: list[Line], other_runs: bool) -> bool:
    """A contents list: under a contents heading, with dot leaders, or headings with nothing between them."""
    if any(is_contents_heading(line.text) for line in before[-6:]):
        return True
    if sum(h.contents for _i, h in run) * 2 >= len(run):
        return True
    if not other_runs or len(run) < 2:
        return False
    gaps = [b[0] - a[0] - 1 for a, b in zip(run, run[1:])]
    return statistics.median(gaps) <= DENSE


def _contents_lines(run: list[tuple[int, Heading]], lines: list[Line], layout: Layout) -> set[int]:
    """The contents list's lines: from its heading to the next body paragraph (or the end)."""
    first = run[0][0]
    start = next((i for i in range(first, max(-1, first - 7), -1) if is_contents_heading(lines[i].text)), first)
    following = [i for i, _h in layout.headings if i > first]
    end = following[0] if following else len(lines)
    return set(range(start, end))


# --- reading the paragraphs -------------------------------------------------------------------


def read_paragraphs(lines: list[Line], layout: Layout, organ: str | None) -> Body:
    drafts: list[Draft] = []
    warnings: list[str] = []
    prose: dict[int, list[str]] = {}  # a paragraph's text outside any section, for protocols without 'Beslut'
    title_width = _title_width(lines, layout)
    text_width = _text_width(lines)
    bounds = [i for i, _h in layout.headings] + [len(lines)]
    for (start, heading), end in zip(layout.headings, bounds[1:]):
        chunk = [line for i, line in enumerate(lines[start + 1: end], start + 1) if i not in layout.contents]
        if len(drafts) >= MAX_ITEMS and heading.number != drafts[-1].number:
            if not any("punkter;" in w for w in warnings):
                warnings.append(f"rad {lines[start].number}: fler än {number(MAX_ITEMS)} punkter; "
                                "resten av dokumentet läses som text i den sista")
            drafts[-1].body.extend([lines[start], *chunk])  # the rest is the last paragraph's text
            continue
        if drafts and (heading.continued or heading.number == drafts[-1].number):
            _continue(drafts[-1], chunk, organ, prose)
            continue
        draft = Draft(heading.number, "", lines[start].number, case_number=heading.case_number)
        _read_paragraph(draft, heading, chunk, organ, text_width if heading.title else title_width, prose)
        if not draft.title:
            warnings.append(f"§ {draft.number}: ingen rubrik")
        drafts.append(draft)
    if not any(lines[i].text and section_kind(lines[i].text) == DECISION for i in range(layout.start, len(lines))):
        _prose_decisions(drafts, prose, organ)
    return Body([draft.freeze() for draft in drafts], warnings, [])


def _prose_decisions(drafts: list[Draft], prose: dict[int, list[str]], organ: str | None) -> None:
    """A protocol that writes no 'Beslut' headings records its decisions in its sentences:
    'Förslaget … föredrogs och bordlades åter.', 'Följande dokument hänvisades till utskott:'."""
    for draft in drafts:
        for sentence in sentences(" ".join(prose.get(id(draft), []))):
            if PROSE_DECISION.search(sentence):
                draft.decisions.append(Decision(sentence, organ))


def _text_width(lines: list[Line]) -> int:
    """How long the protocol's lines of text get: a title on its heading's line wraps there."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _title_width(lines: list[Line], layout: Layout) -> int:
    """How long a title line gets before it wraps: the longest first title line that surely wrapped
    (the next line goes on in lower case), else the protocol's usual title length."""
    firsts, wrapped = [], []
    for start, heading in layout.headings:
        following = [line for line in lines[start + 1: start + 4] if not case_number_line(line.text)]
        first = heading.title or (following[0].text if following else "")
        if not first or section_kind(first):
            continue
        firsts.append(len(first))
        after = following[1 if not heading.title else 0: 2 if not heading.title else 1]
        if after and after[0].text[:1].islower():
            wrapped.append(len(first))
    if wrapped:
        return max(wrapped)
    return int(statistics.quantiles(firsts, n=4)[-1]) if len(firsts) >= 4 else max(firsts, default=60)


def _read_paragraph(
    draft: Draft, heading: Heading, chunk: list[Line], organ: str | None, width: int, prose: dict[int, list[str]]
) -> None:
    rest = list(chunk)
    if draft.case_number is None and rest and (case := case_number_line(rest[0].text)):
        draft.case_number, rest = case, rest[1:]
    title, rest = _read_title(heading.title, rest, width)
    if match := KIND.match(title):
        draft.kind, title = normalise_kind(match.group("kind")), match.group("title").strip()
    draft.title = title
    if draft.case_number is None and rest and (case := case_number_line(rest[0].text)):
        draft.case_number, rest = case, rest[1:]
    _read_sections(draft, rest, organ, prose)


def _continue(draft: Draft, chunk: list[Line], organ: str | None, prose: dict[int, list[str]]) -> None:
    """A paragraph going on over a page: its sections continue where they were."""
    if chunk and case_number_line(chunk[0].text) == draft.case_number:
        chunk = chunk[1:]
    _read_sections(draft, chunk, organ, prose)


def _read_title(first: str, lines: list[Line], width: int) -> tuple[str, list[Line]]:
    """The title: on the heading's line or the next, with the lines it wraps onto. Lines that stand alone
    between the heading and the first section, all of a title's width, are all the title."""
    title_lines = [first] if first else []
    i = 0
    if not title_lines:
        if not lines or _opens_text(lines[0].text):
            return "", lines
        if block := _title_block(lines, width):
            return _joined(block), lines[len(block):]
        title_lines, i = [lines[0].text], 1
    while i < len(lines) and len(title_lines) < TITLE_LINES and _continues_title(title_lines, lines[i], width):
        title_lines.append(lines[i].text)
        i += 1
    return _joined(title_lines), lines[i:]


def _joined(title_lines: list[str]) -> str:
    title = ""
    for part in title_lines:
        title = join_wrapped(title, part)
    return tidy_title(title)


def _title_block(lines: list[Line], width: int) -> list[str]:
    """The lines before the first section heading, when they can only be a title: at most four, none
    wider than a title, none ending a sentence before the last, no blank line or sub-caption among them."""
    block: list[str] = []
    for index, line in enumerate(lines[:TITLE_LINES]):
        if section_kind(line.text) or inline_section(line.text):
            return block if len(block) >= 2 else []
        if (
            len(block) == 4 or len(line.text) > width + 5 or (index and line.gap in (Gap.LINE, Gap.PARA))
            or (block and block[-1].endswith((".", ":"))) or line.table
            or (index and _ends_title(line.text) and not _open_end(block[-1]))
        ):
            return []
        block.append(line.text)
    return []


def _opens_text(text: str) -> bool:
    """A first line after the heading that is not a title: a section, a case number, the closing."""
    return bool(section_kind(text) or inline_section(text) or case_number_line(text) or CLOSING.match(text))


def _ends_title(text: str) -> bool:
    return bool(_opens_text(text) or SUBTITLE.fullmatch(text) or text.startswith(("•", "–", "#")))


def _open_end(last: str) -> bool:
    """A title line that cannot end the title: a comma, a dash, a function word, an open bracket."""
    last_word = last.split()[-1].lower() if last.split() else ""
    return last.endswith((",", "–", "-", "&", ":")) or last_word in FUNCTION_WORDS or last.count("(") > last.count(")")


def _continues_title(title_lines: list[str], line: Line, width: int) -> bool:
    text, last = line.text, title_lines[-1]
    if NUMBER_ONLY.match(text) and line.gap in (Gap.NONE, Gap.PAGE):  # a page may break inside a title
        return True
    if line.table or _opens_text(text) or len(text) > 120:
        return False
    open_end = _open_end(last)
    if line.gap == Gap.PAGE:
        return open_end  # a title that a page break cut, after 'av', 'och', a comma
    if line.gap >= Gap.LINE:
        return open_end and not text[:1].isupper()
    if open_end or text[:1].islower() or text.startswith("("):
        return True
    if _ends_title(text) or last.endswith((".", "!", "?")):
        return False
    if text[:1].isdigit():
        return True  # '25:38, Morningside Marina': a title's numbers wrapped onto the next line
    longest = max(max(len(t) for t in title_lines), width)
    wrapped = len(last) >= longest * WRAPPED and len(last) + 1 + len(text.split()[0]) > longest * FIT
    return wrapped and len(text) <= longest + 5


# --- sections -----------------------------------------------------------------------------------


@dataclass
class Section:
    kind: str | None
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


def _read_sections(draft: Draft, lines: list[Line], organ: str | None, prose: dict[int, list[str]]) -> None:
    for section in _sections(lines):
        if section.kind is None:
            prose.setdefault(id(draft), []).extend(line.text for line in section.lines)
        if section.kind == DECISION:
            decisions, leftover = read_decisions(section.lines, organ)
            draft.decisions.extend(decisions)
            _add_text(draft, None, leftover)
        elif section.kind == PROPOSAL:
            proposals, leftover = read_decisions(section.lines, organ)
            draft.proposals.extend(proposals)
            _add_text(draft, section.heading if leftover else None, leftover)
        else:
            text = " ".join(line.text for line in section.lines)
            if section.kind in (VOTE, ORDER):
                draft.votes.extend(find_votes(text))
            if section.kind == RESERVATION:
                draft.reservations.extend(find_reservations(text))
            _add_text(draft, section.heading, section.lines)


def _sections(lines: list[Line]) -> list[Section]:
    sections = [Section(None, None)]
    for line in lines:
        if CLOSING.match(line.text):
            break
        if kind := section_kind(line.text):
            sections.append(Section(kind, line))
        elif inline := inline_section(line.text):
            kind, content = inline
            sections.append(Section(kind, Line(line.number, line.text.partition(":")[0], line.gap)))
            sections[-1].lines.append(Line(line.number, content, Gap.NONE))
        else:
            sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.heading is not None and s.kind not in (DECISION, HISTORY)]


def _add_text(draft: Draft, heading: Line | None, lines: list[Line]) -> None:
    """Text keeps its section headings as paragraphs of their own ('Reservation', then what it says)."""
    if heading is not None:
        draft.body.append(Line(heading.number, heading.text.rstrip(":").strip(), Gap.PAGE))
    for index, line in enumerate(lines):
        if index == 0 and heading is not None:
            line = Line(line.number, line.text, Gap.PAGE, line.table, line.columns)
        draft.body.append(line)

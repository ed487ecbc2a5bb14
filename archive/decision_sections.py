"""A protocol's 'Beslut' section -> its decisions, in every Swedish form.

'Kommunstyrelsen beslutar att …' (att-form, on the line or as points after it), numbered points,
bullets ('- att …'), prose ('Ärendet bordläggs.', 'Länsstyrelsens beslut antecknas.'), a lead that
only introduces them ('Barn- och utbildningsnämnden beslutar följande:', 'På förslag av X:'), and a
decision to propose to another organ ('Kommunstyrelsen föreslår kommunfullmäktige besluta: …'), which
is the proposing organ's decision, recorded with the organ it goes to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules
from .clean import Gap, Line, Wrapped
from .model import Decision
from .organs import ORGAN_NAME, as_name

TERMINAL = (".", "!", "?", ".”", '."')
_VERBS = rules.mapping("decision_verbs")
_TAKEN = rules.alternation(v for v, kind in _VERBS.items() if kind == "decides")
_PROPOSES = rules.alternation(v for v, kind in _VERBS.items() if kind == "proposes")

TAKEN = re.compile(rf"^(?P<by>{ORGAN_NAME})\s+(?:{_TAKEN})\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
PROPOSES = re.compile(
    rf"^(?P<by>{ORGAN_NAME})\s+(?:beslutar\s+att\s+|tillstyrker\s+.+?\s+och\s+)?(?:{_PROPOSES})\s+(?:att\s+)?"
    rf"(?P<to>{ORGAN_NAME})\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
ONLY_LEAD = re.compile(  # what may follow the organ and its verb in a lead that is not itself a decision
    r"^(?:för egen del\s*)?(?:att\s+)?(?:besluta|beslutar|fatta|fattar)?\s*(?:följande\s*(?:beslut)?|följande)?\s*[:.]?$",
    re.IGNORECASE,
)
LEADS = rules.regex("decision_leads")
HEADING_ONLY = re.compile(r"beslut:?", re.IGNORECASE)  # the section's heading repeated
DECIDES = re.compile(rf"\b(?:{'|'.join(rules.values('decision_words'))})\b", re.IGNORECASE)
POINT = re.compile(r"^(?:[•–-]\s*|\d{1,2}[.)]\s+|[a-z]\)\s+)")
ATT = re.compile(r"^(?:\d{1,2}[.)]\s*)?att\s+\S", re.IGNORECASE)
FOLLOWING = re.compile(r"\bföljande\b", re.IGNORECASE)  # 'har följande motioner inkommit': a list follows
FOLLOWING_LAST = re.compile(r"\bföljande\b[^.]*\.$", re.IGNORECASE)
NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
LETTERED = re.compile(r"^[a-z]\)\s")
ATTACHMENT = re.compile(r"^Bilag(?:a|or)(?:\s+[A-Z0-9]{1,3})?\.?$")


@dataclass
class Lead:
    """What the first sentence of a decision section says about the decisions after it."""

    decided_by: str | None
    to_organ: str | None
    text: str | None  # the decision on the lead's own line ('… beslutar att godkänna …'), if any
    wording: str = ""  # the lead as printed, part of each decision after it unless it only says who decides


def read_decisions(lines: list[Line], organ: str | None) -> tuple[list[Decision], list[Line]]:
    """The decisions of a decision section, and the lines of it that are not decisions ('Bilaga A')."""
    decided_by, to_organ, wording = organ, None, ""
    decisions: list[Decision] = []
    leftover: list[Line] = []
    telling = False  # a paragraph after the decisions introduced a list of documents: the list is not decisions
    for text, line in _points(lines):
        lead = read_lead(text) if line is None else None
        if line is not None:
            leftover.append(line)
        elif lead and to_organ and lead.decided_by == to_organ:
            # 'KSVU föreslår kommunstyrelsen …' then 'Kommunstyrelsen föreslår kommunfullmäktige …': one chain
            wording = f"{wording} {lead.wording or ''}".strip()
            if lead.text:
                decisions.append(_decision(f"{wording} {lead.text}", decided_by, to_organ))
        elif lead:
            decided_by = lead.decided_by or decided_by
            to_organ = lead.to_organ if lead.decided_by else to_organ
            wording = lead.wording
            if lead.text:
                decisions.append(_decision(lead.text, decided_by, to_organ))
        elif decisions and not POINT.match(text) and not ATT.match(text) and (telling or not DECIDES.search(text.split("\n")[0])):
            leftover.append(Line(0, text, Gap.PAGE))
            telling = telling or text.endswith(":") or bool(FOLLOWING.search(text))
        else:
            joiner = "\n" if POINT.match(text) else " "
            decisions.append(_decision(f"{wording}{joiner}{text}" if wording else text, decided_by, to_organ))
    return decisions, leftover


def read_lead(sentence: str) -> Lead | None:
    """'Kommunstyrelsen föreslår kommunfullmäktige besluta:' -> Lead(Kommunstyrelsen, Kommunfullmäktige, None)."""
    sentence = " ".join(sentence.split())
    if match := PROPOSES.match(sentence):
        rest = match.group("rest").strip()
        by, to = as_name(match.group("by")), as_name(match.group("to"))
        if ONLY_LEAD.match(rest):
            return Lead(by, to, None, sentence)
        return Lead(by, to, sentence)
    if match := TAKEN.match(sentence):
        rest = match.group("rest").strip()
        by = as_name(match.group("by"))
        if ONLY_LEAD.match(rest) or re.fullmatch(r"(?:för egen del\s+)?att:?", rest, re.IGNORECASE):
            return Lead(by, None, None, sentence)
        return Lead(by, None, sentence)
    if LEADS.fullmatch(sentence):
        return Lead(None, None, None, "" if HEADING_ONLY.fullmatch(sentence) else sentence)
    return None


def _points(lines: list[Line]):
    """(text, None) for each decision point or lead, (text, line) for a line that is not part of one.

    A point is a bullet, a numbered point, an att-sats or a paragraph of prose; one that ends with a
    colon goes on with what it introduces (the amounts, a whole yttrande with its own bullets), unless
    it is a lead, up to the next point of its own kind. Points grow as Wrapped text: linear in length.
    """
    points: list[Wrapped] = []
    marker: str | None = None  # how the current point began: '–', '•', a number, 'att'
    listing = False  # the current point ended with ':' and goes on with its list
    width = max((len(line.text) for line in lines), default=0)
    previous: Line | None = None
    for line in lines:
        text = line.text
        kind = _marker(text)
        if ATTACHMENT.match(text):
            yield from ((str(p), None) for p in points)
            points, listing = [], False
            yield text, line
            previous = line
            continue
        bare = POINT.sub("", text, count=1) if text.startswith(("•", "–", "-")) else text
        if listing and (kind is None or kind != marker):
            points[-1].new_line(text)
        elif kind == "att" and points and _open(points[-1].tail()):
            points[-1].wrap(text)  # '… engångsmuggarna och' / 'att anställda …': one sats
        elif kind or not points or _ends_lead(points[-1]):
            points.append(Wrapped(bare))
            marker, listing = kind, False
        elif _introduces(points[-1].tail(LEAD_CHARS)) and not _ends_lead(points[-1]):
            points[-1].new_line(text)
            listing = True
        elif _new_paragraph(points[-1].tail(), previous, line, width) or (marker and points[-1].endswith(TERMINAL)):
            points.append(Wrapped(bare))  # a sentence after a finished point of a list is a paragraph of its own
            marker = None
        else:
            points[-1].wrap(text)
        previous = line
    yield from ((str(p), None) for p in points)


def _introduces(tail: str) -> bool:
    """A point that introduces what follows it: 'enligt följande:', '… med följande kompletteringar.'"""
    last = tail.split("\n")[-1]
    return last.endswith(":") or (last.endswith(".") and bool(FOLLOWING_LAST.search(last)))


def _open(point: str) -> bool:
    """'… tar bort plastlocken och' / 'att anställda …': the att-sats goes on after a conjunction."""
    last = point.rstrip().split()[-1].lower() if point.strip() else ""
    return last in ("och", "samt", "eller")


def _marker(text: str) -> str | None:
    """'–' or '•' for a bullet, '1' for a numbered point, 'att' for an att-sats, None for prose."""
    if text.startswith(("•", "–", "-")):
        return text[0].replace("-", "–")
    if NUMBERED.match(text):
        return "1"
    if LETTERED.match(text):
        return "a"
    return "att" if ATT.match(text) else None


LEAD_CHARS = 400  # a lead is a sentence: a longer point is never read as one (and not re-read as it grows)


def _ends_lead(point: Wrapped) -> bool:
    if point.longer_than(LEAD_CHARS) or not point.endswith((":",) + TERMINAL):
        return False
    return (lead := read_lead(str(point))) is not None and lead.text is None


def _new_paragraph(current: str, previous: Line | None, line: Line, width: int) -> bool:
    """A prose decision ends with its paragraph: a blank line, or a short line that ends a sentence."""
    if not current.endswith(TERMINAL) or not line.text[:1].isupper():
        return False
    if line.gap >= Gap.LINE:
        return True
    return previous is not None and len(previous.text) + 1 + len(line.text.split()[0]) < width * 0.9


def _decision(text: str, decided_by: str | None, to_organ: str | None) -> Decision:
    text = "\n".join(" ".join(part.split()) for part in text.strip().split("\n"))
    return Decision(text, decided_by, kind="proposal" if to_organ else None, to_organ=to_organ)

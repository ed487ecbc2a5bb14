"""Assignments: the decisions that give someone a task, read into who, what, to whom they report and by when.

An assignment comes from a decision of kind "assignment" (archive.decision_kinds): 'att uppdra Johanna
Munters … att koordinera …', 'att arbetet … ska beredas vidare i LPO …', 'att Region Dalarna tar hem
frågan … och återkommer med förslag'. A decision with numbered points gives one assignment per point;
'att återrapportering sker till styrgruppen' names whom the assignment before it reports to. In
minutes, an item with no assignment among its decisions may still hand a matter on in a sentence ('Hon
tar hem ärendet … och återkommer med förslag'): that is an assignment too, taken from the text.
The phrasings are data (rules/assignments.toml); agendas give none (their decisions are proposals).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from .dates import MONTHS
from .model import DocType, Item, Meeting, PartialDate
from .organs import match_organ
from .people import looks_like_name
from .rules import compile_pattern, load

RULES = "assignments"
SEASON_ENDS = {"våren": (6, 30), "sommaren": (8, 31), "hösten": (12, 31)}
POINT = re.compile(r"^\s*\d{1,2}[.)]\s+", re.MULTILINE)
PRONOUNS = {"hon", "han", "hen", "de", "den", "det"}
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
MAX_WHO_WORDS = 12  # longer is a sentence the rules misread, not a name


@dataclass(frozen=True)
class Assignee:
    name: str
    kind: str  # "person", "group" or "organ"


@dataclass(frozen=True)
class Assignment:
    """A task given at a meeting."""

    item: str  # the number of the item it concerns ('5e'; for a collective decision, the sub-item it names)
    who: tuple[Assignee, ...]
    what: str
    decision: str  # the decision (or the sentence of the minutes) it was read from
    source: str = "decision"  # "decision", or "text" when the minutes say it in a sentence
    reports_to: str | None = None
    due: str | None = None  # as written: 'till nästa möte i LCHNV', 'under hösten 2020'
    due_date: str | None = None  # the latest date that fits, ISO ('2020-12-31', '2026-03'); None if unknown
    next_meeting: bool = False  # due at the organ's next meeting


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    template: str | None
    reports: bool
    anchor: re.Pattern | None = None  # what a text (lower-cased) must hold for the pattern to be tried


@functools.cache
def _rules(section: str) -> tuple[Rule, ...]:
    return tuple(
        Rule(compile_pattern(RULES, n, entry["pattern"]), entry.get("template"), entry.get("reports", False),
             re.compile(entry["anchor"]) if "anchor" in entry else None)
        for n, entry in enumerate(load(RULES)[section], start=1)
    )


@functools.cache
def _reporting() -> tuple[re.Pattern, ...]:
    return tuple(compile_pattern(RULES, n, p) for n, p in enumerate(load(RULES)["reports_to"]["patterns"], start=1))


@functools.cache
def _due_rules() -> tuple[tuple[re.Pattern, bool], ...]:
    return tuple((compile_pattern(RULES, n, e["pattern"]), e.get("next_meeting", False))
                 for n, e in enumerate(load(RULES)["due"], start=1))


def assignments(meeting: Meeting) -> list[Assignment]:
    """Every assignment given at a meeting, in document order (none in an agenda)."""
    if meeting.doc_type is DocType.AGENDA:
        return []
    found: list[Assignment] = []
    for item in meeting.all_items():
        given = _from_decisions(item, meeting)
        if not given and not any(d.applies_to for d in item.decisions):
            given = _from_text(item, meeting)
        found += [_with_reporting(a, item, meeting) for a in given]
    return found


def _from_decisions(item: Item, meeting: Meeting) -> list[Assignment]:
    given: list[Assignment] = []
    for decision in (d for d in item.decisions if d.kind == "assignment"):
        target = decision.applies_to[0] if len(decision.applies_to) == 1 else item.number
        for clause in _clauses(decision.text):
            rule, match = _first(_rules("task"), clause)
            if rule is None:
                continue
            if rule.reports:
                if given:
                    given[-1] = replace(given[-1], reports_to=_party(match.group("to"), meeting))
                continue
            given.append(_assignment(rule, match, clause, target, meeting, "decision"))
    return given


def _from_text(item: Item, meeting: Meeting) -> list[Assignment]:
    given = []
    text = item.text.replace("\n", " ")
    lowered = text.lower()  # an anchor is lower case, and not a whole-word pattern: it searches at C speed
    for rule in _rules("narrated"):
        if rule.anchor is not None and not rule.anchor.search(lowered):
            continue
        for match in rule.pattern.finditer(text):
            who = match.group("who")
            if who.split()[0].lower() in PRONOUNS:
                who = _antecedent(item.text, match.start()) or who
            if match_organ(who) == meeting.organ:
                continue  # the organ itself asked to decide: that is its agenda, not a task
            sentence = match.group(0).strip()
            given.append(_assignment(rule, match, sentence, item.number, meeting, "text", who=who))
    return given


def _assignment(rule: Rule, match: re.Match, clause: str, item: str, meeting: Meeting, source: str,
                who: str | None = None) -> Assignment:
    groups = {k: re.sub(r"^att[\s,]+", "", (v or "").strip(" ,.")) for k, v in match.groupdict().items()}
    what = (rule.template.format(**groups) if rule.template else groups.get("what", "")).strip(" ,.") or groups.get("what", "")
    due, due_date, next_meeting = due_of(clause, meeting.date)
    if due_date and due:  # the deadline is shown as a date of its own: 'ta fram en plan senast 2025-03-31' -> 'ta fram en plan'
        what = " ".join(what.replace(due, " ").split()).strip(" ,.") or what
    return Assignment(
        item=item, who=assignees(who or groups.get("who", ""), meeting), what=what or clause, decision=clause,
        source=source, due=due, due_date=due_date, next_meeting=next_meeting,
    )


def _first(rules, text: str):
    for rule in rules:
        if match := rule.pattern.search(text):
            return rule, match
    return None, None


def _clauses(text: str) -> list[str]:
    """A decision's att-satser: the numbered points of one, each on one line; else the whole text."""
    parts = POINT.split(text)
    clauses = parts[1:] if len(parts) > 1 else parts
    return [" ".join(clause.split()) for clause in clauses if clause.strip()]


def _antecedent(text: str, position: int) -> str | None:
    """'Beat bedömde … . Hon tar hem …': the name that begins the sentence before a pronoun."""
    before = SENTENCE.split(text[:position].strip())
    for sentence in reversed(before[-2:]):
        words = sentence.split()
        if words and words[0][:1].isupper() and words[0].lower() not in PRONOUNS:
            name = words[:2] if len(words) > 1 and looks_like_name(" ".join(words[:2])) else words[:1]
            return " ".join(name)
    return None


# --- who ---------------------------------------------------------------------------------------


def assignees(text: str, meeting: Meeting) -> tuple[Assignee, ...]:
    """'Johanna Munters, tillsammans med Tommy Berglund' -> two persons; 'LPO rehab-, habilitering och
    försäkringsmedicin' -> one group; 'styrgruppen' in LCHNV's minutes -> Styrgruppen för Länschefsnätverket."""
    text = _trimmed(text)
    if not text:
        return ()
    parts = _split_people(text)
    named = (_full_name(part, meeting) for part in parts)
    return tuple(Assignee(name, _kind(name)) for name in (_party(part, meeting) for part in named))


def _full_name(name: str, meeting: Meeting) -> str:
    """'Beat' -> 'Beat Axå' when exactly one attendee or presenter of the meeting has that first name."""
    if " " in name or not name[:1].isupper():
        return name
    people = {p.name for p in meeting.attendees} | {p.name for i in meeting.all_items() for p in i.presenters}
    matches = [full for full in people if full.split()[0] == name]
    return matches[0] if len(matches) == 1 else name


def _trimmed(text: str) -> str:
    """The party a 'who' names: after the last 'att' ('Kommunfullmäktige beslutar att kommunstyrelsen …'),
    before what follows it ('Styrgruppen efter processerna …'); '' when it is no name but a sentence."""
    text = re.sub(r"^(att|avseende punkten? \S+)\s+", "", text.strip(" ,."), flags=re.IGNORECASE)
    text = re.split(r"\batt\s+", text)[-1]
    for stop in load(RULES)["who"]["stops"]:
        text = text.split(stop, 1)[0]
    text = text.strip(" ,.:")
    return text if len(text.split()) <= MAX_WHO_WORDS else ""


def _split_people(text: str) -> list[str]:
    """Names joined by 'och', 'samt', 'tillsammans med' are several people; anything else is one party."""
    parts = [text]
    for joiner in load(RULES)["who"]["joiners"]:
        parts = [piece.strip() for part in parts for piece in part.split(joiner)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and len({_kind(p) for p in parts}) == 1 and _kind(parts[0]) in ("person", "organ"):
        return parts
    return [text]


def _kind(name: str) -> str:
    """A person (a name, or a role: 'fastighetsdirektören'), a group (styrgruppen, LPO …) or an organ."""
    who = load(RULES)["who"]
    words = name.split()
    first = words[0].lower() if words else ""
    if "grupp" in first or name.startswith(tuple(who["group_prefixes"])) or name.lower().endswith(tuple(who["group_endings"])):
        return "group"
    if match_organ(name) or name.startswith(tuple(who["organ_prefixes"])) or any(
            w.lower().endswith(tuple(e.lower() for e in who["organ_endings"])) or w == "AB" for w in words):
        return "organ"
    if looks_like_name(name) or (len(words) == 1 and first.endswith(tuple(who["person_endings"]))):
        return "person"
    return "group"


def _party(text: str, meeting: Meeting) -> str:
    """A party as the archive names it: aliases resolved ('LCHNV' -> 'Länschefsnätverket'), and a group of
    the organ ('styrgruppen', 'Styrgrupp LCHNV', 'styrgruppen för LCHNV') named with its organ."""
    text = _trimmed(text)
    if organ := match_organ(text):
        return organ
    if match := re.fullmatch(r"(?i)(?P<group>\w*grupp(?:en)?)(?:\s+(?:för|i|inom))?(?:\s+(?P<organ>.+))?", text):
        group = match.group("group")
        owner = match.group("organ")
        owner = (match_organ(owner) or owner) if owner else (meeting.organ if group.lower().startswith("styrgrupp") else None)
        group = group[:1].upper() + group[1:]
        if not group.lower().endswith("en"):
            group += "en"
        return f"{group} för {owner}" if owner else group
    return text[:1].upper() + text[1:]


# --- to whom and by when ------------------------------------------------------------------------


def _with_reporting(assignment: Assignment, item: Item, meeting: Meeting) -> Assignment:
    """Whom it reports to, from the decision or else from the item's text (where either says so)."""
    if assignment.reports_to:
        return assignment
    for text in (assignment.decision, item.text.replace("\n", " ")):
        for pattern in _reporting():
            if match := pattern.search(text):
                return replace(assignment, reports_to=_party(match.group("to"), meeting))
    return assignment


def due_of(text: str, meeting_date: PartialDate | None) -> tuple[str | None, str | None, bool]:
    """(the deadline as written, the latest ISO date it allows or None, whether it is the next meeting)."""
    for pattern, next_meeting in _due_rules():
        if match := pattern.search(text):
            return match.group(0), _deadline(match.groupdict(), meeting_date), next_meeting
    return None, None, False


def _deadline(parts: dict, meeting_date: PartialDate | None) -> str | None:
    year = int(parts["year"]) if parts.get("year") else None
    if parts.get("date"):
        return parts["date"]
    if parts.get("month"):
        month = MONTHS[parts["month"].lower()]
        year = year or _year_after(meeting_date, month)
        if year and parts.get("day"):
            return f"{year:04d}-{month:02d}-{int(parts['day']):02d}"
        return f"{year:04d}-{month:02d}" if year else None
    if parts.get("season"):
        month, day = SEASON_ENDS[parts["season"].lower()]
        year = year or _year_after(meeting_date, month)
        return f"{year:04d}-{month:02d}-{day:02d}" if year else None
    if parts.get("yearend") and meeting_date is not None:
        year = meeting_date.year
    return f"{year:04d}-12-31" if year else None


def _year_after(meeting_date: PartialDate | None, month: int) -> int | None:
    """The year of the first such month after the meeting: 'till mötet i mars' in November is next March."""
    if meeting_date is None:
        return None
    return meeting_date.year if (meeting_date.month or 1) <= month else meeting_date.year + 1

"""Request parameters -> a SearchRequest, or a BadParameter naming the parameter (a 400, never a 500)."""

from __future__ import annotations

import datetime
import re

from werkzeug.datastructures import MultiDict

from archive.model import DECISION_KINDS
from index.search import DECISIONS, MAX_LIMIT, MAX_QUERY, SORTS, TIMELINE_BY, SearchRequest

MAX_VALUE = 200
MAX_PAGE = 10_000
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Every query parameter a page reads. A link rebuilt from the current address carries these alone:
# any other (endpoint, _method, slug, …) reached url_for as one of its own arguments, a 500 (issue 16).
PAGE_PARAMETERS = ("q", "from", "to", "organ", "kind", "doc_type", "presenter", "sort", "page", "limit", "by", "decision",
                   "visa", "year", "decision_kind", "beslutstyp", "person", "status")


class BadParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def search_request(args: MultiDict, default_limit: int = 20) -> SearchRequest:
    date_from, date_to = date_bound(args, "from"), date_bound(args, "to")
    if date_from and date_to and date_from > date_to + "\uffff":  # "to 2020" includes 2020-06
        raise BadParameter("from", "från-datumet ligger efter till-datumet")
    return SearchRequest(
        query=text(args, "q", MAX_QUERY),
        date_from=date_from,
        date_to=date_to,
        organ=text(args, "organ") or None,
        kind=text(args, "kind") or None,
        doc_type=text(args, "doc_type") or None,
        sort=choice(args, "sort", ("", *SORTS)) or None,
        page=number(args, "page", 1, 1, MAX_PAGE),
        limit=number(args, "limit", default_limit, 1, MAX_LIMIT),
        timeline_by=choice(args, "by", TIMELINE_BY),
        decision=choice(args, "decision", ("", *DECISIONS)) or None,
        correct=choice(args, "exakt", ("", "1")) != "1",  # exakt=1: the query as written, never its correction
        decision_kinds=kinds(args, "decision_kind"),
        presenter=text(args, "presenter") or None,
    )


def known(args: MultiDict) -> dict[str, str]:
    """The page parameters among args (the first value of each), none other."""
    return {name: args[name] for name in PAGE_PARAMETERS if name in args}


def kinds(args: MultiDict, name: str) -> tuple[str, ...]:
    """Decision kinds, comma-separated: 'substantive,assignment'."""
    values = tuple(v.strip() for v in args.get(name, "").split(",") if v.strip())
    if unknown := [v for v in values if v not in DECISION_KINDS]:
        raise BadParameter(name, f"okänd beslutstyp {unknown[0]!r} (en eller flera av {', '.join(DECISION_KINDS)})")
    return values


def text(args: MultiDict, name: str, longest: int = MAX_VALUE) -> str:
    value = args.get(name, "").strip()
    if len(value) > longest:
        raise BadParameter(name, f"högst {longest} tecken")
    return value


def choice(args: MultiDict, name: str, allowed: tuple[str, ...]) -> str:
    """One of allowed; empty or missing means the first."""
    value = args.get(name, "").strip() or allowed[0]
    if value not in allowed:
        raise BadParameter(name, f"ett av {', '.join(a for a in allowed if a)}")
    return value


def number(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    value = args.get(name, "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise BadParameter(name, f"ett heltal från {low} till {high}")
    return int(value)


def date_bound(args: MultiDict, name: str) -> str | None:
    """A year (2020), a month (2020-03) or a date (2020-03-01) that exists."""
    value = args.get(name, "").strip()
    if not value:
        return None
    match = DATE.fullmatch(value) if value.isascii() else None
    if not match or not _exists(*(int(part) if part else 1 for part in match.groups())):
        raise BadParameter(name, "skriv ett år (2020), en månad (2020-03) eller ett datum (2020-03-01)")
    return value


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return year >= 1900

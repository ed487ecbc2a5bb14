"""What a search is asked and what it answers: plain dataclasses, the shapes of the JSON API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SORTS = ("relevance", "newest", "oldest")
TIMELINE_BY = ("year", "quarter", "month")
MAX_LIMIT = 100
DECISIONS = {"taken": ["beslut"], "proposed": ["förslag"], "any": ["beslut", "förslag"]}


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    date_from: str | None = None  # a year or a date, inclusive
    date_to: str | None = None
    organ: str | None = None
    kind: str | None = None
    doc_type: str | None = None
    sort: str | None = None  # one of SORTS; None: newest first for a question about decisions, else relevance
    page: int = 1
    limit: int = 20
    timeline_by: str = "year"
    decision: str | None = None  # "taken", "proposed" or "any": only items with such decisions
    correct: bool = True  # a query that finds nothing shows its correction's results (False: as written)
    presenter: str | None = None  # only items this person presented (a name as the facet gives it)


@dataclass(frozen=True)
class MeetingRef:
    id: str
    organ: str
    date: str
    doc_type: str
    title: str


@dataclass(frozen=True)
class Hit:
    id: str
    number: str
    title: str
    kind: str | None
    meeting: MeetingRef
    url: str
    snippet: str  # HTML: escaped text with <mark> around the matched words; "" for an item without text
    decisions: list[str]
    proposals: list[str]
    score: float
    title_html: str = ""  # the whole title, HTML-safe, matched words in <mark>
    parent: dict | None = None
    decision_details: list[dict] = field(default_factory=list)  # beside decisions: kind, to_organ, span
    proposal_details: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class ItemRecord:
    id: str
    number: str
    title: str
    kind: str | None
    text: str
    decisions: list[str]
    proposals: list[str]
    parent: dict | None
    meeting: MeetingRef
    anchor: str  # on the meeting page: 'punkt-5c'


@dataclass(frozen=True)
class Bucket:
    period: str
    count: int


@dataclass
class Results:
    query: str
    total: int
    page: int
    limit: int
    searched: list[str]
    suggestion: str | None
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    timeline: list[Bucket]
    notes: list[str] = field(default_factory=list)
    showing: str | None = None  # the hits are for this correction of the query, which found nothing as written
    sort: str = "relevance"  # the order the hits are in

    def as_json(self) -> dict:
        """The shape of GET /api/search (ARCHITECTURE.md)."""
        data = asdict(self)
        for hit in data["hits"]:
            hit.pop("parent")
            hit["score"] = round(hit["score"], 3)
        return data

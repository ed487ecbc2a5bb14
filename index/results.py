"""What a search is asked and what it answers: plain dataclasses, the shapes of the JSON API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SORTS = ("relevance", "newest", "oldest")
TIMELINE_BY = ("year", "quarter", "month")
MAX_LIMIT = 100
MAX_QUERY = 500  # characters of a query used: longer is not a question but a pasted document
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
    decision_kinds: tuple[str, ...] = ()  # only items with a decision (of `decision`) of one of these kinds
    include_shared: bool = True  # False: leave out sub-items whose decisions are their parent's collective ones
    explain: bool = False  # each hit says why it was found (about, why); always for a question about decisions
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
    about: str | None = None  # how the item is about the query: title, decision, text, or mention (in passing);
    # None unless explained (SearchRequest.explain, or a question about decisions)
    why: str = ""  # HTML: a short snippet of where the query matched, <mark> around the words


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
    page: int | None = None  # where the item starts in the original (PDFs)
    decision_pages: list[int | None] | None = None  # where each decision starts


@dataclass(frozen=True)
class Answer:
    """A question about decisions answered (index/answers.py): the latest decision in substance on an item
    about the matter and the earlier ones; else the latest item about it whose decisions were formalities;
    and the decisions in substance on items that mention the matter in passing."""

    latest: Hit | None
    earlier: list[Hit]
    formal: Hit | None
    mentioned: list[Hit] = field(default_factory=list)  # newest first

    def as_json(self) -> dict:
        """Hit ids: the hits themselves are in the answer's list."""
        return {"latest": self.latest.id if self.latest else None, "earlier": [h.id for h in self.earlier],
                "formal": self.formal.id if self.formal else None, "mentioned": [h.id for h in self.mentioned]}


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
    answer: Answer | None = None  # for a question about decisions (sorted by relevance), on its first page
    sort: str = "relevance"  # the order the hits are in
    by_decisions: bool = False  # ranked as decisions: in substance on the question first, the latest first

    def as_json(self) -> dict:
        """The shape of GET /api/search (ARCHITECTURE.md)."""
        data = asdict(self)
        data["answer"] = self.answer.as_json() if self.answer else None
        for hit in data["hits"]:
            hit.pop("parent")
            hit["score"] = round(hit["score"], 3)
        return data

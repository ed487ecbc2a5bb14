"""The one search API of the archive: a request in, plain dataclasses out. The web app and the CLI both call it.

No query string raises: what cannot be used becomes a note in Results.notes.
"""

from __future__ import annotations

import gc
import heapq
import html
import json
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import asdict, dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from whoosh.spelling import ListCorrector

from archive.dates import covers
from archive.model import DocType
from archive.organs import match_organ

from .analysis import EXACT, STOP_WORDS, WORD, analyse, fold, stem
from .evaluate import Postings, joined, match_text, term_docs
from .query import ParsedQuery, parse_query
from .schema import ITEM, MEETING, META
from .store import live_generation, open_live

SORTS = ("relevance", "newest", "oldest")
PRELOAD_SHARE = 0.01  # warm() reads the postings of terms in at least this share of the items
TIMELINE_BY = ("year", "quarter", "month")
MAX_LIMIT = 100
DOC_TYPES = {"minnesanteckningar": "minutes", "dagordning": "agenda", "protokoll": "protocol",
             **{t.value: t.value for t in DocType}}
KINDS = {"beslut", "information", "dialog", "rapport", "diskussion", "redovisning"}
DECISIONS = {"taken": ["beslut"], "proposed": ["förslag"], "any": ["beslut", "förslag"]}


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    date_from: str | None = None  # a year or a date, inclusive
    date_to: str | None = None
    organ: str | None = None
    kind: str | None = None
    doc_type: str | None = None
    sort: str = "relevance"
    page: int = 1
    limit: int = 20
    timeline_by: str = "year"
    decision: str | None = None  # "taken", "proposed" or "any": only items with such decisions


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

    def as_json(self) -> dict:
        """The shape of GET /api/search (ARCHITECTURE.md)."""
        data = asdict(self)
        for hit in data["hits"]:
            hit.pop("parent")
            hit["score"] = round(hit["score"], 3)
        return data


class SearchIndex:
    """An opened index, meant to be kept open: it follows builds by itself.

    One searcher serves every query until the index changes (a commit, or a rebuild that moves
    CURRENT); answers are cached for as long as the index they came from is the live one.
    """

    CACHE_SIZE = 256

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._open()

    def _open(self) -> None:
        self.index = open_live(self.index_dir)
        self._generation = live_generation(self.index_dir)
        self._searcher = self.index.searcher()
        self._forget()

    def _forget(self) -> None:
        """Drop everything derived from the searcher's view of the index."""
        self._variants: dict[str, set[str]] | None = None
        self._words: dict[str, list[str]] | None = None
        self._keys: dict[str, tuple[str, frozenset[str]]] = {}
        self._facet_keys: list[tuple] | None = None
        self._archive_words: list[str] | None = None
        self._summaries: list[dict] | None = None
        self._scored: Postings | None = None
        self._ranks: dict[str, list[int]] = {}
        self._extra_columns: dict[str, list] = {}
        self._cache: OrderedDict[SearchRequest, Results] = OrderedDict()

    def _fresh_searcher(self):
        """The searcher, after catching up with any build since the last query."""
        if live_generation(self.index_dir) != self._generation:
            self._searcher.close()
            self._open()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._forget()
        return self._searcher

    def warm(self) -> None:
        """Pay the per-generation reading up front (field lengths, the postings of common terms, facet
        values, date order, the archive's words), as a server does once when it starts, instead of in
        the first queries."""
        with self._lock:
            self._fresh_searcher()
            self._postings().preload(PRELOAD_SHARE)
            self._count(())
            self._date_rank(newest=True)
            self._date_rank(newest=False)
            self.variants()
        gc.collect()
        gc.freeze()  # what warm() read lives as long as the index: keep it out of every later collection

    def search(self, request: SearchRequest) -> Results:
        with self._lock:
            searcher = self._fresh_searcher()
            if (cached := self._cache.get(request)) is not None:
                self._cache.move_to_end(request)
                return cached
            results = self._search(searcher, request)
            self._cache[request] = results
            if len(self._cache) > self.CACHE_SIZE:
                self._cache.popitem(last=False)
            return results

    def _search(self, searcher, request: SearchRequest) -> Results:
        parsed = parse_query(request.query)
        page, limit = max(1, min(request.page, 10_000)), max(1, min(request.limit, MAX_LIMIT))
        filters, notes = self._filters(parsed, request)
        notes = parsed.notes + notes
        sort = request.sort
        if parsed.asks_for_decisions and sort == "relevance":
            sort = "newest"
            notes.append("frågan gäller beslut: det senaste beslutet visas först")
        matched = self._matches(parsed, filters)
        if matched is None:
            notes.append("skriv ett eller flera ord att söka efter")
            return Results(request.query, 0, page, limit, [], None, [], {}, [], notes)
        stems, prefixes = _query_stems(parsed), _prefixes(parsed)  # once per query, not per hit
        hits = [self._hit(searcher.stored_fields(d), score, stems, prefixes)
                for d, score in self._page(matched, sort, page, limit)]
        groups = self._count(matched)
        total = len(matched)
        suggestion = self._suggestion(parsed, request) if total < 3 and not parsed.empty else None
        facets = {
            "year": _sorted_counts(groups["year"], by_key=True),
            "organ": _sorted_counts(groups["organ"]),
            "kind": _kind_counts(groups["kinds"]),
            "doc_type": _sorted_counts(groups["doc_type"]),
        }
        timeline = _timeline(groups["year"], groups["month"], request.timeline_by)
        return Results(request.query, total, page, limit, self.searched(parsed), suggestion, hits, facets, timeline, notes)

    def _matches(self, parsed: ParsedQuery, filters: list[frozenset[int]]) -> dict[int, float] | None:
        """Matched items and their scores, or None when the query has neither words nor filters."""
        postings = self._postings()
        found = match_text(postings, parsed)
        if found is None:
            if not (filters or parsed.excluded):
                return None
            found = dict.fromkeys(postings.docs("doctype", ITEM), 0.0)
        keep = set(found).intersection(*filters) if filters else set(found)
        for term in parsed.excluded:
            keep.difference_update(term_docs(postings, term))
        return found if len(keep) == len(found) else {d: found[d] for d in keep}

    def _page(self, matched: dict[int, float], sort: str, page: int, limit: int) -> list[tuple[int, float]]:
        """The (docnum, score) of one page: by score (ties by index order), or by date and item order."""
        wanted = page * limit
        if sort in ("newest", "oldest"):
            rank = self._date_rank(newest=sort == "newest")
            chosen = heapq.nsmallest(wanted, matched, key=rank.__getitem__)
            return [(d, 0.0) for d in chosen[(page - 1) * limit:]]
        chosen = heapq.nlargest(wanted, matched.items(), key=itemgetter(1))  # ties keep the matches' order
        return chosen[(page - 1) * limit:]

    def _date_rank(self, newest: bool) -> list[int]:
        """Each document's place when sorted by date (newest or oldest first), then by its order in the meeting."""
        key = "newest" if newest else "oldest"
        if key not in self._ranks:
            dates, orders = self._columns_for("date"), self._columns_for("order")
            by_order = sorted(range(len(dates)), key=orders.__getitem__)
            ordered = sorted(by_order, key=dates.__getitem__, reverse=newest)  # stable: order stays ascending
            rank = [0] * len(dates)
            for place, docnum in enumerate(ordered):
                rank[docnum] = place
            self._ranks[key] = rank
        return self._ranks[key]

    def _postings(self) -> Postings:
        if self._scored is None:
            self._scored = Postings(self._searcher)
        return self._scored

    # --- pieces -------------------------------------------------------------------------------

    FACETS = ("year", "month", "organ", "doc_type", "kinds")

    def _count(self, docnums) -> dict[str, Counter]:
        """Facet counts over all matched documents, in one pass: each document's facet values are one
        tuple (read once per index generation), and the few distinct tuples are then counted per facet."""
        if self._facet_keys is None:
            reader = self._searcher.reader()
            self._facet_keys = list(zip(*(reader.column_reader(name) for name in self.FACETS)))
        combinations = Counter(map(self._facet_keys.__getitem__, docnums))
        counters = {name: Counter() for name in self.FACETS}
        for values, count in combinations.items():
            for name, value in zip(self.FACETS, values):
                counters[name][value] += count
        return counters

    def _filters(self, parsed: ParsedQuery, request: SearchRequest) -> tuple[list[frozenset[int]], list[str]]:
        """The documents each filter allows (organ, dates, kind, document type, decisions), and notes on those not used."""
        postings = self._postings()
        filters: list[frozenset[int]] = []
        notes: list[str] = []
        if organ := (request.organ or parsed.organ):
            name = self._organ_name(organ)
            if name:
                filters.append(postings.docs("organ", name))
            else:
                notes.append(f"okänt organ '{organ}': filtret används inte")
        low = _date_bound(request.date_from) or parsed.year_from
        high = _date_bound(request.date_to) or parsed.year_to
        if low or high:
            filters.append(self._dated(low or "0000", (high or "9999") + "\uffff"))
        for value in [v for v in (request.kind, request.doc_type) if v] + parsed.types:
            lowered = value.lower()
            if lowered in KINDS:
                filters.append(postings.docs("kind", lowered))
            elif lowered in DOC_TYPES:
                filters.append(postings.docs("doc_type", DOC_TYPES[lowered]))
            else:
                notes.append(f"okänd typ '{value}': filtret används inte")
        if decision := (request.decision or parsed.decisions):
            if decision in DECISIONS:
                filters.append(frozenset().union(*(postings.docs("decided", v) for v in DECISIONS[decision])))
            else:
                notes.append(f"okänt beslutsfilter '{decision}': filtret används inte")
        return filters, notes

    def _dated(self, low: str, high: str) -> frozenset[int]:
        """Documents whose date lies between low and high (ISO strings, partial dates compare as prefixes)."""
        dates = self._columns_for("date")
        return frozenset(d for d, date in enumerate(dates) if date and low <= date <= high)

    def _columns_for(self, name: str) -> list:
        if name not in self._extra_columns:
            self._extra_columns[name] = list(self._searcher.reader().column_reader(name))
        return self._extra_columns[name]

    def _organ_name(self, written: str) -> str | None:
        """A known organ by name, abbreviation or typo; else an archived organ whose name contains it.
        Called within a query: it reads the searcher the query uses, never a refreshed one."""
        if canonical := match_organ(written):
            return canonical
        lowered = written.lower()
        return next((o for o in self._organ_names(self._searcher) if lowered in o.lower()), None)

    def organs(self) -> list[str]:
        with self._lock:
            return self._organ_names(self._fresh_searcher())

    @staticmethod
    def _organ_names(searcher) -> list[str]:
        return sorted(t.decode() for t in searcher.lexicon("organ") if t)

    def _hit(self, hit: dict, score: float, stems: set[str], prefixes: tuple[str, ...]) -> Hit:
        body = hit.get("body") or ""  # an item may be only a title and its decisions: then no snippet
        snippet = highlight(body, stems, prefixes, self.word_keys) if body else ""
        item_id, meeting_id = hit["id"], hit["meeting_id"]
        anchor = item_id[len(meeting_id) + 1:]
        return Hit(
            id=item_id, number=hit["number"], title=hit["title"], kind=hit.get("kind_label"),
            title_html=highlight(hit["title"], stems, prefixes, self.word_keys, length=None),
            meeting=MeetingRef(meeting_id, hit["organ"], hit["date"], hit["doc_type"], hit["meeting_title"]),
            url=f"/moten/{meeting_id}#{anchor}", snippet=snippet,
            decisions=hit.get("decision_list") or [], proposals=hit.get("proposal_list") or [],
            score=score,
            parent=hit.get("parent"),
        )

    def searched(self, parsed: ParsedQuery) -> list[str]:
        """The words of the archive that the query found through stems and compounds ('Sökte även')."""
        variants = self.variants()
        found: list[str] = []
        for term in (t for group in parsed.groups for t in group if not t.phrase and not t.prefix):
            for query_stem in analyse(joined(term.text), mode="query"):
                found.extend(sorted(variants.get(query_stem, ())))
        return list(dict.fromkeys(found))

    def variants(self) -> dict[str, set[str]]:
        """stem or compound part -> the words of the archive that contain it (from the build's analysis)."""
        if self._variants is None:
            present = set(self.archive_words())
            variants: dict[str, set[str]] = {}
            for word, tokens in self.word_analysis().items():
                if word in present:
                    for token in tokens:
                        variants.setdefault(token, set()).add(word)
            self._variants = variants
        return self._variants

    def word_keys(self, word: str) -> tuple[str, frozenset[str]]:
        """A word of a stored text, folded, with everything it matches: itself, stem, compound parts, hyphen parts."""
        if (keys := self._keys.get(word)) is None:
            folded = fold(joined(word))
            analysis = self.word_analysis()
            parts = [folded] + [fold(p) for p in re.split(r"[-‐]", word) if p and p != word]
            found = {k for p in parts for k in (p, stem(p), *analysis.get(p, ()))}
            keys = self._keys[word] = (folded, frozenset(found))
        return keys

    def archive_words(self) -> list[str]:
        """Every word of the archive as written (folded), sorted: the index terms marked EXACT."""
        if self._archive_words is None:
            marker = EXACT.encode()
            self._archive_words = [t.decode()[1:] for t in self._searcher.lexicon("text") if t.startswith(marker)]
        return self._archive_words

    def word_analysis(self) -> dict[str, list[str]]:
        """Each word of the archive -> its stem and compound parts, as the build analysed it."""
        if self._words is None:
            meta = self._searcher.document(id=META)
            self._words = meta["data"].get("words", {}) if meta else {}
        return self._words

    def _suggestion(self, parsed: ParsedQuery, request: SearchRequest) -> str | None:
        """'Menade du …?': each unknown word replaced by the closest archive word, offered only if it finds something."""
        # The sentinel sorts after every word: Whoosh's ListCorrector reads past the end of its list
        # for a word that sorts after the last one (IndexError), and is never near enough to be offered.
        corrector = ListCorrector([*self.archive_words(), "\uffff"])
        changed, words = False, []
        for match in TOKEN_WORDS.finditer(request.query):
            word = match.group()
            folded = fold(word)
            known = self.variants().get(stem(folded)) or folded in STOP_WORDS or len(folded) < 4
            if ":" in word or not WORD.fullmatch(word) or known:
                words.append(word)
                continue
            proposals = corrector.suggest(folded, limit=1, maxdist=2)
            if proposals and proposals[0] != folded:
                words.append(proposals[0])
                changed = True
            else:
                words.append(word)
        if not changed:
            return None
        suggestion = " ".join(words)
        retried = parse_query(suggestion)
        filters, _notes = self._filters(retried, replace(request, query=suggestion))
        found = match_text(self._postings(), retried)
        return suggestion if found and (not filters or set(found).intersection(*filters)) else None

    # --- meetings ------------------------------------------------------------------------------

    def meetings(self) -> list[dict]:
        """Every meeting as GET /api/meetings lists it, oldest first."""
        with self._lock:
            return list(self._meeting_summaries(self._fresh_searcher()))

    def meeting(self, meeting_id: str) -> dict | None:
        """A whole meeting as GET /api/meetings/<id> gives it; each reference to an archived meeting has its id."""
        with self._lock:
            searcher = self._fresh_searcher()
            doc = searcher.document(id=meeting_id, doctype=MEETING)
            if doc is None:
                return None
            summaries = self._meeting_summaries(searcher)
        detail = json.loads(doc["data"])
        for reference in detail["references"]:
            reference["meeting_id"] = _referenced_meeting(reference, detail["organ"], summaries)
        return detail

    def meeting_file(self, meeting_id: str) -> str | None:
        """The archive file a meeting was read from, relative to the archive folder."""
        with self._lock:
            doc = self._fresh_searcher().document(id=meeting_id, doctype=MEETING)
        return doc["source"] if doc else None

    def item(self, item_id: str) -> ItemRecord | None:
        """One agenda item with its meeting, as stored in the index: what citations and exports need."""
        with self._lock:
            doc = self._fresh_searcher().document(id=item_id, doctype=ITEM)
        if doc is None:
            return None
        meeting_id = doc["meeting_id"]
        return ItemRecord(
            id=item_id, number=doc["number"], title=doc["title"], kind=doc.get("kind_label"), text=doc.get("body") or "",
            decisions=doc.get("decision_list") or [], proposals=doc.get("proposal_list") or [], parent=doc.get("parent"),
            meeting=MeetingRef(meeting_id, doc["organ"], doc["date"], doc["doc_type"], doc["meeting_title"]),
            anchor=item_id[len(meeting_id) + 1:],
        )

    def _meeting_summaries(self, searcher) -> list[dict]:
        if self._summaries is None:
            details = (json.loads(doc["data"]) for doc in searcher.documents(doctype=MEETING))
            summaries = [_summary(detail) for detail in details]
            self._summaries = sorted(summaries, key=lambda m: (m["date"] or "", m["organ"] or "", m["id"]))
        return self._summaries


def _summary(detail: dict) -> dict:
    keys = ("id", "organ", "date", "doc_type", "title", "source")
    return {key: detail[key] for key in keys} | {"item_count": _count_items(detail["items"])}


def _count_items(items: list[dict]) -> int:
    return sum(1 + _count_items(item["items"]) for item in items)


def _referenced_meeting(reference: dict, own_organ: str | None, summaries: list[dict]) -> str | None:
    organ = reference.get("organ") or own_organ
    return next(
        (m["id"] for m in summaries if m["organ"] == organ and m["date"] and covers(m["date"], reference["date"])),
        None,
    )


TOKEN_WORDS = re.compile(r"\S+")


def _query_stems(parsed: ParsedQuery) -> set[str]:
    stems: set[str] = set()
    for term in (t for group in parsed.groups for t in group):
        for word in WORD.findall(term.text):
            folded = fold(joined(word))
            stems.add(folded)
            stems.update(analyse(folded, mode="query"))
    return stems


def _prefixes(parsed: ParsedQuery) -> tuple[str, ...]:
    return tuple(fold(t.text) for group in parsed.groups for t in group if t.prefix)


SNIPPET_LENGTH = 240


def highlight(text: str, stems: set[str], prefixes: tuple[str, ...] = (), keys_of=None,
              length: int | None = SNIPPET_LENGTH) -> str:
    """An HTML-safe snippet of text around its first matched word (the whole text if length is None),
    each matched word in <mark>.

    A word matches when it, its stem or one of its compound parts is among the query's stems:
    'Samsjuklighetsdelegationen' is marked for 'samsjuklighet'.
    """
    keys_of = keys_of or _plain_keys
    matches = [m for m in WORD.finditer(text) if _matches(keys_of(m.group()), stems, prefixes)]
    start = max(0, matches[0].start() - length // 3) if matches and length else 0
    end = min(len(text), start + length) if length else len(text)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for match in (m for m in matches if start <= m.start() and m.end() <= end):
        out.append(html.escape(text[cursor:match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    out.append(html.escape(text[cursor:end]))
    return ("… " if start > 0 else "") + "".join(out).replace("\n", " ") + (" …" if end < len(text) else "")


def _matches(keys: tuple[str, frozenset[str]], stems: set[str], prefixes: tuple[str, ...]) -> bool:
    folded, found = keys
    return not found.isdisjoint(stems) or bool(prefixes) and folded.startswith(prefixes)


def _plain_keys(word: str) -> tuple[str, frozenset[str]]:
    """A word's keys without the archive's analysis: itself and its stem."""
    folded = fold(joined(word))
    return folded, frozenset((folded, stem(folded)))


def _sorted_counts(groups: dict, by_key: bool = False) -> dict[str, int]:
    items = [(k, v) for k, v in groups.items() if k]
    items.sort(key=(lambda kv: kv[0]) if by_key else (lambda kv: (-kv[1], kv[0])))
    return dict(items)


def _kind_counts(combinations: dict) -> dict[str, int]:
    """'beslut information': 3 counts for Beslut and for Information."""
    counts: dict[str, int] = {}
    for combination, count in _sorted_counts(combinations).items():
        for kind in combination.split():
            label = kind[:1].upper() + kind[1:]
            counts[label] = counts.get(label, 0) + count
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _timeline(years: dict, months: dict, by: str) -> list[Bucket]:
    """Hits per period over all hits, every period from the first to the last (empty ones too)."""
    years = _sorted_counts(years, by_key=True)
    if by not in TIMELINE_BY or by == "year" or not years:
        if not years:
            return []
        first, last = int(min(years)), int(max(years))
        return [Bucket(str(y), years.get(str(y), 0)) for y in range(first, last + 1)]
    counts: dict[str, int] = {}
    for month, count in _sorted_counts(months, by_key=True).items():
        period = month if by == "month" else f"{month[:4]}-K{(int(month[5:7]) - 1) // 3 + 1}"
        counts[period] = counts.get(period, 0) + count
    periods = _all_periods(min(counts), max(counts), by) if counts else []
    return [Bucket(p, counts.get(p, 0)) for p in periods]


def _all_periods(first: str, last: str, by: str) -> list[str]:
    year, index = int(first[:4]), int(first[5:7]) if by == "month" else int(first[-1])
    periods = []
    per_year = 12 if by == "month" else 4
    while True:
        period = f"{year}-{index:02d}" if by == "month" else f"{year}-K{index}"
        periods.append(period)
        if period >= last:
            return periods
        index += 1
        if index > per_year:
            year, index = year + 1, 1


def _date_bound(value: str | None) -> str | None:
    """A year or an ISO date, else None (the web layer rejects it with a 400 first)."""
    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        return value.strip()
    return None



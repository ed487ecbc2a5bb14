"""The one search API of the archive: a request in, plain dataclasses out. The web app and the CLI both call it.

No query string raises: what cannot be used becomes a note in Results.notes.

The flow of a search (SearchIndex._search): parse the query (query.py), turn the filters into sets of
documents (filters.py), match and score the words over the postings (evaluate.py), choose the page,
mark the matched words (highlight.py), count facets and the timeline over all hits (facets.py,
timeline.py), list the archive's words found through stems and compounds (vocabulary.py), and offer
a spelling correction when little was found (suggest.py), whose results are shown at once when
the query as written found nothing. Everything read from one commit of the
index lives in a Snapshot (snapshot.py), opened, kept and retired with that commit's View (live.py).
"""

from __future__ import annotations

import gc
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np

from .answers import Matcher, answer, explained, ranked
from .broad import Matches, match_dense, term_vector, touched
from .evaluate import broad_prefixes, match_text, prefix_limit, term_docs
from .facets import count, facets, people_counts
from .filters import filter_sets
from .followup import FollowedAssignment, all_assignments
from .highlight import highlight, query_prefixes, query_stems
from .meetings import referenced_meeting
from .query import ParsedQuery, parse_query
from .relations import history
from .rewrite import add_synonyms, names_procedure, split_unknown
from .results import (  # noqa: F401  (the search API's names, imported from here by the web app and the CLI)
    DECISIONS, MAX_LIMIT, MAX_QUERY, SORTS, TIMELINE_BY, Bucket, Hit, ItemRecord, MeetingRef, Results, SearchRequest,
)
from .live import LiveIndex
from .schema import ITEM, MEETING, META
from .snapshot import Snapshot
from .timeline import timeline

PRELOAD_SHARE = 0.01  # warm() reads the postings of terms in at least this share of the items
FEW = 3  # a query finding fewer items gets a spelling suggestion
FAR_MORE = 5  # a correction finding this many times as many items (and the query nothing, or little) is shown at once
PROCEDURAL_WEIGHT = 0.25  # 'Godkännande av dagordning' below the matters, unless the query asks for it
DECISION_ORDER_NOTE = "frågan gäller beslut: beslut i sak om det du frågar om visas först, det senaste först"
BROAD_SHARE = 0.02  # a query whose words have postings in this share of the documents is evaluated over arrays (broad.py)


class SearchIndex:
    """An opened index, meant to be kept open: it follows builds by itself.

    Every call is answered from one view, the latest commit of the live index: the whole index before
    a build or after it, never a mixture (live.py). Answers are kept per view, and a kept answer never
    waits for a query being computed.
    """

    def __init__(self, index_dir: Path, broad_share: float = BROAD_SHARE):
        self.index_dir = Path(index_dir)
        self._live = LiveIndex(self.index_dir)
        self.broad_share = broad_share  # 0: every query over arrays, > 1 every query as dicts (tests compare the two)

    def warm(self) -> None:
        """Pay the per-commit reading up front (field lengths, the postings of common terms, facet
        values, date order, the archive's words), as a server does once when it starts, instead of in
        the first queries."""
        with self._live.current() as view, view.lock:
            snapshot = view.snapshot
            snapshot.postings.preload(PRELOAD_SHARE)
            count(snapshot.facet_codes(), NONE)
            snapshot.date_order(newest=True)
            snapshot.date_order(newest=False)
            snapshot.vocabulary.variants()
        gc.collect()
        gc.freeze()  # what warm() read lives as long as the index: keep it out of every later collection

    def revision(self) -> str:
        """Which commit of which generation answers now ('g3/7'): it changes with every build that changes the index."""
        with self._live.current() as view:
            return view.revision

    def search(self, request: SearchRequest) -> Results:
        with self._live.current() as view:
            return view.remembered(request, lambda: self._search(view.snapshot, request))

    def _search(self, snapshot: Snapshot, request: SearchRequest, suggest: bool = True) -> Results:
        # The query is cut to MAX_QUERY characters first: a pasted document costs no more than a long
        # question (issue 16: 10,000 words took 40 s in the spelling help). The answer echoes it whole.
        query = _bounded(request.query)
        parsed = parse_query(query)
        page, limit = max(1, min(request.page, 10_000)), max(1, min(request.limit, MAX_LIMIT))
        filters, notes = filter_sets(snapshot, parsed, request)
        cut = [f"frågan är lång: bara de första {MAX_QUERY} tecknen används"] if query != request.query else []
        notes = cut + parsed.notes + notes
        sort = request.sort or "relevance"
        decision = request.decision or parsed.decisions
        by_decisions = sort == "relevance" and decision in DECISIONS and not parsed.empty
        if by_decisions and parsed.asks_for_decisions:
            notes.append(DECISION_ORDER_NOTE)
        add_synonyms(parsed)
        for split in split_unknown(snapshot.postings, parsed):
            notes.append(f"”{split.word}” finns inte i arkivet: sökte på {split.first} (och {split.last} först)")
        matched = _matches(snapshot, parsed, filters, self.broad_share)
        if broad := broad_prefixes(snapshot.postings, parsed):
            named = ", ".join(f"{p}*" for p in broad[:5]) + (" …" if len(broad) > 5 else "")
            notes.append(f"{named} börjar för många ord: de {prefix_limit(parsed)} vanligaste används")
        if matched is None:
            notes.append("skriv ett eller flera ord att söka efter")
            return Results(request.query, 0, page, limit, [], None, [], {}, [], notes, sort=sort)
        suggested = None
        if suggest and len(matched) < FEW and not parsed.empty:
            suggested, corrected = self._correction(snapshot, replace(request, query=query))
            if corrected and request.correct and corrected.total >= FAR_MORE * len(matched):
                return replace(corrected, query=request.query, suggestion=suggested, showing=suggested)
        stems, prefixes = query_stems(parsed), query_prefixes(parsed)  # once per query, not per hit
        keys_of = snapshot.vocabulary.word_keys
        matcher = Matcher(parsed, keys_of) if not parsed.empty and (by_decisions or request.explain) else None
        chosen = (ranked(snapshot, matched.as_dict(), matcher, decision, page, limit) if by_decisions
                  else _page(snapshot, matched, sort, page, limit))
        hits = []
        for docnum, score in chosen:
            stored = snapshot.searcher.stored_fields(docnum)
            hits.append(explained(_hit(stored, score, stems, prefixes, keys_of), stored, matcher, stems, prefixes))
        groups = count(snapshot.facet_codes(), matched.docnums)
        return Results(
            request.query, len(matched), page, limit, snapshot.vocabulary.searched(parsed), suggested, hits,
            facets(groups), timeline(groups["year"], groups["month"], request.timeline_by), notes, sort=sort,
            by_decisions=by_decisions, answer=answer(hits) if by_decisions and decision == "taken" and page == 1 else None,
        )

    def _correction(self, snapshot: Snapshot, request: SearchRequest) -> tuple[str | None, Results | None]:
        """'Menade du …?': the query corrected, and the correction's results, when it finds something.
        SearchIndex._search shows those instead when the query as written found nothing, or far less."""
        suggested = snapshot.speller.suggestion(request.query)
        if suggested is None:
            return None, None
        corrected = self._search(snapshot, replace(request, query=suggested), suggest=False)
        return (suggested, corrected) if corrected.total else (None, None)

    def presenters(self) -> dict[str, int]:
        """Everyone who presented an item, with how many, the most frequent first."""
        with self._live.current() as view, view.lock:
            items = view.snapshot.postings.docs("doctype", ITEM)
            docnums = np.fromiter(items, dtype=np.int64, count=len(items))
            return people_counts(count(view.snapshot.facet_codes(), docnums)["presenter_set"])

    def organs(self) -> list[str]:
        with self._live.current() as view, view.lock:
            return view.snapshot.organ_names()

    def updated(self) -> float | None:
        """When the index last changed (a build that added, changed or removed documents), as a Unix time."""
        with self._live.current() as view:
            return view.remembered(("updated",), lambda: _built(view.snapshot))

    # --- meetings ------------------------------------------------------------------------------

    def meetings(self) -> list[dict]:
        """Every meeting as GET /api/meetings lists it, oldest first."""
        with self._live.current() as view, view.lock:
            return list(view.snapshot.meeting_summaries())

    def meeting(self, meeting_id: str) -> dict | None:
        """A whole meeting as GET /api/meetings/<id> gives it; each reference to an archived meeting has its id."""
        with self._live.current() as view, view.lock:
            doc = view.snapshot.searcher.document(id=meeting_id, doctype=MEETING)
            if doc is None:
                return None
            summaries = view.snapshot.meeting_summaries()
        detail = json.loads(doc["data"])
        for reference in detail["references"]:
            reference["meeting_id"] = referenced_meeting(reference, detail["organ"], summaries)
        return detail

    def meeting_file(self, meeting_id: str) -> str | None:
        """The archive file a meeting was read from, relative to the archive folder."""
        with self._live.current() as view, view.lock:
            doc = view.snapshot.searcher.document(id=meeting_id, doctype=MEETING)
        return doc["source"] if doc else None

    def item(self, item_id: str) -> ItemRecord | None:
        """One agenda item with its meeting, as stored in the index: what citations and exports need."""
        with self._live.current() as view, view.lock:
            doc = view.snapshot.searcher.document(id=item_id, doctype=ITEM)
        if doc is None:
            return None
        meeting_id = doc["meeting_id"]
        return ItemRecord(
            id=item_id, number=doc["number"], title=doc["title"], kind=doc.get("kind_label"), text=doc.get("body") or "",
            decisions=doc.get("decision_list") or [], proposals=doc.get("proposal_list") or [], parent=doc.get("parent"),
            meeting=MeetingRef(meeting_id, doc["organ"], doc["date"], doc["doc_type"], doc["meeting_title"]),
            anchor=item_id[len(meeting_id) + 1:],
            page=(doc.get("data") or {}).get("page"), decision_pages=(doc.get("data") or {}).get("decision_pages"),
        )


    # --- each matter's history and the assignments followed up -----------------------------------

    def history(self, item_id: str) -> dict[str, list[dict]] | None:
        """An item's 'Ärendets gång': earlier and later items of the same matter, and the most alike
        (index/relations.py); None for an unknown item."""
        with self._live.current() as view, view.lock:
            searcher = view.snapshot.searcher
            doc = searcher.document(id=item_id, doctype=ITEM)
            if doc is None:
                return None
            relations = searcher.document(id=f"rel:{item_id}")
        return history(relations["data"]["links"] if relations else {}, doc["date"])

    def assignments(self) -> list[FollowedAssignment]:
        """Every assignment of the archive with its status (index/followup.py), oldest meeting first."""
        with self._live.current() as view, view.lock:
            return all_assignments(view.snapshot)

    def assignment(self, assignment_id: str) -> FollowedAssignment | None:
        return next((a for a in self.assignments() if a.id == assignment_id), None)
def _built(snapshot: Snapshot) -> float | None:
    meta = snapshot.searcher.document(id=META)
    return meta["data"].get("built") if meta else None


def _bounded(query: str) -> str:
    """The query cut to MAX_QUERY characters; a word cut in two is left out."""
    if len(query) <= MAX_QUERY:
        return query
    kept = query[:MAX_QUERY]
    if not query[MAX_QUERY].isspace() and (whole_words := WORDS_BEFORE_THE_LAST.match(kept)):
        return whole_words.group(1)
    return kept


WORDS_BEFORE_THE_LAST = re.compile(r"(.*\S)\s+\S*\Z", re.DOTALL)


def _matches(snapshot: Snapshot, parsed: ParsedQuery, filters: list[frozenset[int]], broad_share: float) -> Matches | None:
    """Matched items and their scores, or None when the query has neither words nor filters.
    Items of every meeting (procedural) count less unless the query names them. A query whose words
    are in many documents is evaluated over arrays (broad.py), others as dicts: the same answer."""
    postings = snapshot.postings
    if touched(postings, parsed) >= broad_share * postings.doc_count:
        return _broad_matches(snapshot, parsed, filters)
    found = match_text(postings, parsed)
    if found and not names_procedure(parsed):
        for d in postings.docs("procedural", "ja") & found.keys():
            found[d] *= PROCEDURAL_WEIGHT
    if found is None:
        if not (filters or parsed.excluded):
            return None
        found = dict.fromkeys(postings.docs("doctype", ITEM), 0.0)
    keep = set(found).intersection(*filters) if filters else set(found)
    for term in parsed.excluded:
        keep.difference_update(term_docs(postings, term, prefix_limit(parsed)))
    return Matches.of(found if len(keep) == len(found) else {d: found[d] for d in keep})


def _broad_matches(snapshot: Snapshot, parsed: ParsedQuery, filters: list[frozenset[int]]) -> Matches | None:
    """_matches over whole-index arrays."""
    postings, dense = snapshot.postings, snapshot.dense
    found = match_dense(dense, parsed)
    if found is not None and not names_procedure(parsed):
        procedural = dense.mask(postings.docs("procedural", "ja"))[found.docnums]
        found = Matches(found.docnums, np.where(procedural, found.scores * PROCEDURAL_WEIGHT, found.scores))
    if found is None:
        if not (filters or parsed.excluded):
            return None
        items = np.flatnonzero(dense.mask(postings.docs("doctype", ITEM)))
        found = Matches(items, np.zeros(len(items)))
    keep = None
    for documents in filters:
        allowed = dense.mask(documents)[found.docnums]
        keep = allowed if keep is None else keep & allowed
    for term in parsed.excluded:
        allowed = ~term_vector(dense, term, prefix_limit(parsed)).mask[found.docnums]
        keep = allowed if keep is None else keep & allowed
    return found if keep is None else Matches(found.docnums[keep], found.scores[keep])


def _page(snapshot: Snapshot, matched: Matches, sort: str, page: int, limit: int) -> list[tuple[int, float]]:
    """The (docnum, score) of one page: by score (ties by index order), or by date and item order."""
    wanted = page * limit
    if sort in ("newest", "oldest"):
        chosen = matched.first(snapshot.date_order(newest=sort == "newest"), wanted)[(page - 1) * limit:]
        return [(d, 0.0) for d in matched.docnums[chosen].tolist()]
    chosen = matched.best(wanted)[(page - 1) * limit:]
    return list(zip(matched.docnums[chosen].tolist(), matched.scores[chosen].tolist()))


NONE = np.zeros(0, dtype=np.int64)


def _hit(stored: dict, score: float, stems: set[str], prefixes: tuple[str, ...], keys_of) -> Hit:
    body = stored.get("body") or ""  # an item may be only a title and its decisions: then no snippet
    snippet = highlight(body, stems, prefixes, keys_of) if body else ""
    item_id, meeting_id = stored["id"], stored["meeting_id"]
    anchor = item_id[len(meeting_id) + 1:]
    return Hit(
        id=item_id, number=stored["number"], title=stored["title"], kind=stored.get("kind_label"),
        title_html=highlight(stored["title"], stems, prefixes, keys_of, length=None),
        meeting=MeetingRef(meeting_id, stored["organ"], stored["date"], stored["doc_type"], stored["meeting_title"]),
        url=f"/moten/{meeting_id}#{anchor}", snippet=snippet,
        decisions=stored.get("decision_list") or [], proposals=stored.get("proposal_list") or [],
        score=score,
        parent=stored.get("parent"),
        decision_details=stored.get("decision_details") or [], proposal_details=stored.get("proposal_details") or [],
    )

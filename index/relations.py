"""Each matter's history: items about the same matter across meetings and organs, linked at build time.

Two items are about the same matter when they share a case number (Dnr), when one refers to the
other's meeting explicitly ('beslut i kommunstyrelsen 2023-11-08 § 212', 'vid Länschefsnätverkets
sammanträde den 20 mars 2026', and it is that meeting's item most like it), or when their titles and
texts are strongly alike; items less alike are 'Liknande punkter'. Items of every meeting (opening,
agenda, övriga frågor) and headings that only hold sub-items are never linked by likeness.

The build stores each item's features with the item (matter_fields) and, as a step of its own before
it commits (RelationStep), one 'relations' document per linked item holding its links both ways: the build
tells the step which files it removes or replaces and which items it adds; the step links the added
items to the index as it stays and to each other, and rewrites the relations documents of older items
whose links changed (a partner added or gone). Everything commits at once with the items, so an
added, changed or removed meeting relinks only its own items and their partners, and a killed build
leaves the previous relations with the previous items.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict

from archive.model import Item, Meeting, slug

from .analysis import WORD, word_stems, words
from .schema import ITEM, RELATIONS
from .store import leaves
from .wordrules import is_procedural

TITLE_WEIGHT = 3
TEXT_WORDS = 150  # the opening of an item's text is what it is about; the rest adds noise
TERMS = 30  # the terms kept per item, by weight
# A title or decision word in at most this many items finds candidates. A number, not a share of the
# archive: as a share (0.1 %) it let each item find ten times as many at 200,000 items as at 20,000,
# and the relations step cost 32 times as much at 100,000 items as at 20,000.
RARE = 20
# What the step keeps of each item it adds (its text only as far as its terms are taken from, see _written)
KEPT = ("id", "doctype", "meeting_id", "organ", "date", "doc_type", "number", "title", "matter", "matter_terms",
        "matter_words", "case_key", "ref_keys", "meeting_key")
CANDIDATES = 300  # items an item is judged against at most, found by its rarest words first (cost stays linear in the archive)
# 'The same matter': titles alike and texts alike, or titles very alike and texts somewhat (cosines,
# set by reading the samples' pairs: 'Rutin vid utskrivning …' / 'Länsövergripande rutiner … utskrivning'
# is one matter at 0.50/0.66; two remits for different process groups are not, at 0.43/0.51).
SAME = ((0.45, 0.5), (0.55, 0.25))  # (title likeness, text likeness), either pair
REFERENCE_MIN = 0.08  # an item an explicit reference points to must be at least this alike
SIMILAR = 0.12  # 'Liknande punkter'
SECTION_AFTER = re.compile(r"\s*,?\s*(?:§|paragraf)\s*(\d{1,4})")
SAME_MATTER = ("case", "reference", "same")
HEADING_WORDS = 25  # an item with sub-items and fewer words of its own is a heading over them


# --- at indexing: an item's features -------------------------------------------------------------


def matter_fields(meeting: Meeting, item: Item) -> dict:
    """The index fields an item's relations are computed from (and found by)."""
    linkable = not (is_procedural(item.title) or (item.items and len(item.text.split()) < HEADING_WORDS))
    title = _content(item.title)
    decided = [t for decision in item.decisions + item.proposals for t in _content(decision.text)]
    terms = _terms(title, decided, item.text) if linkable else {}
    references = _references(meeting, item)
    case = _case(item.case_number)
    return {
        "matter": {"terms": terms, "title": sorted({t for t in title if t in terms}), "case": case,
                   "refs": references},
        # the terms an item is found by as a candidate: those of its title and decisions. An item of the
        # same matter shares some of them; the words of the text only weigh the likeness.
        "matter_terms": " ".join(sorted((set(title) | set(decided)) & terms.keys())) or None,
        "matter_words": " ".join(sorted(terms)) or None,
        "case_key": case,
        "ref_keys": " ".join(sorted({r[0] for r in references} | {f"{r[0]}|{r[1]}" for r in references if r[1]})) or None,
        "meeting_key": _meeting_key(meeting.organ, meeting.date.iso() if meeting.date else ""),
    }


def _content(text: str) -> list[str]:
    return [term for word in words(text) for term in _content_terms(word)]


@functools.lru_cache(maxsize=300_000)
def _content_terms(word: str) -> tuple[str, ...]:
    return tuple(t for t in word_stems(word) if len(t) > 2 and not t.isdigit())


def _terms(title: list[str], decided: list[str], text: str) -> dict[str, int]:
    weights = Counter({t: TITLE_WEIGHT * n for t, n in Counter(title).items()})
    weights.update(decided)
    weights.update(_content(" ".join(text.split()[:TEXT_WORDS])))
    return dict(sorted(weights.items(), key=lambda tw: (-tw[1], tw[0]))[:TERMS])


def _case(case_number: str | None) -> str | None:
    return " ".join(case_number.upper().split()) if case_number else None


def _meeting_key(organ: str | None, date: str) -> str:
    return f"{slug(organ or '')}|{date}"


def _references(meeting: Meeting, item: Item) -> list[list[str]]:
    """[meeting key, section or '', text] of each reference written in this item (by its line)."""
    if item.line is None or not meeting.references:
        return []
    lines = [(i.line, i.number) for i in meeting.all_items() if i.line is not None]
    found = []
    for reference in meeting.references:
        if reference.line is None or reference.line < item.line:
            continue
        if max(entry for entry in lines if entry[0] <= reference.line)[1] != item.number:
            continue  # the reference is written in a later item
        key = _meeting_key(reference.organ or meeting.organ, reference.date.iso())
        found.append([key, _section_after(reference.text, f"{item.title}\n{item.text}"), reference.text])
    return found


def _section_after(reference: str, text: str) -> str:
    """The § written right after the first mention of a reference that has one: '… 2023-11-08 § 212' -> '212'."""
    at = text.find(reference)
    while at >= 0:
        if section := SECTION_AFTER.match(text, at + len(reference)):
            return section.group(1)
        at = text.find(reference, at + 1)
    return ""


# --- in the build, before it commits: the links ---------------------------------------------------


class RelationStep:
    """The relations of one build, written by the build's writer so that they commit with the items.

    It reads the index as it was before the build (its searcher), is told which sources the build
    removes or replaces (forget) and every item it adds (add), and then writes (write) a relations
    document for each added item and for each older item whose links changed. Nothing changed: nothing
    written."""

    def __init__(self, index):
        self.searcher = index.searcher()
        self.reader = self.searcher.reader()
        self.removed: dict[str, dict] = {}  # item id -> its stored fields, for items the build removes or replaces
        self.new: dict[str, dict] = {}  # item id -> the fields it is added with
        self.by_term: dict[tuple[str, str], list[str]] = defaultdict(list)  # the new items' index terms
        self._old_df: dict[tuple[str, str], int] = {}
        self._stored: dict[int, dict] = {}
        self._vectors: dict[str, tuple] = {}  # item id -> its weighted title and term vectors, for write()
        self._most_alike_in: dict[tuple[str, str], str | None] = {}

    def close(self) -> None:
        self.searcher.close()

    def forget(self, source: str) -> None:
        for docnum in self._postings("source", source):
            stored = self._stored_fields(docnum)
            if stored.get("doctype") == ITEM:
                self.removed[stored["id"]] = stored

    def add(self, fields: dict) -> None:
        self._vectors.clear()  # the weights depend on how many items have each term
        item_id = fields["id"]
        self.new[item_id] = {key: fields.get(key) for key in KEPT}  # not the whole item: a build may add 200,000
        self.new[item_id]["body"] = " ".join((fields.get("body") or "").split()[:TEXT_WORDS])
        for key in _index_terms(fields):
            self.by_term[key].append(item_id)

    def write(self, writer) -> int:
        """Write the changed relations documents; the number of items linked."""
        if not (self.new or self.removed):
            return 0
        documents: dict[str, dict] = {}
        for item_id in self.removed:  # unlink what goes (what is replaced is linked again below)
            writer.delete_by_term("id", f"rel:{item_id}")
            for partner in self._old_links(item_id):
                if partner not in self.removed and partner not in self.new:
                    documents.setdefault(partner, self._old_links(partner)).pop(item_id, None)
        for item_id, own in self.new.items():
            if links := self._links(own):  # an item without links needs no document (most items)
                documents[item_id] = links
            for partner, link in links.items():
                if partner not in self.new:  # a new partner links back from its own side, the same way
                    documents.setdefault(partner, self._old_links(partner))[item_id] = _seen_from(link, own)
        for item_id, links in documents.items():
            if links:
                writer.update_document(id=f"rel:{item_id}", doctype=RELATIONS, data={"item": item_id, "links": links})
            else:  # an older item whose last partner went
                writer.delete_by_term("id", f"rel:{item_id}")
        return len(self.new)

    # --- what the build sees: the old index without what it removes, and the new items ----------------

    def _postings(self, field: str, term: str) -> list[int]:
        if not term or (field, term) not in self.reader:
            return []
        return [d for d in self.reader.postings(field, term).all_ids() if not self.reader.is_deleted(d)]

    def _stored_fields(self, docnum: int) -> dict:
        if docnum not in self._stored:
            self._stored[docnum] = self.searcher.stored_fields(docnum)
        return self._stored[docnum]

    def _items(self, field: str, term: str) -> dict[str, dict]:
        """The items (as of this build) with this term in field: id -> stored fields."""
        found = {}
        for docnum in self._postings(field, term):
            stored = self._stored_fields(docnum)
            if stored.get("doctype") == ITEM and stored["id"] not in self.removed:
                found[stored["id"]] = stored
        for item_id in self.by_term.get((field, term), ()):
            found[item_id] = self.new[item_id]
        return found

    def _old_links(self, item_id: str) -> dict[str, dict]:
        document = self.searcher.document(id=f"rel:{item_id}")
        return dict(document["data"]["links"]) if document else {}

    def total(self) -> int:
        """The number of items after this build."""
        if not hasattr(self, "_old_items"):
            self._old_items = self._live_items()
        return max(1, self._old_items - len(self.removed) + len(self.new))

    def _live_items(self) -> int:
        """The items of the index before this build: the count of its term, less the deleted items
        (read one by one: they are few, the items many)."""
        if ("doctype", ITEM) not in self.reader:
            return 0
        deleted = sum(leaf.stored_fields(d).get("doctype") == ITEM for leaf, _offset in leaves(self.reader)
                      if leaf.has_deletions() for d in leaf.deleted_docs_set)
        return self.reader.doc_frequency("doctype", ITEM) - deleted

    def df(self, term: str, field: str = "matter_words") -> int:
        """How many items (after this build) have the term among their words, or among their naming terms."""
        if (field, term) not in self._old_df:
            old = self.reader.doc_frequency(field, term) if (field, term) in self.reader else 0
            removed = (r.get(field) or "" for r in self.removed.values())
            self._old_df[field, term] = old - sum(term in words.split() for words in removed)
        return max(1, self._old_df[field, term] + len(self.by_term.get((field, term), ())))

    # --- the links -----------------------------------------------------------------------------------

    def _links(self, own: dict) -> dict[str, dict]:
        """Every item this one is linked to, with why."""
        links: dict[str, dict] = {}
        for other_id, other in self._candidates(own).items():
            if other["meeting_id"] != own["meeting_id"] and (link := self._judge(own, other)):
                links[other_id] = link | _display(other)
        return links

    def _candidates(self, own: dict) -> dict[str, dict]:
        features = own["matter"]
        found: dict[str, dict] = {}
        for term in sorted((own.get("matter_terms") or "").split(), key=lambda t: (self.df(t, "matter_terms"), t)):
            if self.df(term, "matter_terms") > RARE or len(found) >= CANDIDATES:
                break  # the rarest words first: each item is judged against a bounded number of others
            found.update(self._items("matter_terms", term))
        if features["case"]:
            found.update(self._items("case_key", features["case"]))
        for meeting_key, _section, _text in features["refs"]:
            found.update(self._items("meeting_key", meeting_key))
        found.update(self._items("ref_keys", own["meeting_key"]))
        found.update(self._items("ref_keys", f"{own['meeting_key']}|{own['number']}"))
        found.pop(own["id"], None)
        return found

    def _judge(self, own: dict, other: dict) -> dict | None:
        """The link between two items of different meetings, or None: case number, reference, likeness."""
        a, b = own["matter"], other["matter"]
        if a["case"] and a["case"] == b["case"]:
            return {"type": "case", "score": 1.0, "evidence": f"samma diarienummer {a['case']}"}
        title, text = self._likeness(own, other)
        if reference := self._reference(own, other, text):
            return reference
        if not (a["terms"] and b["terms"]):
            return None
        if any(title >= least_title and text >= least_text for least_title, least_text in SAME):
            kind, why = "same", "liknande rubrik och text"
        elif text >= SIMILAR:
            kind, why = "similar", "liknande text"
        else:
            return None
        shared = ", ".join(_written(term, own, other) for term in self._shared(a, b))
        return {"type": kind, "score": round(text, 3), "evidence": f"{why}: {shared}"}

    def _reference(self, own: dict, other: dict, text: float) -> dict | None:
        """An explicit reference from one item to the other's meeting: to its § by number, or to the item
        of that meeting most like the referring one."""
        for referring, referred in ((own, other), (other, own)):
            for meeting_key, section, written in referring["matter"]["refs"]:
                if meeting_key != referred["meeting_key"]:
                    continue
                if section and section == referred["number"]:
                    return {"type": "reference", "score": 1.0, "evidence": f"hänvisning: ”{written} § {section}”"}
                if not section and text >= REFERENCE_MIN and self._most_alike(referring, referred):
                    return {"type": "reference", "score": round(text, 3), "evidence": f"hänvisning: ”{written}”"}
        return None

    def _most_alike(self, referring: dict, referred: dict) -> bool:
        """Whether referred is, of its meeting's items, the one most like the referring item."""
        key = (referring["id"], referred["meeting_key"])
        if key not in self._most_alike_in:
            items = self._items("meeting_key", referred["meeting_key"])
            scores = {item_id: self._likeness(referring, stored)[1] for item_id, stored in items.items()}
            self._most_alike_in[key] = max(scores, key=scores.get) if scores else None
        return self._most_alike_in[key] == referred["id"]

    def _likeness(self, a: dict, b: dict) -> tuple[float, float]:
        """(title likeness, title-and-text likeness) of two items: cosines of tf-idf weights."""
        (a_title, a_title_norm, a_terms, a_norm), (b_title, b_title_norm, b_terms, b_norm) = self._vector(a), self._vector(b)
        return _cosine(a_title, a_title_norm, b_title, b_title_norm), _cosine(a_terms, a_norm, b_terms, b_norm)

    def _vector(self, item: dict) -> tuple:
        """An item's title terms and all its terms weighted by idf, each with its norm; computed once an item."""
        if (vector := self._vectors.get(item["id"])) is None:
            features = item["matter"]
            title = {t: self._idf(t) for t in features["title"] if t in features["terms"]}
            terms = {t: w * self._idf(t) for t, w in features["terms"].items()}
            vector = self._vectors[item["id"]] = (title, _norm(title), terms, _norm(terms))
        return vector

    def _idf(self, term: str) -> float:
        return math.log(1 + self.total() / self.df(term))

    def _shared(self, a: dict, b: dict, most: int = 4) -> list[str]:
        """The words the two share that weigh most, a compound's parts left out beside it ('hjälpmedel', not 'medel')."""
        shared = set(a["terms"]) & set(b["terms"])
        whole = {t for t in shared if not any(t != other and t in other for other in shared)}
        return sorted(whole, key=lambda t: (-a["terms"][t] * b["terms"][t] * self._idf(t), t))[:most]


def _written(term: str, *items: dict) -> str:
    """A stem as the items write it: 'överenskomm' -> 'överenskommelse' (from their titles first)."""
    for item in items:
        words = _written_words(item["title"], item.get("body") or "")
        if (at := words.find(" " + term)) >= 0:  # the first word that begins with the term
            return words[at + 1:words.index(" ", at + 1)]
    return term


@functools.lru_cache(maxsize=4096)
def _written_words(title: str, body: str) -> str:
    """An item's words, lower-cased, in order and each once, each after a space (an item is asked for several terms)."""
    return "".join(f" {w}" for w in dict.fromkeys(WORD.findall(f"{title} {body}".lower())) if "-" not in w) + " "


def _index_terms(fields: dict) -> list[tuple[str, str]]:
    """The (field, term) pairs by which a new item is found, as the index would find it."""
    keys = [(name, t) for name in ("matter_terms", "matter_words") for t in (fields.get(name) or "").split()]
    keys += [("ref_keys", t) for t in (fields.get("ref_keys") or "").split()]
    keys += [(name, fields[name]) for name in ("case_key", "meeting_key") if fields.get(name)]
    return keys


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _cosine(u: dict[str, float], u_norm: float, v: dict[str, float], v_norm: float) -> float:
    if not (u_norm and v_norm):
        return 0.0
    if len(u) > len(v):
        u, v = v, u
    return sum(w * v[t] for t, w in u.items() if t in v) / (u_norm * v_norm)


def _display(stored: dict) -> dict:
    return {"meeting_id": stored["meeting_id"], "organ": stored["organ"], "date": stored["date"],
            "doc_type": stored["doc_type"], "number": stored["number"], "title": stored["title"]}


def _seen_from(link: dict, other: dict) -> dict:
    """The same link, held by its partner: the other item's display instead."""
    return {key: link[key] for key in ("type", "score", "evidence")} | _display(other)


# --- reading: an item's history --------------------------------------------------------------------


def history(links: dict[str, dict], date: str, similar: int = 5) -> dict[str, list[dict]]:
    """'Tidigare behandlat', 'Senare behandlat' (the same matter, by date) and 'Liknande punkter' (the most alike)."""
    entries = [{"id": item_id} | link for item_id, link in links.items()]
    same = sorted((e for e in entries if e["type"] in SAME_MATTER), key=lambda e: (e["date"], e["number"]))
    alike = sorted((e for e in entries if e["type"] not in SAME_MATTER), key=lambda e: -e["score"])
    return {
        "earlier": [e for e in same if e["date"] < date],
        "later": [e for e in same if e["date"] >= date],  # a meeting of another organ the same day: later
        "similar": alike[:similar],
    }

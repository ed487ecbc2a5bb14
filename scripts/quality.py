"""Search quality over the written-down judgement lists (tests/quality/): compound splits, base forms,
and queries over the bundled archive and the real corpus, ours beside SQLite FTS5.

    python scripts/bench.py quality [--json]

Used by scripts/bench.py (the report) and tests/test_quality.py (the targets). Relevance was judged
by reading the items, not from our search output; see the lists' headers for their format.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from archive.collection import BUNDLED

from scripts.fts5 import fts5_database, fts5_match

LISTS = Path(__file__).resolve().parent.parent / "tests" / "quality"
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
NOT_DOCUMENTS = {"README.md", "SOURCES.md"}
FETCH = 100  # hits read per page; every page is read: a relevant item anywhere in the answer counts as found


# --- the lists ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judged:
    word: str  # as written: a capital marks a name inside a sentence
    cuts: frozenset[int]  # where a reader cuts the word; empty: not a compound
    why: str


@dataclass(frozen=True)
class Query:
    text: str
    relevant: tuple[str, ...]  # "FILE#NUMBER"
    corrected: str | None
    why: str
    archive: str = "bundled"  # or "all": the bundled archive and the corpus together


def judged_words(path: Path = LISTS / "compounds.tsv") -> list[Judged]:
    words = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, parts, why = line.split("\t")
        if parts.replace("|", "") != word:
            raise ValueError(f"{path.name}:{number}: the parts '{parts}' do not spell '{word}'")
        words.append(Judged(word, frozenset(_cut_positions(parts.split("|"))), why))
    return words


def judged_queries(path: Path = LISTS / "queries.toml") -> list[Query]:
    with path.open("rb") as handle:
        entries = tomllib.load(handle)["query"]
    return [Query(e["q"], tuple(e["relevant"]), e.get("corrected"), e.get("why", ""), e.get("archive", "bundled"))
            for e in entries]


def _cut_positions(parts) -> list[int]:
    positions, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        positions.append(at)
    return positions


# --- splits -------------------------------------------------------------------------------------


def word_cuts(word: str) -> frozenset[int]:
    """Where the analyzer cuts a word written inside a sentence."""
    from index import analysis

    if hasattr(analysis, "compound_parts"):
        return frozenset(_cut_positions(analysis.compound_parts(word)))
    return frozenset(_old_cuts(analysis.fold(word), analysis.split_compound))  # before lemmas: (modifier, *its parts, head)


def _old_cuts(word: str, split) -> set[int]:
    parts = split(word)
    if not parts:
        return set()
    modifier, head = parts[0], parts[-1]
    return _old_cuts(modifier, split) | {len(word) - len(head)}


@dataclass
class SplitReport:
    compounds: int
    split_right: int
    plain: int
    split_wrongly: int
    wrong: list[str] = field(default_factory=list)  # 'word: got a|b, want a|b'

    @property
    def accuracy(self) -> float:
        return self.split_right / self.compounds

    @property
    def false_split_rate(self) -> float:
        return self.split_wrongly / self.plain


def split_report(words: list[Judged] | None = None) -> SplitReport:
    words = judged_words() if words is None else words
    report = SplitReport(0, 0, 0, 0)
    for judged in words:
        got = word_cuts(judged.word)
        if judged.cuts:
            report.compounds += 1
            report.split_right += got == judged.cuts
        else:
            report.plain += 1
            report.split_wrongly += bool(got)
        if got != judged.cuts:
            report.wrong.append(f"{judged.word}: got {_show(judged.word, got)}, want {_show(judged.word, judged.cuts)}")
    return report


def _show(word: str, cuts) -> str:
    bounds = [0, *sorted(cuts), len(word)]
    return "|".join(word[a:b] for a, b in zip(bounds, bounds[1:]))


# --- queries ------------------------------------------------------------------------------------


def quality_archive(folder: Path, archive: str = "all") -> Path:
    """The bundled archive, with the real corpus beside it for "all", in one folder (documents and sidecars)."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in (BUNDLED, CORPUS) if archive == "all" else (BUNDLED,):
        for path in sorted(source.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".md", ".toml") and path.name not in NOT_DOCUMENTS:
                shutil.copy(path, folder / path.name)
    return folder


@dataclass
class QueryOutcome:
    query: Query
    top: list[str]  # item keys in rank order, at most FETCH
    corrected_to: str | None = None

    @property
    def missing(self) -> list[str]:
        return [key for key in self.query.relevant if key not in self.top]

    @property
    def recall(self) -> float:
        return 1 - len(self.missing) / len(self.query.relevant)

    @property
    def precision_at_5(self) -> float:
        return sum(key in self.query.relevant for key in self.top[:5]) / 5

    @property
    def corrected_right(self) -> bool:
        return (self.corrected_to or "").casefold() == (self.query.corrected or "").casefold()


@dataclass
class QueryReport:
    engine: str
    outcomes: list[QueryOutcome]

    @property
    def recall(self) -> float:
        return sum(o.recall for o in self.outcomes) / len(self.outcomes)

    @property
    def precision_at_5(self) -> float:
        """Mean precision at 5 over the queries with at least five relevant items."""
        judged = [o for o in self.outcomes if len(o.query.relevant) >= 5]
        return sum(o.precision_at_5 for o in judged) / len(judged)

    @property
    def with_missing(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if o.missing]

    @property
    def typos(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if o.query.corrected]

    def summary(self) -> dict:
        return {
            "engine": self.engine, "queries": len(self.outcomes), "recall": round(self.recall, 3),
            "p_at_5": round(self.precision_at_5, 3),
            "queries_missing_relevant": len(self.with_missing),
            "typos_corrected": f"{sum(o.corrected_right for o in self.typos)}/{len(self.typos)}",
        }


def our_report(index_dir: Path, queries: list[Query]) -> QueryReport:
    from index.search import SearchIndex, SearchRequest

    index = SearchIndex(index_dir)
    files: dict[str, str | None] = {}

    def key(hit) -> str:
        if hit.meeting.id not in files:
            files[hit.meeting.id] = index.meeting_file(hit.meeting.id)
        return f"{files[hit.meeting.id]}#{hit.number}"

    outcomes = []
    for query in queries:
        results = index.search(SearchRequest(query.text, limit=FETCH))
        hits = list(results.hits)
        for page in range(2, (results.total + FETCH - 1) // FETCH + 1):
            hits += index.search(SearchRequest(query.text, limit=FETCH, page=page)).hits
        corrected = getattr(results, "showing", None) or results.suggestion  # 'showing': the hits are for the correction
        outcomes.append(QueryOutcome(query, [key(h) for h in hits], corrected))
    return QueryReport("ours", outcomes)


def fts5_report(archive: Path, queries: list[Query]) -> QueryReport:
    """SQLite FTS5 over the same items, as the speed benchmark sets it up (scripts/fts5.py)."""
    db = fts5_database(archive)
    outcomes = []
    for query in queries:
        match = fts5_match(query.text)
        rows = db.execute("SELECT key FROM items WHERE items MATCH ? ORDER BY rank", (match,)).fetchall()
        outcomes.append(QueryOutcome(query, list(dict.fromkeys(k for (k,) in rows))))
    return QueryReport("fts5", outcomes)


def run_quality() -> dict:
    """Every measure over the lists: splits, and queries by ours and by FTS5."""
    from index.build import build

    splits = split_report()
    queries = judged_queries()
    ours, fts5 = QueryReport("ours", []), QueryReport("fts5", [])
    with tempfile.TemporaryDirectory() as tmp:
        for archive_name in ("bundled", "all"):
            asked = [q for q in queries if q.archive == archive_name]
            archive = quality_archive(Path(tmp) / archive_name / "arkiv", archive_name)
            index_dir = Path(tmp) / archive_name / "index"
            build(archive, index_dir)
            ours.outcomes += our_report(index_dir, asked).outcomes
            fts5.outcomes += fts5_report(archive, asked).outcomes
    return {
        "splits": {"compounds": splits.compounds, "split_accuracy": round(splits.accuracy, 3),
                   "plain_words": splits.plain, "false_split_rate": round(splits.false_split_rate, 3),
                   "wrong": splits.wrong},
        "ours": ours.summary() | {"missing": _missing(ours), "typos": _typos(ours)},
        "fts5": fts5.summary(),
    }


def _missing(report: QueryReport) -> dict[str, list[str]]:
    return {o.query.text: o.missing for o in report.with_missing}


def _typos(report: QueryReport) -> dict[str, str | None]:
    return {o.query.text: o.corrected_to for o in report.typos if not o.corrected_right}

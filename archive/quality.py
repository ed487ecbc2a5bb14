"""How much of a folder of documents the parser understood: the corpus summary of `arkiv check DIR`.

Counts only what every Meeting has, so that the same summary can be made of an older parser's
meetings (the before-and-after of a change): documents with organ, date and type known; items,
with a title, with decisions, with proposals; text outside any item; warnings per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OUTSIDE = ("text före första punkten", "rubriktext som inte tolkats", "tabell före första punkten")


@dataclass
class Summary:
    documents: int = 0
    failures: int = 0
    renderings: int = 0  # files that are another format of a document already counted
    organ: int = 0
    date: int = 0
    doc_type: int = 0
    items: int = 0
    titled: int = 0
    decided: int = 0
    proposed: int = 0
    outside_documents: int = 0  # documents with text that belongs to no item
    outside_lines: int = 0
    warnings: int = 0
    most_warnings: list[tuple[str, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary as `arkiv check` prints it, in Swedish."""
        n = self.documents

        def share(part: int, whole: int) -> str:
            return f"{part} av {whole} ({100 * part / whole:.0f} %)" if whole else "0 av 0"

        worst = ", ".join(f"{name} {count}" for name, count in self.most_warnings) or "inga"
        return [
            f"Sammanfattning: {n} dokument lästa, {self.renderings} i ett annat format av ett av dem, "
            f"{self.failures} kunde inte läsas",
            f"  organ känt:      {share(self.organ, n)}",
            f"  datum känt:      {share(self.date, n)}",
            f"  typ känd:        {share(self.doc_type, n)}",
            f"  punkter:         {self.items}; med rubrik {share(self.titled, self.items)}, "
            f"med beslut {share(self.decided, self.items)}, med förslag {share(self.proposed, self.items)}",
            f"  text utanför punkterna: {self.outside_documents} dokument, {self.outside_lines} stycken",
            f"  varningar:       {self.warnings} ({self.warnings / n if n else 0:.1f} per dokument); flest: {worst}",
        ]


def summarise(meetings, failures: int = 0, renderings: int = 0) -> Summary:
    summary = Summary(documents=len(meetings), failures=failures, renderings=renderings)
    per_document: list[tuple[str, int]] = []
    for meeting in meetings:
        summary.organ += meeting.organ is not None
        summary.date += meeting.date is not None
        summary.doc_type += _type_known(meeting)
        for item in meeting.all_items():
            summary.items += 1
            summary.titled += bool(item.title)
            summary.decided += bool(item.decisions)
            summary.proposed += bool(item.proposals)
        outside = _outside(meeting)
        summary.outside_documents += outside > 0
        summary.outside_lines += outside
        summary.warnings += len(meeting.warnings)
        per_document.append((meeting.source, len(meeting.warnings)))
    summary.most_warnings = [(name, count) for name, count in sorted(per_document, key=lambda p: -p[1])[:3] if count]
    return summary


def _type_known(meeting) -> bool:
    """The type was read from the document (a heading, its items or paragraphs), not assumed."""
    sources = getattr(meeting, "field_sources", {}) or {}
    return "doc_type" in sources or bool(meeting.items)


def _outside(meeting) -> int:
    """Paragraphs of text that belong to no item: the introduction kept, and lines reported as outside."""
    kept = [p for p in (getattr(meeting, "text", "") or "").split("\n\n") if p.strip()]
    reported = [w for w in meeting.warnings if any(kind in w for kind in OUTSIDE)]
    return len(kept) if kept else len(reported)

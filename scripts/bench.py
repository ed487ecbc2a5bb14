"""Benchmarks on a generated archive of any size. Needs the test extras (reportlab for PDFs).

    python -m scripts.bench parse --documents 3000            # read + parse throughput, text files
    python -m scripts.bench parse --documents 300 --format pdf

The generated documents are recombined from the bundled samples' own items (titles, kinds,
presenters, text, decisions), written in the samples' layout, one organ and date per meeting.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

import click

from archive.collection import BUNDLED, load_archive, load_document
from archive.model import Item

ORGANS = ["Länschefsnätverket", "Välfärdsrådet", "Socialchefsnätverket"]
LETTERS = "abcdefghij"


def sample_items() -> list[Item]:
    items = []
    for path in sorted(BUNDLED.glob("*.txt")):
        items.extend(i for i in load_document(path).all_items() if i.text or i.decisions)
    return items


def render_item(number: str, item: Item, organ: str) -> list[str]:
    kind = f"{item.kind}: " if item.kind else ""
    lines = [f"{number} {kind}{item.title}", ""]
    for person in item.presenters:
        lines.append(f"Föredragande: {person.name}" + (f", {person.role}" if person.role else ""))
    lines += ["", item.text, ""]
    if item.decisions:
        lines += [f"{organ} beslutade", *[d.text for d in item.decisions], ""]
    return lines


def render_meeting(rng: random.Random, items: list[Item], organ: str, day: int) -> str:
    year, rest = 2015 + day // 365, day % 365
    month, mday = 1 + rest // 31 % 12, 1 + rest % 28
    lines = [f"Minnesanteckningar {organ}", f"Datum: {year % 100:02d}{month:02d}{mday:02d}", "Tid: 09.00-12.00",
             "Plats: Digitalt via Teams", ""]
    for number in range(1, rng.randint(6, 14)):
        parent = rng.choice(items)
        if rng.random() < 0.3:
            lines += [f"{number}. {parent.title}", ""]
            for letter in LETTERS[: rng.randint(2, 4)]:
                lines += render_item(f"{letter})", rng.choice(items), organ)
        else:
            lines += render_item(f"{number}.", parent, organ)
    return "\n".join(lines) + "\n"


def generate_archive(folder: Path, documents: int, fmt: str = "txt", seed: int = 1) -> Path:
    """Write `documents` meetings into folder as .txt, .pdf or .docx files."""
    from scripts.formats import write_docx, write_pdf

    rng = random.Random(seed)
    items = sample_items()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(documents):
        organ = ORGANS[index % len(ORGANS)]
        text = render_meeting(rng, items, organ, day=index // len(ORGANS) * 3)
        target = folder / f"{index:06d}.{fmt}"
        if fmt == "txt":
            target.write_text(text, encoding="utf-8")
        else:
            {"pdf": write_pdf, "docx": write_docx}[fmt](text, target)
    return folder


@click.group()
def main():
    """Mötesarkivet benchmarks."""


@main.command()
@click.option("--documents", default=3000, show_default=True, help="Size of the generated archive.")
@click.option("--format", "fmt", type=click.Choice(["txt", "pdf", "docx"]), default="txt", show_default=True)
@click.option("--seed", default=1, show_default=True)
def parse(documents: int, fmt: str, seed: int):
    """Read and parse a generated archive: documents/s, MB/s, items/s, peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arkiv"
        started = time.perf_counter()
        generate_archive(folder, documents, fmt, seed)
        generated = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.iterdir())
        started = time.perf_counter()
        archive = load_archive(folder)
        elapsed = time.perf_counter() - started
    items = sum(1 for m in archive.meetings for _ in m.all_items())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    click.echo(f"generated {documents} {fmt} documents ({size / 1e6:.1f} MB) in {generated:.1f} s")
    click.echo(
        f"parsed {len(archive.meetings)} meetings, {items} items, {len(archive.failures)} failures "
        f"in {elapsed:.2f} s: {documents / elapsed:.0f} documents/s, {size / 1e6 / elapsed:.2f} MB/s, "
        f"{items / elapsed:.0f} items/s; peak memory {peak_mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()

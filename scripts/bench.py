"""Benchmarks on a generated archive of any size. Needs the test extras (reportlab for PDF archives).

    python scripts/bench.py --items 20000 [--json]     index: build, add one meeting, size, query latency
                                                        (ours in full vs SQLite FTS5's bare top 10), memory
    python scripts/bench.py --items 20000,100000,200000  the same at each size, and how each cost grows
                                                        between them (per item, per 10,000 items, as a ratio)
    python scripts/bench.py parse --documents 3000 [--format txt|pdf|docx]    read + parse throughput
    python scripts/bench.py quality [--json]           search quality over the judgement lists (tests/quality/),
                                                        ours beside SQLite FTS5 (scripts/quality.py)

Generated meetings are written in the samples' layout from the samples' own sentences, titles,
kinds, presenters and decisions, one organ and date per meeting, about 15 items each.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from archive.collection import BUNDLED, document_paths, load_document
from index.reading import read_documents, workers_for
from scripts.fts5 import fts5_database, fts5_match

ORGANS = ["Länschefsnätverket", "Välfärdsrådet", "Socialchefsnätverket"]
LETTERS = "abcdefghij"
ITEMS_PER_MEETING = 15
QUERIES = [
    "samsjuklighet", "MiniMaria", "hemsjukvård", "avtal", "överenskommelse", "prevention", "hjälpmedel",
    "vård", "kommunerna", "handlingsplan", '"första veckans hjälpmedel"', "samsj*", "psykisk hälsa",
    "styrgruppen uppdrag", "utskrivning", "kompetensförsörjning", "God och nära vård", "länsgemensamma medel",
]


@dataclass
class Material:
    """What generated meetings are made of: the samples' sentences, titles, kinds, presenters, decisions."""

    sentences: list[str]
    titles: list[tuple[str | None, str]]
    presenters: list[str]
    decisions: list[str]

    @classmethod
    def from_samples(cls) -> "Material":
        sentences, titles, presenters, decisions = [], [], [], []
        for path in sorted(BUNDLED.glob("*.txt")):
            for item in load_document(path).all_items():
                titles.append((item.kind, item.title))
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", item.text.replace("\n", " ")) if len(s) > 20]
                presenters += [f"{p.name}, {p.role}" if p.role else p.name for p in item.presenters]
                decisions += [d.text for d in item.decisions if "\n" not in d.text]
        return cls(sentences, titles, presenters, decisions)


def render_item(rng: random.Random, material: Material, label: str, organ: str) -> list[str]:
    kind, title = rng.choice(material.titles)
    lines = [f"{label} {kind + ': ' if kind else ''}{title}", ""]
    if rng.random() < 0.7:
        lines.append(f"Föredragande: {rng.choice(material.presenters)}")
    lines += ["", " ".join(rng.sample(material.sentences, rng.randint(2, 9))), ""]
    if rng.random() < 0.8:
        lines += [f"{organ} beslutade", *rng.sample(material.decisions, rng.randint(1, 2)), ""]
    return lines


def render_meeting(rng: random.Random, material: Material, organ: str, day: int, items: int) -> str:
    date = dt.date(2010, 1, 4) + dt.timedelta(days=day)
    lines = [f"Minnesanteckningar {organ}", f"Datum: {date:%y%m%d}", "Tid: 09.00-12.00",
             "Plats: Digitalt via Teams", ""]
    written, number = 0, 1
    while written < items:
        if rng.random() < 0.25 and items - written >= 3:
            _kind, title = rng.choice(material.titles)
            lines += [f"{number}. {title}", ""]
            for letter in LETTERS[: min(3, items - written - 1)]:
                lines += render_item(rng, material, f"{letter})", organ)
            written += 1 + min(3, items - written - 1)
        else:
            lines += render_item(rng, material, f"{number}.", organ)
            written += 1
        number += 1
    return "\n".join(lines) + "\n"


def generate_archive(folder: Path, items: int, fmt: str = "txt", seed: int = 1, start: int = 0) -> list[Path]:
    """Write meetings with `items` agenda items in all into folder as .txt, .pdf or .docx files."""
    from scripts.formats import write_docx, write_pdf

    rng = random.Random(seed)
    material = Material.from_samples()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    index = start
    while items > 0:
        count = min(ITEMS_PER_MEETING, items)
        organ = ORGANS[index % len(ORGANS)]
        text = render_meeting(rng, material, organ, day=index // len(ORGANS) * 3, items=count)
        target = folder / f"{index:06d}.{fmt}"
        if fmt == "txt":
            target.write_text(text, encoding="utf-8")
        else:
            {"pdf": write_pdf, "docx": write_docx}[fmt](text, target)
        written.append(target)
        items -= count
        index += 1
    return written


# --- the index benchmark ----------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def fts5_latency(archive: Path, rounds: int) -> tuple[float, float]:
    """SQLite FTS5 over the same items, default tokenizer: the bare top 10 ids by rank."""
    db = fts5_database(archive)
    timings = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            db.execute("SELECT id FROM items WHERE items MATCH ? ORDER BY rank LIMIT 10", (fts5_match(query),)).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


SERVE = """
import json, statistics, sys, time
from index.search import SearchIndex, SearchRequest
index = SearchIndex(sys.argv[1])
queries, rounds = json.loads(sys.argv[2]), int(sys.argv[3])
index.warm()  # opening costs are paid once, when the server starts (arkiv serve does the same)
timings = []
for round in range(rounds):
    for query in queries:
        started = time.perf_counter()
        index.search(SearchRequest(query + " " * round))  # a new request each round: no cache hit
        timings.append((time.perf_counter() - started) * 1000)
started = time.perf_counter()
repeats = []
for _ in range(20):
    started = time.perf_counter()
    index.search(SearchRequest(queries[0]))
    repeats.append((time.perf_counter() - started) * 1000)
# VmHWM: this process's peak resident memory (ru_maxrss would include the parent's, carried over exec)
peak_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"timings": timings, "repeat_ms": statistics.median(repeats[1:]), "rss_mb": peak_kb / 1024}))
"""


def in_fresh_process(script: str, *args: str) -> dict:
    """Run a script in a new Python process; what it prints last, as JSON."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def serve_latency(index_dir: Path, rounds: int) -> dict:
    """Query latency and memory in a fresh process that only serves, as `arkiv serve` would."""
    return in_fresh_process(SERVE, str(index_dir), json.dumps(QUERIES), str(rounds))


BUILD = """
import json, sys, time
from pathlib import Path
from index.build import build
if __name__ == "__main__":  # the reading processes are spawned: they import this module
    started = time.perf_counter()
    report = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps({"seconds": time.perf_counter() - started, "meetings": len(report.added), "ok": report.ok}))
"""


def full_build(archive: Path, index_dir: Path) -> dict:
    """A full build in a process of its own, as `arkiv build` runs it: a size measured after another in
    this process would inherit its heap (a tenth slower at 200,000 items than in a fresh process)."""
    return in_fresh_process(BUILD, str(archive), str(index_dir))


def run_index_benchmark(items: int, rounds: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        archive, index_dir = Path(tmp) / "arkiv", Path(tmp) / "index"
        generate_archive(archive, items, seed=seed)
        report = full_build(archive, index_dir)
        build_s = report["seconds"]
        generate_archive(archive, ITEMS_PER_MEETING, seed=seed + 1, start=10**5)  # one more meeting
        started = time.perf_counter()  # as a user runs it: a fresh `arkiv build`, start-up and dictionary included
        subprocess.run([sys.executable, "-m", "scripts.cli", "build", "-q", "--archive", str(archive),
                        "--index", str(index_dir)], check=True, capture_output=True)
        add_one_s = time.perf_counter() - started
        assert report["ok"]
        index_mb = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 1e6
        served = serve_latency(index_dir, rounds)
        fts5_p50, fts5_p95 = fts5_latency(archive, rounds)
    return {
        "items": items, "meetings": report["meetings"], "build_s": round(build_s, 2), "add_one_s": round(add_one_s, 3),
        "index_mb": round(index_mb, 1),
        "ours_p50_ms": round(statistics.median(served["timings"]), 2),
        "ours_p95_ms": round(percentile(served["timings"], 0.95), 2),
        "fts5_p50_ms": round(fts5_p50, 3), "fts5_p95_ms": round(fts5_p95, 3),
        "p95_ratio": round(percentile(served["timings"], 0.95) / fts5_p95, 2),
        "repeat_ms": round(served["repeat_ms"], 3), "rss_mb": round(served["rss_mb"], 1),
        "queries": len(QUERIES) * rounds,
        **per_item(items, build_s, index_mb, served["rss_mb"]),
    }


def per_item(items: int, build_s: float, index_mb: float, rss_mb: float) -> dict:
    """The costs that should stay flat as the archive grows: build and index size per item, memory per 10,000 items."""
    return {"build_ms_per_item": round(build_s * 1000 / items, 3), "index_bytes_per_item": round(index_mb * 1e6 / items),
            "rss_mb_per_10k_items": round(rss_mb * 10_000 / items, 1)}


def growth(runs: list[dict]) -> list[dict]:
    """How each cost grew from one size to the next, as ratios: linear cost grows as the items do."""
    keys = {"items_x": "items", "build_x": "build_s", "index_x": "index_mb", "rss_x": "rss_mb", "p95_x": "ours_p95_ms",
            "fts5_p95_x": "fts5_p95_ms", "add_one_x": "add_one_s"}
    return [{"from": small["items"], "to": large["items"]}
            | {name: round(large[key] / small[key], 2) if small[key] else None for name, key in keys.items()}
            for small, large in zip(runs, runs[1:])]


def sizes(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        values = []
    if not values or min(values) < ITEMS_PER_MEETING:
        raise click.BadParameter(f"'{text}': one or more numbers of items (at least {ITEMS_PER_MEETING}), comma-separated")
    return sorted(set(values))


GROWTH_COLUMNS = ("items", "build_s", "build_ms_per_item", "index_mb", "index_bytes_per_item", "rss_mb",
                  "rss_mb_per_10k_items", "ours_p95_ms", "fts5_p95_ms", "p95_ratio", "repeat_ms", "add_one_s")


def print_table(runs: list[dict], steps: list[dict]) -> None:
    click.echo("  ".join(f"{name:>20}" for name in GROWTH_COLUMNS))
    for run in runs:
        click.echo("  ".join(f"{run[name]!s:>20}" for name in GROWTH_COLUMNS))
    for step in steps:
        click.echo(f"{step['from']} -> {step['to']} items ({step['items_x']}x): build {step['build_x']}x, "
                   f"index {step['index_x']}x, memory {step['rss_x']}x, p95 {step['p95_x']}x "
                   f"(FTS5 {step['fts5_p95_x']}x), one added meeting {step['add_one_x']}x")


@click.group(invoke_without_command=True)
@click.option("--items", default="20000", show_default=True,
              help="Agenda items in the generated archive; several sizes comma-separated (20000,100000,200000).")
@click.option("--rounds", default=3, show_default=True, help="Times each query is asked.")
@click.option("--seed", default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table (one object, or runs and growth).")
@click.pass_context
def main(ctx, items: str, rounds: int, seed: int, as_json: bool):
    """Mötesarkivet benchmarks (default: the index benchmark)."""
    if ctx.invoked_subcommand is not None:
        return
    runs = [run_index_benchmark(size, rounds, seed) for size in sizes(items)]
    steps = growth(runs)
    if as_json:
        click.echo(json.dumps(runs[0] if len(runs) == 1 else {"runs": runs, "growth": steps}))
        return
    if len(runs) == 1:
        for key, value in runs[0].items():
            click.echo(f"{key:>20}  {value}")
        return
    print_table(runs, steps)


@main.command()
@click.option("--documents", default=3000, show_default=True, help="Size of the generated archive.")
@click.option("--format", "fmt", type=click.Choice(["txt", "pdf", "docx"]), default="txt", show_default=True)
@click.option("--seed", default=1, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Reading processes, as a build uses them (default: one per core; 1 reads in this process).")
def parse(documents: int, fmt: str, seed: int, workers: int | None):
    """Read and parse a generated archive as a build does: documents/s, MB/s, items/s, peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arkiv"
        started = time.perf_counter()
        generate_archive(folder, documents * ITEMS_PER_MEETING, fmt, seed)
        generated = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.iterdir())
        started = time.perf_counter()
        outcomes = [outcome for _path, outcome in read_documents(document_paths(folder), None, workers)]
        elapsed = time.perf_counter() - started
    meetings = [meeting for meeting, _error in outcomes if meeting is not None]
    items = sum(1 for m in meetings for _ in m.all_items())
    peak_mib = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    click.echo(f"{workers_for(documents, workers)} reading processes")
    click.echo(f"generated {documents} {fmt} documents ({size / 1e6:.1f} MB) in {generated:.1f} s")
    click.echo(
        f"parsed {len(meetings)} meetings, {items} items, {len(outcomes) - len(meetings)} failures "
        f"in {elapsed:.2f} s: {documents / elapsed:.0f} documents/s, {size / 1e6 / elapsed:.2f} MB/s, "
        f"{items / elapsed:.0f} items/s; peak memory {peak_mib:.0f} MiB"
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
def quality(as_json: bool):
    """Split accuracy, false splits, precision at 5 and recall over the judgement lists, ours and FTS5's."""
    from scripts.quality import run_quality

    result = run_quality()
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    splits = result["splits"]
    click.echo(f"compounds split right  {splits['split_accuracy']:.1%} of {splits['compounds']}")
    click.echo(f"plain words split      {splits['false_split_rate']:.1%} of {splits['plain_words']}")
    click.echo(f"{'':24}{'ours':>10}{'FTS5':>10}")
    for name in ("queries", "recall", "p_at_5", "queries_missing_relevant", "typos_corrected"):
        click.echo(f"{name:24}{result['ours'][name]!s:>10}{result['fts5'][name]!s:>10}")
    for line in splits["wrong"]:
        click.echo(f"  split: {line}")
    for query, missing in result["ours"]["missing"].items():
        click.echo(f"  missing for '{query}': {', '.join(missing)}")
    for query, got in result["ours"]["typos"].items():
        click.echo(f"  typo '{query}' corrected to {got!r}")


if __name__ == "__main__":
    main()

"""What hostile or absurd documents cost, stage by stage: a records folder is not curated.

    .venv/bin/python scripts/limits.py [CASE ...] [--scale 0.1] [--timeout 300] [--memory-gb 8] [--json]

Each case is generated into a temporary folder beside the five samples and measured in a fresh
process: seconds and peak resident memory (VmHWM, reset before each stage) for reading the file
(`read_text`), parsing its text (`parse`), analysing its items as the index does, and a whole build
of the folder (`index.build.build`, the samples included: they must still be indexed). A stage
that runs out of time or memory stops the case; the stages after a refusal are skipped.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from itertools import chain
from pathlib import Path

import click

HEAD = "Minnesanteckningar Länschefsnätverket\nDatum: 2024-01-10\nTid: 09.00-12.00\nPlats: Digitalt via Teams\n\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CASES = {
    "samples": "the five samples alone (the baseline: a fresh build prepares the dictionary)",
    "word": "one 80,000-letter word",
    "line": "a 50 MB line without spaces",
    "lines": "a million short lines under one item",
    "items": "200,000 numbered items (1., 2., …)",
    "paragraphs": "200,000 protocol paragraphs (§ 1, § 2, …)",
    "nested": "numbering nested 2,000 deep (1.1, 1.1.1, …)",
    "docx": "a DOCX of a million paragraphs",
    "bomb": "a DOCX zip bomb (4 GB of XML)",
}


# --- the cases --------------------------------------------------------------------------------


def write_case(name: str, folder: Path, scale: float) -> Path | None:
    """Write the case's document into folder and return its path (None: the samples alone)."""
    n = lambda full: max(1, int(full * scale))  # noqa: E731
    if name == "samples":
        return None
    if name == "word":
        return _text(folder / "ord.txt", HEAD + "1. Rubrik\n\nText " + ("samverkan" * n(80_000 // 9)) + " slut.\n")
    if name == "line":
        return _text(folder / "rad.txt", HEAD + "1. Rubrik\n\n" + "x" * n(50_000_000) + "\n")
    if name == "lines":
        return _text(folder / "rader.txt", HEAD + "1. Rubrik\n\n" + "rad\n" * n(1_000_000))
    if name == "items":
        return _text(folder / "punkter.txt", HEAD + "".join(f"{i}. Punkt {i}\n" for i in range(1, n(200_000) + 1)))
    if name == "paragraphs":
        return _text(folder / "paragrafer.txt", "Protokoll Kommunstyrelsen\nDatum: 2024-01-10\n\n"
                     + "".join(f"§ {i} Ärende {i}\n" for i in range(1, n(200_000) + 1)))
    if name == "nested":
        levels = (".".join(["1"] * depth) + " underpunkt" for depth in range(2, n(2_000) + 2))
        return _text(folder / "nivaer.txt", HEAD + "1. Rubrik\n" + "\n".join(levels) + "\n")
    if name == "docx":
        heading = [b"<w:p><w:r><w:t>1. Rubrik</w:t></w:r></w:p>"]
        paragraphs = chain(heading, (f"<w:p><w:r><w:t>rad {i}</w:t></w:r></w:p>".encode() for i in range(n(1_000_000))))
        return write_raw_docx(folder / "stycken.docx", paragraphs)
    if name == "bomb":
        chunk = b" " * (1 << 24)
        return write_raw_docx(folder / "bomb.docx", (chunk for _ in range(n(256))))  # 256 × 16 MB = 4 GB
    raise click.BadParameter(f"unknown case {name}")


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_raw_docx(path: Path, body: "iter[bytes]") -> Path:
    """A minimal DOCX whose body is written as it comes (python-docx would take minutes for a million paragraphs)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as docx:
        docx.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'))
        docx.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        with docx.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode())
            for piece in body:
                part.write(piece)
            part.write(b"</w:body></w:document>")
    return path


# --- one case in a fresh process --------------------------------------------------------------


def peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux >= 4.0)


def stage(name: str, run):
    """Run one stage, print its JSON line (name, seconds, peak MB, what came out) and return its result."""
    from archive.errors import ArchiveError

    reset_peak()
    started = time.perf_counter()
    try:
        result, note = run(), ""
    except ArchiveError as error:
        result, note = None, f"refused: {error}"
    except MemoryError:
        result, note = None, "MemoryError"
    print(json.dumps({"stage": name, "seconds": time.perf_counter() - started, "peak_mb": peak_mb(),
                      "note": note or describe(result)}), flush=True)
    return result


def measure_stages(path: Path) -> None:
    """Reading, parsing and analysing one document, stage by stage."""
    from archive.parse import parse
    from archive.readers import read_text
    from index.analysis import analyse, exact_words, lexicon, weighted

    lexicon()  # the dictionary loaded before any stage: its cost belongs to no input
    text = stage("read", lambda: read_text(path))
    meeting = stage("parse", lambda: parse(text, path.name)) if text is not None else None
    if meeting is not None:
        stage("analyse", lambda: [(analyse(weighted(i.title, [d.text for d in i.decisions], [i.text])), exact_words(i.text))
                                  for i in meeting.all_items()])


def measure_build(folder: Path, index_dir: Path) -> None:
    """A whole build of the folder, in a process of its own (no stage's caches help it)."""
    from index.build import build

    stage("build", lambda: build(folder, index_dir))


def describe(result) -> str:
    if isinstance(result, str):
        return f"{len(result):,} characters"
    if hasattr(result, "all_items"):
        return f"{sum(1 for _ in result.all_items()):,} items, {len(result.warnings)} warnings"
    if hasattr(result, "failures"):
        indexed = len(result.added) + len(result.updated) - len(result.failures)
        return f"{indexed} documents indexed, failed: {'; '.join(result.failures.values())[:200] or 'none'}"
    return f"{len(result):,} items analysed" if isinstance(result, list) else ""


def run_case(name: str, scale: float, timeout: float, memory_gb: float, work: Path) -> list[dict]:
    folder = work / name
    shutil.copytree(Path(__file__).resolve().parent.parent / "archive" / "minutes", folder,
                    ignore=shutil.ignore_patterns("_*", "*.py"))
    path = write_case(name, folder, scale)
    rows = run_child(["_stages", str(path)], ["read", "parse", "analyse"], timeout, memory_gb) if path else []
    if rows and rows[-1]["note"].startswith("still running"):
        rows.append({"stage": "build", "seconds": 0, "peak_mb": None, "note": "not run: a stage before it did not end"})
    else:
        rows += run_child(["_build", str(folder), str(work / f"{name}-index")], ["build"], timeout, memory_gb)
    for row in rows:
        row["case"] = name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work / f"{name}-index", ignore_errors=True)
    return rows


def run_child(arguments: list[str], stages: list[str], timeout: float, memory_gb: float) -> list[dict]:
    """The stage lines of a child process, capped in time and address space; a stage that did not end says so."""
    limit = int(memory_gb * 2**30)
    child = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE, text=True,
                             preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    rows: list[dict] = []
    reader = threading.Thread(target=lambda: rows.extend(json.loads(line) for line in child.stdout), daemon=True)
    started = time.monotonic()
    reader.start()
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
    child.wait()
    reader.join()
    unended = {"stage": stages[min(len(rows), len(stages) - 1)], "peak_mb": None,
               "seconds": time.monotonic() - started - sum(row["seconds"] for row in rows)}
    if child.returncode == -9:
        rows.append(unended | {"note": f"still running after {timeout:.0f} s: stopped"})
    elif child.returncode != 0:
        rows.append(unended | {"note": f"crashed: exit status {child.returncode}"})
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| case | stage | seconds | peak RSS | outcome |", "|---|---|---:|---:|---|"]
    for row in rows:
        peak = f"{row['peak_mb']:,.0f} MB" if row["peak_mb"] is not None else "–"
        lines.append(f"| {row['case']} | {row['stage']} | {row['seconds']:.2f} | {peak} | {row['note']} |")
    return "\n".join(lines)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("cases", nargs=-1, type=click.Choice(list(CASES)))
@click.option("--scale", type=float, default=1.0, show_default=True, help="Fraction of each case's full size.")
@click.option("--timeout", type=float, default=300, show_default=True, help="Seconds a case may run.")
@click.option("--memory-gb", type=float, default=8, show_default=True, help="Address-space cap of a case.")
@click.option("--json", "as_json", is_flag=True)
def main(cases: tuple[str, ...], scale: float, timeout: float, memory_gb: float, as_json: bool):
    """Measure each case (all by default)."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="arkiv-limits-") as work:
        for name in cases or CASES:
            click.echo(f"{name}: {CASES[name]} (scale {scale})", err=True)
            rows += run_case(name, scale, timeout, memory_gb, Path(work))
    click.echo(json.dumps(rows, indent=1) if as_json else table(rows))


if __name__ == "__main__":
    if sys.argv[1:2] in (["_stages"], ["_build"]):
        warnings.filterwarnings("ignore")  # tqdm's monitor thread cannot start under the memory cap
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        if sys.argv[1] == "_stages":
            measure_stages(Path(sys.argv[2]))
        else:
            measure_build(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()

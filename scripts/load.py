"""A bounded load test against `arkiv serve` on loopback: sustained requests/s and latency per endpoint.

    python scripts/load.py --items 20000 --seconds 30 [--connections 4] [--json]
    python scripts/load.py --archive DIR --index DIR --paths 20 --connections 1 --garbage 2

Generates an archive of that many items (as scripts/bench.py does), starts `arkiv serve` on a free
port of 127.0.0.1 (it builds the index first), then for each endpoint keeps `connections` keep-alive
connections busy for a fixed time with searches drawn from the benchmark's queries, pages, sorts
and year filters, and stops by itself. Every answer must be 200; anything else is counted as an error.

--garbage N adds N clients sending random 500-character queries (never the same twice, so never
answered from the cache) for the whole run: with --paths 20 the measured searches are answered from
the cache after their first round, which shows whether kept answers wait for the expensive ones.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import click

from scripts.bench import QUERIES, generate_archive, percentile

ENDPOINTS = {"sökningssidan /sok": "/sok", "API /api/search": "/api/search"}
YEARS = [None, "2011", "2015", "2018"]


def request_paths(seed: int, count: int, endpoint: str) -> list[str]:
    rng = random.Random(seed)
    paths = []
    for _ in range(count):
        params = {"q": rng.choice(QUERIES), "page": rng.choice([1, 1, 1, 2, 3]),
                  "sort": rng.choice(["relevance", "relevance", "newest", "oldest"])}
        if year := rng.choice(YEARS):
            params.update({"from": year, "to": year})
        paths.append(f"{endpoint}?{urlencode(params)}")
    return paths


def hammer(host: str, port: int, paths: list[str], seconds: float, connections: int) -> dict:
    """Keep `connections` connections busy until the time is up; latencies in ms, errors by kind."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine, failed, index = [], [], offset
        while time.perf_counter() < deadline:
            path = paths[index % len(paths)]
            index += connections
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                failed.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies), "errors": len(errors), "error_kinds": sorted(set(errors)),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
    }


def serve(archive: Path, index_dir: Path, threads: int) -> tuple[subprocess.Popen, str, int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.cli", "serve", "--archive", str(archive), "--index", str(index_dir),
         "--port", "0", "--threads", str(threads)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    for line in process.stdout:
        if match := re.search(r"http://(127\.0\.0\.1):(\d+)/", line):
            return process, match.group(1), int(match.group(2))
    raise RuntimeError(f"arkiv serve stopped with status {process.wait()} before it served")


def run_load(items: int, seconds: float, connections: int, threads: int, seed: int, paths: int = 5000,
             garbage: int = 0, archive: Path | None = None, index_dir: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        if archive is None:
            archive = Path(tmp) / "arkiv"
            generate_archive(archive, items, seed=seed)
        index_dir = index_dir or Path(tmp) / "index"
        started = time.perf_counter()
        process, host, port = serve(archive, index_dir, threads)
        ready_s = time.perf_counter() - started
        try:
            with garbage_clients(host, port, garbage, seed) as sent:
                results = {name: hammer(host, port, request_paths(seed, paths, path), seconds, connections)
                           for name, path in ENDPOINTS.items()}
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {"items": items, "seconds": seconds, "connections": connections, "server_threads": threads,
            "build_and_start_s": round(ready_s, 1), "endpoints": results, "garbage": sent}


@contextmanager
def garbage_clients(host: str, port: int, clients: int, seed: int):
    """`clients` threads sending random 500-character queries to /api/search until the block ends;
    yields a dict that holds, at the end, how many they sent and their median time."""
    stop, times, errors = threading.Event(), [], []

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = http.client.HTTPConnection(host, port, timeout=60)
        while not stop.is_set():
            query = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzåäö   ") for _ in range(500))
            started = time.perf_counter()
            connection.request("GET", "/api/search?" + urlencode({"q": query}))
            response = connection.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors.append(response.status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    sent: dict = {}
    for thread in threads:
        thread.start()
    try:
        yield sent
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        sent.update(clients=clients, requests=len(times), errors=len(errors),
                    p50_ms=round(statistics.median(times), 1) if times else None)


@click.command()
@click.option("--items", default=20_000, show_default=True, help="Agenda items in the generated archive.")
@click.option("--seconds", default=30.0, show_default=True, help="Load time per endpoint.")
@click.option("--connections", default=4, show_default=True, help="Concurrent keep-alive connections.")
@click.option("--threads", default=4, show_default=True, help="arkiv serve --threads.")
@click.option("--seed", default=1, show_default=True)
@click.option("--paths", default=5000, show_default=True, help="Distinct searches asked per endpoint.")
@click.option("--garbage", default=0, show_default=True, help="Clients sending random 500-character queries meanwhile.")
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path), help="An archive instead of a generated one.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), help="Its index, if built.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
def main(items: int, seconds: float, connections: int, threads: int, seed: int, paths: int, garbage: int,
         archive: Path | None, index_dir: Path | None, as_json: bool):
    """Load test of arkiv serve on loopback (fixed duration, stops by itself)."""
    result = run_load(items, seconds, connections, threads, seed, paths, garbage, archive, index_dir)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(f"{items} items; server up (build + warm-up) in {result['build_and_start_s']} s; "
               f"{connections} connections, {seconds:.0f} s each")
    for name, r in result["endpoints"].items():
        click.echo(f"{name:22} {r['requests_per_s']:>7} req/s  p50 {r['p50_ms']} ms  p95 {r['p95_ms']} ms  "
                   f"p99 {r['p99_ms']} ms  {r['requests']} requests, {r['errors']} errors {r['error_kinds'] or ''}")
    if garbage:
        g = result["garbage"]
        click.echo(f"meanwhile {garbage} garbage clients: {g['requests']} queries, p50 {g['p50_ms']} ms, {g['errors']} errors")
    if any(r["errors"] for r in result["endpoints"].values()) or result["garbage"].get("errors"):
        raise SystemExit(1)


if __name__ == "__main__":
    main()

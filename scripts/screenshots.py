"""Retakes the README's screenshots (docs/*.png) of the bundled sample archive, as a user would see it.

    .venv/bin/python -m scripts.screenshots            # scripts/setup test first: it needs Playwright
    .venv/bin/python -m scripts.screenshots --out DIR  # somewhere else, to compare with docs/

Serves the bundled archive with `arkiv serve` over a fresh index in a temp folder, on a free port of loopback,
and drives Debian's chromium (as tests/test_browser.py does) at laptop size (1366×768): a search narrowed to a
year, a meeting with an item's citation open, and an underlag with a title and a note. Links read
http://127.0.0.1:8000/, the address `scripts/run` serves on (it serves there when the port is free).
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1366, "height": 768}
PUBLIC_URL = "http://127.0.0.1:8000"
NOV = "lanschefsnatverket-2025-11-21-minnesanteckningar"
JAN = "lanschefsnatverket-2026-01-29-minnesanteckningar"


@contextmanager
def served():
    """`arkiv serve` of the bundled archive over a fresh index; yields its address."""
    with tempfile.TemporaryDirectory() as index_dir:
        port = "8000" if free(8000) else "0"  # on 8000 the shared basket's link reads as the permalinks do
        command = [sys.executable, "-m", "scripts.cli", "serve", "--index", index_dir, "--port", port, "--no-watch",
                   "--public-url", PUBLIC_URL]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            for line in process.stdout:
                if match := re.search(r"(http://127\.0\.0\.1:\d+)/", line):
                    yield match.group(1)
                    return
            raise SystemExit(f"arkiv serve stopped with status {process.wait()} before it served")
        finally:
            process.terminate()
            process.wait(timeout=60)


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def take(base: str, out: Path) -> list[Path]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_context(viewport=LAPTOP, base_url=base, locale="sv-SE").new_page()

        page.goto(f"/moten/{NOV}#punkt-5c")
        item = page.locator("#punkt-5c")
        item.locator("> .tools .basket-add").click()
        item.locator("> .tools .cite > summary").click()
        expect(item.locator("> .tools .cite")).to_have_attribute("open", "")
        page.evaluate("y => window.scrollTo(0, y)", item.evaluate("el => el.getBoundingClientRect().top + scrollY - 100"))
        page.screenshot(path=out / "mote.png")

        page.goto(f"/moten/{JAN}")
        page.locator("#punkt-6b .decision .basket-add").first.click()
        page.goto("/sok?q=samsjuklighet&from=2026&to=2026")
        page.screenshot(path=out / "sok.png")

        page.goto("/underlag")
        page.get_by_label("Rubrik på underlaget").fill("MiniMaria i Dalarna")
        note = page.locator("#basket-list > li").filter(has_text="Aktuellt läge MiniMaria").get_by_label(re.compile("^Anteckning"))
        note.fill("Läget inför beslutet i maj: alla kommuner utom en har tecknat avtal.")
        page.locator("h1").click()  # out of the field, as a reader leaves it
        page.screenshot(path=out / "underlag.png", full_page=True)
        browser.close()
    return [out / name for name in ("sok.png", "mote.png", "underlag.png")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the pictures (default: docs/)")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with served() as base:
        for path in take(base, out):
            print(path)


if __name__ == "__main__":
    main()

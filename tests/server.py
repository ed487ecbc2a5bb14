"""A real `arkiv serve` process on a free port of loopback, for tests that need the whole server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ArkivServer:
    """`arkiv serve --port 0 …` started on entering, stopped (SIGTERM, then waited for) on leaving."""

    def __init__(self, *options: str, env: dict | None = None, command: list[str] | None = None):
        self.command = command or [sys.executable, "-m", "scripts.cli", "serve", "--port", "0", *options]
        self.env = env
        self.url = ""
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")

    def __enter__(self) -> "ArkivServer":
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                        stderr=self._stderr, text=True)
        for line in self.process.stdout:
            if match := re.search(r"(http://127\.0\.0\.1:\d+)/", line):
                self.url = match.group(1)
                return self
        raise RuntimeError(f"arkiv serve stopped with status {self.process.wait()} before it served:\n{self.stderr()}")

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        self._stderr.close()

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read()

    def get(self, path: str, headers: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def json(self, path: str) -> dict:
        status, body = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

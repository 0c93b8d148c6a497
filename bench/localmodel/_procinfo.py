"""Memory and liveness of a process, read from /proc (Linux) without extra dependencies.

Elsewhere the figures are None: they are logged and reported, never needed to run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")
_DEAD_STATES = frozenset({"Z", "X"})


@dataclass(frozen=True)
class MemoryUsage:
    """Resident memory of one process, in MiB."""

    rss_mb: float
    """Resident set size now (VmRSS)."""
    peak_rss_mb: float
    """Highest resident set size so far (VmHWM)."""


def memory_usage(pid: int) -> MemoryUsage | None:
    """Return the process's current and peak RSS, or None where /proc cannot tell."""
    try:
        text = (_PROC / str(pid) / "status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields: dict[str, float] = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024  # kB -> MiB
    if "VmRSS" not in fields or "VmHWM" not in fields:
        return None
    return MemoryUsage(rss_mb=fields["VmRSS"], peak_rss_mb=fields["VmHWM"])


def process_running(pid: int) -> bool:
    """Whether `pid` names a live process: present in /proc and not a zombie.

    A zombie has released its memory and threads; it lasts only until its new parent
    reaps it, which is no longer ours to do once our own child was re-parented.
    """
    if not _PROC.is_dir():
        return _signal_reaches(pid)
    try:
        stat = (_PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    state = stat.rpartition(")")[2].split()[0]
    return state not in _DEAD_STATES


def _signal_reaches(pid: int) -> bool:
    """Fallback without /proc: signal 0 checks existence (a zombie still counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

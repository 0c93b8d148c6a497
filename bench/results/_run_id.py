"""Run ids: `2026-11-24T1910Z-3fa2c1`, sortable by time, unique enough to never collide.

The minute-resolution UTC stamp makes `ls results/runs` chronological and the
folder name readable in a git log; the random suffix keeps two runs started in
the same minute (shards on different machines choose one id and share it) apart.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

RUN_ID_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{4}Z-[0-9a-f]{6}$")
"""What `new_run_id` produces; other folder names under `runs/` are not runs."""


def new_run_id(now: dt.datetime | None = None, *, suffix: str | None = None) -> str:
    """A new run id for the UTC minute of `now` (default: the current time).

    Args:
        now: a timezone-aware time; naive times are refused because a local
            time written as UTC would misplace the run in the order.
        suffix: six lowercase hex digits; random when not given (tests pin it).

    Returns:
        e.g. `2026-11-24T1910Z-3fa2c1`.
    """
    now = dt.datetime.now(dt.UTC) if now is None else now
    if now.tzinfo is None:
        raise ValueError("new_run_id needs a timezone-aware time")
    suffix = secrets.token_hex(3) if suffix is None else suffix
    run_id = f"{now.astimezone(dt.UTC):%Y-%m-%dT%H%M}Z-{suffix}"
    if not RUN_ID_PATTERN.match(run_id):
        raise ValueError(f"suffix must be six lowercase hex digits (got {suffix!r})")
    return run_id


def is_run_id(name: str) -> bool:
    """Whether `name` has the shape of a run id."""
    return RUN_ID_PATTERN.match(name) is not None

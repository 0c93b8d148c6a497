"""Progress without a terminal: a plain line at a steady interval, not silence."""

from __future__ import annotations

import io
import time

from rich.console import Console

from bench.runner._progress import RunProgress, _duration
from tests.results.conftest import attempt


def _lines(stream: io.StringIO) -> list[str]:
    return [line for line in stream.getvalue().splitlines() if line.startswith("progress:")]


def test_a_piped_run_prints_a_plain_line_at_each_interval():
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=False, width=80)
    assert not console.is_terminal
    with RunProgress(console, {"gpt-4o": 4, "claude": 2}, interval_s=0.05) as progress:
        progress.record(attempt("a", model="gpt-4o", cost_usd=0.25))
        progress.record(attempt("b", model="gpt-4o", status="provider_error", cost_usd=None))
        progress.record(attempt("a", model="claude", cost_usd=0.5))
        time.sleep(0.3)
    lines = _lines(stream)
    assert len(lines) >= 2  # steady: more than once while nothing else happens
    last = lines[-1]
    assert last.startswith("progress: 3/6 attempts (50%), 1 infra errors, spend $0.7500")
    assert last.endswith("| gpt-4o 2/4, claude 1/2")  # one line even past the width
    assert "ETA 0s" in last or "ETA 1s" in last  # half done in about 0.3 s


def test_no_plain_line_before_the_interval_or_on_a_terminal():
    piped = io.StringIO()
    with RunProgress(Console(file=piped, force_terminal=False), {"m": 1}, interval_s=60):
        pass
    assert _lines(piped) == []
    terminal = io.StringIO()
    console = Console(file=terminal, force_terminal=True)
    with RunProgress(console, {"m": 1}, interval_s=0.01) as progress:
        progress.record(attempt("a", model="m"))
        time.sleep(0.1)
    assert "progress:" not in terminal.getvalue()  # the bars show it there


def test_eta_unknown_before_the_first_attempt_and_durations():
    progress = RunProgress(Console(file=io.StringIO()), {"m": 3})
    assert "ETA unknown" in progress.plain_line()
    assert "| m 0/3" in progress.plain_line()
    assert [_duration(s) for s in (4.4, 185, 3725)] == ["4s", "3m05s", "1h02m"]

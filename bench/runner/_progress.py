"""Live progress of a run (per model: done, passed, errors, spend) and its summary table.

On a terminal, one rich bar per model. Without one (output piped to a file, a CI log)
bars would be silent, and a long run would print nothing between "starting run" and
its summary; so there, one plain line is printed at a steady interval instead.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bench.results import INFRA_STATUSES, Attempt

PLAIN_PROGRESS_INTERVAL_S = 30.0
"""Seconds between plain progress lines when the console is not a terminal."""


@dataclass
class ModelTally:
    """Running totals of one model's attempts in this run."""

    done: int = 0
    passed: int = 0
    infra_errors: int = 0
    spend_usd: float = 0.0
    overall_sum: float = 0.0

    def add(self, attempt: Attempt) -> None:
        """Count one finished attempt."""
        self.done += 1
        self.passed += attempt.status == "passed"
        self.infra_errors += attempt.status in INFRA_STATUSES
        self.spend_usd += attempt.cost_usd or 0.0
        self.overall_sum += attempt.overall or 0.0


class RunProgress:
    """One rich bar per model on a terminal; elsewhere a plain line every `interval_s`."""

    def __init__(
        self,
        console: Console,
        totals: dict[str, int],
        interval_s: float = PLAIN_PROGRESS_INTERVAL_S,
    ):
        self.console = console
        self.totals = dict(totals)
        self.tallies: dict[str, ModelTally] = defaultdict(ModelTally)
        self.interval_s = interval_s
        self._lock = threading.Lock()  # record() runs on the loop, plain lines on a thread
        self._stopped = threading.Event()
        self._ticker: threading.Thread | None = None
        self._started = time.monotonic()
        self._progress = Progress(
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("passed {task.fields[passed]}  errors {task.fields[errors]}"),
            TextColumn("${task.fields[spend]:.4f}"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,
        )
        self._bars = {
            model: self._progress.add_task(model, total=total, passed=0, errors=0, spend=0.0)
            for model, total in totals.items()
        }

    def __enter__(self) -> RunProgress:
        self._started = time.monotonic()
        self._progress.start()
        if not self.console.is_terminal:
            self._ticker = threading.Thread(
                target=self._print_plain_lines, name="bench-progress", daemon=True
            )
            self._ticker.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()
        self._stopped.set()
        if self._ticker is not None:
            self._ticker.join()

    def _print_plain_lines(self) -> None:
        while not self._stopped.wait(self.interval_s):
            self.console.print(self.plain_line(), markup=False, highlight=False, soft_wrap=True)

    def plain_line(self) -> str:
        """One line for a log: attempts done/total, per model, errors, spend, elapsed, ETA."""
        with self._lock:
            done = sum(tally.done for tally in self.tallies.values())
            errors = sum(tally.infra_errors for tally in self.tallies.values())
            spend = sum(tally.spend_usd for tally in self.tallies.values())
            done_by_model = {model: tally.done for model, tally in self.tallies.items()}
        models = [f"{model} {done_by_model.get(model, 0)}/{n}" for model, n in self.totals.items()]
        total = sum(self.totals.values())
        elapsed = time.monotonic() - self._started
        percent = f" ({100 * done / total:.0f}%)" if total else ""
        eta = _eta(elapsed, done_by_model, self.totals)
        return (
            f"progress: {done}/{total} attempts{percent}, {errors} infra errors, "
            f"spend ${spend:.4f}, elapsed {_duration(elapsed)}, ETA {eta} | {', '.join(models)}"
        )

    def record(self, attempt: Attempt) -> None:
        """Advance the model's bar by one finished attempt."""
        with self._lock:
            tally = self.tallies[attempt.model]
            tally.add(attempt)
        self._progress.update(
            self._bars[attempt.model],
            advance=1,
            passed=tally.passed,
            errors=tally.infra_errors,
            spend=tally.spend_usd,
        )

    def summary_table(self) -> Table:
        """Per-model totals of this invocation."""
        table = Table(
            "model",
            "attempts",
            "passed",
            "pass rate",
            "mean overall",
            "infra errors",
            "spend $",
            title="this run",
        )
        for model, tally in sorted(self.tallies.items()):
            judged = tally.done - tally.infra_errors
            rate = f"{100 * tally.passed / judged:.1f}%" if judged else "-"
            mean = f"{tally.overall_sum / judged:.1f}" if judged else "-"
            table.add_row(
                model,
                str(tally.done),
                str(tally.passed),
                rate,
                mean,
                str(tally.infra_errors),
                f"{tally.spend_usd:.4f}",
            )
        return table


def _eta(elapsed: float, done: dict[str, int], totals: dict[str, int]) -> str:
    """Time left: models run side by side, so the slowest model's own pace decides it.

    Each model's remaining attempts at its own rate so far; a model with none done
    yet makes the estimate unknown (a fast baseline says nothing of a slow model).
    """
    left = []
    for model, total in totals.items():
        finished = done.get(model, 0)
        if finished >= total:
            continue
        if finished == 0:
            return "unknown"
        left.append(elapsed / finished * (total - finished))
    return _duration(max(left)) if left else _duration(0)


def _duration(seconds: float) -> str:
    """`45s`, `3m05s`, `1h02m`: short enough for a log line, exact enough for an ETA."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"

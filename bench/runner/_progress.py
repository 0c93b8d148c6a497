"""Live progress of a run (per model: done, passed, errors, spend) and its summary table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bench.results import INFRA_STATUSES, Attempt


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
    """A rich progress display, one bar per model; silent when the console is not a terminal."""

    def __init__(self, console: Console, totals: dict[str, int]):
        self.console = console
        self.tallies: dict[str, ModelTally] = defaultdict(ModelTally)
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
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def record(self, attempt: Attempt) -> None:
        """Advance the model's bar by one finished attempt."""
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

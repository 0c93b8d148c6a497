"""A batch run: model calls and sandbox work overlapped, bounded, paced and checkpointed.

Model calls are bounded per model (`concurrency`) and globally, and paced per
model (`rpm`); sandbox work runs on its own thread pool, so a slow model never
idles the executors and a slow test never holds a model slot. Every finished
attempt goes straight into the results store, which checkpoints atomically:
a killed run resumes with nothing lost and nothing counted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console

from bench.providers import ErrorKind, ModelProvider, ModelResponse, render_prompt
from bench.results import Attempt, RunWriter
from bench.runner._attempt import AttemptScorer
from bench.runner._plan import WorkItem
from bench.runner._progress import PLAIN_PROGRESS_INTERVAL_S, RunProgress
from bench.runner._ratelimit import RequestPacer


@dataclass
class ModelLane:
    """One model's provider and its limits."""

    name: str
    provider: ModelProvider
    provider_label: str
    concurrency: int
    rpm: int | None


@dataclass
class Budget:
    """A spending cap: once reached, no new model call starts."""

    cap_usd: float | None
    spent_usd: float = 0.0
    exhausted: bool = False

    def allows_call(self) -> bool:
        """True while spending is under the cap."""
        if self.cap_usd is not None and self.spent_usd >= self.cap_usd:
            self.exhausted = True
        return not self.exhausted

    def charge(self, cost: float | None) -> None:
        """Record what a call cost."""
        self.spent_usd += cost or 0.0


@dataclass
class BatchOutcome:
    """What a batch did: attempts written, items skipped by the budget, resolved versions."""

    written: int = 0
    skipped_for_budget: int = 0
    resolved_versions: dict[str, str] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)


class BatchRunner:
    """Runs work items through providers, the sandbox and scoring, into a RunWriter."""

    def __init__(
        self,
        run_id: str,
        lanes: dict[str, ModelLane],
        scorer: AttemptScorer,
        writer: RunWriter,
        console: Console,
        global_concurrency: int | None = None,
        budget: Budget | None = None,
    ):
        self.run_id = run_id
        self.lanes = lanes
        self.scorer = scorer
        self.writer = writer
        self.console = console
        self.budget = budget or Budget(None)
        self._global = asyncio.Semaphore(global_concurrency or 10_000)
        self._per_model = {
            name: asyncio.Semaphore(lane.concurrency) for name, lane in lanes.items()
        }
        self._pacers = {name: RequestPacer(lane.rpm) for name, lane in lanes.items()}
        self.outcome = BatchOutcome()
        self.progress_interval_s = PLAIN_PROGRESS_INTERVAL_S
        """Seconds between plain progress lines when the console is not a terminal."""

    async def run(self, items: list[WorkItem]) -> BatchOutcome:
        """Process every item; return when all are written (or skipped by the budget)."""
        totals = Counter(item.model for item in items)
        with RunProgress(self.console, dict(totals), self.progress_interval_s) as progress:
            self._progress = progress
            try:
                await asyncio.gather(*(self._one(item) for item in items))
            finally:
                await asyncio.gather(
                    *(lane.provider.aclose() for lane in self.lanes.values()),
                    return_exceptions=True,
                )
        if self.outcome.written:
            self.console.print(progress.summary_table())
        return self.outcome

    async def _one(self, item: WorkItem) -> None:
        lane = self.lanes[item.model]
        started_at = dt.datetime.now(dt.UTC)
        async with self._global, self._per_model[item.model]:
            if not self.budget.allows_call():
                self.outcome.skipped_for_budget += 1
                return
            await self._pacers[item.model].wait()
            response = await _generate(lane.provider, item)
        self.budget.charge(response.cost_usd)
        if response.model_version:
            self.outcome.resolved_versions.setdefault(item.model, response.model_version)
        try:
            attempt = await self.scorer.score(
                self.run_id,
                item.model,
                lane.provider_label,
                item.task,
                item.sample,
                response,
                started_at,
            )
        except Exception as error:  # a harness bug must cost one attempt, never the run
            attempt = self.scorer.infrastructure_failure(
                self.run_id, item.model, lane.provider_label, item.task, item.sample, response,
                started_at, f"scoring failed: {type(error).__name__}: {error}",
            )  # fmt: skip
        self._record(attempt)

    def _record(self, attempt: Attempt) -> None:
        self.writer.append(attempt)
        self.outcome.written += 1
        self.outcome.statuses[attempt.status] += 1
        self._progress.record(attempt)


async def _generate(provider: ModelProvider, item: WorkItem) -> ModelResponse:
    """The provider's reply; a provider that raises becomes a provider_error, not a crash.

    Providers must not raise for a failed call; one that does (a bug) costs that
    attempt only.
    """
    try:
        return await provider.generate(render_prompt(item.task), item.task, sample=item.sample)
    except Exception as error:
        return ModelResponse(
            error=f"provider raised {type(error).__name__}: {error}", error_kind=ErrorKind.OTHER
        )


def run_batch(runner: BatchRunner, items: list[WorkItem]) -> BatchOutcome:
    """Run a batch to completion from synchronous code; Ctrl-C keeps what was written."""
    try:
        return asyncio.run(runner.run(items))
    finally:
        with contextlib.suppress(Exception):
            runner.scorer.close()

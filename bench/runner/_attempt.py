"""From a model's reply to a scored `Attempt`: execute, measure, score.

Infrastructure failures never count against a model: a `sandbox_error` is
retried, and if it persists the attempt is recorded as `sandbox_error`, which
the leaderboard keeps out of the model's denominators.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench.providers import ModelResponse
from bench.results import Attempt, TestVerdict
from bench.runner._score_batch import ScoreBatcher
from bench.sandbox import ExecutionResult, Executor
from bench.sandbox import TestVerdict as SandboxVerdict
from bench.scoring import DefaultScorer, Scorer, ScoringInput
from bench.tasks import Task

MAX_STORED_ERROR = 2000


@dataclass(frozen=True)
class ScoringSettings:
    """How attempts are scored: the scorer and how often tests are timed."""

    scorer: Scorer = field(default_factory=DefaultScorer)
    """The default scorer, or a custom one named in bench.yaml."""
    timing_repeats: int = 3
    """Repeats of each passing test for efficiency; medians damp noise."""


class AttemptScorer:
    """Runs code in the sandbox pool and turns replies into scored attempts."""

    def __init__(
        self, executor: Executor, workers: int, settings: ScoringSettings, sandbox_retries: int = 2
    ):
        self.executor = executor
        self.settings = settings
        self.sandbox_retries = sandbox_retries
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sandbox")
        self._scores = ScoreBatcher(settings.scorer)
        self._reference_runs: dict[str, asyncio.Future[ExecutionResult]] = {}

    def close(self) -> None:
        """Stop the sandbox threads (the executor itself is closed by its owner)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    async def execute(self, code: str, task: Task, repeats: int = 1) -> ExecutionResult:
        """Execute in the sandbox pool, retrying infrastructure failures."""
        loop = asyncio.get_running_loop()
        for _ in range(self.sandbox_retries + 1):
            result = await loop.run_in_executor(
                self._pool, lambda: self.executor.execute(code, task, timing_repeats=repeats)
            )
            if result.status != "sandbox_error":
                return result
        return result

    async def reference_run(self, task: Task) -> ExecutionResult:
        """The reference's timed execution, once per task per run (shared by all attempts)."""
        if task.id not in self._reference_runs:
            coroutine = self.execute(task.reference_solution, task, self.settings.timing_repeats)
            self._reference_runs[task.id] = asyncio.ensure_future(coroutine)
        return await self._reference_runs[task.id]

    async def score(
        self,
        run_id: str,
        model: str,
        provider: str,
        task: Task,
        sample: int,
        response: ModelResponse,
        started_at: dt.datetime,
    ) -> Attempt:
        """Execute the reply's code and build its row."""
        identity = _identity(run_id, model, provider, task, sample, response, started_at)
        if response.error is not None:
            return _unjudged(identity, "provider_error", response.error)
        result = await self.execute(response.code or "", task, self.settings.timing_repeats)
        if result.status == "sandbox_error":
            return _unjudged(identity, "sandbox_error", result.error or "")
        score = await self._scores.score(await self._scoring_input(task, response, result))
        verdicts = [_stored_verdict(verdict) for verdict in result.tests]
        return Attempt(
            **identity,
            status=result.status,
            tests_passed=sum(verdict.passed for verdict in verdicts)
            if verdicts
            else int(result.status == "passed"),
            correctness=score.correctness,
            speed=score.speed,
            quality=score.quality,
            efficiency=score.efficiency,
            overall=score.overall,
            exec_time_s=result.exec_time_s,
            peak_memory_mb=result.peak_memory_mb,
            error=result.error[:MAX_STORED_ERROR] if result.error else None,
            test_verdicts=verdicts or None,
        )

    def infrastructure_failure(
        self,
        run_id: str,
        model: str,
        provider: str,
        task: Task,
        sample: int,
        response: ModelResponse,
        started_at: dt.datetime,
        reason: str,
    ) -> Attempt:
        """A `sandbox_error` row for an attempt the harness itself failed to judge."""
        identity = _identity(run_id, model, provider, task, sample, response, started_at)
        return _unjudged(identity, "sandbox_error", reason)

    async def _scoring_input(
        self, task: Task, response: ModelResponse, result: ExecutionResult
    ) -> ScoringInput:
        """What the scorer sees; reference times only when the candidate passed everything."""
        candidate_times = reference_times = None
        if result.status == "passed":
            reference = await self.reference_run(task)
            if reference.status == "passed":
                candidate_times, reference_times = _times(task, result), _times(task, reference)
        return ScoringInput(
            task=task,
            code=response.code or "",
            response_time_s=response.response_time_s,
            passed_weight=result.passed_weight,
            total_weight=result.total_weight or 1.0,
            all_passed=result.status == "passed",
            candidate_times=candidate_times,
            reference_times=reference_times,
            response_text=response.text,
        )


def _identity(
    run_id: str,
    model: str,
    provider: str,
    task: Task,
    sample: int,
    response: ModelResponse,
    started_at: dt.datetime,
) -> dict:
    """The columns every row of an attempt carries, whatever its outcome."""
    return {
        "run_id": run_id,
        "model": model,
        "provider": provider,
        "task_id": task.id,
        "task_hash": task.version,
        "difficulty": task.difficulty.value,
        "sample": sample,
        "started_at": started_at,
        "response_time_s": response.response_time_s,
        "cost_usd": response.cost_usd,
        "prompt_tokens": response.prompt_tokens,
        "completion_tokens": response.completion_tokens,
        "response_text": response.text,
        "generated_code": response.code,
        "tests_total": len(task.tests) or 1,
    }


def _unjudged(identity: dict, status: str, reason: str) -> Attempt:
    """A row for an attempt nothing judged (provider or infrastructure failure)."""
    return Attempt(**identity, status=status, tests_passed=0, error=reason[:MAX_STORED_ERROR])


def _times(task: Task, result: ExecutionResult) -> list[float | None]:
    """Per-test times; an assert-style task has one: the whole check."""
    if not task.tests:
        return [result.exec_time_s]
    return [verdict.time_s for verdict in result.tests]


def _stored_verdict(verdict: SandboxVerdict) -> TestVerdict:
    return TestVerdict(
        name=verdict.name,
        passed=verdict.verdict == "passed",
        time_s=verdict.time_s,
        message=_verdict_message(verdict),
    )


def _verdict_message(verdict: SandboxVerdict) -> str | None:
    if verdict.verdict == "passed":
        return None
    parts = [str(verdict.verdict)]
    if verdict.error_type:
        parts.append(f"{verdict.error_type}: {verdict.error_message or ''}".strip())
    elif verdict.actual is not None:
        parts.append(f"got {verdict.actual}")
    return " - ".join(parts)[:500]

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
from bench.runner._quality_batch import QualityBatcher
from bench.sandbox import ExecutionResult, Executor
from bench.scoring import DEFAULT_WEIGHTS, SpeedBaseline, correctness, efficiency, overall, speed
from bench.tasks import Task

MAX_STORED_ERROR = 2000


@dataclass(frozen=True)
class ScoringSettings:
    """How attempts are scored: weights, the speed baseline, timing repeats."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    speed_baseline: SpeedBaseline = field(default_factory=SpeedBaseline)
    timing_repeats: int = 3
    """Repeats of each passing test for efficiency; medians damp noise."""


def gated_overall(scores: dict[str, float | None], weights: dict[str, float]) -> float | None:
    """Overall score where speed, quality and efficiency count in proportion to correctness.

    A wrong answer delivered fast in tidy code is still wrong: without the gate,
    a stub returning None instantly would outscore a slow correct solver.
    """
    gate = (scores.get("correctness") or 0.0) / 100.0
    gated = {
        name: (value if name == "correctness" or value is None else value * gate)
        for name, value in scores.items()
    }
    return overall(gated, weights)


class AttemptScorer:
    """Runs code in the sandbox pool and turns replies into scored attempts."""

    def __init__(
        self,
        executor: Executor,
        workers: int,
        settings: ScoringSettings,
        sandbox_retries: int = 2,
    ):
        self.executor = executor
        self.settings = settings
        self.sandbox_retries = sandbox_retries
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sandbox")
        self._quality = QualityBatcher()
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
        identity = {
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
        }
        tests_total = len(task.tests) or 1
        if response.error is not None:
            return Attempt(
                **identity,
                status="provider_error",
                tests_passed=0,
                tests_total=tests_total,
                error=response.error[:MAX_STORED_ERROR],
            )
        result = await self.execute(response.code or "", task, self.settings.timing_repeats)
        return await self._scored(identity, task, response, result)

    async def _scored(
        self, identity: dict, task: Task, response: ModelResponse, result: ExecutionResult
    ) -> Attempt:
        verdicts = [
            TestVerdict(
                name=verdict.name,
                passed=verdict.verdict == "passed",
                time_s=verdict.time_s,
                message=_verdict_message(verdict),
            )
            for verdict in result.tests
        ]
        tests_passed = sum(verdict.passed for verdict in verdicts)
        if result.status == "sandbox_error":
            return Attempt(
                **identity,
                status="sandbox_error",
                tests_passed=0,
                tests_total=len(task.tests) or 1,
                error=(result.error or "")[:MAX_STORED_ERROR],
            )
        scores = {
            "correctness": correctness(result.passed_weight, result.total_weight),
            "speed": _speed(response, task, self.settings),
            "quality": (await self._quality.score(response.code or "")).score,
            "efficiency": await self._efficiency(task, result),
        }
        return Attempt(
            **identity,
            status=result.status,
            tests_passed=tests_passed,
            tests_total=len(task.tests) or 1,
            **scores,
            overall=gated_overall(scores, self.settings.weights),
            exec_time_s=result.exec_time_s,
            peak_memory_mb=result.peak_memory_mb,
            error=(result.error or None) and result.error[:MAX_STORED_ERROR],
            test_verdicts=verdicts or None,
        )

    async def _efficiency(self, task: Task, result: ExecutionResult) -> float | None:
        if result.status != "passed":
            return None
        reference = await self.reference_run(task)
        if reference.status != "passed":
            return None
        if not task.tests:  # assert-style tasks: whole-run times are all there is
            return efficiency([result.exec_time_s], [reference.exec_time_s])
        return efficiency(
            [verdict.time_s for verdict in result.tests],
            [verdict.time_s for verdict in reference.tests],
        )


def _speed(response: ModelResponse, task: Task, settings: ScoringSettings) -> float | None:
    if response.response_time_s is None:
        return None
    baseline = settings.speed_baseline.for_difficulty(task.difficulty.value)
    return speed(response.response_time_s, baseline)


def _verdict_message(verdict) -> str | None:
    if verdict.verdict == "passed":
        return None
    parts = [verdict.verdict]
    if verdict.error_type:
        parts.append(f"{verdict.error_type}: {verdict.error_message or ''}".strip())
    elif verdict.actual is not None:
        parts.append(f"got {verdict.actual}")
    return " - ".join(parts)[:500]

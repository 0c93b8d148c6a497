"""From a model's reply to a scored `Attempt`: execute, measure, score.

Infrastructure failures never count against a model: a `sandbox_error` is
retried, and if it persists the attempt is recorded as `sandbox_error`, which
the leaderboard keeps out of the model's denominators.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from bench.kinds import Judgement, kind_of
from bench.providers import ModelResponse
from bench.results import Attempt, AttemptStatus, TestVerdict
from bench.runner._pool import SandboxPool
from bench.runner._score_batch import ScoreBatcher
from bench.sandbox import ExecutionResult, Executor
from bench.sandbox import TestVerdict as SandboxVerdict
from bench.scoring import DefaultScorer, Scorer, ScoringInput, efficiency_is_decided
from bench.tasks import TaskBase

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
        self._pool = SandboxPool(workers)
        self._scores = ScoreBatcher(settings.scorer, idle=self._pool.idle)
        self._reference_runs: dict[str, asyncio.Future[ExecutionResult]] = {}

    def close(self) -> None:
        """Stop the sandbox threads (the executor itself is closed by its owner)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    async def judge(self, answer: str, task: TaskBase, repeats: int = 1) -> Judgement:
        """Judge an answer by its task's kind in the sandbox pool, retrying infra failures."""
        kind = kind_of(task)
        loop = asyncio.get_running_loop()
        for _ in range(self.sandbox_retries + 1):
            judgement = await loop.run_in_executor(
                self._pool, lambda: kind.judge(answer, task, self.executor, repeats)
            )
            if judgement.result.status != "sandbox_error":
                return judgement
        return judgement

    async def reference_run(self, task: TaskBase) -> ExecutionResult:
        """The reference's timed execution, once per task per run (shared by all attempts)."""
        if task.id not in self._reference_runs:
            self._reference_runs[task.id] = asyncio.ensure_future(self._timed_reference(task))
        return await self._reference_runs[task.id]

    async def _timed_reference(self, task: TaskBase) -> ExecutionResult:
        kind, repeats = kind_of(task), self.settings.timing_repeats
        for _ in range(self.sandbox_retries + 1):
            result = await asyncio.wrap_future(  # ahead of queued answers: see _pool.py
                self._pool.submit_urgent(kind.reference_run, task, self.executor, repeats)
            )
            if result.status != "sandbox_error":
                return result
        return result

    async def score(
        self,
        run_id: str,
        model: str,
        provider: str,
        task: TaskBase,
        sample: int,
        response: ModelResponse,
        started_at: dt.datetime,
    ) -> Attempt:
        """Judge the reply's answer by its task's kind and build its row."""
        identity = _identity(run_id, model, provider, task, sample, response, started_at)
        if response.error is not None:
            return _unjudged(identity, "provider_error", response.error)
        judgement = await self.judge(response.code or "", task, self.settings.timing_repeats)
        result = judgement.result
        identity["tests_total"] = kind_of(task).tests_total(task)  # testgen: known once judged
        if result.status == "sandbox_error":
            return _unjudged(identity, "sandbox_error", result.error or "")
        score = await self._scores.score(await self._scoring_input(task, response, judgement))
        verdicts = [_stored_verdict(verdict) for verdict in result.tests]
        details = {**judgement.details, **score.details}
        if task.variant_description:
            details["rewordings"] = task.variant_description
        return Attempt(
            **identity,
            status=AttemptStatus(result.status),
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
            details_json=_details_json(details),
        )

    def infrastructure_failure(
        self,
        run_id: str,
        model: str,
        provider: str,
        task: TaskBase,
        sample: int,
        response: ModelResponse,
        started_at: dt.datetime,
        reason: str,
    ) -> Attempt:
        """A `sandbox_error` row for an attempt the harness itself failed to judge."""
        identity = _identity(run_id, model, provider, task, sample, response, started_at)
        return _unjudged(identity, "sandbox_error", reason)

    async def _scoring_input(
        self, task: TaskBase, response: ModelResponse, judgement: Judgement
    ) -> ScoringInput:
        """What the scorer sees; reference times only when a timed answer passed everything.

        Efficiency needs a workload: input/expected tests, each call timed with
        repeats. A task judged by `test_code` alone has none (its check is a
        correctness script run once on small examples), so it gets no efficiency;
        nor does one whose tests are marked as examples (`efficiency: false`). The
        kind says which (`Judgement.timed`).
        With the default scorer, an answer whose calls took at most 0.1 ms in all scores
        100 on efficiency whatever the reference did (`efficiency_is_decided`): the
        reference is then not run, and zeros, a lower bound of its times, stand in.
        """
        result = judgement.result
        candidate_times: list[float | None] | None = None
        reference_times: list[float | None] | None = None
        if judgement.timed and result.status == "passed":
            candidate_times = _times(task, result)
            decided = type(self.settings.scorer) is DefaultScorer
            if decided and efficiency_is_decided(candidate_times):
                reference_times = [0.0] * len(candidate_times)
            else:
                reference = await self.reference_run(task)
                passed = reference.status == "passed"
                reference_times = _times(task, reference) if passed else None
                candidate_times = candidate_times if passed else None
        return ScoringInput(
            task=task,
            code=judgement.quality_code,
            response_time_s=response.response_time_s,
            passed_weight=result.passed_weight,
            total_weight=result.total_weight or 1.0,
            all_passed=result.status == "passed",
            candidate_times=candidate_times,
            reference_times=reference_times,
            response_text=response.text,
            quality_before=judgement.quality_before,
            quality_target=judgement.quality_target,
        )


def _identity(
    run_id: str,
    model: str,
    provider: str,
    task: TaskBase,
    sample: int,
    response: ModelResponse,
    started_at: dt.datetime,
) -> dict[str, Any]:
    """The columns every row of an attempt carries, whatever its outcome."""
    return {
        "run_id": run_id,
        "model": model,
        "provider": provider,
        "task_id": task.id,
        "task_hash": task.version,
        "difficulty": task.difficulty.value,
        "kind": task.kind,
        "variant": task.variant,
        "sample": sample,
        "started_at": started_at,
        "response_time_s": response.response_time_s,
        "cost_usd": response.cost_usd,
        "prompt_tokens": response.prompt_tokens,
        "completion_tokens": response.completion_tokens,
        "response_text": response.text,
        "generated_code": response.code,
        "tests_total": kind_of(task).tests_total(task),
    }


def _details_json(details: dict[str, Any]) -> str | None:
    """Kind-specific figures as compact JSON (None when there are none)."""
    if not details:
        return None
    return json.dumps(details, sort_keys=True, separators=(",", ":"), default=str)


def _unjudged(identity: dict[str, Any], status: AttemptStatus | str, reason: str) -> Attempt:
    """A row for an attempt nothing judged (provider or infrastructure failure)."""
    return Attempt(
        **identity, status=AttemptStatus(status), tests_passed=0, error=reason[:MAX_STORED_ERROR]
    )


def _times(task: TaskBase, result: ExecutionResult) -> list[float | None]:
    """Per-test times of the input tests, as the supervisor measured them from outside.

    Each is the median CPU time of the test's calls; a `test_code` check, if the task
    also has one, is not a workload and is left out.
    """
    return [verdict.time_s for verdict in result.tests[: len(getattr(task, "tests", ()))]]


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

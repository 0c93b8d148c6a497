"""`bench rescore`: re-execute and re-score a run's stored replies, with no model call.

For a harness fix or a corrected test: the stored code runs again against the
current version of each task, and the result is a new run whose manifest
names its source. Response times, tokens and costs are the stored ones (they
describe the original calls); provider errors stay provider errors.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console

from bench.config import BenchConfig, ModelConfig
from bench.providers import ModelProvider, ModelResponse
from bench.results import new_run_id, read_attempts, read_manifest, run_dir
from bench.runner._session import RunError, RunOutcome, RunRequest, run_benchmark
from bench.tasks import TaskBase

StoredKey = tuple[str, int]


def _optional(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


class StoredReplyProvider(ModelProvider):
    """Serves a stored run's replies back, exactly as they were recorded."""

    kind = "stored"

    def __init__(self, config: ModelConfig, replies: Mapping[StoredKey, ModelResponse]):
        super().__init__(config)
        self._replies = replies

    async def generate(self, prompt: str, task: TaskBase, *, sample: int = 0) -> ModelResponse:
        """The stored reply of (task, sample)."""
        return self._replies[(task.id, sample)]


def _response(row: Any) -> ModelResponse:  # a row of DataFrame.itertuples()
    error = _optional(row.error) if row.status == "provider_error" else None
    return ModelResponse(
        code=_optional(row.generated_code) or "",
        text=_optional(row.response_text) or "",
        response_time_s=_optional(row.response_time_s),
        prompt_tokens=_optional(row.prompt_tokens),
        completion_tokens=_optional(row.completion_tokens),
        cost_usd=_optional(row.cost_usd),
        error=error,
    )


def _source_config(config_json: str, fallback: BenchConfig) -> BenchConfig:
    """The source run's own execution and scoring settings, when they still parse."""
    try:
        data = json.loads(config_json)
        data["models"] = []
        return BenchConfig.model_validate(data)
    except (ValueError, ValidationError):
        return fallback


def rescore_run(
    source_run_id: str,
    results_dir: Path,
    tasks: list[TaskBase],
    fallback_config: BenchConfig,
    sandbox: str | None = None,
    console: Console | None = None,
) -> RunOutcome:
    """Re-execute every stored reply of `source_run_id`; write and return a new run.

    The new run always has a new id and names `source_run_id` in its manifest; the
    source, finished or not, is only read. Auto-resume is ruled out: an unfinished
    source that got to every task and model looks like the same work as its rescore,
    and would otherwise be picked up and continued with re-executed replies.
    """
    folder = run_dir(results_dir, source_run_id)
    if not folder.exists():
        raise RunError(f"no run {source_run_id} in {results_dir}/runs/")
    attempts = read_attempts(folder)
    manifest = read_manifest(folder)
    config = _source_config(manifest.config_json, fallback_config)
    by_id = {task.id: task for task in tasks}
    missing = sorted(set(attempts["task_id"]) - set(by_id))
    if missing:
        (console or Console()).print(
            f"[yellow]{len(missing)} task(s) of the source run no longer exist and are "
            f"left out: {', '.join(missing[:5])}{'...' if len(missing) > 5 else ''}[/yellow]"
        )
    attempts = attempts[attempts["task_id"].isin(list(by_id))]
    models, replies = [], {}
    for (model, provider), rows in attempts.groupby(["model", "provider"], sort=True):
        models.append(ModelConfig(name=str(model), model=str(provider)))
        replies[str(model)] = {
            (row.task_id, int(row.sample)): _response(row) for row in rows.itertuples()
        }
    config.run.samples = int(attempts["sample"].max()) + 1 if len(attempts) else 1
    request = RunRequest(
        config=config,
        tasks=[by_id[task_id] for task_id in sorted(set(attempts["task_id"]))],
        models=models,
        results_dir=results_dir,
        run_id=new_run_id(dt.datetime.now(dt.UTC)),  # never resume: not even the source
        sandbox=sandbox,
        provider_factory=lambda entry: StoredReplyProvider(entry, replies[entry.name]),
        source_run_id=source_run_id,
        only_keys={
            (str(r.model), str(r.task_id), int(r.sample), int(r.variant))
            for r in attempts.itertuples()
        },
        console=console or Console(),
    )
    return run_benchmark(request)

"""The run's reproducibility manifest: what ran, with which harness, image, settings, prices."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

from bench.config import BenchConfig, ModelConfig
from bench.providers import PROMPT_TEMPLATE_VERSION, ModelProvider
from bench.results import ModelManifest, RunManifest
from bench.tasks import TaskBase, task_set_hash


def git_commit() -> str | None:
    """HEAD of the checkout bench runs in, or None outside git."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() or None if completed.returncode == 0 else None


def model_manifest(
    model: ModelConfig, provider: ModelProvider, resolved_version: str | None = None
) -> ModelManifest:
    """One model's entry: its litellm string, parameters, and the prices that were used."""
    pricing = provider.pricing()
    return ModelManifest(
        name=model.name,
        model=model.model,
        resolved_version=resolved_version,
        params_json=json.dumps(model.params, sort_keys=True),
        input_per_mtok=pricing.input_per_mtok if pricing else None,
        output_per_mtok=pricing.output_per_mtok if pricing else None,
        price_source=("local" if model.local else pricing.source) if pricing else None,
        prices_date=(pricing.as_of or dt.datetime.now(dt.UTC).date()) if pricing else None,
    )


def run_manifest(
    run_id: str,
    config: BenchConfig,
    tasks: list[TaskBase],
    models: list[ModelManifest],
    sandbox: str,
    image: str | None,
    started_at: dt.datetime,
    source_run_id: str | None = None,
) -> RunManifest:
    """The manifest of a run that is starting (finished_at is set when it ends)."""
    return RunManifest(
        run_id=run_id,
        started_at=started_at,
        git_commit=git_commit(),
        task_set_hash=task_set_hash(tasks),
        config_json=json.dumps(config.manifest_view(), sort_keys=True, default=str),
        sandbox=sandbox,
        image=image,
        models=models,
        source_run_id=source_run_id,
        prompt_template_version=PROMPT_TEMPLATE_VERSION,
    )

"""One `bench run` from start to finish: resolve the run, set everything up, run, record.

This is the library function behind `bench run`, `bench evaluate` and
`bench rescore`; the CLI only parses options into a `RunRequest`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from bench._console import warn_on, wide_console
from bench.config import BenchConfig, ModelConfig, check_credentials
from bench.providers import ModelProvider, create_provider
from bench.results import (
    INFRA_STATUSES,
    ModelManifest,
    RunWriter,
    is_finished,
    list_runs,
    new_run_id,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
)
from bench.runner._attempt import AttemptScorer, ScoringSettings
from bench.runner._budget import project_cost
from bench.runner._local import local_servers
from bench.runner._manifest import model_manifest, run_manifest
from bench.runner._orchestrate import BatchOutcome, BatchRunner, Budget, ModelLane, run_batch
from bench.runner._plan import Shard, WorkItem, plan_items
from bench.sandbox import Executor, open_sandbox
from bench.scoring import SpeedBaseline, load_scorer
from bench.tasks import Task, TaskBase, make_variants, task_set_hash


class RunError(Exception):
    """A run cannot start or continue; the message says why and what to do."""


@dataclass
class RunRequest:
    """Everything a run needs, already parsed and validated."""

    config: BenchConfig
    tasks: list[TaskBase]
    models: list[ModelConfig]
    results_dir: Path
    run_id: str | None = None
    shard: Shard | None = None
    resume: bool = False
    sandbox: str | None = None
    """Overrides execution.sandbox: auto or a registered executor (docker, process, ...)."""
    max_cost_usd: float | None = None
    provider_factory: Callable[[ModelConfig], ModelProvider] | None = None
    """Builds providers (default: the registry); `bench evaluate` serves samples files."""
    source_run_id: str | None = None
    only_keys: set[tuple[str, str, int, int]] | None = None
    """Restrict the plan to these (model, task_id, sample) keys (rescore of a partial run)."""
    console: Console = field(default_factory=lambda: wide_console())
    executor: Executor | None = None
    """An executor the caller opened (and closes): its sandboxes may already be warm."""


@dataclass
class RunOutcome:
    """What a run did."""

    run_id: str
    run_dir: Path
    finished: bool
    batch: BatchOutcome


def resolve_run_id(request: RunRequest) -> tuple[str, bool]:
    """The run's id and whether it continues an existing, unfinished run."""
    results_dir = request.results_dir
    if request.source_run_id is not None and (request.resume or not request.run_id):
        # a derived run (rescore) continuing another run would mix two runs' attempts
        raise RunError("a run made from another run needs its own new run id, never --resume")
    if request.run_id:
        folder = run_dir(results_dir, request.run_id)
        if not folder.exists():
            return request.run_id, False
        if is_finished(folder):
            raise RunError(f"run {request.run_id} is finished and immutable; choose a new --run-id")
        if not request.resume and request.shard is None:
            raise RunError(f"run {request.run_id} exists; pass --resume to continue it")
        return request.run_id, True
    unfinished = [
        rid for rid in list_runs(results_dir) if not is_finished(run_dir(results_dir, rid))
    ]
    if request.resume:
        if not unfinished:
            raise RunError(f"--resume: no unfinished run in {results_dir}/runs/")
        return unfinished[-1], True
    if unfinished and _same_work(request, unfinished[-1]):
        request.console.print(
            f"[yellow]resuming unfinished run {unfinished[-1]} (same tasks and models); "
            "pass --run-id to start a new one[/yellow]"
        )
        return unfinished[-1], True
    return new_run_id(dt.datetime.now(dt.UTC)), False


def _same_work(request: RunRequest, run_id: str) -> bool:
    try:
        manifest = read_manifest(run_dir(request.results_dir, run_id))
    except Exception:  # an unreadable manifest is simply not a match
        return False
    names = sorted(model.name for model in manifest.models)
    return manifest.task_set_hash == task_set_hash(request.tasks) and names == sorted(
        model.name for model in request.models
    )


def _done_keys(folder: Path) -> set[tuple[str, str, int, int]]:
    """Keys already judged; infrastructure errors are retried on resume."""
    if not folder.exists() or not any(folder.glob("attempts*.parquet")):
        return set()
    frame = read_attempts(folder)
    judged = frame[~frame["status"].isin(list(INFRA_STATUSES))]
    return {
        (row.model, row.task_id, int(row.sample), int(row.variant)) for row in judged.itertuples()
    }


def run_benchmark(request: RunRequest) -> RunOutcome:
    """Run (or resume) a benchmark and record it under results/runs/<run_id>/."""
    if request.provider_factory is None:
        check_credentials(request.models)
    run_id, resuming = resolve_run_id(request)
    folder = run_dir(request.results_dir, run_id)
    variants = task_variants(request.tasks, request.config.run.variants, request.config.run.seed)
    items = plan_items(
        [model.name for model in request.models],
        request.tasks,
        request.config.run.samples,
        request.shard,
        _done_keys(folder) if resuming else set(),
        variants,
    )
    if request.only_keys is not None:
        items = [item for item in items if item.key in request.only_keys]
    with contextlib.ExitStack() as stack:
        execution = request.config.execution
        executor = request.executor or stack.enter_context(  # first: it warms up meanwhile
            open_sandbox(
                request.sandbox or execution.sandbox, execution.limits, warn_on(request.console)
            )
        )
        models = request.models
        if request.provider_factory is None and items:
            source_dir = request.config.source_dir
            models = stack.enter_context(local_servers(models, source_dir, request.console))
        factory = request.provider_factory or (
            lambda model: create_provider(model, request.config.run)
        )
        providers = {model.name: factory(model) for model in models}
        cap = (
            request.config.run.max_cost_usd
            if request.max_cost_usd is None
            else request.max_cost_usd
        )
        _check_budget(request.console, project_cost(items, providers, models), cap)
        items = _checked_variants(items, variants, executor, request.console)
        request.console.print(
            f"{'resuming' if resuming else 'starting'} run {run_id}: {len(items)} attempts "
            f"({len(models)} models x {len(request.tasks)} tasks x {request.config.run.samples} "
            f"samples{_wordings(variants)}"
            f"{', shard ' + str(request.shard) if request.shard else ''}), "
            f"sandbox {executor.name}"
        )
        manifests = [model_manifest(model, providers[model.name]) for model in models]
        manifest_written: Future[Path] | None = None
        if not resuming or not (folder / "run.parquet").exists():
            # The first write imports pyarrow and, through it, pandas (~0.4 s): not on the
            # batch's path. The writer waits for it before writing any attempt, so no
            # attempts file is ever on disk without its run.parquet.
            background = stack.enter_context(ThreadPoolExecutor(1, "bench-manifest"))
            manifest_written = background.submit(lambda: write_manifest(folder, run_manifest(
                run_id, request.config, request.tasks, manifests, executor.name,
                _image_of(executor), dt.datetime.now(dt.UTC), request.source_run_id,
            )))  # fmt: skip
        shard_index = request.shard.index if request.shard else None
        writer = stack.enter_context(
            RunWriter(
                request.results_dir,
                run_id,
                shard_index,
                before_writing=manifest_written.result if manifest_written else None,
            )
        )
        lanes = {
            model.name: ModelLane(
                model.name, providers[model.name], model.model, model.concurrency, model.rpm
            )
            for model in models
        }
        scorer = AttemptScorer(executor, execution.workers, _scoring_settings(request.config))
        runner = BatchRunner(
            run_id, lanes, scorer, writer, request.console, request.config.run.concurrency,
            Budget(cap),
        )  # fmt: skip
        outcome = run_batch(runner, items)
        if manifest_written is not None:
            manifest_written.result()  # its error, if nothing was written to raise it
    finished = outcome.skipped_for_budget == 0 and request.shard is None
    if outcome.skipped_for_budget:
        request.console.print(
            f"[red]spending cap ${cap:.2f} reached: {outcome.skipped_for_budget} attempts not "
            f"started; raise --max-cost and pass --resume to finish run {run_id}[/red]"
        )
    _finish_manifest(folder, manifests, outcome, finished)
    return RunOutcome(run_id, folder, finished, outcome)


def _wordings(variants: dict[str, list[TaskBase]]) -> str:
    """`, with N rewordings of M function tasks` when the run asks rewordings."""
    reworded = [tasks for tasks in variants.values() if tasks]
    if not reworded:
        return ""
    count = sum(len(tasks) for tasks in reworded)
    return f", with {count} rewordings of {len(reworded)} function tasks"


def task_variants(tasks: Sequence[TaskBase], count: int, seed: int) -> dict[str, list[TaskBase]]:
    """Each function task's `count` robustness rewordings (none when `count` is 0)."""
    if count <= 0:
        return {}
    return {
        task.id: [variant for _, variant, _ in make_variants(task, count, seed)]
        for task in tasks
        if type(task) is Task
    }


def _checked_variants(
    items: list[WorkItem],
    variants: dict[str, list[TaskBase]],
    executor: Executor,
    console: Console,
) -> list[WorkItem]:
    """Drop the work of every rewording whose renamed reference fails its own tests.

    A rewording is used only once the sandbox shows it kept its meaning: the
    reference, renamed as the rewording says, must pass every test of it.
    """
    asked = {(item.task.id, item.variant) for item in items if item.variant}
    failing: set[tuple[str, int]] = set()
    for task_id, tasks in variants.items():
        for variant in tasks:
            if (task_id, variant.variant) not in asked:
                continue
            assert isinstance(variant, Task)
            result = executor.execute(variant.reference_solution, variant)
            if result.status != "passed":
                failing.add((task_id, variant.variant))
                console.print(
                    f"[yellow]variant {variant.variant} of {task_id} dropped: its reference "
                    f"{result.status} ({variant.variant_description})[/yellow]"
                )
    return [item for item in items if (item.task.id, item.variant) not in failing]


def _image_of(executor: Executor) -> str | None:
    described = executor.describe()
    return described.get("image_id") or described.get("image")


def _finish_manifest(
    folder: Path, manifests: list[ModelManifest], outcome: BatchOutcome, finished: bool
) -> None:
    current = read_manifest(folder)
    models = [
        model_manifest_with_version(entry, outcome.resolved_versions.get(entry.name))
        for entry in manifests
    ]
    update: dict[str, object] = {"models": models}
    if finished:
        update["finished_at"] = dt.datetime.now(dt.UTC)
    write_manifest(folder, current.model_copy(update=update))


def model_manifest_with_version(entry: ModelManifest, version: str | None) -> ModelManifest:
    """The entry with the resolved model version the provider reported, when it did."""
    if version is None or entry.resolved_version:
        return entry
    return entry.model_copy(update={"resolved_version": version})


def _scoring_settings(config: BenchConfig) -> ScoringSettings:
    speed = config.scoring.speed
    options = {
        "weights": config.scoring.weights.model_dump(),
        "speed_baseline": SpeedBaseline(
            default_s=speed.baseline_s,
            per_difficulty={tier.value: value for tier, value in speed.by_difficulty.items()},
        ),
    }
    return ScoringSettings(scorer=load_scorer("default", **options))


def _check_budget(console: Console, projected: float | None, cap: float | None) -> None:
    if projected is None:
        console.print("projected spend: unknown (no prices for some models)")
    else:
        console.print(f"projected spend: at most ${projected:.4f}")
    if cap is not None and projected is not None and projected > cap:
        raise RunError(
            f"projected spend ${projected:.4f} exceeds --max-cost ${cap:.2f}; "
            "raise the cap or select fewer models or tasks"
        )

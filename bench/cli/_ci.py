"""`bench ci rehearse`: the weekly workflow's steps on one machine, without GitHub.

`.github/workflows/weekly.yml` runs shards on separate machines, uploads each
shard's run folder, gathers them in a final job, commits the run, builds the site
and deploys it. A mistake there shows only on Monday, on GitHub. The rehearsal
runs the same `bench` commands in the same order, as subprocesses, each "machine"
in its own folder:

1. one run id for all shards (the workflow's `plan` job);
2. `bench run --shard K/N --run-id ID --results-dir <work>/machine-K/results`,
   for K = 1..N (the `shard` matrix), each shard's run folder then copied to
   `<work>/artifacts/shard-K` (what `actions/upload-artifact` keeps);
3. a scratch clone of this repository on a branch `rehearsal/<run id>` (the
   `publish` job's checkout; the repository itself is never touched);
4. `bench results gather <artifacts...> --results-dir <clone>/results`;
5. a commit of `results/runs/<run id>` in the clone, with the workflow's message;
6. `bench leaderboard --results-dir <clone>/results --format json`, which must
   rank every model of the run;
7. `bench site build --results-dir <clone>/results --out <work>/site`.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from bench.cli._common import UserError, tasks_dir_option, user_errors

BASELINES = "baseline-reference,baseline-mutant,baseline-null"
COMMIT_MESSAGE = "Weekly run {run_id}"
"""The message of the results commit, in the workflow and here."""
GIT_IDENTITY = ("-c", "user.name=bench rehearsal", "-c", "user.email=rehearsal@bench.invalid")


class RehearsalError(RuntimeError):
    """A step of the rehearsal failed; the message names the step and its output."""


@dataclass
class Rehearsal:
    """What to rehearse, and where."""

    workdir: Path
    shards: int = 2
    config: Path = Path("bench.yaml")
    tasks_dir: Path = Path("tasks")
    models: str = BASELINES
    task_glob: str | None = None
    sandbox: str = "auto"
    repository: Path = Path(".")
    log: Callable[[str], None] = print


@dataclass
class RehearsalOutcome:
    """What the rehearsal produced."""

    run_id: str
    run_dir: Path
    commit: str
    branch: str
    ranked_models: list[str]
    site: Path | None
    notes: list[str] = field(default_factory=list)


def bench_command(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `bench ARGUMENTS` with this interpreter, as a workflow step would."""
    return subprocess.run(
        [sys.executable, "-m", "bench", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def _step(name: str, completed: subprocess.CompletedProcess) -> str:
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()[-3000:]
        raise RehearsalError(f"step {name!r} failed ({completed.returncode}):\n{output}")
    return completed.stdout


def _git(*arguments: str, cwd: Path) -> str:
    completed = subprocess.run(
        ["git", *GIT_IDENTITY, *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )
    return _step(f"git {arguments[0]}", completed).strip()


def _run_shards(plan: Rehearsal, run_id: str) -> list[Path]:
    """Each shard on its own "machine" folder; returns the uploaded artifact folders."""
    artifacts = []
    for index in range(1, plan.shards + 1):
        machine = plan.workdir / f"machine-{index}" / "results"
        arguments = ["run", "--config", str(plan.config), "--tasks-dir", str(plan.tasks_dir)]
        arguments += ["--models", plan.models, "--sandbox", plan.sandbox]
        arguments += ["--shard", f"{index}/{plan.shards}", "--run-id", run_id]
        arguments += ["--results-dir", str(machine)]
        if plan.task_glob:
            arguments += ["--tasks", plan.task_glob]
        plan.log(f"shard {index}/{plan.shards}: bench {' '.join(arguments)}")
        _step(f"shard {index}", bench_command(*arguments))
        artifact = plan.workdir / "artifacts" / f"shard-{index}"
        shutil.copytree(machine / "runs" / run_id, artifact)
        artifacts.append(artifact)
    return artifacts


def _checkout(plan: Rehearsal, branch: str) -> Path:
    """A scratch clone of the repository (or a fresh one) on `branch`."""
    clone = plan.workdir / "checkout"
    inside = subprocess.run(
        ["git", "-C", str(plan.repository), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if inside.returncode == 0:
        _git(
            "clone",
            "--quiet",
            "--no-hardlinks",
            inside.stdout.strip(),
            str(clone),
            cwd=plan.workdir,
        )
    else:
        clone.mkdir(parents=True)
        _git("init", "--quiet", cwd=clone)
    _git("checkout", "--quiet", "-b", branch, cwd=clone)
    return clone


def _gather(plan: Rehearsal, artifacts: list[Path], results: Path) -> str:
    arguments = ["results", "gather", *map(str, artifacts), "--results-dir", str(results)]
    arguments += ["--expect-shards", str(plan.shards)]
    plan.log(f"gather: bench {' '.join(arguments)}")
    if bench_command("results", "gather", "--help").returncode == 0:
        return _step("gather", bench_command(*arguments))
    from bench.cli._gather import gather_command  # not registered in `bench results` yet

    try:
        gather_command.main(arguments[2:], standalone_mode=False)
    except click.ClickException as error:
        raise RehearsalError(f"step 'gather' failed: {error.format_message()}") from None
    return "gathered in-process: `bench results gather` is not registered in this version"


def _leaderboard(plan: Rehearsal, results: Path, run_id: str) -> list[str]:
    arguments = ["leaderboard", "--results-dir", str(results), "--tasks-dir", str(plan.tasks_dir)]
    arguments += ["--run", run_id]
    plan.log(f"leaderboard: bench {' '.join(arguments)} --format json")
    rows = json.loads(_step("leaderboard", bench_command(*arguments, "--format", "json")))
    return [row["model"] for row in rows]


def _site(plan: Rehearsal, results: Path) -> Path | None:
    if bench_command("site", "build", "--help").returncode != 0:
        return None
    out = plan.workdir / "site"
    plan.log(f"site: bench site build --results-dir {results} --out {out}")
    _step(
        "site build",
        bench_command("site", "build", "--results-dir", str(results), "--out", str(out)),
    )
    return out


def rehearse(plan: Rehearsal) -> RehearsalOutcome:
    """Run the weekly pipeline's steps locally (see the module docstring)."""
    from bench.results import is_finished, new_run_id, run_dir

    run_id = new_run_id(dt.datetime.now(dt.UTC))
    plan.workdir.mkdir(parents=True, exist_ok=True)
    plan.log(f"run id {run_id}; working in {plan.workdir}")
    artifacts = _run_shards(plan, run_id)
    branch = f"rehearsal/{run_id}"
    clone = _checkout(plan, branch)
    results = clone / "results"
    notes = [line for line in [_gather(plan, artifacts, results).strip()] if line]
    folder = run_dir(results, run_id)
    if not is_finished(folder):
        raise RehearsalError(f"after the gather, {folder} is not a finished run")
    _git("add", str(folder.relative_to(clone)), cwd=clone)
    _git("commit", "--quiet", "-m", COMMIT_MESSAGE.format(run_id=run_id), cwd=clone)
    commit = _git("rev-parse", "HEAD", cwd=clone)
    ranked = _leaderboard(plan, results, run_id)
    expected = {name.strip() for name in plan.models.split(",")}
    if not expected <= set(ranked):
        raise RehearsalError(
            f"the leaderboard ranks {ranked}, not every model of {sorted(expected)}"
        )
    site = _site(plan, results)
    if site is None:
        notes.append("site skipped: this version has no `bench site build`")
    return RehearsalOutcome(run_id, folder, commit, branch, ranked, site, notes)


@click.group("ci")
def ci_group() -> None:
    """Rehearse the GitHub workflows locally."""


@ci_group.command("rehearse")
@click.option("--shards", type=click.IntRange(min=1), default=2, show_default=True)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the machines, artifacts, checkout and site go (default: a new temp folder).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default="bench.yaml"
)
@tasks_dir_option
@click.option("--models", default=BASELINES, show_default=True, help="Models the shards run.")
@click.option("--tasks", "task_glob", help="Only tasks whose id matches this glob.")
@click.option(
    "--sandbox", type=click.Choice(["docker", "process", "auto"]), default="auto", show_default=True
)
@user_errors
def rehearse_command(
    shards: int,
    workdir: Path | None,
    config_path: Path,
    tasks_dir: str,
    models: str,
    task_glob: str | None,
    sandbox: str,
) -> None:
    """Run weekly.yml's steps here: shards, gather, commit to a scratch branch, site build."""
    folder = workdir or Path(tempfile.mkdtemp(prefix="bench-rehearsal-"))
    if workdir is not None and workdir.exists() and any(workdir.iterdir()):
        raise UserError(f"--workdir {workdir} is not empty; give a new or empty folder")
    plan = Rehearsal(
        workdir=folder.resolve(),
        shards=shards,
        config=config_path.resolve(),
        tasks_dir=Path(tasks_dir).resolve(),
        models=models,
        task_glob=task_glob,
        sandbox=sandbox,
        log=lambda line: click.echo(f"== {line}"),
    )
    try:
        outcome = rehearse(plan)
    except RehearsalError as error:
        raise UserError(str(error)) from None
    for note in outcome.notes:
        click.echo(f"note: {note}")
    click.echo(f"run {outcome.run_id} gathered into {outcome.run_dir}")
    click.echo(f"committed {outcome.commit[:12]} on {outcome.branch} in {folder / 'checkout'}")
    click.echo(f"leaderboard ranks: {', '.join(outcome.ranked_models)}")
    click.echo(f"site: {outcome.site}" if outcome.site else "site: skipped")

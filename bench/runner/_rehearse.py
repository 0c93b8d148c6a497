"""Rehearsing the weekly workflow's steps on one machine, without GitHub.

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

`bench ci rehearse` is a thin command over `rehearse`. A failing step raises
`RehearsalError` with that step's output: nothing is skipped quietly, since a skipped
step is exactly what would fail on Monday.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.results import is_finished, new_run_id, run_dir

REHEARSAL_MODELS = "baseline-reference,baseline-mutant,baseline-null"
"""What the shards run unless told otherwise: offline, free, and one of each outcome."""
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
    models: str = REHEARSAL_MODELS
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
    site: Path


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


def _gather(plan: Rehearsal, artifacts: list[Path], results: Path) -> None:
    arguments = ["results", "gather", *map(str, artifacts), "--results-dir", str(results)]
    arguments += ["--expect-shards", str(plan.shards)]
    plan.log(f"gather: bench {' '.join(arguments)}")
    _step("gather", bench_command(*arguments))


def _leaderboard(plan: Rehearsal, results: Path, run_id: str) -> list[str]:
    arguments = ["leaderboard", "--results-dir", str(results), "--tasks-dir", str(plan.tasks_dir)]
    arguments += ["--run", run_id]
    plan.log(f"leaderboard: bench {' '.join(arguments)} --format json")
    rows = json.loads(_step("leaderboard", bench_command(*arguments, "--format", "json")))
    return [row["model"] for row in rows]


def _site(plan: Rehearsal, results: Path) -> Path:
    out = plan.workdir / "site"
    plan.log(f"site: bench site build --results-dir {results} --out {out}")
    _step(
        "site build",
        bench_command("site", "build", "--results-dir", str(results), "--out", str(out)),
    )
    return out


def rehearse(plan: Rehearsal) -> RehearsalOutcome:
    """Run the weekly pipeline's steps locally (see the module docstring).

    Raises `RehearsalError` at the first step that fails; the work folder keeps what the
    steps before it made, for a look.
    """
    run_id = new_run_id(dt.datetime.now(dt.UTC))
    plan.workdir.mkdir(parents=True, exist_ok=True)
    plan.log(f"run id {run_id}; working in {plan.workdir}")
    artifacts = _run_shards(plan, run_id)
    branch = f"rehearsal/{run_id}"
    clone = _checkout(plan, branch)
    results = clone / "results"
    _gather(plan, artifacts, results)
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
    return RehearsalOutcome(run_id, folder, commit, branch, ranked, site)

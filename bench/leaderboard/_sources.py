"""Where a side of `bench diff` comes from: a run id in the results folder, or a git revision."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pandas as pd

from bench.leaderboard._select import latest_run_per_model, load_results
from bench.results import is_run_id, list_runs


class SourceError(Exception):
    """Neither a run id in the results folder nor a git revision that holds results."""


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def _results_at_revision(revision: str, results_dir: Path) -> pd.DataFrame:
    """The attempts under `results_dir` as committed at `revision` (read from git itself)."""
    folder = results_dir.resolve()
    top = _git("rev-parse", "--show-toplevel", cwd=folder if folder.exists() else Path.cwd())
    if top.returncode != 0:
        raise SourceError(
            f"{revision!r} is not a run id, and {results_dir} is not in a git checkout"
        )
    root = Path(top.stdout.decode().strip())
    relative = (
        folder.relative_to(root).as_posix() if folder.is_relative_to(root) else str(results_dir)
    )
    archive = _git("archive", "--format=tar", revision, "--", relative, cwd=root)
    if archive.returncode != 0:
        reason = archive.stderr.decode().strip().splitlines()[-1:] or ["unknown"]
        raise SourceError(
            f"{revision!r}: not a run id, and git cannot read {relative}/ there ({reason[0]})"
        )
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(scratch, filter="data")
        return load_results(Path(scratch) / relative)


def load_side(spec: str, results_dir: str | Path) -> tuple[pd.DataFrame, str]:
    """Attempts for one side of a diff and a label for it.

    A run id present in the results folder gives that run; anything else is
    read as a git revision, whose leaderboard uses each model's latest run there.
    """
    results_dir = Path(results_dir)
    if is_run_id(spec) and spec in list_runs(results_dir):
        return load_results(results_dir, spec), f"run {spec}"
    attempts = _results_at_revision(spec, results_dir)
    if attempts.empty:
        raise SourceError(f"{spec!r}: no results there")
    return latest_run_per_model(attempts), f"revision {spec}"

"""What the site reads from the results store, read once and only as much as needed.

Scores of every run feed the history and the leaderboards; the bulky columns
(code, replies, verdicts) are read only for the runs the task pages show: each
model's latest run and the run before it. A year of weekly runs is ~50 MB of
Parquet; reading only the score columns of the old runs keeps that to a second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench.leaderboard import Selection, latest_run_per_model, select_attempts, split_variants
from bench.results import (
    ATTEMPT_COLUMNS,
    ATTEMPT_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    RunManifest,
    attempt_files,
    list_runs,
    read_attempts,
    read_manifest,
    run_dir,
)
from bench.tasks import TaskBase, load_tasks

DETAIL_COLUMNS = ("generated_code", "response_text", "error", "test_verdicts")
"""The bulky columns: read only for the runs that task pages show."""
SCORE_COLUMNS = tuple(c.name for c in ATTEMPT_COLUMNS if c.name not in DETAIL_COLUMNS)
KEY_COLUMNS = ("run_id", *ATTEMPT_KEY)


def read_run_columns(run_folder: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Some columns of a run's attempts, as `read_attempts` would give them.

    Files of the current schema version are read column by column (the fast
    path); any older file sends the whole run through `read_attempts`, which
    migrates it. Shards are concatenated and a key seen twice keeps its last row,
    in the order `attempt_files` defines.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = attempt_files(run_folder)
    version = str(SCHEMA_VERSION).encode()
    if any((pq.read_schema(f).metadata or {}).get(SCHEMA_VERSION_KEY) != version for f in files):
        return read_attempts(run_folder)[list(columns)]
    if not files:
        return pd.DataFrame(columns=list(columns))
    wanted = [*columns, *(key for key in ATTEMPT_KEY if key not in columns)]
    table = pa.concat_tables([pq.read_table(f, columns=wanted) for f in files])
    integer_types = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
    frame = table.to_pandas(types_mapper=integer_types.get)
    if len(files) > 1:
        frame = frame.drop_duplicates(subset=list(ATTEMPT_KEY), keep="last")
    return frame[list(columns)].reset_index(drop=True)


@dataclass
class SiteData:
    """Everything the pages are built from."""

    tasks: dict[str, TaskBase]
    """The current suite by id (empty when no tasks folder was given)."""
    runs: list[str]
    """Run ids with attempts, oldest first."""
    manifests: dict[str, RunManifest]
    """Manifests of the runs that wrote one."""
    scores: pd.DataFrame
    """Score columns of every attempt of every run."""
    current: pd.DataFrame
    """The leaderboard's attempts: each model's latest run, current task versions, the
    tasks as written (rewordings are in `reworded`)."""
    previous: pd.DataFrame
    """The attempts the leaderboard counted before the latest run (each model's earlier run)."""
    details: pd.DataFrame
    """Code, replies and verdicts of each model's latest and previous run."""
    previous_run_of: dict[str, str] = field(default_factory=dict)
    """Model -> the run before its latest one (task pages diff against it)."""
    reworded: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Attempts of the latest runs at robustness rewordings (`--variants`): they feed
    the leaderboards' robustness column only."""

    @property
    def ranked(self) -> pd.DataFrame:
        """What the leaderboards rank: the tasks as written plus their rewordings."""
        if self.reworded.empty:
            return self.current
        return pd.concat([self.current, self.reworded], ignore_index=True)

    @property
    def latest_run(self) -> str | None:
        """The newest run id, or None without results."""
        return self.runs[-1] if self.runs else None

    def run_started(self, run_id: str) -> dt.datetime | None:
        """When a run started: from its manifest, else from its earliest attempt."""
        if run_id in self.manifests:
            return self.manifests[run_id].started_at
        started = self.scores.loc[self.scores["run_id"] == run_id, "started_at"]
        return None if started.empty else started.min().to_pydatetime()


def _load_task_suite(tasks_dir: Path | None) -> dict[str, TaskBase]:
    if tasks_dir is None or not Path(tasks_dir).is_dir():
        return {}
    return {task.id: task for task in load_tasks([Path(tasks_dir)])}


def _manifests(results_dir: Path, runs: list[str]) -> dict[str, RunManifest]:
    found = {}
    for run_id in runs:
        try:
            found[run_id] = read_manifest(run_dir(results_dir, run_id))
        except FileNotFoundError:
            continue
    return found


def _previous_runs(scores: pd.DataFrame, current: pd.DataFrame) -> dict[str, str]:
    latest = current.groupby("model")["run_id"].max()
    earlier: dict[str, str] = {}
    for model, run_id in latest.items():
        before = scores.loc[(scores["model"] == model) & (scores["run_id"] < run_id), "run_id"]
        if len(before):
            earlier[str(model)] = str(before.max())
    return earlier


def _details(results_dir: Path, pairs: set[tuple[str, str]]) -> pd.DataFrame:
    frames = []
    for run_id in sorted({run for run, _ in pairs}):
        frame = read_run_columns(run_dir(results_dir, run_id), (*KEY_COLUMNS, *DETAIL_COLUMNS))
        models = {model for run, model in pairs if run == run_id}
        frames.append(frame[frame["model"].isin(models)])
    if not frames:
        return pd.DataFrame(columns=[*KEY_COLUMNS, *DETAIL_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def load_site_data(results_dir: str | Path, tasks_dir: str | Path | None) -> SiteData:
    """Read the results folder (and the task suite) into the frames the pages use."""
    results_dir = Path(results_dir)
    tasks = _load_task_suite(Path(tasks_dir) if tasks_dir is not None else None)
    runs = [r for r in list_runs(results_dir) if attempt_files(run_dir(results_dir, r))]
    frames = [read_run_columns(run_dir(results_dir, r), SCORE_COLUMNS) for r in runs]
    scores = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if scores.empty:
        empty = pd.DataFrame(columns=list(SCORE_COLUMNS))
        no_details = pd.DataFrame(columns=[*KEY_COLUMNS, *DETAIL_COLUMNS])
        return SiteData(tasks, [], _manifests(results_dir, runs), empty, empty, empty, no_details)
    suite = list(tasks.values()) or None
    current, reworded = split_variants(
        select_attempts(latest_run_per_model(scores), suite, Selection())
    )
    scores, _ = split_variants(scores)
    older = scores[scores["run_id"] < runs[-1]]
    previous = select_attempts(older, None, Selection()) if len(older) else older
    previous_run_of = _previous_runs(scores, current)
    pairs = {(str(r), str(m)) for r, m in current[["run_id", "model"]].drop_duplicates().values}
    pairs |= {(run, model) for model, run in previous_run_of.items()}
    return SiteData(
        tasks=tasks,
        runs=runs,
        manifests=_manifests(results_dir, runs),
        scores=scores,
        current=current,
        previous=previous,
        details=_details(results_dir, pairs),
        previous_run_of=previous_run_of,
        reworded=reworded,
    )

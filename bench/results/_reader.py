"""Reading run folders: the shards of a run as one table, manifests, run listing, resume keys."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from bench.results._io import read_table
from bench.results._records import RunManifest
from bench.results._schema import ATTEMPT_KEY, FileKind, attempts_schema
from bench.results._writer import MANIFEST_FILE, RUNS_FOLDER, last_of_each_key, run_dir

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

_ATTEMPTS_NAME = re.compile(r"^attempts(?:-(\d+))?(?:\.part-(\d+))?\.parquet$")
_READ_TRIES = 3


def attempt_files(run_folder: str | Path) -> list[Path]:
    """The attempts files of a run: by shard (unsharded first), base file before its parts.

    This order defines "last" when the same key appears in two files: a part
    holds rows written after its base's, and a later part after an earlier one.
    """
    found = []
    for path in Path(run_folder).iterdir():
        match = _ATTEMPTS_NAME.match(path.name)
        if match and path.is_file():
            shard, part = (-1 if group is None else int(group) for group in match.groups())
            found.append((shard, part, path))
    return [path for _, _, path in sorted(found)]


def _is_run_folder(path: Path) -> bool:
    return path.is_dir() and ((path / MANIFEST_FILE).exists() or bool(attempt_files(path)))


def list_runs(results_dir: str | Path, *, finished_only: bool = False) -> list[str]:
    """Run ids under `<results_dir>/runs/`, oldest first (run ids sort by time).

    A folder counts as a run when it holds `run.parquet` or an attempts file.
    With `finished_only`, runs without a manifest carrying `finished_at` are left out.
    """
    runs_folder = Path(results_dir) / RUNS_FOLDER
    if not runs_folder.is_dir():
        return []
    run_ids = sorted(path.name for path in runs_folder.iterdir() if _is_run_folder(path))
    if finished_only:
        run_ids = [run_id for run_id in run_ids if is_finished(runs_folder / run_id)]
    return run_ids


def read_manifest(run_folder: str | Path) -> RunManifest:
    """The run's manifest. Raises FileNotFoundError when the run has not written one."""
    path = Path(run_folder) / MANIFEST_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: no manifest (a run writes it when it starts)")
    rows = read_table(path, FileKind.RUN).to_pylist()
    if len(rows) != 1:
        raise ValueError(f"{path}: a manifest has one row, found {len(rows)}")
    return RunManifest.model_validate(rows[0])


def is_finished(run_folder: str | Path) -> bool:
    """Whether the run's manifest exists and records `finished_at`."""
    try:
        return read_manifest(run_folder).finished
    except FileNotFoundError:
        return False


def _run_folders(path: Path, run_id: str | None) -> list[Path]:
    if run_id is not None:
        return [run_dir(path, run_id)]
    if (path / RUNS_FOLDER).is_dir():
        return [run_dir(path, name) for name in list_runs(path)]
    return [path]


def read_attempts_table(path: str | Path, run_id: str | None = None) -> pa.Table:
    """Like `read_attempts`, as a pyarrow Table (no pandas conversion)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    path = Path(path)
    folders = _run_folders(path, run_id)
    for folder in folders:
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such run folder")
    tables = _read_all(folders)
    if not tables:
        return attempts_schema().empty_table()
    table = pa.concat_tables(tables)
    keep = last_of_each_key(table, ("run_id", *ATTEMPT_KEY))
    if len(keep) != table.num_rows:
        table = table.take(pa.array(keep, type=pa.int64()))
    order = pc.sort_indices(table, sort_keys=[(c, "ascending") for c in ("run_id", *ATTEMPT_KEY)])
    return table.take(order)


def _read_all(folders: list[Path]) -> list[pa.Table]:
    """Read every attempts file; list again if a live writer compacted parts away meanwhile."""
    for attempt in range(_READ_TRIES):
        try:
            return [read_table(f, FileKind.ATTEMPTS) for d in folders for f in attempt_files(d)]
        except FileNotFoundError:
            if attempt == _READ_TRIES - 1:
                raise
    return []


def read_attempts(path: str | Path, run_id: str | None = None) -> pd.DataFrame:
    """Attempts as one DataFrame, sorted by (run_id, model, task_id, sample).

    Args:
        path: a run folder; or a results directory, with `run_id` naming the run,
            or without it to read every run under `runs/`.
        run_id: the run to read under the results directory `path`.

    Returns:
        One row per (run_id, model, task_id, sample): shards are read as one
        table and a key seen twice keeps its last row (see `attempt_files`).
        Integer columns use pandas' nullable Int32/Int64 dtypes so nulls never
        turn them into floats.
    """
    import pandas as pd
    import pyarrow as pa

    table = read_attempts_table(path, run_id)
    integer_types = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
    return table.to_pandas(types_mapper=integer_types.get)


def completed_keys(
    run_folder: str | Path, *, redo_statuses: Iterable[str] = ()
) -> set[tuple[str, str, int, int]]:
    """(model, task_id, sample, variant) already written in a run, for `--resume` to skip.

    Args:
        run_folder: the run's folder.
        redo_statuses: statuses to treat as not done (e.g. `INFRA_STATUSES`,
            so infrastructure failures are retried); a retried attempt replaces
            its old row because the writer keeps one row per key.
    """
    redo = {str(status) for status in redo_statuses}
    folder = Path(run_folder)
    if not folder.is_dir():
        return set()
    for attempt in range(_READ_TRIES):
        try:
            return _keys_in(attempt_files(folder), redo)
        except FileNotFoundError:
            if attempt == _READ_TRIES - 1:
                raise
    return set()


def _keys_in(files: list[Path], redo: set[str]) -> set[tuple[str, str, int, int]]:
    """The attempt keys in `files`; files older than the `variant` column hold variant 0."""
    import pyarrow.parquet as pq

    keys: set[tuple[str, str, int, int]] = set()
    for file in files:
        present = set(pq.read_schema(file).names)
        wanted = [name for name in (*ATTEMPT_KEY, "status") if name in present]
        columns = pq.read_table(file, columns=wanted).to_pydict()
        rows = len(columns["status"])
        variants = columns.get("variant") or [0] * rows
        for model, task_id, sample, variant, status in zip(
            columns["model"],
            columns["task_id"],
            columns["sample"],
            variants,
            columns["status"],
            strict=True,
        ):
            key = (model, task_id, int(sample), int(variant))
            if status in redo:
                keys.discard(key)
            else:
                keys.add(key)
    return keys

"""Reading runs: shards as one table, dedupe, listing, manifests, resume keys."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

from bench.results import (
    ATTEMPT_COLUMNS,
    INFRA_STATUSES,
    RunWriter,
    attempt_files,
    attempts_schema,
    completed_keys,
    is_finished,
    list_runs,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
    write_table_atomic,
)
from bench.results._writer import attempt_row

from .conftest import RUN_ID, T0, attempt, manifest

OTHER_RUN = "2026-12-01T0800Z-00aa11"


def _write(results_dir, records, run_id=RUN_ID, shard=None):
    with RunWriter(results_dir, run_id, shard=shard, autoflush=False) as writer:
        for record in records:
            writer.append(record)
    return writer.run_dir


def test_reads_shards_as_one_sorted_table(results_dir):
    _write(results_dir, [attempt(task_id="b", sample=s) for s in (0, 1)], shard=1)
    folder = _write(results_dir, [attempt(task_id="a"), attempt(task_id="c")], shard=0)
    frame = read_attempts(folder)
    assert list(frame.columns) == [column.name for column in ATTEMPT_COLUMNS]
    assert list(zip(frame.task_id, frame["sample"], strict=True)) == [
        ("a", 0),
        ("b", 0),
        ("b", 1),
        ("c", 0),
    ]
    assert frame["sample"].dtype == pd.Int32Dtype()
    assert frame["prompt_tokens"].dtype == pd.Int64Dtype()
    assert str(frame["started_at"].dtype) == "datetime64[us, UTC]"


def test_integer_columns_stay_integers_with_nulls(results_dir):
    folder = _write(results_dir, [attempt(prompt_tokens=None), attempt(task_id="x")])
    frame = read_attempts(folder)
    assert frame["prompt_tokens"].dtype == pd.Int64Dtype()
    assert frame["prompt_tokens"].isna().sum() == 1


def test_duplicate_keys_across_files_keep_the_last(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    old = attempt(task_id="a", status="sandbox_error", tests_passed=0)
    new = attempt(task_id="a", status="failed", tests_passed=1)
    for name, record in (("attempts.parquet", old), ("attempts-0.parquet", new)):
        table = pa.Table.from_pylist([attempt_row(record)], schema=attempts_schema())
        write_table_atomic(table, folder / name)
    assert [p.name for p in attempt_files(folder)] == ["attempts.parquet", "attempts-0.parquet"]
    frame = read_attempts(folder)
    assert list(frame.status) == ["failed"]


def test_shard_files_are_ordered_numerically(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    for shard in (10, 2, 1):
        _write(results_dir, [attempt(task_id=f"s{shard}")], shard=shard)
    (folder / "attempts-x.parquet").write_bytes(b"not ours")
    names = [p.name for p in attempt_files(folder)]
    assert names == ["attempts-1.parquet", "attempts-2.parquet", "attempts-10.parquet"]


def test_results_dir_with_run_id_or_all_runs(results_dir):
    _write(results_dir, [attempt(task_id="a")])
    _write(results_dir, [attempt(task_id="a", run_id=OTHER_RUN)], run_id=OTHER_RUN)
    assert list(read_attempts(results_dir, OTHER_RUN).run_id) == [OTHER_RUN]
    assert list(read_attempts(results_dir).run_id) == [RUN_ID, OTHER_RUN]


def test_missing_run_and_empty_run(results_dir):
    with pytest.raises(FileNotFoundError):
        read_attempts(results_dir, "2020-01-01T0000Z-000000")
    folder = run_dir(results_dir, RUN_ID)
    folder.mkdir(parents=True)
    frame = read_attempts(folder)
    assert frame.empty
    assert list(frame.columns) == [column.name for column in ATTEMPT_COLUMNS]


def test_list_runs_sorted_and_finished_only(results_dir):
    assert list_runs(results_dir) == []
    _write(results_dir, [attempt(task_id="a", run_id=OTHER_RUN)], run_id=OTHER_RUN)
    _write(results_dir, [attempt()])
    (results_dir / "runs" / "not-a-run").mkdir()
    assert list_runs(results_dir) == [RUN_ID, OTHER_RUN]
    assert list_runs(results_dir, finished_only=True) == []
    finished = manifest(OTHER_RUN, finished_at=T0 + dt.timedelta(hours=1))
    write_manifest(run_dir(results_dir, OTHER_RUN), finished)
    write_manifest(run_dir(results_dir, RUN_ID), manifest())
    assert list_runs(results_dir, finished_only=True) == [OTHER_RUN]
    assert is_finished(run_dir(results_dir, OTHER_RUN))
    assert not is_finished(run_dir(results_dir, RUN_ID))
    assert read_manifest(run_dir(results_dir, OTHER_RUN)) == finished


def test_read_manifest_without_one(results_dir):
    folder = _write(results_dir, [attempt()])
    with pytest.raises(FileNotFoundError, match="no manifest"):
        read_manifest(folder)


def test_completed_keys_for_resume(results_dir):
    folder = _write(
        results_dir,
        [
            attempt(task_id="a"),
            attempt(task_id="b", status="provider_error", tests_passed=0),
            attempt(task_id="c", status="sandbox_error", tests_passed=0),
            attempt(task_id="d", status="failed", tests_passed=0),
        ],
    )
    assert completed_keys(folder) == {("gpt-4o", t, 0, 0) for t in "abcd"}
    assert completed_keys(folder, redo_statuses=INFRA_STATUSES) == {
        ("gpt-4o", "a", 0, 0),
        ("gpt-4o", "d", 0, 0),
    }
    assert completed_keys(results_dir / "runs" / "absent") == set()

"""Older files are migrated on read; newer ones are refused with a clear message."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bench.results import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    RunWriter,
    SchemaError,
    attempts_schema,
    read_attempts,
    read_manifest,
    render_parquet_text,
    run_dir,
)

from .conftest import RUN_ID, T0, attempt


def _v0_attempt_columns(**overrides) -> dict[str, pa.Array]:
    """A prototype writer's file: the documented columns, wider types, no test_verdicts."""
    columns = {
        "run_id": pa.array([RUN_ID, RUN_ID]),
        "model": pa.array(["m", "m"]),
        "provider": pa.array(["openai/m", "openai/m"]),
        "task_id": pa.array(["b", "a"]),
        "task_hash": pa.array(["h1", "h2"]),
        "difficulty": pa.array(["easy", "hard"]),
        "sample": pa.array([0, 0], pa.int64()),
        "status": pa.array(["passed", "failed"]),
        "tests_passed": pa.array([3, 1], pa.int64()),
        "tests_total": pa.array([3, 3], pa.int64()),
    }
    for name in ("correctness", "speed", "quality", "efficiency", "overall"):
        columns[name] = pa.array([100.0, None])
    for name in ("response_time_s", "exec_time_s", "peak_memory_mb", "cost_usd"):
        columns[name] = pa.array([1.5, 2.5])
    columns["prompt_tokens"] = pa.array([10, None], pa.int64())
    columns["completion_tokens"] = pa.array([20, 30], pa.int64())
    for name in ("generated_code", "response_text", "error"):
        columns[name] = pa.array(["x = 1\n", None])
    columns["started_at"] = pa.array([dt.datetime(2026, 11, 24, 19, 10)] * 2, pa.timestamp("ns"))
    columns.update(overrides)
    return columns


def _write_v0(path, columns):
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pydict(columns)
    assert table.schema.metadata is None  # no version key: v0
    pq.write_table(table, path)


def test_the_list_has_one_step_per_version():
    assert len(MIGRATIONS) == SCHEMA_VERSION


def test_v0_attempts_file_is_migrated(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    _write_v0(folder / "attempts.parquet", _v0_attempt_columns())
    frame = read_attempts(folder)
    assert list(frame.task_id) == ["a", "b"]
    assert frame["sample"].dtype.name == "Int32"
    assert frame["test_verdicts"].isna().all()
    assert frame["started_at"].iloc[0] == T0  # naive prototype times are UTC
    assert frame["prompt_tokens"].isna().tolist() == [True, False]


def test_writer_resumes_onto_a_v0_file_and_rewrites_it_as_current(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    _write_v0(folder / "attempts.parquet", _v0_attempt_columns())
    with RunWriter(results_dir, RUN_ID, autoflush=False) as writer:
        assert len(writer) == 2
        writer.append(attempt(task_id="c", model="m"))
    assert len(read_attempts(folder)) == 3
    schema = pq.read_schema(folder / "attempts.parquet")
    assert schema.metadata[SCHEMA_VERSION_KEY] == str(SCHEMA_VERSION).encode()
    assert schema.equals(attempts_schema(), check_metadata=False)


def test_v0_file_with_unknown_column_is_refused(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    _write_v0(folder / "attempts.parquet", _v0_attempt_columns(prompt=pa.array(["p", "q"])))
    with pytest.raises(SchemaError, match=r"attempts.parquet: unknown columns \['prompt'\]"):
        read_attempts(folder)


def test_v0_file_missing_a_required_column_is_refused(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    columns = _v0_attempt_columns()
    del columns["task_hash"]
    _write_v0(folder / "attempts.parquet", columns)
    with pytest.raises(SchemaError, match="required column 'task_hash'"):
        read_attempts(folder)


def test_file_from_a_newer_bench_is_refused(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    table = pa.Table.from_pydict(_v0_attempt_columns())
    newer = str(SCHEMA_VERSION + 1)
    table = table.replace_schema_metadata(
        {SCHEMA_VERSION_KEY: newer.encode(), b"bench.kind": b"attempts"}
    )
    folder.mkdir(parents=True)
    pq.write_table(table, folder / "attempts.parquet")
    expected = f"schema v{newer}; this bench reads up to v{SCHEMA_VERSION}: upgrade bench"
    with pytest.raises(SchemaError, match=expected):
        read_attempts(folder)
    assert "unreadable bench attempts file" in render_parquet_text(folder / "attempts.parquet")


def test_v0_manifest_is_migrated(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    models = [
        {
            "name": "m",
            "model": "openai/m",
            "resolved_version": None,
            "params_json": "{}",
            "params_hash": "44136fa355b3678a",
            "input_per_mtok": None,
            "output_per_mtok": None,
            "price_source": None,
            "prices_date": None,
        }
    ]
    columns = {
        "run_id": [RUN_ID],
        "started_at": pa.array([dt.datetime(2026, 11, 24, 19, 10)], pa.timestamp("ms")),
        "finished_at": pa.array([None], pa.timestamp("ms")),
        "harness_version": ["0.0.1"],
        "schema_version": pa.array([0], pa.int64()),
        "git_commit": [None],
        "task_set_hash": ["abc"],
        "config_json": ["{}"],
        "sandbox": ["process"],
        "image": [None],
        "models": [models],
    }
    _write_v0(folder / "run.parquet", columns)
    loaded = read_manifest(folder)
    assert loaded.started_at == T0
    assert loaded.source_run_id is None and loaded.prompt_template_version is None
    assert loaded.models[0].model == "openai/m"


def test_a_v1_attempts_file_reads_as_function_tasks_asked_as_written(tmp_path):
    """Runs written before task kinds (schema v1) read with kind=function, variant 0."""
    folder = run_dir(tmp_path, RUN_ID)
    folder.mkdir(parents=True)
    current = attempts_schema()
    v1_fields = [f for f in current if f.name not in ("kind", "variant", "details_json")]
    v1_schema = pa.schema(
        v1_fields, metadata={SCHEMA_VERSION_KEY: b"1", b"bench.kind": b"attempts"}
    )
    row = attempt(task_id="a").model_dump()
    table = pa.Table.from_pylist([{f.name: row[f.name] for f in v1_fields}], schema=v1_schema)
    pq.write_table(table, folder / "attempts.parquet")
    frame = read_attempts(folder)
    assert list(frame["kind"]) == ["function"]
    assert list(frame["variant"]) == [0]
    assert frame["details_json"].isna().all()
    assert list(frame.columns) == current.names

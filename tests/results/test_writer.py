"""RunWriter: checkpoints, atomicity, resume and one row per key."""

from __future__ import annotations

import os
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bench.results import (
    SCHEMA_VERSION_KEY,
    RunWriter,
    attempt_files,
    attempts_schema,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
    write_table_atomic,
)
from bench.results._writer import attempt_row

from .conftest import RUN_ID, attempt, manifest


def _rows_on_disk(writer: RunWriter) -> int:
    return sum(pq.read_metadata(path).num_rows for path in attempt_files(writer.run_dir))


def _files(writer: RunWriter) -> list[str]:
    return sorted(path.name for path in writer.run_dir.iterdir())


def test_checkpoints_every_n_attempts_and_on_close(results_dir):
    writer = RunWriter(results_dir, RUN_ID, checkpoint_every=3, autoflush=False)
    on_disk = []
    for index in range(7):
        writer.append(attempt(task_id=f"t{index}"))
        on_disk.append(_rows_on_disk(writer))
    assert on_disk == [0, 0, 3, 3, 3, 6, 6]
    assert writer.pending == 1
    writer.close()
    assert _rows_on_disk(writer) == 7
    assert writer.path == run_dir(results_dir, RUN_ID) / "attempts.parquet"


def test_checkpoints_after_the_time_limit_on_append(results_dir):
    writer = RunWriter(
        results_dir, RUN_ID, checkpoint_every=1000, checkpoint_seconds=0.05, autoflush=False
    )
    writer.append(attempt(task_id="a"))
    assert _rows_on_disk(writer) == 0
    time.sleep(0.06)
    assert writer.maybe_checkpoint()
    assert _rows_on_disk(writer) == 1
    assert not writer.maybe_checkpoint()  # nothing pending
    writer.close()


def test_background_flusher_writes_without_further_appends(results_dir):
    with RunWriter(results_dir, RUN_ID, checkpoint_every=1000, checkpoint_seconds=0.2) as writer:
        writer.append(attempt(task_id="slow-model"))
        deadline = time.monotonic() + 5
        while _rows_on_disk(writer) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _rows_on_disk(writer) == 1


def test_file_has_schema_and_version_metadata(results_dir):
    with RunWriter(results_dir, RUN_ID, autoflush=False) as writer:
        writer.append(attempt())
    schema = pq.read_schema(writer.path)
    assert schema.equals(attempts_schema(), check_metadata=False)
    assert schema.metadata[SCHEMA_VERSION_KEY] == b"2"


def test_round_trip_keeps_every_value(results_dir):
    original = attempt(error="boom\nline 2", prompt_tokens=None, efficiency=None)
    with RunWriter(results_dir, RUN_ID, autoflush=False) as writer:
        writer.append(original)
    table = pq.read_table(writer.path)
    assert type(original).model_validate(table.to_pylist()[0]) == original


def test_same_key_replaces_and_never_duplicates(results_dir):
    with RunWriter(results_dir, RUN_ID, checkpoint_every=1, autoflush=False) as writer:
        writer.append(attempt(task_id="a", status="sandbox_error", tests_passed=0))
        writer.append(attempt(task_id="b"))
        writer.append(attempt(task_id="a", status="passed"))
        assert len(writer) == 2
    frame = read_attempts(writer.run_dir)
    assert pq.read_metadata(writer.path).num_rows == 2
    assert dict(zip(frame.task_id, frame.status, strict=True)) == {"a": "passed", "b": "passed"}


def test_resume_keeps_rows_already_written(results_dir):
    with RunWriter(results_dir, RUN_ID, autoflush=False) as first:
        for index in range(5):
            first.append(attempt(task_id=f"t{index}"))
    with RunWriter(results_dir, RUN_ID, autoflush=False) as resumed:
        assert resumed.keys() == {("gpt-4o", f"t{i}", 0, 0) for i in range(5)}
        resumed.append(attempt(task_id="t5"))
    assert sorted(read_attempts(resumed.run_dir).task_id) == [f"t{i}" for i in range(6)]


def test_shards_write_their_own_files(results_dir):
    for shard in (0, 1):
        with RunWriter(results_dir, RUN_ID, shard=shard, autoflush=False) as writer:
            writer.append(attempt(task_id=f"shard-{shard}"))
    folder = run_dir(results_dir, RUN_ID)
    assert sorted(p.name for p in folder.iterdir()) == ["attempts-0.parquet", "attempts-1.parquet"]
    assert sorted(read_attempts(folder).task_id) == ["shard-0", "shard-1"]


def test_refuses_foreign_run_and_append_after_close(results_dir):
    writer = RunWriter(results_dir, RUN_ID, autoflush=False)
    with pytest.raises(ValueError, match="appended to run"):
        writer.append(attempt(run_id="2026-11-24T1911Z-000000"))
    writer.close()
    writer.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        writer.append(attempt())


def test_no_temp_files_are_left_and_stale_ones_are_removed(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    folder.mkdir(parents=True)
    for stale in (".attempts.parquet.abc123.tmp", ".attempts.part-000002.parquet.x1.tmp"):
        (folder / stale).write_bytes(b"half a parquet file")
    other_shard = folder / ".attempts-1.parquet.q9.tmp"  # another live writer's: kept
    other_shard.write_bytes(b"in flight")
    with RunWriter(results_dir, RUN_ID, checkpoint_every=2, autoflush=False) as writer:
        for index in range(5):
            writer.append(attempt(task_id=f"t{index}"))
    assert sorted(os.listdir(folder)) == [other_shard.name, "attempts.parquet"]


def test_empty_shard_still_writes_a_file(results_dir):
    with RunWriter(results_dir, RUN_ID, shard=3, autoflush=False) as writer:
        pass
    assert pq.read_metadata(writer.path).num_rows == 0


def test_manifest_round_trip_and_update(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    started = manifest()
    write_manifest(folder, started)
    assert read_manifest(folder) == started
    finished = started.model_copy(update={"finished_at": started.started_at})
    write_manifest(folder, finished)
    assert read_manifest(folder).finished
    assert read_manifest(folder).models[0].params == {"max_tokens": 2048, "temperature": 0}
    with pytest.raises(ValueError, match="written into"):
        write_manifest(results_dir / "runs" / "other", started)


def test_checkpoints_add_parts_that_compaction_folds_into_the_base(results_dir):
    writer = RunWriter(results_dir, RUN_ID, checkpoint_every=2, autoflush=False)
    seen = []
    for index in range(9):
        writer.append(attempt(task_id=f"t{index}"))
        seen.append((_rows_on_disk(writer), len(_files(writer))))
    # base 2; base 4 (parts >= base); part of 2; base 8 (2 + 2 >= 4); 1 pending
    assert seen == [(0, 0), (2, 1), (2, 1), (4, 1), (4, 1), (6, 2), (6, 2), (8, 1), (8, 1)]
    assert len(read_attempts(writer.run_dir)) == 8
    writer.close()
    assert _files(writer) == ["attempts.parquet"]
    assert pq.read_metadata(writer.path).num_rows == 9


def test_too_many_parts_are_compacted(results_dir, monkeypatch):
    monkeypatch.setattr("bench.results._writer.MAX_PARTS", 3)
    writer = RunWriter(results_dir, RUN_ID, checkpoint_every=100, autoflush=False)
    for index in range(100):
        writer.append(attempt(task_id=f"base-{index}"))
    assert _files(writer) == ["attempts.parquet"]
    writer.checkpoint_every = 1
    counts = []
    for index in range(5):
        writer.append(attempt(task_id=f"late-{index}"))
        counts.append(len(_files(writer)))
    assert counts == [2, 3, 4, 1, 2]
    writer.close()


def test_superseded_rows_across_parts_and_interrupted_compaction(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    first = attempt(task_id="a", status="sandbox_error", tests_passed=0)
    base = pa.Table.from_pylist(
        [attempt_row(first), attempt_row(attempt(task_id="b"))], schema=attempts_schema()
    )
    write_table_atomic(base, folder / "attempts.parquet")
    # As if killed after a compaction rewrote the base but before it deleted this part:
    part = pa.Table.from_pylist([attempt_row(attempt(task_id="b"))], schema=attempts_schema())
    write_table_atomic(part, folder / "attempts.part-000004.parquet")
    assert len(read_attempts(folder)) == 2
    with RunWriter(results_dir, RUN_ID, checkpoint_every=1, autoflush=False) as writer:
        assert len(writer) == 2
        writer.append(attempt(task_id="a", status="passed"))
        writer.append(attempt(task_id="c"))
    assert _files(writer) == ["attempts.parquet"]
    frame = read_attempts(folder)
    assert dict(zip(frame.task_id, frame.status, strict=True)) == {
        "a": "passed",
        "b": "passed",
        "c": "passed",
    }
    assert pq.read_metadata(writer.path).num_rows == 3


def test_concurrent_appends_from_threads(results_dir):
    import threading

    with RunWriter(results_dir, RUN_ID, checkpoint_every=5, checkpoint_seconds=0.01) as writer:

        def work(thread: int) -> None:
            for index in range(60):
                writer.append(attempt(task_id=f"t{index % 40}", model=f"m{thread}"))

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    frame = read_attempts(writer.run_dir)
    assert len(frame) == 4 * 40  # indexes 40..59 re-append keys t0..t19: replaced, not added
    assert pq.read_metadata(writer.path).num_rows == 160
    assert _files(writer) == ["attempts.parquet"]


def test_no_attempt_is_written_before_what_must_come_first(results_dir):
    """The manifest is written on another thread; attempts wait for it, failures keep rows."""
    calls: list[str] = []

    def not_yet() -> None:
        calls.append("waited")
        raise OSError("the manifest could not be written")

    writer = RunWriter(
        results_dir, RUN_ID, checkpoint_every=2, autoflush=False, before_writing=not_yet
    )
    writer.append(attempt(task_id="a"))
    with pytest.raises(OSError, match="manifest"):
        writer.append(attempt(task_id="b"))  # the checkpoint is due, and refused
    assert _rows_on_disk(writer) == 0 and writer.pending == 2

    writer._before_writing = lambda: calls.append("written")  # the manifest is now on disk
    writer.append(attempt(task_id="c"))  # due again: all three go
    assert _rows_on_disk(writer) == 3 and writer.pending == 0
    writer.append(attempt(task_id="d"))
    writer.append(attempt(task_id="e"))
    writer.close()
    assert _rows_on_disk(writer) == 5
    assert calls == ["waited", "written"]  # asked once more, then never again

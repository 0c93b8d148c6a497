"""Writing a run folder: attempts in atomic checkpoints, the manifest in one atomic write.

A shard's attempts live in one base file, `attempts.parquet` (`attempts-<k>.parquet`
for shard k), plus, while the run is in progress, numbered part files
`attempts.part-000001.parquet`, ... holding the rows of one checkpoint each. A
checkpoint writes only its new rows as the next part (cost proportional to the
rows added); every so often, and always on `close()`, the parts are compacted
into the base (an atomic rewrite of all rows) and deleted, so a finished run has
exactly the files docs/architecture.md names. Compaction happens when the parts hold as
many rows as the base or there are `MAX_PARTS` of them, so the rows rewritten
over a run stay within a small multiple of its size (rewriting the whole file
at every checkpoint cost 45 s over a 10,000-attempt run, and a 0.5 s stall per
checkpoint near the end; see `benchmarks/results_checkpoint.py`).

Every file is written atomically (`write_table_atomic`), so `kill -9` at any
moment leaves complete files only. If it lands between a compaction's rewrite
and the deletion of the parts, rows are present twice; readers and the next
writer keep one row per (model, task_id, sample), and that row is identical.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.results._io import read_table, remove_stale_temps, write_table_atomic
from bench.results._records import Attempt, RunManifest
from bench.results._schema import ATTEMPT_KEY, FileKind, attempts_schema, manifest_schema

if TYPE_CHECKING:
    import pyarrow as pa

ATTEMPTS_FILE = "attempts.parquet"
MANIFEST_FILE = "run.parquet"
RUNS_FOLDER = "runs"
MAX_PARTS = 32
"""Part files a shard may accumulate before they are compacted into its base file."""

Key = tuple[str, str, int, int]
_PART_NUMBER = re.compile(r"\.part-(\d+)\.parquet$")


def run_dir(results_dir: str | Path, run_id: str) -> Path:
    """The folder of a run: `<results_dir>/runs/<run_id>`."""
    return Path(results_dir) / RUNS_FOLDER / run_id


def attempts_file_name(shard: int | None, part: int | None = None) -> str:
    """`attempts[-<shard>][.part-<part>].parquet`: a shard's base file or one of its parts."""
    if shard is not None and shard < 0:
        raise ValueError(f"shard must be >= 0 (got {shard})")
    stem = "attempts" if shard is None else f"attempts-{shard}"
    return f"{stem}.parquet" if part is None else f"{stem}.part-{part:06d}.parquet"


def attempt_row(attempt: Attempt) -> dict[str, Any]:
    """The Parquet row of an attempt (plain Python values, schema order)."""
    row = attempt.model_dump()
    row["status"] = attempt.status.value
    return row


def last_of_each_key(table: pa.Table, key: tuple[str, ...] = ATTEMPT_KEY) -> list[int]:
    """Row indices keeping the last row of each key, in file order."""
    columns = [table.column(name).to_pylist() for name in key]
    last = {values: index for index, values in enumerate(zip(*columns, strict=True))}
    return sorted(last.values())


def write_manifest(run_folder: str | Path, manifest: RunManifest) -> Path:
    """Write `run.parquet` atomically; call at start (no finished_at) and again at the end.

    Returns:
        The path written.
    """
    import pyarrow as pa

    path = Path(run_folder) / MANIFEST_FILE
    if path.parent.name != manifest.run_id:
        raise ValueError(f"manifest of {manifest.run_id} written into {path.parent}")
    table = pa.Table.from_pylist([manifest.model_dump()], schema=manifest_schema())
    write_table_atomic(table, path)
    return path


class RunWriter:
    """Collects a run's (or one shard's) attempts and checkpoints them atomically.

    Opening a writer on a folder that already holds its files loads their keys,
    so a resumed run keeps its rows; appending an attempt whose (model, task_id,
    sample) is already held supersedes the old row (a retried infrastructure
    error): readers and compaction keep the last row of each key. Thread-safe.

    Use as a context manager, or call `close()`, which writes the last checkpoint
    and compacts the shard into its single base file.
    """

    def __init__(
        self,
        results_dir: str | Path,
        run_id: str,
        shard: int | None = None,
        *,
        checkpoint_every: int = 50,
        checkpoint_seconds: float = 5.0,
        autoflush: bool = True,
        before_writing: Callable[[], object] | None = None,
    ) -> None:
        """Open (and create) the run folder; load the shard's existing rows.

        Args:
            results_dir: the results root (holding `runs/`).
            run_id: the run's id; every appended attempt must carry it.
            shard: this process's shard index, or None for an unsharded run.
            checkpoint_every: write after this many new attempts.
            checkpoint_seconds: write when the oldest unwritten attempt is this old.
            autoflush: run a background thread that enforces `checkpoint_seconds`
                even when no attempt arrives (a slow model); off in tests that
                want to decide when writes happen.
            before_writing: called (once, before the first file is written) to wait
                for what must be on disk first: the run's manifest, written on
                another thread; what it raises, the checkpoint raises.
        """
        if checkpoint_every < 1 or checkpoint_seconds <= 0:
            raise ValueError("checkpoint_every must be >= 1 and checkpoint_seconds > 0")
        self.run_id = run_id
        self.shard = shard
        self.run_dir = run_dir(results_dir, run_id)
        self.path = self.run_dir / attempts_file_name(shard)
        self.checkpoint_every = checkpoint_every
        self.checkpoint_seconds = checkpoint_seconds
        self._keys: set[Key] = set()
        self._batches: list[pa.RecordBatch] = []  # every row held, in order, maybe superseded
        self._pending: list[dict[str, Any]] = []
        self._pending_since: float | None = None
        self._parts: list[Path] = []
        self._base_rows = self._part_rows = 0
        self._must_compact = False
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = False
        self._flush_error: BaseException | None = None
        self._before_writing = before_writing
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temps()
        self._load_existing()
        self._stop = threading.Event()
        self._flusher: threading.Thread | None = None
        if autoflush:
            self._flusher = threading.Thread(target=self._flush_loop, daemon=True)
            self._flusher.start()

    def _part_path(self, number: int) -> Path:
        return self.run_dir / attempts_file_name(self.shard, number)

    def _part_glob(self) -> str:
        return attempts_file_name(self.shard, 0).replace("000000", "*")

    def _existing_parts(self) -> list[Path]:
        numbered = []
        for path in self.run_dir.glob(self._part_glob()):
            match = _PART_NUMBER.search(path.name)
            if match and path.is_file():
                numbered.append((int(match.group(1)), path))
        return [path for _, path in sorted(numbered)]

    def _remove_stale_temps(self) -> None:
        remove_stale_temps(self.run_dir, self.path.name)
        remove_stale_temps(self.run_dir, self._part_glob())

    def _load_existing(self) -> None:
        self._parts = self._existing_parts()
        files = ([self.path] if self.path.exists() else []) + self._parts
        for file in files:
            table = read_table(file, FileKind.ATTEMPTS)
            if table.num_rows and set(table.column("run_id").to_pylist()) != {self.run_id}:
                raise ValueError(f"{file} holds rows of another run than {self.run_id}")
            self._batches.extend(table.to_batches())
            if file == self.path:
                self._base_rows = table.num_rows
            else:
                self._part_rows += table.num_rows
            self._keys.update(
                zip(*(table.column(name).to_pylist() for name in ATTEMPT_KEY), strict=True)
            )
        last = _PART_NUMBER.search(self._parts[-1].name) if self._parts else None
        self._next_part = int(last.group(1)) + 1 if last else 1
        self._must_compact = bool(self._parts) or not self.path.exists()

    def __len__(self) -> int:
        """Number of distinct attempts held (written or pending)."""
        with self._lock:
            return len(self._keys)

    def keys(self) -> set[Key]:
        """The (model, task_id, sample) keys held, for skipping work on resume."""
        with self._lock:
            return set(self._keys)

    @property
    def pending(self) -> int:
        """Attempts appended since the last checkpoint."""
        with self._lock:
            return len(self._pending)

    def append(self, attempt: Attempt) -> None:
        """Add one attempt; checkpoint when `checkpoint_every` or `checkpoint_seconds` is due."""
        self._raise_flush_error()
        if self._closed:
            raise RuntimeError(f"append to a closed RunWriter ({self.path})")
        if attempt.run_id != self.run_id:
            raise ValueError(f"attempt of run {attempt.run_id} appended to run {self.run_id}")
        row = attempt_row(attempt)
        with self._lock:
            self._keys.add(attempt.key)
            self._pending.append(row)
            if self._pending_since is None:
                self._pending_since = time.monotonic()
        self.maybe_checkpoint()

    def maybe_checkpoint(self) -> bool:
        """Checkpoint if one is due; returns whether it wrote."""
        with self._lock:
            due = self._pending_since is not None and (
                len(self._pending) >= self.checkpoint_every
                or time.monotonic() - self._pending_since >= self.checkpoint_seconds
            )
        if due:
            self.checkpoint()
        return due

    def checkpoint(self) -> None:
        """Write the pending attempts atomically: as the next part, or by compacting."""
        self._checkpoint(final=False)

    def _checkpoint(self, final: bool) -> None:
        import pyarrow as pa

        with self._write_lock:
            with self._lock:
                pending, self._pending, self._pending_since = self._pending, [], None
            compact = self._must_compact or (final and bool(pending or self._parts))
            if not pending and not compact:
                return
            if self._before_writing is not None:
                try:
                    self._before_writing()
                except BaseException:
                    with self._lock:  # keep the rows for a later checkpoint
                        self._pending = pending + self._pending
                        self._pending_since = self._pending_since or time.monotonic()
                    raise
                self._before_writing = None
            batch = pa.RecordBatch.from_pylist(pending, schema=attempts_schema())
            if pending:
                self._batches.append(batch)
            try:
                parts_full = len(self._parts) >= MAX_PARTS
                if compact or parts_full or self._part_rows + len(pending) >= self._base_rows:
                    self._compact()
                else:
                    self._write_part(batch)
            except BaseException:
                with self._lock:  # the rows are in memory: the next checkpoint rewrites all
                    self._must_compact = True
                    self._pending_since = self._pending_since or time.monotonic()
                raise

    def _write_part(self, batch: pa.RecordBatch) -> None:
        import pyarrow as pa

        path = self._part_path(self._next_part)
        write_table_atomic(pa.Table.from_batches([batch]), path)
        self._parts.append(path)
        self._next_part += 1
        self._part_rows += batch.num_rows

    def _compact(self) -> None:
        """Rewrite the base with the last row of each key, then delete the parts it absorbed.

        Superseded rows are found from the key columns every time (~10 ms at 10,000
        rows) rather than tracked with a flag that a concurrent append could race.
        """
        import pyarrow as pa

        table = pa.Table.from_batches(self._batches, schema=attempts_schema())
        keep = last_of_each_key(table)
        if len(keep) != table.num_rows:
            table = table.take(pa.array(keep, type=pa.int64()))
        table = table.combine_chunks()
        write_table_atomic(table, self.path)
        for part in self._parts:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
        self._batches = table.to_batches()
        self._parts, self._part_rows, self._base_rows = [], 0, table.num_rows
        self._must_compact = False

    def write_manifest(self, manifest: RunManifest) -> Path:
        """Write this run's `run.parquet` (see the module-level `write_manifest`)."""
        return write_manifest(self.run_dir, manifest)

    def close(self) -> None:
        """Stop the flusher, write the last checkpoint and compact. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._flusher is not None:
            self._flusher.join()
        self._checkpoint(final=True)
        self._raise_flush_error()

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _flush_loop(self) -> None:
        interval = min(self.checkpoint_seconds / 2, 1.0)
        while not self._stop.wait(interval):
            try:
                self.maybe_checkpoint()
            except BaseException as error:  # surfaced on the next append or close
                self._flush_error = error
                return

    def _raise_flush_error(self) -> None:
        if self._flush_error is not None:
            error, self._flush_error = self._flush_error, None
            raise RuntimeError(f"background checkpoint of {self.path} failed") from error

"""Atomic Parquet writes and migrating reads: the only code that touches the files.

A write goes to a temporary file in the same folder, is fsynced, then renamed
over the target with `os.replace` (atomic on POSIX and Windows within one file
system), and the folder is fsynced so the rename itself survives a power cut.
A reader therefore sees the old file or the new one, never half of either;
`kill -9` at any instant leaves at worst a stray `.*.tmp` file, which readers
ignore and the next writer removes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bench.results._migrations import SchemaError, file_kind, file_version, migrate
from bench.results._schema import FileKind

if TYPE_CHECKING:
    import pyarrow as pa

TEMP_SUFFIX = ".tmp"
COMPRESSION = "zstd"
"""zstd compresses generated code ~4x better than snappy at similar speed."""


def write_table_atomic(table: pa.Table, path: Path) -> None:
    """Write `table` to `path` so that readers never see a partial file."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            pq.write_table(table, stream, compression=COMPRESSION)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Persist a rename; a no-op where folders cannot be opened (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_stale_temps(folder: Path, name_glob: str) -> None:
    """Delete temp files a killed writer left for targets matching `name_glob`.

    Only the calling writer's own targets are named, so a concurrent writer of
    another shard in the same folder never loses its in-flight temp file.
    """
    for stale in folder.glob(f".{name_glob}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def read_table(path: Path, kind: FileKind | None = None) -> pa.Table:
    """Read a results file as the current schema, migrating older versions.

    Raises:
        SchemaError: the file is from a newer bench, or not a results file of `kind`;
            the message names the file.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:  # one file: ParquetFile, not read_table, which imports the dataset layer (60 ms)
        with pq.ParquetFile(path) as handle:
            table = handle.read()
    except FileNotFoundError:
        raise
    except (pa.ArrowInvalid, OSError) as error:
        raise SchemaError(f"{path}: not a readable Parquet file ({error})") from error
    metadata = table.schema.metadata
    found_kind = file_kind(metadata, path.name)
    if kind is not None and found_kind is not kind:
        raise SchemaError(f"{path}: a {found_kind.value} file, expected {kind.value}")
    try:
        return migrate(table, found_kind, file_version(metadata))
    except SchemaError as error:
        raise SchemaError(f"{path}: {error}") from error

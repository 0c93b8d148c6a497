"""The results store: versioned Parquet files under `results/runs/<run_id>/`.

`run.parquet` is the run's manifest (one row), `attempts.parquet` (or
`attempts-<k>.parquet` per shard) holds one row per (model, task, sample).
Writes are atomic checkpoints; reads migrate older schema versions. pyarrow and
pandas are imported only when a function needs them.
"""

from bench.results._io import read_table, write_table_atomic
from bench.results._migrations import MIGRATIONS, SchemaError, migrate
from bench.results._reader import (
    attempt_files,
    completed_keys,
    is_finished,
    list_runs,
    read_attempts,
    read_attempts_table,
    read_manifest,
)
from bench.results._records import (
    Attempt,
    ModelManifest,
    RunManifest,
    TestVerdict,
    canonical_json,
    params_hash,
)
from bench.results._run_id import RUN_ID_PATTERN, is_run_id, new_run_id
from bench.results._schema import (
    ATTEMPT_COLUMNS,
    ATTEMPT_KEY,
    INFRA_STATUSES,
    MANIFEST_COLUMNS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    AttemptStatus,
    FileKind,
    attempts_schema,
    manifest_schema,
)
from bench.results._show import render_parquet_text
from bench.results._writer import (
    ATTEMPTS_FILE,
    MANIFEST_FILE,
    RunWriter,
    attempts_file_name,
    run_dir,
    write_manifest,
)

__all__ = [
    "ATTEMPTS_FILE",
    "ATTEMPT_COLUMNS",
    "ATTEMPT_KEY",
    "INFRA_STATUSES",
    "MANIFEST_COLUMNS",
    "MANIFEST_FILE",
    "MIGRATIONS",
    "RUN_ID_PATTERN",
    "SCHEMA_VERSION",
    "SCHEMA_VERSION_KEY",
    "Attempt",
    "AttemptStatus",
    "FileKind",
    "ModelManifest",
    "RunManifest",
    "RunWriter",
    "SchemaError",
    "TestVerdict",
    "attempt_files",
    "attempts_file_name",
    "attempts_schema",
    "canonical_json",
    "completed_keys",
    "is_finished",
    "is_run_id",
    "list_runs",
    "manifest_schema",
    "migrate",
    "new_run_id",
    "params_hash",
    "read_attempts",
    "read_attempts_table",
    "read_manifest",
    "read_table",
    "render_parquet_text",
    "run_dir",
    "write_manifest",
    "write_table_atomic",
]

"""The on-disk shape of the results store, written in one place.

Columns are listed here as plain data (name, type, nullability) so that the
records, the docs test and the text renderer can all see them without importing
pyarrow; `attempts_schema()` and `manifest_schema()` turn them into pyarrow
schemas on first use (pyarrow costs ~0.2 s to import, which the CLI should only
pay when it touches results).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA_VERSION = 2
"""Version of both file kinds; bumped with a migration in `_migrations.py`."""

SCHEMA_VERSION_KEY = b"bench.schema_version"
"""Parquet key-value metadata key holding `SCHEMA_VERSION` as ASCII digits."""

KIND_KEY = b"bench.kind"
"""Parquet key-value metadata key: `attempts` or `run`."""


class FileKind(StrEnum):
    """The two kinds of file in a run folder."""

    ATTEMPTS = "attempts"
    RUN = "run"


class AttemptStatus(StrEnum):
    """Outcome of one attempt. The last two are infrastructure, not the model's fault."""

    PASSED = "passed"
    FAILED = "failed"
    TIMEOUT = "timeout"
    ERROR = "error"
    PROVIDER_ERROR = "provider_error"
    SANDBOX_ERROR = "sandbox_error"


INFRA_STATUSES = frozenset({AttemptStatus.PROVIDER_ERROR, AttemptStatus.SANDBOX_ERROR})
"""Statuses kept out of a model's denominators and retried on resume."""


@dataclass(frozen=True)
class Column:
    """One column: its name, a type key understood by `_arrow_type`, and nullability."""

    name: str
    type: str
    nullable: bool


def _columns(spec: str) -> tuple[Column, ...]:
    """Parse `name type [null]` lines; keeps the tables below readable as a table."""
    columns = []
    for line in spec.strip().splitlines():
        name, type_key, *rest = line.split()
        columns.append(Column(name, type_key, nullable=rest == ["null"]))
    return tuple(columns)


ATTEMPT_COLUMNS = _columns(
    """
    run_id string
    model string
    provider string
    task_id string
    task_hash string
    difficulty string
    kind string
    sample int32
    variant int32
    status string
    tests_passed int32
    tests_total int32
    correctness float64 null
    speed float64 null
    quality float64 null
    efficiency float64 null
    overall float64 null
    response_time_s float64 null
    exec_time_s float64 null
    peak_memory_mb float64 null
    cost_usd float64 null
    prompt_tokens int64 null
    completion_tokens int64 null
    generated_code string null
    response_text string null
    error string null
    details_json string null
    started_at timestamp
    test_verdicts verdicts null
    """
)
"""Columns of `attempts*.parquet`, in file order: the table in docs/methodology.md, whose
last column `test_verdicts` holds the per-test outcomes that the site's task pages show and
`tests_passed` cannot. v2 added `kind`, `variant` and `details_json`."""

MANIFEST_COLUMNS = _columns(
    """
    run_id string
    started_at timestamp
    finished_at timestamp null
    harness_version string
    schema_version int32
    git_commit string null
    task_set_hash string
    config_json string
    sandbox string
    image string null
    models models
    source_run_id string null
    prompt_template_version string null
    """
)
"""Columns of `run.parquet` (one row), in file order."""

ATTEMPT_KEY = ("model", "task_id", "sample", "variant")
"""What identifies an attempt within a run; a run never holds two rows with one key."""


def columns_of(kind: FileKind) -> tuple[Column, ...]:
    """The column list of a file kind."""
    return ATTEMPT_COLUMNS if kind is FileKind.ATTEMPTS else MANIFEST_COLUMNS


def _arrow_type(type_key: str) -> pa.DataType:
    import pyarrow as pa

    simple = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }
    if type_key in simple:
        return simple[type_key]
    if type_key == "verdicts":
        return pa.list_(
            pa.struct(
                [
                    pa.field("name", pa.string(), nullable=False),
                    pa.field("passed", pa.bool_(), nullable=False),
                    pa.field("time_s", pa.float64()),
                    pa.field("message", pa.string()),
                ]
            )
        )
    if type_key == "models":
        return pa.list_(
            pa.struct(
                [
                    pa.field("name", pa.string(), nullable=False),
                    pa.field("model", pa.string(), nullable=False),
                    pa.field("resolved_version", pa.string()),
                    pa.field("params_json", pa.string(), nullable=False),
                    pa.field("params_hash", pa.string(), nullable=False),
                    pa.field("input_per_mtok", pa.float64()),
                    pa.field("output_per_mtok", pa.float64()),
                    pa.field("price_source", pa.string()),
                    pa.field("prices_date", pa.date32()),
                ]
            )
        )
    raise ValueError(f"unknown column type {type_key!r}")


def _schema(kind: FileKind) -> pa.Schema:
    import pyarrow as pa

    fields = [pa.field(c.name, _arrow_type(c.type), c.nullable) for c in columns_of(kind)]
    metadata = {SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode(), KIND_KEY: kind.value.encode()}
    return pa.schema(fields, metadata=metadata)


@functools.cache
def attempts_schema() -> pa.Schema:
    """The pyarrow schema of `attempts*.parquet`, with the version in its metadata."""
    return _schema(FileKind.ATTEMPTS)


@functools.cache
def manifest_schema() -> pa.Schema:
    """The pyarrow schema of `run.parquet`, with the version in its metadata."""
    return _schema(FileKind.RUN)


def schema_of(kind: FileKind) -> pa.Schema:
    """The current schema of a file kind."""
    return attempts_schema() if kind is FileKind.ATTEMPTS else manifest_schema()

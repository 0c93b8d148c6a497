"""Reader-side migrations: an ordered list of small functions, one per version step.

`MIGRATIONS[i]` turns a table of schema version `i` into version `i + 1`, so a
file of any older version is brought up to `SCHEMA_VERSION` by applying the tail
of the list in order (the pattern of llm's `migrations.py`). Files are never
rewritten in place: old runs stay byte-identical in git; only what is read is
migrated. To change the schema: bump `SCHEMA_VERSION`, append one function
here, add a synthetic old file to the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bench.results._schema import (
    KIND_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    FileKind,
    schema_of,
)

if TYPE_CHECKING:
    import pyarrow as pa


class SchemaError(ValueError):
    """A results file that cannot be read as the current schema; says which file and why."""


Migration = Callable[["pa.Table", FileKind], "pa.Table"]


def _v0_to_v1(table: pa.Table, kind: FileKind) -> pa.Table:
    """Version 0: files written before the version key existed (prototype writers).

    They hold the documented columns (docs/methodology.md) but may lack later nullable
    columns (such as `test_verdicts`) and may use wider or naive types (int64 sample, timestamp[ns]
    without a zone, taken as UTC). Missing nullable columns become nulls, types
    are cast, columns are put in schema order. A missing required column or an
    unknown extra column is an error: guessing would change results silently.
    """
    import pyarrow as pa

    target = _without(schema_of(kind), ADDED_IN_V2)
    extra = sorted(set(table.column_names) - set(target.names))
    if extra:
        raise SchemaError(f"unknown columns {extra} in a v0 {kind.value} file")
    arrays = []
    for field in target:
        if field.name in table.column_names:
            arrays.append(_cast(table.column(field.name), field))
        elif field.nullable:
            arrays.append(pa.nulls(table.num_rows, field.type))
        else:
            raise SchemaError(f"required column {field.name!r} missing from a v0 {kind.value} file")
    return pa.Table.from_arrays(arrays, schema=target)


def _cast(column: pa.ChunkedArray, field: pa.Field) -> pa.ChunkedArray:
    import pyarrow as pa

    if column.type.equals(field.type):
        return column
    try:
        return column.cast(field.type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        message = f"column {field.name!r}: cannot read {column.type} as {field.type}"
        raise SchemaError(message) from error


ADDED_IN_V2 = ("kind", "variant", "details_json")
"""Attempt columns that version 2 added (task kinds, robustness variants)."""


def _without(schema: pa.Schema, names: tuple[str, ...]) -> pa.Schema:
    """`schema` less the fields named (the shape of an older version)."""
    import pyarrow as pa

    return pa.schema([field for field in schema if field.name not in names], schema.metadata)


def _v1_to_v2(table: pa.Table, kind: FileKind) -> pa.Table:
    """Version 1 to 2: attempts gain the task kind, the variant and kind details.

    Old runs were all `function` tasks asked as written, so `kind` is `function`,
    `variant` is 0 and `details_json` is null; run files are unchanged.
    """
    import pyarrow as pa

    if kind is not FileKind.ATTEMPTS:
        return table
    rows = table.num_rows
    additions = {
        "kind": pa.array(["function"] * rows, pa.string()),
        "variant": pa.array([0] * rows, pa.int32()),
        "details_json": pa.nulls(rows, pa.string()),
    }
    for name, column in additions.items():
        if name not in table.column_names:
            table = table.append_column(name, column)
    target = schema_of(kind)
    return pa.Table.from_arrays([table.column(name) for name in target.names], schema=target)


MIGRATIONS: list[Migration] = [_v0_to_v1, _v1_to_v2]
"""`MIGRATIONS[i]` migrates version i to i + 1; its length is always SCHEMA_VERSION."""


def file_version(metadata: dict[bytes, bytes] | None) -> int:
    """The schema version recorded in a file's key-value metadata (0 when absent)."""
    raw = (metadata or {}).get(SCHEMA_VERSION_KEY)
    if raw is None:
        return 0
    try:
        return int(raw.decode())
    except ValueError as error:
        raise SchemaError(f"bad {SCHEMA_VERSION_KEY.decode()} {raw!r}") from error


def file_kind(metadata: dict[bytes, bytes] | None, file_name: str) -> FileKind:
    """The kind recorded in the metadata, else guessed from the file name."""
    raw = (metadata or {}).get(KIND_KEY)
    if raw is not None:
        return FileKind(raw.decode())
    return FileKind.RUN if file_name == "run.parquet" else FileKind.ATTEMPTS


def migrate(table: pa.Table, kind: FileKind, version: int) -> pa.Table:
    """Bring a table of `version` up to the current schema, or raise `SchemaError`."""
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"written with results schema v{version}; this bench reads up to "
            f"v{SCHEMA_VERSION}: upgrade bench"
        )
    if version < 0:
        raise SchemaError(f"negative schema version {version}")
    for step in MIGRATIONS[version:]:
        table = step(table, kind)
    target = schema_of(kind)
    if not table.schema.equals(target, check_metadata=False):
        table = _conform_current(table, target)
    return table.replace_schema_metadata(target.metadata)


def _conform_current(table: pa.Table, target: pa.Schema) -> pa.Table:
    """Accept a current-version file whose only difference is nullability flags or order."""
    import pyarrow as pa

    if sorted(table.column_names) != sorted(target.names):
        raise SchemaError(f"columns {table.column_names} differ from the schema's {target.names}")
    for field in target:
        if not table.schema.field(field.name).type.equals(field.type):
            found = table.schema.field(field.name).type
            raise SchemaError(f"column {field.name!r} is {found}, expected {field.type}")
    return pa.Table.from_arrays([table.column(name) for name in target.names], schema=target)

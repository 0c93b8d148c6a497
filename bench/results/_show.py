"""A stable text form of a results file, for `bench results show` and git's textconv.

One line per row, rows sorted by their key, columns in schema order, floats with
six significant digits, and long or multi-line text (code, raw replies) replaced
by a hash, its size and its first line: `git diff` between two weeks then reads
as changed rows, and a changed answer shows up as a changed hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from bench.results._migrations import SchemaError, file_kind
from bench.results._records import canonical_json
from bench.results._schema import (
    ATTEMPT_KEY,
    KIND_KEY,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    FileKind,
)

_BENCH_NAME = re.compile(r"^(run|attempts(-\d+)?(\.part-\d+)?)\.parquet$")

SHORT_TEXT = 80
"""Strings up to this length, on one line, are shown whole."""

_KEY_COLUMNS = {FileKind.ATTEMPTS: ("run_id", *ATTEMPT_KEY), FileKind.RUN: ("run_id",)}


def format_value(value: Any) -> str:
    """One value as stable, single-line text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, str):
        return _format_text(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes sha256:{hashlib.sha256(value).hexdigest()[:12]}>"
    if isinstance(value, dict):
        return "{" + " ".join(f"{k}={format_value(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, list):
        if value and all(isinstance(item, dict) and "passed" in item for item in value):
            return "".join("P" if item["passed"] else "F" for item in value)
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    return str(value)


def _format_text(text: str) -> str:
    if len(text) <= SHORT_TEXT and text.isprintable():
        return json.dumps(text, ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > 40:
        first = first[:39] + "…"
    lines = text.count("\n") + 1
    first_json = json.dumps(first, ensure_ascii=False)
    return f"<sha256:{digest} {lines} lines {len(text)} chars {first_json}>"


def render_parquet_text(path: str | Path) -> str:
    """The text form of any Parquet file; bench files are migrated and keyed.

    Returns:
        For attempts: a header (kind, schema version, row count, and the run_id
        when every row shares it) and one line per row, `column=value` separated
        by two spaces, sorted by (run_id, model, task_id, sample). For a manifest:
        one `column: value` line per column and one line per model, so a changed
        setting is a one-line diff. Other Parquet files: one line per row with all
        columns, sorted by the row's text.
    """
    import pyarrow.parquet as pq

    from bench.results._io import read_table

    path = Path(path)
    metadata = pq.read_schema(path).metadata or {}
    marked = KIND_KEY in metadata or SCHEMA_VERSION_KEY in metadata
    if not marked and not _BENCH_NAME.match(path.name):
        return _render_generic(path)
    kind = file_kind(metadata, path.name)
    try:
        rows = read_table(path, kind).to_pylist()
    except SchemaError as error:
        if not marked:  # only named like a bench file: show it as plain Parquet
            return _render_generic(path)
        return f"# unreadable bench {kind.value} file: {error}\n"
    header = f"# bench {kind.value} schema v{SCHEMA_VERSION} ({path.name})"
    if kind is FileKind.RUN:
        return _render_manifest(rows, header)
    run_ids = {row["run_id"] for row in rows}
    if len(run_ids) == 1:
        header += f" run_id={run_ids.pop()}"
        rows = [{k: v for k, v in row.items() if k != "run_id"} for row in rows]
        return _render_rows(rows, ATTEMPT_KEY, header)
    return _render_rows(rows, _KEY_COLUMNS[kind], header)


def _render_manifest(rows: list[dict[str, Any]], header: str) -> str:
    lines = [f"{header}: {len(rows)} rows"]
    for row in rows:
        for name, value in row.items():
            if name == "models":
                lines += [f"models[{i}]: {format_value(model)}" for i, model in enumerate(value)]
            elif name == "config_json":
                lines.append(f"config_json: {canonical_json(json.loads(value))}")  # whole
            else:
                lines.append(f"{name}: {format_value(value)}")
    return "\n".join(lines) + "\n"


def _render_generic(path: Path) -> str:
    import pyarrow.parquet as pq

    return _render_rows(pq.read_table(path).to_pylist(), (), f"# parquet file {path.name}")


def _render_rows(rows: list[dict[str, Any]], key_columns: tuple[str, ...], header: str) -> str:
    keyed = []
    for row in rows:
        ordered = [*key_columns, *(name for name in row if name not in key_columns)]
        line = "  ".join(f"{name}={format_value(row[name])}" for name in ordered)
        # Typed key first (so sample 10 follows sample 9), the text breaks ties.
        keyed.append((tuple(_sortable(row[name]) for name in key_columns), line))
    keyed.sort()
    return "\n".join([f"{header}: {len(rows)} rows", *(line for _, line in keyed)]) + "\n"


def _sortable(value: Any) -> tuple[int, Any]:
    """Nulls first, then numbers by value, then anything else by its text."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (1, value)
    return (2, str(value))

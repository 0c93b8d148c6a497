"""docs/methodology.md documents every Parquet column (datasette-style docs test)."""

from __future__ import annotations

import pytest

from bench.results import (
    ATTEMPT_COLUMNS,
    MANIFEST_COLUMNS,
    SCHEMA_VERSION,
    attempts_schema,
    manifest_schema,
)

from .conftest import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")


def _table_rows(heading: str) -> dict[str, str]:
    section = DOC.split(heading, 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1]
    return rows


@pytest.mark.parametrize(
    ("heading", "columns", "schema"),
    [
        ("### `attempts*.parquet`", ATTEMPT_COLUMNS, attempts_schema()),
        ("### `run.parquet`", MANIFEST_COLUMNS, manifest_schema()),
    ],
)
def test_every_column_is_in_its_table_with_its_type(heading, columns, schema):
    rows = _table_rows(heading)
    assert list(rows) == [column.name for column in columns]
    for field in schema:
        documented = rows[field.name].replace("&lt;", "<").replace("&gt;", ">")
        if documented.startswith("list<"):
            assert str(field.type).startswith("list<"), field.name
        else:
            arrow_name = str(field.type).replace("double", "float64").replace("tz=", "")
            assert documented == arrow_name, field.name


def test_struct_fields_are_documented():
    for schema, column in ((manifest_schema(), "models"), (attempts_schema(), "test_verdicts")):
        for field in schema.field(column).type.value_type:
            assert f"`{field.name}`" in DOC, f"{column}.{field.name}"


def test_version_and_metadata_keys_are_documented():
    assert "`bench.schema_version`" in DOC and "`bench.kind`" in DOC
    assert f"(now {SCHEMA_VERSION})" in DOC

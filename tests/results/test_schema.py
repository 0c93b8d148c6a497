"""The schema is docs/methodology.md's attempts table; the records match it column for column."""

from __future__ import annotations

import types
import typing

import pytest

from bench.results import (
    ATTEMPT_COLUMNS,
    MANIFEST_COLUMNS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    Attempt,
    ModelManifest,
    RunManifest,
    attempts_schema,
    manifest_schema,
)

# The attempts table of docs/methodology.md, verbatim: the contract users' scripts rely on.
DESIGN_ATTEMPTS = {
    **dict.fromkeys(
        ["run_id", "model", "provider", "task_id", "task_hash", "difficulty"], "string"
    ),
    "kind": "string",
    "sample": "int32",
    "variant": "int32",
    "status": "string",
    "tests_passed": "int32",
    "tests_total": "int32",
    **dict.fromkeys(["correctness", "speed", "quality", "efficiency", "overall"], "double"),
    **dict.fromkeys(["response_time_s", "exec_time_s", "peak_memory_mb", "cost_usd"], "double"),
    "prompt_tokens": "int64",
    "completion_tokens": "int64",
    **dict.fromkeys(["generated_code", "response_text", "error", "details_json"], "string"),
    "started_at": "timestamp[us, tz=UTC]",
}

DESIGN_MANIFEST = [
    "run_id",
    "started_at",
    "finished_at",
    "harness_version",
    "schema_version",
    "git_commit",
    "task_set_hash",
    "config_json",
    "sandbox",
    "image",
    "models",
]


def test_attempts_schema_has_designs_columns_and_types():
    schema = attempts_schema()
    for name, type_name in DESIGN_ATTEMPTS.items():
        assert str(schema.field(name).type) == type_name, name
    extra = [name for name in schema.names if name not in DESIGN_ATTEMPTS]
    assert extra == ["test_verdicts"]  # the one documented addition
    assert schema.names[: len(DESIGN_ATTEMPTS)] == list(DESIGN_ATTEMPTS)


def test_manifest_schema_has_designs_columns():
    names = manifest_schema().names
    assert set(DESIGN_MANIFEST) <= set(names)
    assert {"source_run_id", "prompt_template_version"} <= set(names)
    models = manifest_schema().field("models").type.value_type
    assert {f.name for f in models} >= {
        "model",
        "resolved_version",
        "params_json",
        "params_hash",
        "input_per_mtok",
        "output_per_mtok",
        "prices_date",
    }


@pytest.mark.parametrize("schema", [attempts_schema(), manifest_schema()])
def test_schema_carries_the_version(schema):
    assert schema.metadata[SCHEMA_VERSION_KEY] == str(SCHEMA_VERSION).encode()
    assert SCHEMA_VERSION == 2


def _is_optional(annotation) -> bool:
    return type(None) in typing.get_args(annotation) or annotation is types.NoneType


@pytest.mark.parametrize(
    ("record", "columns"), [(Attempt, ATTEMPT_COLUMNS), (RunManifest, MANIFEST_COLUMNS)]
)
def test_record_fields_are_the_columns_in_order(record, columns):
    assert list(record.model_fields) == [column.name for column in columns]
    for column in columns:
        field = record.model_fields[column.name]
        assert field.description, f"{column.name} has no docstring"
        assert _is_optional(field.annotation) == column.nullable, column.name


def test_model_manifest_fields_are_the_struct_fields():
    struct = manifest_schema().field("models").type.value_type
    assert list(ModelManifest.model_fields) == [field.name for field in struct]

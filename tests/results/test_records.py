from __future__ import annotations

import datetime as dt
import math

import pytest
from pydantic import ValidationError

from bench.results import AttemptStatus, ModelManifest, params_hash

from .conftest import attempt, manifest


def test_attempt_key_and_status():
    record = attempt(task_id="t", sample=3, model="m")
    assert record.key == ("m", "t", 3, 0)
    assert record.status is AttemptStatus.PASSED


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "crashed"},
        {"sample": -1},
        {"correctness": 100.5},
        {"quality": -0.1},
        {"overall": math.nan},
        {"tests_passed": 3, "tests_total": 2},
        {"started_at": dt.datetime(2026, 11, 24, 19, 10)},  # naive
        {"cost_usd": -1.0},
        {"unknown_column": 1},
    ],
)
def test_attempt_rejects_bad_values(fields):
    with pytest.raises(ValidationError):
        attempt(**fields)


def test_started_at_is_normalised_to_utc():
    tokyo = dt.timezone(dt.timedelta(hours=9))
    record = attempt(started_at=dt.datetime(2026, 11, 25, 4, 10, tzinfo=tokyo))
    assert record.started_at == dt.datetime(2026, 11, 24, 19, 10, tzinfo=dt.UTC)
    assert record.started_at.tzinfo is dt.UTC


def test_params_hash_ignores_key_order_but_not_values():
    assert params_hash({"a": 1, "b": 2}) == params_hash({"b": 2, "a": 1})
    assert params_hash({"a": 1}) != params_hash({"a": 2})
    entry = ModelManifest(name="x", model="openai/x", params={"temperature": 0.2, "max_tokens": 5})
    assert entry.params == {"max_tokens": 5, "temperature": 0.2}
    assert entry.params_json == '{"max_tokens":5,"temperature":0.2}'
    assert entry.params_hash == params_hash({"temperature": 0.2, "max_tokens": 5})


def test_manifest_needs_json_config_and_knows_when_finished():
    with pytest.raises(ValidationError):
        manifest(config_json="not json")
    assert not manifest().finished
    assert manifest(finished_at=dt.datetime(2026, 11, 24, 20, tzinfo=dt.UTC)).finished

"""Factories for results records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.results import Attempt, ModelManifest, RunManifest, TestVerdict

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_ID = "2026-11-24T1910Z-3fa2c1"
T0 = dt.datetime(2026, 11, 24, 19, 10, tzinfo=dt.UTC)

CODE = (
    "def run_length_encode(text):\n"
    "    runs = []\n"
    "    for char in text:\n"
    "        runs.append([char, 1])\n"
    "    return runs\n"
)


def attempt(
    task_id: str = "merge-intervals",
    sample: int = 0,
    model: str = "gpt-4o",
    run_id: str = RUN_ID,
    **fields,
) -> Attempt:
    """A fully filled attempt; override any field by keyword."""
    values = {
        "run_id": run_id,
        "model": model,
        "provider": "openai/gpt-4o",
        "task_id": task_id,
        "task_hash": "0123456789abcdef",
        "difficulty": "medium",
        "sample": sample,
        "status": "passed",
        "tests_passed": 2,
        "tests_total": 2,
        "correctness": 100.0,
        "speed": 87.5,
        "quality": 92.25,
        "efficiency": 100.0,
        "overall": 95.5,
        "response_time_s": 3.25,
        "exec_time_s": 0.125,
        "peak_memory_mb": 12.5,
        "cost_usd": 0.0012,
        "prompt_tokens": 120,
        "completion_tokens": 340,
        "generated_code": CODE,
        "response_text": "```python\n" + CODE + "```",
        "error": None,
        "started_at": T0 + dt.timedelta(seconds=sample),
        "test_verdicts": [
            TestVerdict(name="example", passed=True, time_s=0.001),
            TestVerdict(name="empty", passed=True, time_s=0.0005),
        ],
    }
    values.update(fields)
    return Attempt(**values)


def manifest(run_id: str = RUN_ID, **fields) -> RunManifest:
    """A manifest with two models; override any field by keyword."""
    values = {
        "run_id": run_id,
        "started_at": T0,
        "finished_at": None,
        "git_commit": "d9216372",
        "task_set_hash": "abc123",
        "config_json": '{"execution": {"sandbox": "docker"}, "run": {"samples": 1}}',
        "sandbox": "docker",
        "image": "sha256:feedface",
        "models": [
            ModelManifest(
                name="gpt-4o",
                model="openai/gpt-4o",
                resolved_version="gpt-4o-2024-08-06",
                params={"temperature": 0, "max_tokens": 2048},
                input_per_mtok=2.5,
                output_per_mtok=10.0,
                price_source="config",
                prices_date=dt.date(2026, 11, 24),
            ),
            ModelManifest(name="reference", model="baseline/reference"),
        ],
        "prompt_template_version": "v1",
    }
    values.update(fields)
    return RunManifest(**values)


@pytest.fixture
def results_dir(tmp_path):
    return tmp_path / "results"

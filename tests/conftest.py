"""Fixtures shared by all tests: isolated state, task files (in-memory tasks: factories.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import VALID_TASK

REPO_ROOT = Path(__file__).resolve().parents[1]
__all__ = ["REPO_ROOT", "VALID_TASK"]  # VALID_TASK lives in tests/factories.py


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path_factory):
    """No test sees the developer's keys or writes into the repository's results."""
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "HF_TOKEN", "HUGGINGFACE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")


@pytest.fixture
def write_task(tmp_path):
    """Write a task file under tmp_path/<folder>/<name> and return its path."""

    def _write(text: str = VALID_TASK, name: str = "add-two.yaml", folder: str = "easy") -> Path:
        path = tmp_path / "tasks" / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write

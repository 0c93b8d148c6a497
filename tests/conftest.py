"""Fixtures shared by all tests: isolated state, a small task factory."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

VALID_TASK = textwrap.dedent(
    """\
    id: add-two
    difficulty: easy
    title: Add two numbers
    prompt: |
      Write `add(a: int, b: int) -> int` returning the sum.
    entry_point: add
    tests:
      - {input: [1, 2], expected: 3}
      - {input: [-1, 1], expected: 0, weight: 2}
    reference_solution: |
      def add(a, b):
          return a + b
    metadata: {tags: [math], added: 2026-11-25}
    """
)


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

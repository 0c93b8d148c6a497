"""`bench tasks validate --strict` and `bench tasks new`, through click and as real processes."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from bench.cli import cli

from .conftest import ALL_TESTS, clamp_task


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_strict_fails_a_weak_task_naming_the_surviving_mutants(write_task):
    path = write_task(clamp_task(), name="clamp-value.yaml")
    result = invoke("tasks", "validate", "--strict", "--sandbox", "process", str(path))
    assert result.exit_code == 1
    assert "FAIL clamp-value  lines 67% (4/6)  branches 50% (2/4)" in result.output
    assert f"error: {path}:   survived: line 2: `<` → `<=`" in result.output
    assert f"error: {path}: tests cover 66.7% of the reference's lines" in result.output
    assert "error: 1 of 1 tasks fail --strict" in result.output
    assert "Traceback" not in result.output


def test_thresholds_are_options_and_the_summary_is_markdown(write_task, tmp_path):
    path = write_task(clamp_task(ALL_TESTS), name="clamp-value.yaml")
    summary = tmp_path / "summary.md"
    args = ["tasks", "validate", "--strict", "--sandbox", "process", str(path)]
    assert invoke(*args).exit_code == 1  # 5 of 7 mutants: two are equivalent
    result = invoke(*args, "--min-mutation-score", "70", "--summary", str(summary))
    assert result.exit_code == 0, result.output
    assert "PASS clamp-value  lines 100% (6/6)  branches 100% (4/4)  mutants killed 5/7 (71%)" in (
        result.output
    )
    assert "1 tasks pass --strict" in result.output
    text = summary.read_text()
    assert "### Task validation: 1 of 1 tasks pass `--strict`" in text
    assert "| `clamp-value` | easy | 100% (6/6) | 100% (4/4) | 5/7 (71%) | pass |" in text


def test_near_duplicates_are_found_across_the_tasks_dir(write_task):
    first = write_task(clamp_task(ALL_TESTS), name="clamp-value.yaml")
    copy = clamp_task(ALL_TESTS).replace("id: clamp-value", "id: clamp-again")
    write_task(copy, name="clamp-again.yaml")
    tasks_dir = first.parent.parent
    result = invoke(
        "tasks", "validate", "--strict", "--sandbox", "process", "--tasks-dir", str(tasks_dir),
        "--min-mutation-score", "70", str(first),
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"error: {first}: prompt: near-duplicate of task clamp-again (similarity 1.00" in (
        result.output
    )


def test_strict_needs_execution(write_task):
    result = invoke("tasks", "validate", "--strict", "--no-exec", str(write_task()))
    assert result.exit_code == 1 and "drop --no-exec" in result.output


def bench(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_a_scaffolded_task_passes_strict_as_a_real_process(tmp_path):
    made = bench(
        "tasks", "new", "sum-below", "--difficulty", "easy", "--tasks-dir", "t", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    assert "wrote t/easy/sum-below.yaml" in made.stdout
    again = bench(
        "tasks", "new", "sum-below", "--difficulty", "easy", "--tasks-dir", "t", cwd=tmp_path
    )
    assert again.returncode == 1 and again.stderr.startswith("error: t/easy/sum-below.yaml exists")
    checked = bench(
        "tasks", "validate", "--strict", "--sandbox", "process", "--tasks-dir", "t", cwd=tmp_path
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "PASS sum-below  lines 100%" in checked.stdout

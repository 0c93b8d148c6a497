from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from bench.cli import cli
from tests.conftest import REPO_ROOT, VALID_TASK


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and "bench" in result.output


def test_validate_ok_reports_counts(write_task):
    path = write_task()
    result = invoke("tasks", "validate", str(path.parent), "--sandbox", "process")
    assert result.exit_code == 0
    assert "1 tasks valid (1 easy, 0 medium, 0 hard, 0 extreme)" in result.output
    assert "1 references pass all their tests in the process sandbox" in result.output


def test_validate_fails_a_task_whose_reference_fails(write_task):
    path = write_task(VALID_TASK.replace("return a + b", "return a - b"))
    result = invoke("tasks", "validate", str(path), "--sandbox", "process")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    first = f"error: {path}: tests[0]"
    assert any(line.startswith(first) and "reference failed" in line for line in lines)


def test_validate_bad_file_exits_1_one_line_no_traceback(write_task):
    path = write_task(VALID_TASK.replace("entry_point: add\n", ""))
    result = invoke("tasks", "validate", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {path}: entry_point: missing required field"
    assert "Traceback" not in result.output


def test_list_json_and_difficulty_filter(write_task):
    path = write_task()
    tasks_dir = str(path.parent.parent)
    rows = json.loads(invoke("tasks", "list", "--tasks-dir", tasks_dir, "--format", "json").output)
    assert [row["id"] for row in rows] == ["add-two"]
    filtered = invoke(
        "tasks", "list", "--tasks-dir", tasks_dir, "--difficulty", "hard", "--format", "json"
    )
    assert json.loads(filtered.output) == []


def test_show_by_id_and_unknown_id(write_task):
    tasks_dir = str(write_task().parent.parent)
    shown = invoke("tasks", "show", "add-two", "--tasks-dir", tasks_dir)
    assert shown.exit_code == 0 and "entry_point: add" in shown.output
    missing = invoke("tasks", "show", "nope", "--tasks-dir", tasks_dir)
    assert missing.exit_code == 1 and "no task 'nope'" in missing.output


def test_import_refuses_the_tasks_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("tasks", "import", "humaneval", "--out", "tasks/imported")
    assert result.exit_code == 1 and "third-party" in result.output


def test_real_subprocess_validate_and_import(tmp_path):
    bench = [sys.executable, "-m", "bench"]
    out = tmp_path / "he"
    imported = subprocess.run(
        [*bench, "tasks", "import", "humaneval", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert imported.returncode == 0, imported.stderr
    assert "wrote 164 tasks" in imported.stdout
    validated = subprocess.run(
        [*bench, "tasks", "validate", str(out)], capture_output=True, text=True, cwd=REPO_ROOT
    )
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.startswith("164 tasks valid")

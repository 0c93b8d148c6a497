"""Writing generated tests into a task file, so a pull request shows just the added lines.

A task file is reviewed text: its comments and layout are the author's. The new
tests are appended to the file's `tests:` block, one flow mapping a line, in the
block's own indentation, and the result is read back: only when it loads as
exactly the hardened task (same version) is it written. Otherwise (no block
`tests:` list to append to) the whole file is rewritten by `task_to_yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.sandbox import Executor
from bench.tasks import Task, TaskBase, TaskLoadError, TestCase, load_task_file, task_to_yaml
from bench.validate._harden import HardenOptions, HardenReport, harden_tasks
from bench.validate._stored import stored_passing_answers

_ITEM = re.compile(r"^(\s*)- ")


def test_line(test: TestCase) -> str:
    """One test as a YAML flow mapping: input, expected, compare, timeout, generated."""
    data = test.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("expected", None)
    order = ["input", "expected", "compare", "timeout", "weight", "name", "generated"]
    ordered = {key: data[key] for key in order if key in data}
    text = yaml.safe_dump(
        ordered, default_flow_style=True, allow_unicode=True, width=1 << 20, sort_keys=False
    )
    return text.strip()


def appended_text(text: str, tests: list[TestCase]) -> str | None:
    """`text` with `tests` appended to its top-level `tests:` block list, or None."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "tests:"), None)
    if start is None:
        return None
    end, indent = start + 1, None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.match(line)
        if item is None and not line.startswith((" ", "\t")):
            break
        if item is not None and indent is None:
            indent = item.group(1)
        end = number + 1
    if indent is None:
        return None
    added = "".join(f"{indent}- {test_line(test)}\n" for test in tests)
    head = "".join(lines[:end])
    if not head.endswith("\n"):
        head += "\n"
    return head + added + "".join(lines[end:])


def write_hardened(task: Task, hardened: Task) -> Path:
    """Write `hardened` over `task`'s file (appending when the file allows); the path."""
    if task.source_path is None:
        raise ValueError(f"task {task.id} was not loaded from a file")
    path = Path(task.source_path)
    added = hardened.tests[len(task.tests) :]
    text = appended_text(path.read_text(encoding="utf-8"), added)
    if text is not None:
        path.write_text(text, encoding="utf-8")
        try:
            if load_task_file(path).version == hardened.version:
                return path
        except (TaskLoadError, ValueError):  # any doubt: fall back to the canonical form
            pass
    path.write_text(task_to_yaml(hardened), encoding="utf-8")
    return path


def harden_files(
    tasks: list[TaskBase],
    executor: Executor,
    results_dir: str | Path,
    options: HardenOptions,
    write: bool = True,
    on_done: Callable[[HardenReport], None] | None = None,
) -> list[HardenReport]:
    """Harden every function task of `tasks`; write each one's added tests into its file.

    Other kinds are left alone: their tests judge fixes, refactorings or projects,
    whose inputs the reference's entry point alone does not define.
    """
    answers = stored_passing_answers(results_dir)
    function_tasks = [task for task in tasks if type(task) is Task]
    reports = harden_tasks(function_tasks, executor, answers, options, on_done)
    if write:
        for report in reports:
            if report.added:
                write_hardened(report.task, report.hardened)
    return reports

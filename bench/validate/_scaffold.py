"""`bench tasks new`: a task file from the template, valid from the start.

The template is a working task (it loads, and its reference passes its tests),
so an author can run `bench tasks validate --strict` on it at once and watch
the checks go from the template's answers to theirs. Every place to edit says
TODO; docs/adding-tasks.md explains each field.
"""

from __future__ import annotations

import datetime as dt
import keyword
from pathlib import Path

from bench.tasks import Difficulty, load_task_file
from bench.tasks._model import is_kebab_id

TEMPLATE = """\
# A benchmark task; docs/adding-tasks.md explains every field. Replace each TODO
# (the example below is a working task, so the checks run from the start), then:
#   bench tasks validate --strict {path}
id: {task_id}
difficulty: {difficulty}
title: TODO one line that says what the function does
prompt: |
  Write a function `{function}(numbers: list[int], limit: int) -> int` that TODO:
  state the contract completely (inputs, output, edge cases, errors raised), as a
  careful colleague would, and show the exact signature above.

  Example: `{function}([1, 5, 3], 4)` returns `4`.
entry_point: {function}
tests:
  # input: the positional arguments as a list; expected: the return value, or
  # raises: an exception class name. Cover every branch and every edge case:
  # --strict wants 100% of the reference's lines run and 90% of its mutants killed.
  - {{name: example, input: [[1, 5, 3], 4], expected: 4}}
  - {{name: empty, input: [[], 4], expected: 0}}
  - {{name: all-above, input: [[7, 9], 4], expected: 0}}
  - {{name: limit-is-inclusive, input: [[4, 4, 5], 4], expected: 8}}
  - {{name: negative, input: [[-2, 3], 1], expected: -2}}
  - {{name: bad-limit, input: [[1], "4"], raises: TypeError}}
reference_solution: |
  def {function}(numbers: list[int], limit: int) -> int:
      if not isinstance(limit, int):
          raise TypeError("limit must be an int")
      return sum(number for number in numbers if number <= limit)
metadata:
  tags: [TODO]
  added: {today}
  source: original
  author: TODO your name or handle
"""


class ScaffoldError(ValueError):
    """The task cannot be scaffolded (bad id, file exists); the message says why."""


def scaffold_task(task_id: str, difficulty: Difficulty, tasks_dir: Path) -> Path:
    """Write `<tasks_dir>/<difficulty>/<task_id>.yaml` from the template and return its path."""
    if not is_kebab_id(task_id):
        raise ScaffoldError(f"task id {task_id!r} must be kebab-case, e.g. merge-intervals")
    path = tasks_dir / difficulty.value / f"{task_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} exists; choose another id or edit that file")
    function = task_id.replace("-", "_")
    if not function.isidentifier() or keyword.iskeyword(function):
        function = f"solve_{function}"
    text = TEMPLATE.format(
        path=path.as_posix(),
        task_id=task_id,
        difficulty=difficulty.value,
        function=function,
        today=dt.date.today().isoformat(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    load_task_file(path)  # the template must stay a valid task
    return path

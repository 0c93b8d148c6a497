"""The prompt every model is sent: one system message and one user message.

The template is part of what a score means, so it carries a version recorded
with each run; change PROMPT_TEMPLATE_VERSION whenever its text changes.

- system: SYSTEM_PROMPT, the same for every task: write complete, standard-library
  Python and reply with exactly one ```python code block.
- user: the task's prompt, then one line naming the entry point and asking for
  one python code block. A prompt that is itself a Python function header (as in
  HumanEval) is shown inside a code block and asked to be completed.
"""

from __future__ import annotations

import ast

from bench._pyast import parse_python
from bench.tasks import Task

PROMPT_TEMPLATE_VERSION = "1"

SYSTEM_PROMPT = (
    "You are an expert Python programmer. Solve the task with correct, efficient, "
    "readable Python 3.11 code that uses only the standard library. Reply with exactly "
    "one ```python code block containing the complete code: imports, any helpers, and "
    "the requested function. Do not include tests, example usage, input() or print()."
)

_USER_PROSE = "{prompt}\n\nWrite the function `{entry_point}`. Reply with one ```python code block."
_USER_HEADER = (
    "Complete the following Python function:\n\n```python\n{prompt}\n```\n\n"
    "Write the whole function `{entry_point}` (header included). "
    "Reply with one ```python code block."
)


def prompt_is_code(task: Task) -> bool:
    """True when the task's prompt is a Python function header to complete (HumanEval style).

    Such a prompt parses once given a body and defines the entry point itself.
    """
    try:
        module = parse_python(task.prompt.rstrip() + "\n    pass\n")
    except SyntaxError:
        return False
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == task.entry_point
        for node in module.body
    )


def render_prompt(task: Task) -> str:
    """The user message for `task` (the system message is SYSTEM_PROMPT)."""
    template = _USER_HEADER if prompt_is_code(task) else _USER_PROSE
    return template.format(prompt=task.prompt.strip("\n"), entry_point=task.entry_point)


def build_messages(prompt: str) -> list[dict[str, str]]:
    """The chat messages for a rendered user prompt."""
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": prompt},
    ]

"""The prompt template: system + user message, header prompts shown as code."""

from __future__ import annotations

from bench.providers import (
    PROMPT_TEMPLATE_VERSION,
    SYSTEM_PROMPT,
    build_messages,
    prompt_is_code,
    render_prompt,
)
from bench.tasks import Task
from tests.factories import make_task


def _task(prompt: str, entry_point: str = "add") -> Task:
    return make_task(id="t", title="t", prompt=prompt, entry_point=entry_point)


def test_prose_prompt():
    task = _task("Write `add(a: int, b: int) -> int` returning the sum.\n")
    assert not prompt_is_code(task)
    assert render_prompt(task) == (
        "Write `add(a: int, b: int) -> int` returning the sum.\n\n"
        "Write the function `add`. Reply with one ```python code block."
    )


def test_header_prompt_is_shown_as_code():
    header = 'from typing import List\n\n\ndef add(a: int, b: int) -> int:\n    """Sum."""\n'
    task = _task(header)
    assert prompt_is_code(task)
    rendered = render_prompt(task)
    assert rendered.startswith("Complete the following Python function:\n\n```python\nfrom typing")
    assert "Write the whole function `add` (header included)" in rendered


def test_header_for_another_function_is_not_the_entry_point():
    assert not prompt_is_code(_task("def helper(x):\n    'doc'\n"))


def test_messages_and_version():
    assert build_messages("hi") == [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "hi"},
    ]
    assert "```python" in SYSTEM_PROMPT and "standard library" in SYSTEM_PROMPT
    assert PROMPT_TEMPLATE_VERSION == "2"

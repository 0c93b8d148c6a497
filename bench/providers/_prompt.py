"""The prompt every model is sent: the task kind's system message and its user message.

The templates are part of what a score means, so their version is recorded with each
run (`bench.kinds.PROMPT_TEMPLATE_VERSION`). Each kind owns its templates
(`TaskKind.system_prompt`, `TaskKind.render_prompt`); this module only asks the kind.
"""

from __future__ import annotations

from bench.kinds import PROMPT_TEMPLATE_VERSION, SYSTEM_PROMPT, kind_of, prompt_is_code
from bench.tasks import TaskBase

__all__ = [
    "PROMPT_TEMPLATE_VERSION",
    "SYSTEM_PROMPT",
    "build_messages",
    "prompt_is_code",
    "render_prompt",
    "system_prompt",
]


def render_prompt(task: TaskBase) -> str:
    """The user message for `task`, from its kind's template."""
    return kind_of(task).render_prompt(task)


def system_prompt(task: TaskBase) -> str:
    """The system message for `task`, from its kind."""
    return kind_of(task).system_prompt


def build_messages(prompt: str, system: str = SYSTEM_PROMPT) -> list[dict[str, str]]:
    """The chat messages for a rendered user prompt (`system`: the task kind's message)."""
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": prompt},
    ]

"""A fake model that answers each task with its reference (found from the prompt it is sent).

The reply is the task kind's reference answer written as a model would: code in a
```python block, review findings in a ```json block, multifile answers as the
path-headed blocks they already are.
"""

from __future__ import annotations

from collections.abc import Sequence

from bench.kinds import BaselineRole, kind_of
from bench.tasks import TaskBase
from tests.fakes.llm_server import RecordedRequest, Reply


def user_text(request: RecordedRequest) -> str:
    messages = request.body.get("messages", []) if isinstance(request.body, dict) else []
    return "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")


def reference_reply(task: TaskBase) -> str:
    """The kind's reference answer as a whole model reply."""
    answer = kind_of(task).baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
    if answer.lstrip().startswith("```"):
        return f"Here you go:\n\n{answer}"
    fence = "json" if task.kind == "review" else "python"
    return f"Here you go:\n```{fence}\n{answer}\n```"


class ReferenceOracle:
    """Replies with the reference answer of the task whose prompt the request carries."""

    def __init__(self, tasks: Sequence[TaskBase], latency_s: float = 0.0):
        self.prompts = {kind_of(task).render_prompt(task).strip(): task for task in tasks}
        self.latency_s = latency_s

    def reply_for(self, request: RecordedRequest) -> Reply:
        task = self.prompts.get(user_text(request).strip())
        if task is None:
            return Reply(text="I do not know.", latency_s=self.latency_s)
        return Reply(text=reference_reply(task), latency_s=self.latency_s)

    def __call__(self, index: int, request: RecordedRequest) -> Reply:
        return self.reply_for(request)

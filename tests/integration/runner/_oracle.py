"""A fake model that answers each task with its reference (found from the prompt it is sent)."""

from __future__ import annotations

from bench.tasks import Task
from tests.fakes.llm_server import RecordedRequest, Reply


def user_text(request: RecordedRequest) -> str:
    messages = request.body.get("messages", []) if isinstance(request.body, dict) else []
    return "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "user")


class ReferenceOracle:
    """Replies with the reference solution of the task whose prompt the request carries."""

    def __init__(self, tasks: list[Task], latency_s: float = 0.0):
        self.tasks = tasks
        self.latency_s = latency_s

    def reply_for(self, request: RecordedRequest) -> Reply:
        text = user_text(request)
        for task in self.tasks:
            if task.prompt.strip() in text:
                return Reply(
                    text=f"Here you go:\n```python\n{task.reference_solution}\n```",
                    latency_s=self.latency_s,
                )
        return Reply(text="I do not know.", latency_s=self.latency_s)

    def __call__(self, index: int, request: RecordedRequest) -> Reply:
        return self.reply_for(request)

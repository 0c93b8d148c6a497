"""Precomputed completions (`bench evaluate --samples FILE.jsonl`), served as a provider.

People bring outputs from their own inference stack in the EvalPlus / human-eval
form, one JSON object a line:

- `{"task_id": ..., "response": "<a whole model reply>"}`: read by the task
  kind's own extraction, as a live reply would be (every kind);
- `{"task_id": ..., "solution": "<full code>"}`: used as the code (a solution
  holding a fenced block is passed through the kind's extraction first);
- `{"task_id": ..., "completion": "<body>"}`: appended to the task's prompt when
  that prompt is a function header (HumanEval style), else used as it is.

`task_id` is a task's id or its `metadata.source_id` (`HumanEval/0`). A task's
lines, in file order, are its samples 0..N-1. Other keys are ignored; when a
line has several, `response` wins, then `solution`.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.config import ConfigError, ModelConfig
from bench.kinds import kind_of
from bench.providers._base import ErrorKind, ModelProvider, ModelResponse
from bench.tasks import TaskBase

MAX_REPORTED_PROBLEMS = 20
SampleKey = tuple[str, int]


class SamplesError(ConfigError):
    """A samples file that cannot be used; one line per problem, each with file:line."""


_ANSWER_KEYS = ("response", "solution", "completion")


def _task_index(tasks: Sequence[TaskBase]) -> dict[str, TaskBase]:
    index: dict[str, TaskBase] = {}
    for task in tasks:
        if task.metadata.source_id:
            index[task.metadata.source_id] = task
    for task in tasks:
        index[task.id] = task  # an id wins over another task's source_id
    return index


def sample_code(task: TaskBase, record: dict[str, Any]) -> str:
    """The answer one samples line stands for, read by the task's kind (see the docstring)."""
    return kind_of(task).answer_from_sample(record, task)


def _problem(record: Any, index: dict[str, TaskBase]) -> str | None:
    if not isinstance(record, dict):
        return "each line must be a JSON object"
    task_id = record.get("task_id")
    if not isinstance(task_id, str | int) or isinstance(task_id, bool):
        return 'missing "task_id" (a task id or metadata.source_id)'
    if str(task_id) not in index:
        return f"unknown task id {task_id!r}: not a loaded task's id or metadata.source_id"
    if not any(isinstance(record.get(key), str) for key in _ANSWER_KEYS):
        return (
            'needs "response" (a whole reply), "solution" (full code) '
            'or "completion" (body), as a string'
        )
    return None


def _open(path: Path) -> Any:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _raise_problems(problems: list[str]) -> None:
    shown = problems[:MAX_REPORTED_PROBLEMS]
    if len(problems) > len(shown):
        shown.append(f"... and {len(problems) - len(shown)} more problems")
    raise SamplesError("\n".join(shown))


def _read_records(path: str | Path, tasks: Sequence[TaskBase]) -> dict[SampleKey, dict[str, Any]]:
    """Each line of a samples file keyed by (task id, sample index), validated.

    Raises SamplesError naming file:line for every bad line or unknown task id.
    """
    path = Path(path)
    index = _task_index(tasks)
    records: dict[SampleKey, dict[str, Any]] = {}
    counts: dict[str, int] = defaultdict(int)
    problems: list[str] = []
    try:
        stream = _open(path)
    except FileNotFoundError:
        raise SamplesError(f"{path}: no such file") from None
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{path}:{number}: invalid JSON: {error.msg}")
                continue
            problem = _problem(record, index)
            if problem:
                problems.append(f"{path}:{number}: {problem}")
                continue
            task_id = index[str(record["task_id"])].id
            records[(task_id, counts[task_id])] = record
            counts[task_id] += 1
    if problems:
        _raise_problems(problems)
    if not records:
        raise SamplesError(f"{path}: no samples in the file")
    return records


def read_samples(path: str | Path, tasks: Sequence[TaskBase]) -> dict[SampleKey, str]:
    """The code of each sample, keyed by (task id, sample index from 0)."""
    by_id = {task.id: task for task in tasks}
    records = _read_records(path, tasks)
    return {key: sample_code(by_id[key[0]], record) for key, record in records.items()}


class SamplesProvider(ModelProvider):
    """Serves precomputed code (from `read_samples`) through the provider interface.

    The runner should attempt exactly `sample_counts()`: the tasks the samples
    cover, each with its number of samples. Response time and tokens are unknown.
    """

    kind = "samples"

    def __init__(self, config: ModelConfig, samples: Mapping[SampleKey, str]):
        super().__init__(config)
        self._samples = dict(samples)

    @classmethod
    def from_file(
        cls, path: str | Path, tasks: list[TaskBase], name: str | None = None
    ) -> SamplesProvider:
        """Read and check `path` against `tasks`; the model is named `name` or the file's stem."""
        path = Path(path)
        label = name or path.name.removesuffix(".gz").removesuffix(".jsonl")
        return cls(ModelConfig(name=label, model=f"samples/{path.name}"), read_samples(path, tasks))

    def sample_counts(self) -> dict[str, int]:
        """Samples per task id, for the tasks the file covers."""
        counts: dict[str, int] = defaultdict(int)
        for task_id, _ in self._samples:
            counts[task_id] += 1
        return dict(counts)

    async def generate(self, prompt: str, task: TaskBase, *, sample: int = 0) -> ModelResponse:
        """The stored code for (task, sample), or an error naming what is missing."""
        code = self._samples.get((task.id, sample))
        if code is None:
            return ModelResponse(
                error=f"no sample {sample} for task {task.id!r} in {self.model}",
                error_kind=ErrorKind.NO_SAMPLE,
                attempts=0,
            )
        return ModelResponse(code=code, text=code, attempts=0)

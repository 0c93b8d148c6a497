"""The testgen kind: the suite in a reply, hidden loading, judging and baselines."""

from __future__ import annotations

import inspect
import marshal
import types

import pytest

from bench.kinds import BaselineRole, kind_of
from bench.kinds._testgen import extract_suite, weakened_suite_removals
from bench.kinds._testgen_mutants import (
    MutantSet,
    compile_hidden,
    lookalike,
    statement_lines,
)

REPLY = """Here are thorough tests.

```python
from solution import parse_span


def test_hours_and_minutes():
    assert parse_span("1h30m") == 5400


def test_empty_is_refused():
    try:
        parse_span("")
    except ValueError:
        return
    raise AssertionError("no ValueError")
```

Run them with `python -m pytest`:

```bash
python -m pytest test_parse_span.py
```
"""


def test_extract_takes_the_block_with_the_tests():
    suite = extract_suite(REPLY)
    assert suite.startswith("from solution import parse_span")
    assert "def test_empty_is_refused" in suite and "pytest test_parse" not in suite


def test_extract_reads_a_bare_module_and_rejects_one_without_tests():
    bare = "from solution import f\n\ndef test_f():\n    assert f(1) == 2\n"
    assert extract_suite(bare) == bare
    assert extract_suite("```python\nfrom solution import f\nprint(f(1))\n```") == ""


def _hidden(source: str) -> types.ModuleType:
    module = types.ModuleType("solution")
    exec(marshal.loads(compile_hidden(source)), module.__dict__)
    return module


SOURCE = '''"""Module doc."""


def double(x):
    """Twice x."""
    y = x * 2
    return y
'''


def test_the_hidden_reference_has_no_source_and_no_docstrings():
    module = _hidden(SOURCE)
    assert module.double(4) == 8
    assert module.__doc__ is None and module.double.__doc__ is None
    with pytest.raises((OSError, TypeError)):
        inspect.getsource(module.double)


def test_the_lookalike_behaves_the_same_with_other_code():
    twin = _hidden(lookalike(SOURCE, 12345))
    original = _hidden(SOURCE)
    assert twin.double(21) == original.double(21) == 42
    assert twin.double.__code__.co_code != original.double.__code__.co_code
    assert twin.double.__code__.co_consts != original.double.__code__.co_consts


def test_statement_lines_are_the_function_bodies():
    assert statement_lines(SOURCE) == {6, 7}


def test_the_mutant_baseline_drops_tests_until_a_mutant_survives():
    kills = (frozenset({"test_0", "test_1"}), frozenset({"test_1"}), frozenset({"test_2"}))
    mutant_set = MutantSet(mutants=(), kills=kills)
    assert weakened_suite_removals(mutant_set) == ["test_1"]
    redundant = MutantSet(mutants=(), kills=(frozenset({"test_0", "test_1"}),) * 2)
    assert weakened_suite_removals(redundant) == ["test_0", "test_1"]


@pytest.fixture(scope="module")
def span(kind_tasks):
    return kind_tasks["parse-span"]


def test_prompt_shows_the_specification_never_the_code(span):
    prompt = kind_of(span).render_prompt(span)
    assert "from solution import parse_span" in prompt
    assert "ORDER" not in prompt and "position <= last" not in prompt


def test_baselines_rank_reference_mutant_null(span, process_executor):
    kind = kind_of(span)
    judged = {
        role: kind.judge(kind.baseline(role, span, 0, span.id).answer, span, process_executor, 1)
        for role in BaselineRole
    }
    correctness = {role: judgement.result.correctness for role, judgement in judged.items()}
    assert correctness[BaselineRole.REFERENCE] == 1.0
    assert correctness[BaselineRole.NULL] == 0.0
    assert 0 < correctness[BaselineRole.MUTANT] < 1
    reference = judged[BaselineRole.REFERENCE]
    assert reference.details["killed"] == reference.details["mutants"] > 0
    assert reference.details["line_coverage"] == 100.0
    assert not reference.timed and reference.quality_code
    assert kind.tests_total(span) == reference.details["mutants"]
    assert kind.strict_problems(span, process_executor) == []


def test_a_suite_failing_the_reference_scores_zero_naming_the_test(span, process_executor):
    suite = (
        "from solution import parse_span\n\ndef test_right():\n    assert parse_span('1m') == 60\n"
        "\ndef test_wrong():\n    assert parse_span('1m') == 61\n"
    )
    judgement = kind_of(span).judge(suite, span, process_executor, 1)
    assert judgement.result.correctness == 0
    assert judgement.details["failing_test"].startswith("test_wrong")
    assert "fails on the reference" in judgement.result.error


def test_strict_rejects_a_reference_without_behaviour_changing_mutants(span, process_executor):
    fields = span.model_dump(exclude_unset=True)
    fields.update(
        id="parse-span-raises",
        reference_solution="def parse_span(text):\n    raise ValueError(text)\n",
        tests=[{"input": [""], "raises": "ValueError"}],
    )
    constant = type(span).model_validate(fields)
    problems = kind_of(span).strict_problems(constant, process_executor)
    assert problems and "no mutant changes behaviour" in problems[0]

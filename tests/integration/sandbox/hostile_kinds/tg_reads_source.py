"""Testgen: a suite that looks for the reference's source or docstring finds none.

It asserts on the source text (no file, no source: it fails on the reference) or,
guarded, uses the docstring to decide; either way it earns nothing by looking.
"""

KIND = "testgen"
SUITES = [
    """
import inspect

from solution import parse_span


def test_source_mentions_order():
    assert "ORDER" in inspect.getsource(parse_span)
""",
    """
import inspect, sys

from solution import parse_span


def test_docstring_or_file():
    module = sys.modules["solution"]
    assert parse_span.__doc__ is None and getattr(module, "__file__", None) is None
    try:
        inspect.getsource(parse_span)
    except (OSError, TypeError):
        return
    raise AssertionError("source found")
""",
]


def answer(task, render):
    return SUITES


def verify(judgement):
    result = judgement.result
    assert result.passed_weight == 0, result

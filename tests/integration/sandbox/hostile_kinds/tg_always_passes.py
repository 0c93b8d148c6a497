"""Testgen: a suite that always passes kills no mutant: correctness 0."""

KIND = "testgen"
SUITE = """
from solution import parse_span


def test_anything():
    assert True


def test_call_without_checking():
    try:
        parse_span("1h")
    except Exception:
        pass
"""


def answer(task, render):
    return SUITE


def verify(judgement):
    result = judgement.result
    assert result.status == "failed" and result.passed_weight == 0, result
    assert judgement.details["killed"] == 0 and judgement.details["mutants"] > 0

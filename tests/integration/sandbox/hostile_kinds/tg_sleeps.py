"""Testgen: a suite that sleeps past its time on the reference scores 0, naming the test."""

KIND = "testgen"
SUITE = """
import time

from solution import parse_span


def test_fast():
    assert parse_span("1h") == 3600


def test_sleepy():
    time.sleep(60)
"""


def answer(task, render):
    return SUITE


def verify(judgement):
    result = judgement.result
    assert result.passed_weight == 0 and result.status == "failed", result
    assert judgement.details["failing_test"].startswith("test_sleepy"), judgement.details

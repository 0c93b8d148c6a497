"""Sleeping past the timeout (no CPU used): the wall clock still ends it."""

CODE = """
import time
def add(a, b):
    time.sleep(3600)
    return a + b
"""


def verify(result):
    assert result.status == "timeout"
    assert [test.verdict for test in result.tests] == ["timeout", "timeout"]
    assert result.exec_time_s < 5

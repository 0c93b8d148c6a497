"""os._exit(0) inside the call, before any result: an error verdict; the next test still runs."""

CODE = """
import os
def add(a, b):
    if a == 1:
        os._exit(0)
    return a + b
"""


def verify(result):
    assert [test.verdict for test in result.tests] == ["error", "passed"]
    assert "exited with code 0" in result.tests[0].error_message

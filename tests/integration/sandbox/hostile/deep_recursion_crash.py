"""Overflowing the C stack (recursion limit raised, nested repr): SIGSEGV; the run goes on."""

TASK = {
    "tests": [
        {"input": [1, 2], "expected": 3, "timeout": 5},
        {"input": [-5, 2], "expected": -3, "timeout": 5},
    ]
}
CODE = """
import sys
sys.setrecursionlimit(10**8)
def add(a, b):
    nested = []
    for _ in range(300_000):
        nested = [nested]
    return repr(nested)
"""


def verify(result):
    assert result.status == "failed"
    assert all(test.verdict == "error" for test in result.tests)
    assert all("SIGSEGV" in (test.error_message or "") for test in result.tests), result.tests

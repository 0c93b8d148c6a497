"""A segfault through ctypes: killed by SIGSEGV, reported as an error of that test."""

CODE = """
import ctypes
def add(a, b):
    if a == 1:
        ctypes.string_at(0)
    return a + b
"""


def verify(result):
    assert [test.verdict for test in result.tests] == ["error", "passed"]
    assert "SIGSEGV" in result.tests[0].error_message

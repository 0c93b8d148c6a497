"""Unbounded recursion: RecursionError, an error verdict."""

CODE = """
def add(a, b):
    return add(a, b) + 1
"""


def verify(result):
    assert result.status == "failed"
    assert [test.error_type for test in result.tests] == ["RecursionError", "RecursionError"]

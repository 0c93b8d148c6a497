"""A lying __eq__ against assert-style test_code: the rewritten asserts compare plain data."""

TASK = {"tests": [], "test_code": "def check(candidate):\n    assert candidate(1, 2) == 3\n"}
CODE = """
class Yes:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def add(a, b):
    return Yes()
"""


def verify(result):
    assert result.status == "failed" and result.tests[0].error_type == "AssertionError"

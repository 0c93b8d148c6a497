"""An object whose __eq__ says yes to everything, and a list subclass that lies: both fail."""

CODE = """
class Yes:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
class LyingInt(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
def add(a, b):
    return Yes() if a == 1 else LyingInt(999)
"""


def verify(result):
    assert result.status == "failed"
    assert [test.verdict for test in result.tests] == ["failed", "failed"]
    assert result.tests[1].actual == "999"

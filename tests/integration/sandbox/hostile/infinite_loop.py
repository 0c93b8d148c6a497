"""A plain infinite loop: killed from outside at the test's timeout."""

CODE = """
def add(a, b):
    while True:
        pass
"""


def verify(result):
    assert result.status == "timeout"
    assert [test.verdict for test in result.tests] == ["timeout", "timeout"]

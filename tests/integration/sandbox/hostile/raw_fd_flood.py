"""Writing straight to fd 1 past every bound: the file-size limit stops it with an error."""

CODE = """
import os
BLOCK = b"y" * (1 << 20)
def add(a, b):
    while True:
        os.write(1, BLOCK)
"""


def verify(result):
    assert result.status == "failed"
    assert result.stdout_truncated
    assert {test.error_type for test in result.tests} <= {"OSError"}

"""Fork bomb: every process forks forever; the pids limit stops it, the sweep ends it."""

CODE = """
import os
def add(a, b):
    while True:
        try:
            os.fork()
        except OSError:
            pass
"""


def verify(result):
    assert result.status in ("timeout", "failed")
    assert all(test.verdict in ("timeout", "error") for test in result.tests)

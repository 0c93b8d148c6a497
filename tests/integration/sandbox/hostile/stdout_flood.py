"""1 GiB of stdout, then the right answer: output is cut and flagged, the verdict stands."""

CODE = """
import sys
CHUNK = "x" * (1 << 20)
def add(a, b):
    for _ in range(1024):
        sys.stdout.write(CHUNK)
    print("done", file=sys.stderr)
    return a + b
"""


def verify(result):
    assert result.status == "passed"
    assert result.stdout_truncated and len(result.stdout) <= 4096
    assert "done" in result.stderr

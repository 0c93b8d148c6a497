"""Filling /tmp: the tmpfs (and file-size limit) stop it; the next task finds /tmp empty."""

TASK = {"tests": [{"input": [], "expected": "full", "timeout": 5}], "entry_point": "fill"}
CODE = """
import os
def fill():
    block = b"z" * (1 << 20)
    for index in range(1000):
        try:
            with open(f"/tmp/fill-{index}", "wb") as handle:
                for _ in range(8):
                    handle.write(block)
        except OSError:
            return "full"
    return "room left"
"""


def verify(result):
    assert result.status == "passed", result.tests[0]

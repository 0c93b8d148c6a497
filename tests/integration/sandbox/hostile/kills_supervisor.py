"""Killing its parent, PID 1 and every other process: the supervisor survives and judges."""

CODE = """
import os, signal
def add(a, b):
    everyone = {int(name) for name in os.listdir("/proc") if name.isdigit()}
    for pid in ({1, os.getppid()} | everyone) - {os.getpid()}:
        for number in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGSTOP):
            try:
                os.kill(pid, number)
            except OSError:
                pass
    return a + b
"""


def verify(result):
    # The template interpreter (its parent) may die; the supervisor and the verdicts stand.
    assert result.status == "passed"

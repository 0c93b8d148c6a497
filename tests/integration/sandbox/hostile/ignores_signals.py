"""A loop that ignores SIGALRM, SIGTERM, SIGINT and SIGHUP: the kill is SIGKILL, from outside."""

CODE = """
import signal
for number in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(number, signal.SIG_IGN)
def add(a, b):
    signal.alarm(0)
    while True:
        pass
"""


def verify(result):
    assert result.status == "timeout"
    assert [test.verdict for test in result.tests] == ["timeout", "timeout"]

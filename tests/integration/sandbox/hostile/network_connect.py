"""A connection attempt to a listener on the runner's loopback: there is no route out."""

TASK = {
    "tests": [{"input": ["PORT"], "expected": "blocked", "timeout": 2}],
    "entry_point": "connect",
}
CODE = """
import socket
def connect(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return "blocked"
    return "connected"
"""


def verify(result):
    assert result.status == "passed", result.tests[0]

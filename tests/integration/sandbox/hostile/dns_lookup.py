"""A DNS lookup: no interface but loopback, so no resolver is reachable."""

TASK = {
    "tests": [{"input": ["example.com"], "expected": "blocked", "timeout": 3}],
    "entry_point": "resolve",
}
CODE = """
import socket
def resolve(name):
    try:
        socket.getaddrinfo(name, 80)
    except OSError:
        return "blocked"
    return "resolved"
"""


def verify(result):
    assert result.status == "passed", result.tests[0]

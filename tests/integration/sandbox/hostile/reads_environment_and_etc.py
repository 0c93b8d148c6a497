"""Reading the environment and /etc: no runner variable inside, and /etc is the image's own."""

TASK = {
    "tests": [{"input": ["CANARY"], "expected": [False, False, "sandbox"], "timeout": 2}],
    "entry_point": "spy",
}
CODE = """
import os
def spy(canary):
    seen = any(canary in value for value in os.environ.values())
    key = "OPENAI_API_KEY" in os.environ
    return [seen, key, open("/etc/hostname").read().strip()]
"""


def verify(result):
    assert result.status == "passed", result.tests[0]

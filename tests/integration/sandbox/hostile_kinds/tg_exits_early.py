"""Testgen: suites that leave early (sys.exit at import, os._exit in a test) score 0."""

KIND = "testgen"
SUITES = [
    "import sys\nfrom solution import parse_span\nsys.exit(0)\n\ndef test_x():\n"
    "    assert parse_span('1h') == 3600\n",
    "import os\nfrom solution import parse_span\n\ndef test_x():\n"
    "    assert parse_span('1h') == 3600\n\ndef test_leave():\n    os._exit(0)\n",
]


def answer(task, render):
    return SUITES


def verify(judgement):
    result = judgement.result
    assert result.passed_weight == 0 and result.status == "failed", result
    assert "fails on the reference" in result.error, result.error

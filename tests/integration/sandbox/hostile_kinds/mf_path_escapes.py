"""Multifile: answers whose paths leave the project are refused before anything runs."""

KIND = "multifile"
REPLIES = [
    "```python path=../../etc/bench-evil.py\nx = 1\n```",
    "```python path=/tmp/bench-evil.py\nx = 1\n```",
    "```python path=shop/../../bench-evil.py\nx = 1\n```",
    "```python path=shop/pricing.py/inner.py\nx = 1\n```",
    "```python path=.git/config\nx = 1\n```",
    "\n".join(f"```python path=pkg/m{n}.py\nx = {n}\n```" for n in range(45)),
    "```python path=shop/big.py\n" + "x = 1\n" * 20000 + "```",
]


def answer(task, render):
    return REPLIES


def verify(judgement):
    result = judgement.result
    assert result.status == "error", result
    assert result.error.startswith(("refused path", "the project would hold", "shop/big.py"))
    assert all(test.verdict == "error" for test in result.tests)

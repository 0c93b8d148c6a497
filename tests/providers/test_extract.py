"""Code extraction from the reply formats models actually produce."""

from __future__ import annotations

import pytest

from bench.kinds._extract import strip_reasoning
from bench.providers import extract_code

SOLUTION = "def merge(intervals):\n    return sorted(intervals)"


@pytest.mark.parametrize(
    "reply",
    [
        f"```python\n{SOLUTION}\n```",
        f"```py\n{SOLUTION}\n```",
        f"```Python\n{SOLUTION}\n```",
        f"```python3\n{SOLUTION}\n```",
        f"```\n{SOLUTION}\n```",
        f"~~~python\n{SOLUTION}\n~~~",
        f"~~~\n{SOLUTION}\n~~~",
        f"````python\n{SOLUTION}\n````",
        f"```python {{.numberLines}}\n{SOLUTION}\n```",
        f"Sure! Here is the code:\n\n```python\n{SOLUTION}\n```\n\nIt sorts the list.",
        f"```python\r\n{SOLUTION.replace(chr(10), chr(13) + chr(10))}\r\n```",
        f"  ```python\n  {SOLUTION.replace(chr(10), chr(10) + '  ')}\n  ```",
        "1. The code:\n\n    ```python\n    "
        + SOLUTION.replace("\n", "\n    ")
        + "\n    ```",
    ],
    ids=[
        "python", "py", "Python", "python3", "bare-fence", "tilde", "tilde-bare",
        "four-backticks", "info-attributes", "prose-around", "crlf", "indented-fence",
        "list-item",
    ],
)  # fmt: skip
def test_single_block_formats(reply):
    assert extract_code(reply, "merge") == SOLUTION


def test_bare_code_reply():
    assert extract_code(SOLUTION + "\n", "merge") == SOLUTION


def test_bare_code_with_imports_and_helpers():
    code = "import heapq\n\n\ndef _key(x):\n    return x[0]\n\n\n" + SOLUTION
    assert extract_code(code, "merge") == code


def test_block_that_defines_the_entry_point_wins_over_a_longer_one():
    usage = "\n".join(f"print(merge([[{i}, {i + 1}]]))" for i in range(30))
    reply = f"```python\n{SOLUTION}\n```\n\nExample:\n```python\n{usage}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_tests_block_after_the_solution_is_ignored():
    tests = "from solution import merge\n\ndef test_merge():\n    assert merge([]) == []"
    reply = f"```python\n{SOLUTION}\n```\n\n```python\n{tests}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_last_defining_block_is_the_final_answer():
    first = "def merge(intervals):\n    return intervals  # naive"
    reply = f"First try:\n```python\n{first}\n```\nBetter:\n```python\n{SOLUTION}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_a_defining_block_that_parses_beats_a_broken_one():
    broken = "def merge(intervals):\n    return sorted(intervals"
    reply = f"```python\n{SOLUTION}\n```\n```python\n{broken}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_no_defining_block_takes_the_longest_python_block():
    short, longer = "x = 1", "import math\ny = math.pi\nz = y * 2"
    reply = f"```python\n{short}\n```\n```python\n{longer}\n```\n```bash\npip install it now\n```"
    assert extract_code(reply, "merge") == longer


def test_mislabelled_block_is_used_when_it_defines_the_entry_point():
    reply = f"```text\n{SOLUTION}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_python_block_preferred_over_other_languages():
    reply = f"```bash\npython run.py\n```\n```python\n{SOLUTION}\n```\n```json\n{{}}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_think_preamble_is_dropped():
    draft = "def merge(intervals):\n    return []"
    reply = (
        f"<think>\nLet me try:\n```python\n{draft}\n```\nNo.\n</think>\n```python\n{SOLUTION}\n```"
    )
    assert extract_code(reply, "merge") == SOLUTION


def test_lone_closing_think_tag_ends_a_preamble():
    reply = f"reasoning without an opening tag... def merge(x): wrong\n</think>\n\n{SOLUTION}\n"
    assert extract_code(reply, "merge") == SOLUTION


def test_unclosed_think_yields_nothing():
    assert extract_code(f"<think>\nmaybe\n```python\n{SOLUTION}\n```", "merge") == ""


@pytest.mark.parametrize("tag", ["thinking", "reasoning", "THINK"])
def test_other_reasoning_tags(tag):
    reply = f"<{tag}>def merge(x): return 0</{tag}>\n```python\n{SOLUTION}\n```"
    assert extract_code(reply, "merge") == SOLUTION


def test_truncated_reply_with_unclosed_fence():
    assert extract_code(f"Here:\n```python\n{SOLUTION}\n", "merge") == SOLUTION


def test_code_in_prose_without_fences():
    reply = (
        "You can solve it like this:\n\n"
        "import bisect\n\n"
        f"{SOLUTION}\n\n"
        "This runs in O(n log n) time because of the sort."
    )
    assert extract_code(reply, "merge") == "import bisect\n\n" + SOLUTION


def test_code_in_prose_with_body_lines_that_look_like_text():
    reply = (
        "Answer:\n"
        "def merge(intervals):\n"
        "    # sort first\n"
        "    result = sorted(intervals)\n"
        "\n"
        "    return result\n"
        "That is all."
    )
    assert extract_code(reply, "merge") == (
        "def merge(intervals):\n"
        "    # sort first\n"
        "    result = sorted(intervals)\n"
        "\n"
        "    return result"
    )


def test_async_and_lambda_definitions_count():
    async_code = "async def merge(x):\n    return x"
    assert extract_code(f"```\nfoo = 1\n```\n```python\n{async_code}\n```", "merge") == async_code
    assignment = "merge = lambda intervals: sorted(intervals)"
    assert extract_code(f"```python\n{assignment}\n```", "merge") == assignment


def test_entry_point_name_is_matched_exactly():
    other = "def merge_all(intervals):\n    return intervals"
    reply = f"```python\n{other}\n```\n```python\n{SOLUTION}\n```"
    assert extract_code(reply, "merge") == SOLUTION


@pytest.mark.parametrize("reply", ["", "I cannot help with that.", "Sorry", "   \n  "])
def test_no_code_gives_empty_string(reply):
    assert extract_code(reply, "merge") == ""


def test_strip_reasoning_keeps_text_outside_tags():
    assert strip_reasoning("a<think>b</think>c") == "ac"


def test_pathological_reply_does_not_crash():
    assert extract_code("(" * 20000 + "\ndef merge(x):\n" + ")" * 20000, "merge") is not None
    assert extract_code("```python\n" + "[" * 5000 + "\n```", "merge") == "[" * 5000

"""The multifile kind: reading files out of real replies, path checks, judging, baselines."""

from __future__ import annotations

import pytest

from bench.kinds import BaselineRole, kind_of
from bench.kinds._files_extract import extract_files, read_files, render_files
from bench.kinds._multifile import answer_problem, combined_python, file_changes

PRICING = "COUPONS = {}\n\n\ndef apply_coupon(amount, coupon):\n    return amount\n"

FENCED_WITH_PATHS = f"""I'll add the coupon table to pricing and thread the argument through.

```python path=shop/pricing.py
{PRICING}```

```python path=shop/orders.py
from shop.pricing import apply_coupon
```

That's all: `shop/__init__.py` is unchanged.
"""

PATH_ON_THE_LINE_BEFORE = f"""<think>Which modules? ```python path=x.py
junk```</think>
Here are the changes.

**shop/pricing.py**

```python
{PRICING}```

### File: `shop/orders.py`:
```python
from shop.pricing import apply_coupon
```

Example usage (Python 3.11):

```python
print(order_total([(1.0, 2)], coupon="SAVE10"))
```
"""

PATH_AFTER_THE_LANGUAGE = """```python shop/pricing.py
x = 1
```
```py path: shop/extra/helpers.py
y = 2
```
```python
# shop/util.py
z = 3
```
"""


def test_paths_on_the_fence():
    files = extract_files(FENCED_WITH_PATHS)
    assert list(files) == ["shop/pricing.py", "shop/orders.py"]
    assert files["shop/pricing.py"] == PRICING


def test_paths_on_the_line_before_and_reasoning_and_examples_left_out():
    files = extract_files(PATH_ON_THE_LINE_BEFORE)
    assert list(files) == ["shop/pricing.py", "shop/orders.py"]


def test_path_after_the_language_keyed_and_in_a_first_line_comment():
    files = extract_files(PATH_AFTER_THE_LANGUAGE)
    assert files == {
        "shop/pricing.py": "x = 1\n",
        "shop/extra/helpers.py": "y = 2\n",
        "shop/util.py": "# shop/util.py\nz = 3\n",
    }


def test_the_last_block_of_a_path_wins():
    reply = "```python path=a.py\nold = 1\n```\nOops, fixed:\n```python path=a.py\nnew = 1\n```\n"
    assert extract_files(reply) == {"a.py": "new = 1\n"}


def test_invented_and_escaping_paths_are_kept_for_the_judge_to_refuse():
    reply = "```python path=../../etc/x.py\na = 1\n```\n```python path=./shop/new.py\nb = 2\n```"
    assert list(extract_files(reply)) == ["../../etc/x.py", "shop/new.py"]


def test_no_path_no_files():
    assert extract_files("```python\nprint(1)\n```\nand some prose") == {}


def test_the_stored_form_reads_back_byte_for_byte():
    files = {"a.py": "s = '''```\n````'''\n", "b/c.py": "", "d.txt": "no newline"}
    assert read_files(render_files(files)) == {**files, "d.txt": "no newline\n"}


@pytest.fixture(scope="module")
def shop(kind_tasks):
    return kind_tasks["shop-coupons"]


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"/etc/passwd": "x"}, "must be relative"),
        ({"../x.py": "x"}, "`..`"),
        ({"shop/pricing.py/x.py": "x"}, "both a file and a folder"),
        ({"shop": "x"}, "both a file and a folder"),
        ({".git/config": "x"}, "hidden"),
        ({f"m{n}.py": "" for n in range(45)}, "at most"),
        ({"big.py": "x" * 70000}, "bytes"),
    ],
)
def test_bad_answers_are_refused_with_the_reason(shop, files, reason):
    assert reason in answer_problem(files, shop)


class _NoSandbox:
    """An executor that fails the test if anything is sent to it."""

    name = "none"

    def run_request(self, request, budget_s):
        raise AssertionError("a refused answer reached the sandbox")


def test_a_refused_answer_is_an_error_before_anything_runs(shop):
    judgement = kind_of(shop).judge(render_files({"../x.py": "x"}), shop, _NoSandbox(), 1)
    assert judgement.result.status == "error" and "refused path" in judgement.result.error
    assert judgement.result.total_weight == 9 and len(judgement.result.tests) == 7


def test_prompt_shows_every_file_and_the_answer_format(shop):
    prompt = kind_of(shop).render_prompt(shop)
    assert all(f"path={path}" in prompt for path in shop.files)
    assert shop.prompt.strip() in prompt


def test_changes_and_quality_code(shop):
    changes = file_changes({**shop.reference_files, "shop/new.py": "x = 1\n"}, shop)
    assert changes["files_changed"] == ["shop/orders.py", "shop/pricing.py"]
    assert changes["files_added"] == ["shop/new.py"]
    combined = combined_python(shop.reference_files, shop.project_with(shop.reference_files))
    assert "from shop" not in combined and "def apply_coupon" in combined


def test_judging_and_baselines_rank_reference_mutant_null(shop, process_executor):
    kind = kind_of(shop)
    scores = {}
    for role in BaselineRole:
        answer = kind.baseline(role, shop, 0, shop.id).answer
        judgement = kind.judge(answer, shop, process_executor, 1)
        scores[role] = judgement.result.correctness
    assert scores[BaselineRole.REFERENCE] == 1.0
    assert scores[BaselineRole.REFERENCE] > scores[BaselineRole.MUTANT] > scores[BaselineRole.NULL]
    assert kind.strict_problems(shop, process_executor) == []


def test_strict_rejects_reference_files_that_fail(shop, process_executor):
    broken = shop.model_copy(
        update={"reference_files": {**shop.reference_files, "shop/pricing.py": "x = 1\n"}}
    )
    problems = kind_of(shop).strict_problems(broken, process_executor)
    assert any(problem.startswith("files + reference_files: fail") for problem in problems)

import marshal

import pytest

from bench.sandbox._plan import PlanError, argument_blob, plan_execution
from tests import factories


def make_task(tests, test_code=None, **extra):
    return factories.make_task(
        id="plan-task", entry_point="f", tests=tests, test_code=test_code,
        reference_solution="def f(*a): return 0\n", **extra,
    )  # fmt: skip


def test_arguments_are_built_in_the_trusted_process_and_marshalled():
    task = make_task(
        [
            {"input": [[1, 2]], "expected": 3},
            {
                "input_code": "[[rng.randint(0, 9) for _ in range(5)], len(string.digits)]",
                "expected": 0,
            },
        ]
    )
    assert marshal.loads(argument_blob(task, 0)) == [[1, 2]]
    built = marshal.loads(argument_blob(task, 1))
    assert len(built[0]) == 5 and built[1] == 10
    assert marshal.loads(argument_blob(task, 1)) == built  # deterministic (random.Random(0))


def test_request_carries_no_expected_value():
    task = make_task([{"input": [1], "expected": "SECRET-EXPECTED", "timeout": 1.5}])
    plan = plan_execution("def f(x): return x", task, timing_repeats=3, timeout=4.0)
    assert "SECRET-EXPECTED" not in repr(plan.request)
    assert plan.request["tests"][0][0] == 0 and plan.request["tests"][0][2] == 1.5
    assert plan.request["repeats"] == 3 and plan.request["load_timeout"] == 4.0
    assert plan.budget_s == pytest.approx(5.5)


def test_test_code_adds_its_own_time_to_the_budget():
    task = make_task([], test_code="def check(candidate):\n    assert candidate() == 0\n")
    plan = plan_execution("def f(): return 0", task, 1, timeout=3.0)
    assert plan.budget_s == pytest.approx(6.0)
    assert plan.request["test_code"].startswith("def check")


def test_unshippable_arguments_are_a_task_error():
    task = make_task([{"input_code": "[object()]", "expected": 0}])
    with pytest.raises(PlanError, match="cannot build its arguments"):
        argument_blob(task, 0)

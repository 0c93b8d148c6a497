"""The one "passed on the first sample" definition: the first judged sample speaks."""

from __future__ import annotations

import pandas as pd

from bench.leaderboard import first_sample_passed, first_samples, per_task_table

COLUMNS = ["model", "task_id", "sample", "status", "overall"]


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def test_first_judged_sample_speaks_and_infra_only_pairs_have_no_verdict():
    attempts = _frame([
        ("m", "a", 1, "passed", 90.0), ("m", "a", 0, "provider_error", None),
        ("m", "b", 0, "sandbox_error", None), ("m", "b", 1, "provider_error", None),
        ("m", "c", 1, "passed", 90.0), ("m", "c", 0, "failed", 10.0),
    ])  # fmt: skip
    assert first_sample_passed(attempts) == {("m", "a"): True, ("m", "c"): False}
    first = first_samples(attempts).set_index("task_id")
    assert list(first["sample"]) == [1, 0, 0]
    assert list(first["judged"]) == [True, False, True]
    assert first.loc["b", "status"] == "sandbox_error" and not first.loc["b", "first_passed"]


def test_no_attempts_no_verdicts():
    assert first_sample_passed(_frame([])) == {}


def test_aggregate_uses_the_same_first_sample():
    judged = _frame([
        ("m", "a", 1, "failed", 10.0), ("m", "a", 2, "passed", 90.0),
        ("m", "b", 0, "passed", 90.0), ("m", "b", 1, "failed", 10.0),
    ])  # fmt: skip
    for column in ("correctness", "speed", "quality", "efficiency"):
        judged[column] = judged["overall"]
    table = per_task_table(judged).per_task.set_index("task_id")
    assert table["first_passed"].to_dict() == {"a": False, "b": True}

"""The task matrix and index read a pair's verdict from its first judged sample."""

from __future__ import annotations

import pandas as pd

from bench.site._suite_pages import task_rows


def test_outage_samples_give_way_to_the_first_verdict_and_are_not_counted():
    current = pd.DataFrame(
        [
            ("a", "t1", 0, "provider_error", None), ("a", "t1", 1, "passed", 90.0),
            ("b", "t1", 0, "sandbox_error", None),
            ("c", "t1", 0, "failed", 10.0), ("c", "t1", 1, "passed", 90.0),
        ],
        columns=["model", "task_id", "sample", "status", "overall"],
    ).assign(difficulty="easy")  # fmt: skip
    (row,) = task_rows(current, {}, ["a", "b", "c"])
    assert row.cells == ["p", "i", "f"]
    assert (row.solved, row.answered) == (1, 2)

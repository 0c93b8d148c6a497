"""Which sample speaks for a (model, task) pair: its first judged one.

"Passed on the first sample" feeds McNemar's test between neighbours, the newly
solved and newly failed tasks of `bench diff` and of the site's "what changed"
page, and the site's task matrix. One definition keeps them from disagreeing.

An infrastructure failure (`INFRA_STATUSES`: the provider or the sandbox broke)
says nothing about the model, so the first *judged* sample speaks for the
pair: a provider outage on sample 0 followed by a verdict on sample 1 gives
that verdict. A pair whose rows are all infrastructure failures has no verdict
(`judged` is False); it is kept so that the matrix can still draw it as such,
and left out of every comparison.
"""

from __future__ import annotations

import pandas as pd

from bench.results import INFRA_STATUSES, AttemptStatus

PAIR = ["model", "task_id"]


def first_samples(attempts: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, task): its first judged sample, else its first row.

    Adds two boolean columns: `judged` (the row is a verdict on the model, not an
    infrastructure failure) and `first_passed` (`judged` and the verdict is passed).
    Rows come sorted by model, then task.
    """
    judged = ~attempts["status"].isin(list(INFRA_STATUSES))
    marked = attempts.assign(judged=judged.astype(bool))
    ordered = marked.sort_values(["judged", "sample"], ascending=[False, True], kind="stable")
    first = ordered.drop_duplicates(PAIR)
    first = first.assign(first_passed=first["judged"] & (first["status"] == AttemptStatus.PASSED))
    return first.sort_values(PAIR, kind="stable").reset_index(drop=True)


def first_sample_passed(attempts: pd.DataFrame) -> dict[tuple[str, str], bool]:
    """(model, task) -> passed on its first judged sample; pairs with no verdict are absent."""
    if attempts.empty:
        return {}
    first = first_samples(attempts)
    first = first[first["judged"]]
    return {
        (str(model), str(task)): bool(passed)
        for model, task, passed in zip(
            first["model"], first["task_id"], first["first_passed"], strict=True
        )
    }

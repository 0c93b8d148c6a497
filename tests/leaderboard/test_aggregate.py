from __future__ import annotations

import json

import pandas as pd
import pytest

from bench.leaderboard import (
    Selection,
    build_leaderboard,
    render_csv,
    render_json,
    render_markdown,
    select_attempts,
)


def attempt(model, task, status, overall, sample=0, run="2026-11-24T0000Z-000000", **extra):
    row = {
        "run_id": run,
        "model": model,
        "provider": f"p/{model}",
        "task_id": task,
        "task_hash": "h",
        "difficulty": "easy",
        "sample": sample,
        "status": status,
        "correctness": 100.0 if status == "passed" else 0.0,
        "speed": 50.0,
        "quality": 80.0,
        "efficiency": 100.0 if status == "passed" else None,
        "overall": overall,
        "response_time_s": 2.0,
        "cost_usd": 0.01,
    }
    row.update(extra)
    return row


def frame(rows):
    return pd.DataFrame(rows)


def test_hand_computed_means_costs_and_infra_errors():
    rows = [
        attempt("a", "t1", "passed", 90.0),
        attempt("a", "t2", "failed", 10.0),
        attempt("a", "t3", "provider_error", None, cost_usd=None, correctness=None),
    ]
    [row] = build_leaderboard(frame(rows), resamples=200)
    assert row.overall == pytest.approx(50.0)
    assert row.pass_rate == pytest.approx(50.0)
    assert row.tasks == 2 and row.attempts == 2 and row.infra_errors == 1
    assert row.cost_usd == pytest.approx(0.02)
    assert row.cost_per_solved_usd == pytest.approx(0.02)
    assert row.efficiency == pytest.approx(100.0)  # defined only where all tests passed
    assert row.mean_response_time_s == pytest.approx(2.0)


def test_samples_collapse_per_task_and_pass_at_k():
    rows = [
        attempt("a", "t1", s, 0.0, sample=i)
        for i, s in enumerate(["passed", "failed", "failed", "failed"])
    ]
    rows += [attempt("a", "t2", "failed", 0.0, sample=i) for i in range(4)]
    [row] = build_leaderboard(frame(rows), resamples=200)
    assert row.pass_at_k["1"] == pytest.approx(100 * (0.25 + 0) / 2)
    # pass@4 with n=4, c=1 on t1 is 1; on t2 0.
    assert row.pass_at_k["4"] == pytest.approx(50.0)
    assert row.tasks_solved == 1


def test_ranks_account_for_overlapping_intervals():
    rows = []
    for i in range(30):
        rows.append(attempt("strong", f"t{i}", "passed", 95.0 + (i % 3)))
        rows.append(attempt("close", f"t{i}", "passed", 94.0 + (i % 4)))
        rows.append(attempt("weak", f"t{i}", "failed", 10.0 + (i % 5)))
    board = build_leaderboard(frame(rows), resamples=500)
    assert [row.model for row in board] == ["strong", "close", "weak"]
    strong, close, weak = board
    assert strong.rank == 1 and close.rank == 1  # intervals overlap: not separable
    assert weak.rank == 3 and weak.rank_ci == [3, 3]
    assert strong.rank_ci == [1, 2]
    assert close.p_vs_next < 0.05 and not close.tied_with_next
    assert close.mcnemar_p_vs_next < 0.001


def test_bootstrap_is_reproducible_with_a_seed():
    rows = [attempt("a", f"t{i}", "passed", float(i)) for i in range(20)]
    first = build_leaderboard(frame(rows), seed=3, resamples=300)[0].overall_ci
    again = build_leaderboard(frame(rows), seed=3, resamples=300)[0].overall_ci
    other = build_leaderboard(frame(rows), seed=4, resamples=300)[0].overall_ci
    assert first == again and first != other


def test_latest_run_per_model_and_version_filter(write_task, tmp_path):
    from bench.tasks import load_tasks

    [task] = load_tasks([write_task()])
    rows = [
        attempt(
            "a", "add-two", "failed", 0.0, run="2026-11-01T0000Z-000000", task_hash=task.version
        ),
        attempt(
            "a", "add-two", "passed", 100.0, run="2026-11-08T0000Z-000000", task_hash=task.version
        ),
        attempt("b", "add-two", "passed", 100.0, run="2026-11-01T0000Z-000000", task_hash="old"),
    ]
    selected = select_attempts(frame(rows), [task], Selection())
    assert selected[["model", "run_id"]].values.tolist() == [["a", "2026-11-08T0000Z-000000"]]
    everything = select_attempts(frame(rows), [task], Selection(current_versions_only=False))
    assert set(everything["model"]) == {"a", "b"}


def test_knowledge_cutoff_keeps_only_later_tasks(write_task):
    from bench.tasks import load_tasks

    [task] = load_tasks([write_task()])  # added 2026-11-25
    import datetime as dt

    rows = [
        attempt(m, "add-two", "passed", 100.0, task_hash=task.version)
        for m in ("old-model", "new-model")
    ]
    cutoffs = {"old-model": dt.date(2026, 1, 1), "new-model": dt.date(2026, 12, 1)}
    selected = select_attempts(frame(rows), [task], Selection(knowledge_cutoffs=cutoffs))
    assert list(selected["model"]) == ["old-model"]


def test_renderings_carry_the_contract_fields():
    rows = [
        attempt("x/<b>m|1</b>", "t1", "passed", 80.0),
        attempt("x/<b>m|1</b>", "t2", "failed", 20.0),
    ]
    board = build_leaderboard(frame(rows), resamples=100)
    [obj] = json.loads(render_json(board))
    for field in (
        "model",
        "rank",
        "rank_ci",
        "overall",
        "overall_ci",
        "correctness",
        "speed",
        "quality",
        "efficiency",
        "pass_rate",
        "pass_rate_ci",
        "pass_at_k",
        "tasks",
        "attempts",
        "cost_usd",
        "cost_per_solved_usd",
        "mean_response_time_s",
        "infra_errors",
        "p_vs_next",
    ):
        assert field in obj
    assert render_csv(board).splitlines()[0].startswith("rank,model,overall")
    assert "x/&lt;b&gt;m\\|1&lt;/b&gt;" in render_markdown(board)
    assert "<b>" not in render_markdown(board)

import datetime as dt
import json

import pandas as pd

from bench.leaderboard import LeaderboardRow, diff_rows
from bench.results import RunManifest
from bench.site._boards import knowledge_cutoffs, rank_moves, window_starts
from bench.site._figures import pareto_front, score_vs_cost
from bench.site._history import run_history


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_windows_are_quarter_starts_that_leave_enough_tasks():
    added = [_day("2025-01-10")] * 10 + [_day("2025-05-01")] * 6 + [_day("2025-08-01")] * 5
    assert window_starts(added) == [_day("2025-04-01"), _day("2025-07-01")]


def test_no_window_when_all_tasks_share_a_quarter_or_too_few_are_recent():
    assert window_starts([_day("2026-11-25")] * 30) == []
    assert window_starts([_day("2025-01-01")] * 30 + [_day("2025-09-01")] * 4) == []
    assert window_starts([]) == []


def test_at_most_three_windows_the_most_recent():
    added = [_day(f"{2020 + q // 4}-{1 + 3 * (q % 4):02d}-15") for q in range(12) for _ in range(6)]
    starts = window_starts(added)
    assert len(starts) == 3 and starts[-1] == _day("2022-10-01")


def test_rank_moves():
    now = [LeaderboardRow("a", rank=1), LeaderboardRow("b", rank=2), LeaderboardRow("c", rank=2)]
    before = [LeaderboardRow("b", rank=1), LeaderboardRow("a", rank=3)]
    assert rank_moves(now, before) == {"a": "▲2", "b": "▼1", "c": "new"}


def test_knowledge_cutoffs_come_from_the_latest_manifest_that_names_them():
    def manifest(run_id, models):
        return RunManifest(
            run_id=run_id, started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), task_set_hash="x",
            config_json=json.dumps({"models": models}), sandbox="process",
        )  # fmt: skip

    first, second = "2026-01-01T0000Z-aaaaaa", "2026-02-01T0000Z-aaaaaa"
    manifests = {
        first: manifest(first, [{"name": "m", "knowledge_cutoff": "2023-01-01"}]),
        second: manifest(second, [{"name": "m", "knowledge_cutoff": "2024-06-01"}, {"name": "n"}]),
    }
    assert knowledge_cutoffs(manifests) == {"m": _day("2024-06-01")}


def test_pareto_front_keeps_the_best_buys():
    points = [(1.0, 50.0, 0), (2.0, 40.0, 1), (2.0, 70.0, 2), (5.0, 70.0, 3), (9.0, 90.0, 4)]
    assert pareto_front(points) == [0, 2, 4]


def test_cost_chart_leaves_out_unpriced_models():
    rows = [
        LeaderboardRow("cheap", overall=50, cost_per_task_usd=0.01),
        LeaderboardRow("dear", overall=40, cost_per_task_usd=0.1),
        LeaderboardRow("unknown", overall=99, cost_per_task_usd=None),
    ]
    data = score_vs_cost(rows).spec["data"]
    assert data[0]["text"] == ["dear"] and data[1]["text"] == ["cheap"]


def _attempts(rows):
    columns = ["run_id", "model", "task_id", "sample", "status", "overall", "task_hash"]
    return pd.DataFrame(rows, columns=columns)


def test_history_averages_samples_then_tasks_and_skips_infrastructure_errors():
    frame = _attempts([
        ("r1", "a", "t1", 0, "passed", 80.0, "h"), ("r1", "a", "t1", 1, "failed", 40.0, "h"),
        ("r1", "a", "t2", 0, "passed", 90.0, "h"),
        ("r1", "a", "t3", 0, "provider_error", None, "h"),
        ("r1", "b", "t1", 0, "failed", 10.0, "h"), ("r1", "b", "t2", 0, "passed", 95.0, "h"),
        ("r2", "b", "t1", 0, "passed", 70.0, "h"),
    ])  # fmt: skip
    points = {(p.run_id, p.model): p for p in run_history(frame)}
    assert points[("r1", "a")].overall == (60.0 + 90.0) / 2 and points[("r1", "a")].position == 1
    assert points[("r1", "a")].pass_rate == 100 * (0.5 + 1) / 2 and points[("r1", "a")].tasks == 2
    assert points[("r1", "b")].overall == 52.5 and points[("r1", "b")].position == 2
    assert points[("r2", "b")].position == 1


def test_changes_find_newly_solved_failed_and_task_set_changes():
    old = _attempts([
        ("r1", "a", "t1", 0, "failed", 1.0, "h1"), ("r1", "a", "t2", 0, "passed", 1.0, "h2"),
        ("r1", "a", "gone", 0, "passed", 1.0, "h9"),
    ])  # fmt: skip
    new = _attempts([
        ("r2", "a", "t1", 0, "passed", 1.0, "h1"), ("r2", "a", "t2", 0, "failed", 1.0, "h2x"),
        ("r2", "a", "t3", 0, "passed", 1.0, "h3"), ("r2", "b", "t1", 0, "passed", 1.0, "h1"),
    ])  # fmt: skip
    before = [LeaderboardRow("a", rank=1, overall=50.0, overall_ci=[40.0, 60.0])]
    after = [
        LeaderboardRow("b", rank=1, overall=90.0, overall_ci=[85.0, 95.0]),
        LeaderboardRow("a", rank=2, overall=70.0, overall_ci=[61.0, 80.0]),
    ]
    diff = diff_rows(before, after, old, new, ("r1", "r2"))
    a = next(c for c in diff.models if c.model == "a")
    b = next(c for c in diff.models if c.model == "b")
    assert (a.old_rank, a.new_rank, a.newly_solved, a.newly_failed) == (1, 2, ["t1"], ["t2"])
    assert a.beyond_noise and b.old_rank is None and not b.beyond_noise
    assert (diff.tasks_added, diff.tasks_removed, diff.tasks_changed) == (["t3"], ["gone"], ["t2"])

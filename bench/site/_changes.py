"""What changed since the leaderboard before the latest run.

Uses the leaderboard's own `LeaderboardDiff` and `ModelChange` records, filled
from the two leaderboards the site computes anyway (so no leaderboard is
computed twice); `bench diff` builds the same records from two run ids.
"""

from __future__ import annotations

import pandas as pd

from bench.leaderboard import LeaderboardDiff, LeaderboardRow, ModelChange
from bench.site._render import Renderer, SitePage


def _first_sample_passed(attempts: pd.DataFrame) -> dict[tuple[str, str], bool]:
    if attempts.empty:
        return {}
    first = attempts.sort_values("sample").drop_duplicates(["model", "task_id"])
    return {
        (str(r.model), str(r.task_id)): r.status == "passed" for r in first.itertuples(index=False)
    }


def _versions(attempts: pd.DataFrame) -> dict[str, set[str]]:
    if attempts.empty:
        return {}
    grouped = attempts.groupby("task_id")["task_hash"].agg(lambda hashes: set(map(str, hashes)))
    return {str(task): hashes for task, hashes in grouped.items()}


def _beyond_noise(old: LeaderboardRow | None, new: LeaderboardRow | None) -> bool:
    if old is None or new is None:
        return False
    intervals = (old.overall_ci, new.overall_ci)
    if any(len(ci) != 2 or None in ci for ci in intervals):
        return False
    return old.overall_ci[1] < new.overall_ci[0] or new.overall_ci[1] < old.overall_ci[0]


def leaderboard_changes(
    old_rows: list[LeaderboardRow],
    new_rows: list[LeaderboardRow],
    old_attempts: pd.DataFrame,
    new_attempts: pd.DataFrame,
    labels: tuple[str, str],
) -> LeaderboardDiff:
    """Rank moves, newly solved and failed tasks per model, and task-set changes."""
    before = {row.model: row for row in old_rows}
    after = {row.model: row for row in new_rows}
    was, now = _first_sample_passed(old_attempts), _first_sample_passed(new_attempts)
    changes = []
    for model in [row.model for row in new_rows] + sorted(set(before) - set(after)):
        old, new = before.get(model), after.get(model)
        change = ModelChange(
            model=model,
            old_rank=old.rank if old else None,
            new_rank=new.rank if new else None,
            old_overall=old.overall if old else None,
            new_overall=new.overall if new else None,
            beyond_noise=_beyond_noise(old, new),
        )
        shared = sorted(t for (m, t) in now if m == model and (m, t) in was)
        change.newly_solved = [t for t in shared if now[(model, t)] and not was[(model, t)]]
        change.newly_failed = [t for t in shared if was[(model, t)] and not now[(model, t)]]
        changes.append(change)
    old_tasks, new_tasks = _versions(old_attempts), _versions(new_attempts)
    return LeaderboardDiff(
        old_label=labels[0],
        new_label=labels[1],
        models=changes,
        tasks_added=sorted(set(new_tasks) - set(old_tasks)),
        tasks_removed=sorted(set(old_tasks) - set(new_tasks)),
        tasks_changed=sorted(
            t for t in set(old_tasks) & set(new_tasks) if old_tasks[t] != new_tasks[t]
        ),
    )


def changes_page(
    renderer: Renderer, diff: LeaderboardDiff | None, moves: dict[str, str]
) -> SitePage:
    """`changes.md`: the diff, or a note when there is only one run."""
    return renderer.page("changes.html", "changes.md", "What changed", diff=diff, moves=moves)

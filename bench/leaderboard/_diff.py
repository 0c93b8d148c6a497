"""What changed between two leaderboards: ranks, scores against their noise, tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bench.leaderboard._aggregate import LeaderboardRow, build_leaderboard


@dataclass
class ModelChange:
    """One model's movement between the two sides."""

    model: str
    old_rank: int | None
    new_rank: int | None
    old_overall: float | None
    new_overall: float | None
    beyond_noise: bool
    """The two 95% intervals do not overlap: the change is not explained by task sampling."""
    newly_solved: list[str] = field(default_factory=list)
    newly_failed: list[str] = field(default_factory=list)

    @property
    def delta(self) -> float | None:
        """Change of the overall score, new minus old."""
        if self.old_overall is None or self.new_overall is None:
            return None
        return self.new_overall - self.old_overall


@dataclass
class LeaderboardDiff:
    """Everything `bench diff` reports."""

    old_label: str
    new_label: str
    models: list[ModelChange]
    tasks_added: list[str]
    tasks_removed: list[str]
    tasks_changed: list[str]


def _task_versions(attempts: pd.DataFrame) -> dict[str, set[str]]:
    if attempts.empty:
        return {}
    grouped = attempts.groupby("task_id")["task_hash"].agg(lambda hashes: set(hashes))
    return {str(task): set(hashes) for task, hashes in grouped.items()}


def _solved(attempts: pd.DataFrame, model: str) -> dict[str, bool]:
    """Task -> passed, by the first sample of each task."""
    mine = attempts[attempts["model"] == model].sort_values("sample")
    firsts = mine.groupby("task_id").first()
    return {str(task): status == "passed" for task, status in firsts["status"].items()}


def _overlap(old: LeaderboardRow | None, new: LeaderboardRow | None) -> bool:
    if old is None or new is None or None in old.overall_ci or None in new.overall_ci:
        return True
    if not old.overall_ci or not new.overall_ci:
        return True
    return old.overall_ci[0] <= new.overall_ci[1] and new.overall_ci[0] <= old.overall_ci[1]


def diff_leaderboards(
    old: pd.DataFrame, new: pd.DataFrame, old_label: str, new_label: str, seed: int = 0
) -> LeaderboardDiff:
    """Compare two sets of attempts (each already one leaderboard's selection)."""
    old_rows = {row.model: row for row in build_leaderboard(old, seed=seed)}
    new_rows = {row.model: row for row in build_leaderboard(new, seed=seed)}
    changes = []
    for model in sorted(
        set(old_rows) | set(new_rows),
        key=lambda m: (new_rows[m].rank if m in new_rows else 10**6, m),
    ):
        before, after = old_rows.get(model), new_rows.get(model)
        change = ModelChange(
            model=model,
            old_rank=before.rank if before else None,
            new_rank=after.rank if after else None,
            old_overall=before.overall if before else None,
            new_overall=after.overall if after else None,
            beyond_noise=not _overlap(before, after),
        )
        if before and after:
            was, now = _solved(old, model), _solved(new, model)
            shared = sorted(set(was) & set(now))
            change.newly_solved = [task for task in shared if now[task] and not was[task]]
            change.newly_failed = [task for task in shared if was[task] and not now[task]]
        changes.append(change)
    old_tasks, new_tasks = _task_versions(old), _task_versions(new)
    return LeaderboardDiff(
        old_label,
        new_label,
        changes,
        tasks_added=sorted(set(new_tasks) - set(old_tasks)),
        tasks_removed=sorted(set(old_tasks) - set(new_tasks)),
        tasks_changed=sorted(
            t for t in set(old_tasks) & set(new_tasks) if old_tasks[t] != new_tasks[t]
        ),
    )


def _rank_move(change: ModelChange) -> str:
    if change.old_rank is None:
        return "new"
    if change.new_rank is None:
        return "gone"
    step = change.old_rank - change.new_rank
    return "=" if step == 0 else (f"▲{step}" if step > 0 else f"▼{-step}")


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def render_diff(diff: LeaderboardDiff) -> str:
    """Plain text, one line per model, then per-model task changes, then task-set changes."""
    lines = [f"leaderboard: {diff.old_label} -> {diff.new_label}", ""]
    for change in diff.models:
        delta = "" if change.delta is None else f" ({change.delta:+.1f})"
        noise = " beyond intervals" if change.beyond_noise and change.delta is not None else ""
        lines.append(
            f"  {_rank_move(change):>5}  {change.model}: "
            f"rank {change.old_rank or '-'} -> {change.new_rank or '-'}, "
            f"overall {_score(change.old_overall)} -> {_score(change.new_overall)}{delta}{noise}"
        )
    for change in diff.models:
        if change.newly_solved or change.newly_failed:
            lines.append(f"\n{change.model}:")
            if change.newly_solved:
                lines.append(f"  newly solved: {', '.join(change.newly_solved)}")
            if change.newly_failed:
                lines.append(f"  newly failed: {', '.join(change.newly_failed)}")
    lines.append("")
    for label, tasks in (
        ("added", diff.tasks_added),
        ("removed", diff.tasks_removed),
        ("changed", diff.tasks_changed),
    ):
        lines.append(f"tasks {label}: {', '.join(tasks) if tasks else 'none'}")
    return "\n".join(lines) + "\n"

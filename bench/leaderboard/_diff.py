"""What changed between two leaderboards: ranks, scores against their noise, tasks.

The one diff: `bench diff` (`diff_leaderboards`, from two sets of attempts) and
the site's "what changed" page (`diff_rows`, from the leaderboards it ranked
anyway) fill the same records the same way, so they cannot disagree.

A task's verdict is its first judged sample (`first_sample_passed`):
infrastructure failures (provider or sandbox outages) are no verdict. A task
that one side holds only as infrastructure failures is neither newly solved
nor newly failed, in the week of the outage or the week it recovers; it is
listed as `not_comparable` instead, so the gap stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bench.leaderboard._aggregate import LeaderboardRow, build_leaderboard
from bench.leaderboard._first_sample import first_sample_passed


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
    """Tasks failed on the first judged sample before, passed now."""
    newly_failed: list[str] = field(default_factory=list)
    """Tasks passed on the first judged sample before, failed now."""
    not_comparable: list[str] = field(default_factory=list)
    """Tasks both sides attempted, one side with infrastructure failures only (no verdict)."""

    @property
    def delta(self) -> float | None:
        """Change of the overall score, new minus old."""
        if self.old_overall is None or self.new_overall is None:
            return None
        return self.new_overall - self.old_overall


@dataclass
class LeaderboardDiff:
    """Everything `bench diff` and the site's "what changed" page report."""

    old_label: str
    new_label: str
    models: list[ModelChange]
    """The new leaderboard's models in its order, then departed models by name."""
    tasks_added: list[str]
    tasks_removed: list[str]
    tasks_changed: list[str]


def _task_versions(attempts: pd.DataFrame) -> dict[str, set[str]]:
    if attempts.empty:
        return {}
    grouped = attempts.groupby("task_id")["task_hash"].agg(lambda hashes: set(map(str, hashes)))
    return {str(task): hashes for task, hashes in grouped.items()}


def _attempted(attempts: pd.DataFrame) -> set[tuple[str, str]]:
    if attempts.empty:
        return set()
    pairs = attempts[["model", "task_id"]].drop_duplicates()
    return {(str(m), str(t)) for m, t in zip(pairs["model"], pairs["task_id"], strict=True)}


def _beyond_noise(old: LeaderboardRow | None, new: LeaderboardRow | None) -> bool:
    """Both intervals known and disjoint; a missing side or interval is never beyond noise."""
    if old is None or new is None or len(old.overall_ci) != 2 or len(new.overall_ci) != 2:
        return False
    (old_low, old_high), (new_low, new_high) = old.overall_ci, new.overall_ci
    if old_low is None or old_high is None or new_low is None or new_high is None:
        return False
    return old_high < new_low or new_high < old_low


@dataclass
class _Verdicts:
    """Both sides' first-judged-sample verdicts and attempted pairs."""

    was: dict[tuple[str, str], bool]
    now: dict[tuple[str, str], bool]
    attempted: set[tuple[str, str]]
    """Pairs both sides attempted, whatever the outcome."""

    @classmethod
    def of(cls, old: pd.DataFrame, new: pd.DataFrame) -> _Verdicts:
        return cls(
            first_sample_passed(old), first_sample_passed(new), _attempted(old) & _attempted(new)
        )

    def fill(self, change: ModelChange) -> None:
        """Newly solved, newly failed and not comparable tasks of one model."""
        model = change.model
        for task in sorted(task for (m, task) in self.attempted if m == model):
            key = (model, task)
            if key not in self.was or key not in self.now:
                change.not_comparable.append(task)
            elif self.now[key] and not self.was[key]:
                change.newly_solved.append(task)
            elif self.was[key] and not self.now[key]:
                change.newly_failed.append(task)


def diff_rows(
    old_rows: list[LeaderboardRow],
    new_rows: list[LeaderboardRow],
    old_attempts: pd.DataFrame,
    new_attempts: pd.DataFrame,
    labels: tuple[str, str],
) -> LeaderboardDiff:
    """The diff of two leaderboards already ranked from `old_attempts` and `new_attempts`.

    The site calls this with the boards it built anyway (no leaderboard is ranked
    twice); `diff_leaderboards` ranks first, then calls this.
    """
    before = {row.model: row for row in old_rows}
    after = {row.model: row for row in new_rows}
    verdicts = _Verdicts.of(old_attempts, new_attempts)
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
        verdicts.fill(change)
        changes.append(change)
    old_tasks, new_tasks = _task_versions(old_attempts), _task_versions(new_attempts)
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


def diff_leaderboards(
    old: pd.DataFrame, new: pd.DataFrame, old_label: str, new_label: str, seed: int = 0
) -> LeaderboardDiff:
    """Compare two sets of attempts (each already one leaderboard's selection)."""
    return diff_rows(
        build_leaderboard(old, seed=seed),
        build_leaderboard(new, seed=seed),
        old,
        new,
        (old_label, new_label),
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


def _task_lines(change: ModelChange) -> list[str]:
    lines = []
    if change.newly_solved:
        lines.append(f"  newly solved: {', '.join(change.newly_solved)}")
    if change.newly_failed:
        lines.append(f"  newly failed: {', '.join(change.newly_failed)}")
    if change.not_comparable:
        lines.append(
            "  not comparable (infrastructure errors only on one side): "
            + ", ".join(change.not_comparable)
        )
    return lines


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
        task_lines = _task_lines(change)
        if task_lines:
            lines += [f"\n{change.model}:", *task_lines]
    lines.append("")
    for label, tasks in (
        ("added", diff.tasks_added),
        ("removed", diff.tasks_removed),
        ("changed", diff.tasks_changed),
    ):
        lines.append(f"tasks {label}: {', '.join(tasks) if tasks else 'none'}")
    return "\n".join(lines) + "\n"

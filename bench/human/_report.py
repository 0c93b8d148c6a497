"""The rating as text for `bench human rating`, next to the automatic overall score."""

from __future__ import annotations

from pathlib import Path

from bench.human._agreement import agreement
from bench.human._rating import HumanRatings


def automatic_overall(results_dir: str | Path, tasks_dir: str | Path | None, seed: int) -> dict:
    """Model -> overall score of the default leaderboard (empty without results)."""
    from bench.leaderboard import Selection, build_leaderboard, load_results, select_attempts
    from bench.tasks import load_tasks

    attempts = load_results(results_dir)
    if attempts.empty:
        return {}
    suite = load_tasks([Path(tasks_dir)]) if tasks_dir and Path(tasks_dir).is_dir() else None
    rows = build_leaderboard(select_attempts(attempts, suite, Selection()), seed=seed)
    return {row.model: row.overall for row in rows}


def rating_lines(
    ratings: HumanRatings, results_dir: str | Path, tasks_dir: str | Path | None, seed: int
) -> list[str]:
    """A small table, best first, then Spearman's rho against the overall score."""
    overall = automatic_overall(results_dir, tasks_dir, seed)
    lines = [f"{ratings.votes} votes from {ratings.voters} voters", ""]
    lines.append(f"{'model':<32} {'rating':>7} {'95% CI':>13} {'votes':>6} {'overall':>8}")
    for rating in ratings.ordered():
        automatic = overall.get(rating.model)
        shown = "-" if automatic is None else f"{automatic:.1f}"
        interval = f"[{rating.low:.0f}, {rating.high:.0f}]"
        lines.append(
            f"{rating.model:<32} {rating.rating:>7.0f} {interval:>13} {rating.votes:>6} {shown:>8}"
        )
    agreed = agreement(ratings, overall)
    lines.append("")
    if agreed.rho is None:
        lines.append(f"agreement: needs >= 3 models with both figures ({len(agreed.models)} have)")
    else:
        interval = "" if agreed.low is None else f" [{agreed.low:.2f}, {agreed.high:.2f}]"
        lines.append(
            f"agreement with the overall score: Spearman rho {agreed.rho:.2f}{interval} "
            f"over {len(agreed.models)} models"
        )
    return lines

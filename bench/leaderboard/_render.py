"""The leaderboard as text: a rich table, Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import html
import io
import json

from rich.console import Console
from rich.table import Table

from bench.leaderboard._aggregate import LeaderboardRow

FORMATS = ("table", "markdown", "csv", "json")
FLAT_COLUMNS = (
    "rank",
    "model",
    "overall",
    "overall_low",
    "overall_high",
    "correctness",
    "speed",
    "quality",
    "efficiency",
    "pass_rate",
    "pass_at_1",
    "tasks",
    "attempts",
    "cost_usd",
    "cost_per_solved_usd",
    "mean_response_time_s",
    "infra_errors",
    "p_vs_next",
    "run_id",
)
HUMAN_COLUMNS = ("human_preference", "human_low", "human_high", "human_votes")
"""Added to the flat columns only when some model has a human-preference rating."""


def _number(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _rank_text(row: LeaderboardRow) -> str:
    low, high = row.rank_ci or (row.rank, row.rank)
    return f"{row.rank}" if low == high else f"{row.rank} ({low}-{high})"


def _interval_text(row: LeaderboardRow) -> str:
    low, high = row.overall_ci or (None, None)
    if low is None:
        return _number(row.overall)
    return f"{row.overall:.1f} [{low:.1f}, {high:.1f}]"


def _has_human(rows: list[LeaderboardRow]) -> bool:
    return any(row.human_preference is not None for row in rows)


def _human_text(row: LeaderboardRow) -> str:
    human = row.human_preference
    if human is None:
        return "-"
    low, high = human.rating_ci
    return f"{human.rating:.0f} [{low:.0f}, {high:.0f}] n={human.votes}"


def _human_flat(row: LeaderboardRow) -> dict:
    human = row.human_preference
    if human is None:
        return dict.fromkeys(HUMAN_COLUMNS)
    low, high = human.rating_ci
    return dict(zip(HUMAN_COLUMNS, (human.rating, low, high, human.votes), strict=True))


ROBUST_COLUMNS = ("robust_pass_rate", "robust_low", "robust_high", "robust_drop")
"""Added to the flat columns only when the run asked rewordings (`--variants`)."""


def _has_robustness(rows: list[LeaderboardRow]) -> bool:
    return any(row.robustness is not None for row in rows)


def _robust_text(row: LeaderboardRow) -> str:
    robust = row.robustness
    if robust is None:
        return "-"
    low, high = robust.robust_pass_rate_ci
    interval = "" if low is None or high is None else f" [{low:.1f}, {high:.1f}]"
    return f"{robust.robust_pass_rate:.1f}{interval} (drop {robust.drop:.1f})"


def _robust_flat(row: LeaderboardRow) -> dict:
    robust = row.robustness
    if robust is None:
        return dict.fromkeys(ROBUST_COLUMNS)
    low, high = robust.robust_pass_rate_ci
    values = (robust.robust_pass_rate, low, high, robust.drop)
    return dict(zip(ROBUST_COLUMNS, values, strict=True))


def _flat(row: LeaderboardRow) -> dict:
    low, high = row.overall_ci or (None, None)
    return {
        "rank": row.rank,
        "model": row.model,
        "overall": row.overall,
        "overall_low": low,
        "overall_high": high,
        "correctness": row.correctness,
        "speed": row.speed,
        "quality": row.quality,
        "efficiency": row.efficiency,
        "pass_rate": row.pass_rate,
        "pass_at_1": row.pass_at_k.get("1"),
        "tasks": row.tasks,
        "attempts": row.attempts,
        "cost_usd": row.cost_usd,
        "cost_per_solved_usd": row.cost_per_solved_usd,
        "mean_response_time_s": row.mean_response_time_s,
        "infra_errors": row.infra_errors,
        "p_vs_next": row.p_vs_next,
        "run_id": row.run_id,
    }


def render_json(rows: list[LeaderboardRow]) -> str:
    """The contract in docs/architecture.md: a list, best first, one object per model."""
    return json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False)


def render_csv(rows: list[LeaderboardRow]) -> str:
    """One line per model, the flat columns."""
    buffer = io.StringIO()
    human, robust = _has_human(rows), _has_robustness(rows)
    columns = FLAT_COLUMNS + (ROBUST_COLUMNS if robust else ()) + (HUMAN_COLUMNS if human else ())
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = _flat(row) | (_robust_flat(row) if robust else {})
        flat |= _human_flat(row) if human else {}
        writer.writerow({k: ("" if v is None else v) for k, v in flat.items()})
    return buffer.getvalue()


def _markdown_cell(text: str) -> str:
    """Model names are data: escape HTML and table syntax so no renderer runs them."""
    return html.escape(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(rows: list[LeaderboardRow], title: str | None = None) -> str:
    """A table a README can embed; `~` marks a model not separable from the next."""
    lines = [f"### {title}", ""] if title else []
    human, robust = _has_human(rows), _has_robustness(rows)
    lines += [
        "| rank | model | overall [95% CI] | correctness | pass@1 | quality | efficiency | speed "
        "| cost/solved | tasks |"
        + (" robust pass@1 [95% CI] (drop) |" if robust else "")
        + (" human preference [95% CI] |" if human else ""),
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        + ("---:|" if robust else "")
        + ("---:|" if human else ""),
    ]
    for row in rows:
        tie = " ~" if row.tied_with_next else ""
        cost = "-" if row.cost_per_solved_usd is None else f"${row.cost_per_solved_usd:.4f}"
        lines.append(
            f"| {_rank_text(row)} | {_markdown_cell(row.model)}{tie} | {_interval_text(row)} | "
            f"{_number(row.correctness)} | {_number(row.pass_at_k.get('1'))} | "
            f"{_number(row.quality)} | {_number(row.efficiency)} | {_number(row.speed)} | "
            f"{cost} | {row.tasks} |"
            + (f" {_robust_text(row)} |" if robust else "")
            + (f" {_human_text(row)} |" if human else "")
        )
    lines += ["", "`~`: not separable from the next model (paired bootstrap p >= 0.05)."]
    if robust:
        lines.append(
            "robust pass@1: share of reworded tasks passed as written and in every rewording, "
            "95% bootstrap interval over tasks, and its drop from the nominal pass@1."
        )
    if human:
        lines.append(
            "human preference: Bradley-Terry rating from blind pairwise votes (Elo scale), "
            "95% bootstrap interval over votes, n = counted votes."
        )
    return "\n".join(lines) + "\n"


def render_table(rows: list[LeaderboardRow], console: Console, title: str = "leaderboard") -> None:
    """Print a rich table."""
    table = Table(title=title)
    for column in (
        "rank",
        "model",
        "overall [95% CI]",
        "correct",
        "pass@1",
        "quality",
        "effic.",
        "speed",
        "$/solved",
        "tasks",
        "infra err",
        "p vs next",
        *(["robust pass@1 (drop)"] if _has_robustness(rows) else []),
        *(["human pref. [95% CI]"] if _has_human(rows) else []),
    ):
        table.add_column(column, justify="left" if column == "model" else "right")
    for row in rows:
        cost = "-" if row.cost_per_solved_usd is None else f"{row.cost_per_solved_usd:.4f}"
        p_value = (
            "-"
            if row.p_vs_next is None
            else f"{row.p_vs_next:.3f}" + (" ~" if row.tied_with_next else "")
        )
        table.add_row(
            _rank_text(row),
            row.model,
            _interval_text(row),
            _number(row.correctness),
            _number(row.pass_at_k.get("1")),
            _number(row.quality),
            _number(row.efficiency),
            _number(row.speed),
            cost,
            str(row.tasks),
            str(row.infra_errors),
            p_value,
            *([_robust_text(row)] if _has_robustness(rows) else []),
            *([_human_text(row)] if _has_human(rows) else []),
        )
    console.print(table)

"""Human preference on the site: the rating page, the leaderboard column, the Vote pages.

Votes are read from the human/ folder at build time. With none, the rating page
says so plainly and the leaderboard has no human-preference column at all (never
a column of zeros). Tier leaderboards rate from the votes on that tier's tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.human import (
    HumanData,
    HumanRatings,
    agreement,
    attach_ratings,
    load_human,
    ratings_of,
)
from bench.leaderboard import LeaderboardRow
from bench.site._boards import Board
from bench.site._figures import Figure, plotly_text
from bench.site._render import Renderer, SitePage
from bench.site._vote_pages import Repository, vote_page, vote_page_uri

HUMAN_PAGE = "human.md"


@dataclass
class HumanSite:
    """The human/ folder as the build sees it, ratings computed once per tier."""

    data: HumanData
    seed: int = 0
    repository: Repository | None = None
    _ratings: dict[str | None, HumanRatings | None] = field(default_factory=dict, repr=False)

    def ratings(self, difficulty: str | None = None) -> HumanRatings | None:
        """Ratings from all votes, or from the votes on one tier's tasks."""
        if difficulty not in self._ratings:
            self._ratings[difficulty] = ratings_of(self.data, seed=self.seed, difficulty=difficulty)
        return self._ratings[difficulty]


def load_site_human(
    human_dir: str | Path | None, seed: int, repository: str | None = None
) -> HumanSite:
    """Read ballots and votes (none when the folder is missing); broken files raise."""
    data = load_human(human_dir) if human_dir and Path(human_dir).is_dir() else HumanData({}, [])
    return HumanSite(data, seed, Repository.parse(repository))


def attach_to_boards(human: HumanSite, boards: dict[str, Board]) -> None:
    """Give every leaderboard its human-preference column (only where votes exist)."""
    for board in boards.values():
        attach_ratings(board.rows, human.ratings(board.spec.difficulty))


def _error_x(interval: list[float | None], value: float | None) -> tuple[float, float]:
    low, high = interval if len(interval) == 2 else (None, None)
    if low is None or high is None or value is None:
        return 0.0, 0.0
    return max(0.0, value - low), max(0.0, high - value)


def agreement_figure(rows: list[LeaderboardRow], ratings: HumanRatings) -> Figure:
    """Human rating against the automatic overall score, both with their 95% intervals."""
    shown = [r for r in rows if r.overall is not None and r.model in ratings.ratings]
    human = [ratings.ratings[r.model] for r in shown]
    x_bars = [_error_x(r.overall_ci, r.overall) for r in shown]
    trace = {
        "type": "scatter",
        "mode": "markers+text",
        "x": [r.overall for r in shown],
        "y": [h.rating for h in human],
        "text": [plotly_text(r.model) for r in shown],
        "textposition": "top center",
        "cliponaxis": False,
        "error_x": {"type": "data", "symmetric": False, "array": [b[1] for b in x_bars],
                    "arrayminus": [b[0] for b in x_bars], "thickness": 1},
        "error_y": {"type": "data", "symmetric": False,
                    "array": [h.high - h.rating for h in human],
                    "arrayminus": [h.rating - h.low for h in human], "thickness": 1},
        "marker": {"size": 11, "color": "#3f51b5"},
        "hovertemplate": "%{text}<br>overall %{x:.1f}<br>human %{y:.0f}<extra></extra>",
    }  # fmt: skip
    layout = {
        "title": {"text": "Human preference against the automatic overall score"},
        "xaxis": {"title": {"text": "automatic overall score (0-100)"}, "zeroline": False},
        "yaxis": {"title": {"text": "human preference (Elo scale)"}, "zeroline": False},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "hovermode": "closest",
        "height": 460,
    }
    return Figure(
        "fig-human-agreement",
        "Human preference against the automatic overall score",
        {"data": [trace], "layout": layout},
    )


def _rating_rows(rows: list[LeaderboardRow], ratings: HumanRatings) -> list[dict[str, Any]]:
    overall = {row.model: row for row in rows}
    return [
        {"rating": rating, "row": overall.get(rating.model), "position": index}
        for index, rating in enumerate(ratings.ordered(), start=1)
    ]


def human_pages(renderer: Renderer, human: HumanSite, rows: list[LeaderboardRow]) -> list[SitePage]:
    """`human.md` (the rating, or plainly: no votes yet) and one Vote page per open ballot."""
    ratings = human.ratings()
    ballots = human.data.open_ballots
    context: dict[str, Any] = {
        "ratings": ratings,
        "ballots": [(b, vote_page_uri(b.id)[:-3] + ".html") for b in ballots],
        "rating_rows": _rating_rows(rows, ratings) if ratings else [],
        "figure": agreement_figure(rows, ratings) if ratings else None,
        "agreement": agreement(ratings, {r.model: r.overall for r in rows}) if ratings else None,
    }
    page = renderer.page("human.html", HUMAN_PAGE, "Human preference", **context)
    return [page, *(vote_page(renderer, ballot, human.repository) for ballot in ballots)]


def with_human_nav(nav: list[Any]) -> list[Any]:
    """The rating page in the Leaderboard section, after Charts."""
    for section in nav:
        if isinstance(section, dict) and isinstance(section.get("Leaderboard"), list):
            items = section["Leaderboard"]
            after = next((i + 1 for i, item in enumerate(items) if "Charts" in item), len(items))
            items.insert(after, {"Human preference": HUMAN_PAGE})
    return nav

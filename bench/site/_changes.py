"""The "what changed" page.

The diff itself is the leaderboard's (`bench.leaderboard.diff_rows`, the one
`bench diff` uses), filled from the two leaderboards the site ranks anyway, so
the page and `bench diff` agree on the same pair of runs.
"""

from __future__ import annotations

from bench.leaderboard import LeaderboardDiff
from bench.site._render import Renderer, SitePage


def changes_page(
    renderer: Renderer, diff: LeaderboardDiff | None, moves: dict[str, str]
) -> SitePage:
    """`changes.md`: the diff, or a note when there is only one run."""
    return renderer.page("changes.html", "changes.md", "What changed", diff=diff, moves=moves)

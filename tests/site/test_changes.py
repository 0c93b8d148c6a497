"""The site's "what changed" page, built by the real site code, agrees with `bench diff`."""

from __future__ import annotations

import html
import re
from pathlib import Path

from bench.leaderboard import LeaderboardDiff, diff_leaderboards, load_side
from bench.site import build_site
from tests.leaderboard.outage_runs import write_outage_weeks


def _table_rows(page: str, start: str, end: str) -> list[list[str]]:
    """Cell texts of each body row between two headings (`id="start"` .. `id="end"`)."""
    section = page[page.index(f'id="{start}"') : page.index(f'id="{end}"')]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.DOTALL):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)
        if cells:
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells])
    return rows


def _expected_ranks(diff: LeaderboardDiff) -> list[list[str]]:
    return [[c.model, str(c.old_rank or "–"), str(c.new_rank or "–")] for c in diff.models]


def _expected_tasks(diff: LeaderboardDiff) -> list[list[str]]:
    moved = [c for c in diff.models if c.newly_solved] + [
        c for c in diff.models if not c.newly_solved and c.newly_failed
    ]
    return [
        [c.model, ", ".join(c.newly_solved) or "–", ", ".join(c.newly_failed) or "–"] for c in moved
    ]


def test_changes_page_agrees_with_bench_diff_across_an_outage(tmp_path: Path):
    results = tmp_path / "results"
    week1, week2 = write_outage_weeks(results)
    build_site(results, None, tmp_path / "site", workers=1, human_dir=None)
    page = (tmp_path / "site" / "changes.html").read_text()

    diff = diff_leaderboards(load_side(week1, results)[0], load_side(week2, results)[0], "", "")
    ranks = [row[:3] for row in _table_rows(page, "ranks", "models")]
    assert ranks == _expected_ranks(diff)
    tasks = _table_rows(page, "solved", "tasks")
    assert tasks == _expected_tasks(diff) == [["alpha", "t6", "t5"]]

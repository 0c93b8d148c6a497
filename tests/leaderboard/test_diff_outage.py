"""`bench diff` across a provider outage: only genuine verdict changes are listed."""

from __future__ import annotations

from click.testing import CliRunner

from bench.cli import cli
from bench.leaderboard import diff_leaderboards, load_side
from tests.leaderboard.outage_runs import EXPECTED, write_outage_weeks


def _diff_text(results, old: str, new: str) -> str:
    result = CliRunner().invoke(cli, ["diff", old, new, "--results-dir", str(results)])
    assert result.exit_code == 0, result.output
    return result.output


def test_outage_week_then_normal_week_lists_no_outage_task_as_changed(tmp_path):
    week1, week2 = write_outage_weeks(tmp_path)
    diff = diff_leaderboards(
        load_side(week1, tmp_path)[0], load_side(week2, tmp_path)[0], week1, week2
    )
    found = {
        change.model: {
            "solved": change.newly_solved,
            "failed": change.newly_failed,
            "not_comparable": change.not_comparable,
        }
        for change in diff.models
    }
    assert found == EXPECTED

    text = _diff_text(tmp_path, week1, week2)
    assert "newly solved: t6\n" in text and "newly failed: t5\n" in text
    assert "not comparable (infrastructure errors only on one side): t0, t1, t2, t3\n" in text
    assert "\nbeta:\n  not comparable (infrastructure errors only on one side): t6\n" in text
    assert "\ngamma:\n" not in text


def test_reverse_direction_does_not_report_the_outage_as_newly_failed(tmp_path):
    week1, week2 = write_outage_weeks(tmp_path)
    text = _diff_text(tmp_path, week2, week1)
    newly_failed = [line for line in text.splitlines() if "newly failed" in line]
    newly_solved = [line for line in text.splitlines() if "newly solved" in line]
    assert newly_failed == ["  newly failed: t6"]
    assert newly_solved == ["  newly solved: t5"]

"""The human-preference column: with interval and count when votes exist, else absent."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bench.cli import cli
from bench.human import draw_ballot, load_ballots, write_ballot
from bench.leaderboard import load_results
from bench.site import build_site
from tests.human.synthetic import simulated_votes, write_run, write_tasks, write_votes
from tests.site.linkcheck import broken_links, external_resources


@pytest.fixture
def folder(tmp_path):
    tasks = write_tasks(tmp_path / "tasks")
    write_run(tmp_path / "results", tasks)
    by_id = {task.id: task for task in tasks}
    ballot = draw_ballot(load_results(tmp_path / "results"), by_id, pairs=12, seed=2)
    write_ballot(ballot, tmp_path / "human")
    (tmp_path / "human" / "votes").mkdir()
    (tmp_path / "human" / "votes" / ".gitkeep").touch()
    return tmp_path


def _leaderboard(folder, output_format: str) -> str:
    args = ["leaderboard", "--results-dir", str(folder / "results"), "--tasks-dir"]
    args += [str(folder / "tasks"), "--human-dir", str(folder / "human"), "--format"]
    result = CliRunner().invoke(cli, [*args, output_format])
    assert result.exit_code == 0, result.output
    return result.output


def _add_votes(folder) -> None:
    (ballot,) = load_ballots(folder / "human").values()
    for seed, voter in enumerate(("synthetic-reviewer-1", "synthetic-reviewer-2")):
        write_votes(folder / "human", simulated_votes(ballot, voter, seed))


def test_absent_without_votes_present_with_them(folder):
    assert "human_preference" not in _leaderboard(folder, "json")
    assert "human" not in _leaderboard(folder, "csv").splitlines()[0]
    assert "human preference" not in _leaderboard(folder, "markdown")
    _add_votes(folder)
    rows = {row["model"]: row for row in json.loads(_leaderboard(folder, "json"))}
    assert "human_preference" not in rows["reference"]  # a baseline is never on a ballot
    alpha, gamma = rows["synthetic/alpha"], rows["synthetic/gamma"]
    low, high = alpha["human_preference"]["rating_ci"]
    assert low <= alpha["human_preference"]["rating"] <= high
    assert alpha["human_preference"]["votes"] > 0
    assert alpha["human_preference"]["rating"] > gamma["human_preference"]["rating"]
    header = _leaderboard(folder, "csv").splitlines()[0].split(",")
    assert header[-4:] == ["human_preference", "human_low", "human_high", "human_votes"]
    assert "human preference [95% CI]" in _leaderboard(folder, "markdown")


def test_a_broken_votes_file_fails_the_leaderboard_in_one_line(folder):
    (folder / "human" / "votes" / "x-2026-12-07.yaml").write_text("voter: x\n", encoding="utf-8")
    args = ["leaderboard", "--results-dir", str(folder / "results")]
    result = CliRunner().invoke(cli, [*args, "--human-dir", str(folder / "human")])
    assert result.exit_code == 1
    assert "x-2026-12-07.yaml: ballot: missing" in result.output
    assert "Traceback" not in result.output


def test_the_site_says_plainly_there_are_no_votes(folder):
    site = folder / "site"
    build_site(folder / "results", folder / "tasks", site, human_dir=folder / "human", workers=1)
    human = (site / "human.html").read_text(encoding="utf-8")
    assert "No votes yet." in human and "vote/b-" in human
    assert "bench-human-cell" not in (site / "index.html").read_text(encoding="utf-8")
    (ballot,) = load_ballots(folder / "human").values()
    vote = (site / "vote" / f"{ballot.id}.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in vote and "&lt;b&gt;not bold&lt;/b&gt;" in vote
    assert "synthetic/alpha" not in vote  # names only in the wrapped (base64) data
    assert "this site was built without a repository" in vote
    assert broken_links(site) == [] and external_resources(site) == []

"""Votes files are checked as CI checks them: one clear line per problem, naming the file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.cli import cli
from bench.human import draw_ballot, write_ballot
from tests.human.synthetic import write_run, write_tasks


@pytest.fixture
def human(tmp_path) -> Path:
    """A human/ folder with one ballot drawn from a SYNTHETIC run."""
    from bench.leaderboard import load_results

    tasks = write_tasks(tmp_path / "tasks")
    write_run(tmp_path / "results", tasks)
    ballot = draw_ballot(
        load_results(tmp_path / "results"), {t.id: t for t in tasks}, pairs=4, seed=1
    )
    write_ballot(ballot, tmp_path / "human")
    (tmp_path / "human" / "votes").mkdir()
    return tmp_path / "human"


def _ballot_id(human: Path) -> str:
    return next((human / "ballots").glob("*.json")).stem


def _votes(human: Path, body: str, name: str = "octocat-2026-12-07.yaml") -> Path:
    path = human / "votes" / name
    text = f"voter: octocat\nballot: {_ballot_id(human)}\n" + textwrap.dedent(body)
    path.write_text(text, encoding="utf-8")
    return path


def _validate(human: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["human", "validate", "--human-dir", str(human), *args])
    assert "Traceback" not in result.output
    return result.exit_code, [line for line in result.output.splitlines() if line]


GOOD = "votes:\n  - {pair: p001, choice: a}\n  - {pair: p002, choice: tie}\n"


def test_a_good_file_passes(human):
    path = _votes(human, GOOD)
    code, lines = _validate(human, str(path), "--author", "OctoCat")
    assert code == 0, lines
    assert lines == ["1 votes files, 2 votes: all valid"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("votes:\n  - {pair: p099, choice: a}\n", "votes[0]: pair 'p099' is not in b-"),
        (
            "votes:\n  - {pair: p001, choice: a}\n  - {pair: p001, choice: b}\n",
            "votes[1]: duplicate vote on pair p001 (already at votes[0])",
        ),
        ("votes:\n  - {pair: p001, choice: maybe}\n", "votes[0].choice: 'maybe' is not one of"),
        ("votes: [\n", "not valid YAML (line"),
    ],
    ids=["unknown-pair", "duplicate-vote", "malformed-choice", "bad-yaml"],
)
def test_each_problem_is_one_line_naming_the_file(human, body, expected):
    path = _votes(human, body)
    code, lines = _validate(human, str(path))
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {path}: ") and expected in lines[0]


def test_a_misspelt_key_names_both_sides_of_the_mistake(human):
    path = _votes(human, "votes:\n  - {pair: p001, choise: a}\n")
    code, lines = _validate(human, str(path))
    assert code == 1
    assert lines == [
        f"error: {path}: votes[0].choice: missing",
        f"error: {path}: votes[0].choise: unknown key (misspelt?)",
    ]


def test_wrong_voter_is_one_line(human):
    path = _votes(human, GOOD)
    code, lines = _validate(human, str(path), "--author", "mallory")
    assert code == 1
    assert lines == [
        f"error: {path}: voter is 'octocat' but the pull request's author is 'mallory'"
    ]


def test_unknown_ballot_and_wrong_file_name(human):
    path = human / "votes" / "someone-else.yaml"
    path.write_text("voter: octocat\nballot: b-2020-01-01-abcdef\n" + GOOD, encoding="utf-8")
    code, lines = _validate(human, str(path))
    assert code == 1
    assert any("name the file octocat-<yyyy-mm-dd>.yaml" in line for line in lines)
    assert any("ballot 'b-2020-01-01-abcdef' does not exist" in line for line in lines)


def test_a_second_file_may_not_vote_again_on_a_pair(human):
    _votes(human, GOOD)
    again = _votes(human, "votes:\n  - {pair: p002, choice: b}\n", "octocat-2026-12-08.yaml")
    code, lines = _validate(human, str(again))
    assert code == 1
    assert lines == [
        f"error: {again}: duplicate vote: octocat already voted on pair p002 of "
        f"{_ballot_id(human)} in {human / 'votes' / 'octocat-2026-12-07.yaml'}"
    ]
    other = _votes(human, "votes:\n  - {pair: p002, choice: b}\n", "hubot-2026-12-08.yaml")
    other.write_text(other.read_text().replace("octocat", "hubot"), encoding="utf-8")
    assert _validate(human, str(other))[0] == 0


def test_summary_for_the_pull_request_comment(human, tmp_path):
    path = _votes(human, GOOD)
    summary = tmp_path / "summary.md"
    code, _ = _validate(human, str(path), "--summary", str(summary))
    text = summary.read_text()
    assert code == 0 and "octocat voted on 2 of 4 pairs" in text and "All checks passed" in text


def test_real_subprocess_exits_1_with_one_line(human):
    path = _votes(human, "votes:\n  - {pair: p001, choice: maybe}\n")
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "human", "validate", str(path), "--human-dir", str(human)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines() == [
        f"error: {path}: votes[0].choice: 'maybe' is not one of a, b, tie or skip"
    ]

"""The checks CI runs on a votes pull request, and `bench human validate` runs locally.

A votes file is accepted when it parses (schema), names an existing ballot and only
that ballot's pairs, holds at most one vote per pair, no other file already holds a
vote by the same voter on the same pair, its name is `<voter>-<yyyy-mm-dd>.yaml`,
and (when an author is given, as the workflow does) its `voter` is that author.
Every problem is one line that names the file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.human._files import HumanFileError, LoadedVotes, read_votes_file
from bench.human._model import Ballot, VotesFile

_NAME_DATE = r"-\d{4}-\d{2}-\d{2}(?:-\d+)?\.ya?ml"


@dataclass
class VotesCheck:
    """The outcome of checking some votes files."""

    accepted: list[LoadedVotes] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem found."""
        return not self.problems


def _file_problems(
    path: Path, votes: VotesFile, ballots: dict[str, Ballot], author: str | None
) -> list[str]:
    problems: list[str] = []
    if author is not None and votes.voter.lower() != author.lower():
        problems.append(
            f"{path}: voter is {votes.voter!r} but the pull request's author is {author!r}"
        )
    if not re.fullmatch(re.escape(votes.voter) + _NAME_DATE, path.name, flags=re.IGNORECASE):
        problems.append(f"{path}: name the file {votes.voter}-<yyyy-mm-dd>.yaml (the voter's)")
    ballot = ballots.get(votes.ballot)
    if ballot is None:
        return [*problems, f"{path}: ballot {votes.ballot!r} does not exist in human/ballots/"]
    known = {pair.id for pair in ballot.pairs}
    first: dict[str, int] = {}
    for index, vote in enumerate(votes.votes):
        if vote.pair not in known:
            problems.append(f"{path}: votes[{index}]: pair {vote.pair!r} is not in {ballot.id}")
        elif vote.pair in first:
            problems.append(
                f"{path}: votes[{index}]: duplicate vote on pair {vote.pair} "
                f"(already at votes[{first[vote.pair]}])"
            )
        else:
            first[vote.pair] = index
    return problems


def _cross_file_problems(loaded: list[LoadedVotes], mine: set[Path]) -> list[str]:
    """A voter votes once per pair across all files: the file being checked is the culprit."""
    owner: dict[tuple[str, str, str], Path] = {}
    problems = []
    ordered = sorted(loaded, key=lambda item: (item.path.resolve() in mine, str(item.path)))
    for item in ordered:
        for pair in sorted({vote.pair for vote in item.votes.votes}):
            key = (item.votes.voter.lower(), item.votes.ballot, pair)
            if key in owner and item.path.resolve() in mine:
                problems.append(
                    f"{item.path}: duplicate vote: {item.votes.voter} already voted on pair "
                    f"{pair} of {item.votes.ballot} in {owner[key]}"
                )
            owner.setdefault(key, item.path)
    return problems


def check_votes(
    files: list[Path],
    ballots: dict[str, Ballot],
    *,
    others: list[Path] | None = None,
    author: str | None = None,
) -> VotesCheck:
    """Check `files` against the ballots and against the already committed `others`.

    Args:
        files: the votes files to check (e.g. those a pull request adds).
        ballots: every ballot, by id.
        others: votes files already accepted (a second vote on a pair is refused);
            any of `files` among them is checked once.
        author: when given, each file's `voter` must equal it (case-insensitive, as
            GitHub handles are).
    """
    check = VotesCheck()
    mine = {Path(path).resolve() for path in files}
    unique = {Path(path).resolve(): Path(path) for path in [*(others or []), *files]}
    loaded: list[LoadedVotes] = []
    for resolved, path in sorted(unique.items(), key=lambda item: str(item[1])):
        own = resolved in mine
        try:
            votes = read_votes_file(path)
        except HumanFileError as error:
            check.problems.extend(error.problems if own else [])
            continue
        problems = _file_problems(path, votes, ballots, author if own else None)
        check.problems.extend(problems if own else [])
        if not problems:
            loaded.append(LoadedVotes(path, votes))
    check.problems.extend(_cross_file_problems(loaded, mine))
    spoiled = {line.split(": ", 1)[0] for line in check.problems}
    check.accepted = [
        item for item in loaded if item.path.resolve() in mine and str(item.path) not in spoiled
    ]
    return check


def summary_markdown(check: VotesCheck, ballots: dict[str, Ballot]) -> str:
    """The pull-request comment: per accepted file its counts, then every problem."""
    lines = ["## Votes check", ""]
    for item in check.accepted:
        counts = Counter(vote.choice for vote in item.votes.votes)
        ballot = ballots[item.votes.ballot]
        lines.append(
            f"- `{item.path.name}`: {item.votes.voter} voted on {len(item.votes.votes)} of "
            f"{len(ballot.pairs)} pairs of `{ballot.id}` (a {counts['a']}, b {counts['b']}, "
            f"tie {counts['tie']}, skip {counts['skip']})"
        )
    if check.problems:
        lines += ["", f"**{len(check.problems)} problem(s)** - please fix and push again:", ""]
        lines += [f"- `{problem}`" for problem in check.problems]
    else:
        lines += ["", "All checks passed: thank you! A maintainer can merge this."]
    return "\n".join(lines) + "\n"

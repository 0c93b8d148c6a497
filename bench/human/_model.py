"""The two files human evaluation keeps in git: ballots (drawn pairs) and votes (a reviewer's).

Both are pydantic models with `extra="forbid"`, so a misspelt key in a votes file
fails validation instead of being ignored. The votes file is the contract that
docs/architecture.md states (`voter`, `ballot`, `votes: [{pair, choice}]`); the ballot
carries a version because the site and the rating read old ballots for as long as their
votes count.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BALLOT_VERSION = 1
BALLOT_ID_PATTERN = r"^b-\d{4}-\d{2}-\d{2}-[0-9a-f]{6}$"
PAIR_ID_PATTERN = r"^p\d{3,}$"
VOTER_PATTERN = r"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"
"""A GitHub handle: letters, digits and single inner hyphens, at most 39 characters."""
Choice = Literal["a", "b", "tie", "skip"]
CHOICES: tuple[str, ...] = ("a", "b", "tie", "skip")


class BallotAnswer(BaseModel):
    """One side of a pair: which model answered, and the answer the reviewer sees."""

    model_config = ConfigDict(extra="forbid")

    model: str
    """The model's leaderboard name (hidden on the vote page until every pair is voted)."""
    run_id: str
    """The committed run the answer comes from."""
    sample: int = 0
    """The attempt's sample index in that run."""
    status: str
    """The automatic verdict (passed, failed, ...); hidden like the name."""
    overall: float | None = None
    """The automatic overall score of this attempt (0-100), for agreement figures."""
    code: str
    """The answer as shown: the extracted code, else the whole reply."""


class BallotPair(BaseModel):
    """Two models' answers to the same task, in a random order."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=PAIR_ID_PATTERN)
    """`p001`, `p002`, ...: what a vote names."""
    task_id: str
    task_hash: str
    """The task version both answers were judged against."""
    kind: str = "function"
    """The task kind (function, debug, ...)."""
    difficulty: str
    title: str
    prompt: str
    """The prompt as the models saw it, kept here so the ballot outlives task edits."""
    a: BallotAnswer
    b: BallotAnswer


class Ballot(BaseModel):
    """A reproducible draw of blind pairs (human/ballots/<id>.json)."""

    model_config = ConfigDict(extra="forbid")

    version: int = BALLOT_VERSION
    """Ballot file format version."""
    id: str = Field(pattern=BALLOT_ID_PATTERN)
    """`b-<date>-<6 hex>`: the date drawn and a hash of the pairs."""
    created: dt.date
    seed: int
    """The seed the pairs were drawn with (same seed + same results = same pairs)."""
    status: Literal["open", "closed"] = "open"
    """Open ballots get a Vote page; votes on closed ballots still count."""
    kind: str | None = None
    """The task kind the pairs were limited to, if any."""
    runs: list[str]
    """The runs the answers come from."""
    pairs: list[BallotPair] = Field(min_length=1)

    def pair(self, pair_id: str) -> BallotPair | None:
        """The pair with this id, or None."""
        return next((pair for pair in self.pairs if pair.id == pair_id), None)


class Vote(BaseModel):
    """One judgement: which answer the reviewer would rather merge."""

    model_config = ConfigDict(extra="forbid")

    pair: str = Field(pattern=PAIR_ID_PATTERN)
    choice: Choice
    """`a`, `b`, `tie` (equally good or bad) or `skip` (cannot judge; not counted)."""


class VotesFile(BaseModel):
    """A reviewer's votes on one ballot (human/votes/<voter>-<yyyy-mm-dd>.yaml)."""

    model_config = ConfigDict(extra="forbid")

    voter: str = Field(pattern=VOTER_PATTERN, max_length=39)
    """The reviewer's GitHub handle; CI checks it is the pull request's author."""
    ballot: str = Field(pattern=BALLOT_ID_PATTERN)
    """The ballot the pairs come from."""
    votes: list[Vote] = Field(min_length=1)

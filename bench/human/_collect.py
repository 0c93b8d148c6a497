"""From the committed votes to ratings on the leaderboard.

Every build reads all votes files under human/votes/ (already checked by CI; a
broken one still fails here, loudly, rather than being skipped in silence),
turns each counted vote into a game between the two models of its pair, and fits
the ratings. The leaderboard rows get a `human_preference` only for models that
have votes: no votes means no column, never a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.human._files import HumanFileError, LoadedVotes, load_ballots, votes_paths
from bench.human._model import Ballot
from bench.human._rating import RESAMPLES, Game, HumanRatings, rate
from bench.human._validate import check_votes
from bench.leaderboard import HumanPreference, LeaderboardRow

SCORES = {"a": 1.0, "b": 0.0, "tie": 0.5}


@dataclass
class HumanData:
    """Ballots and the accepted votes of a human/ folder."""

    ballots: dict[str, Ballot]
    votes: list[LoadedVotes]

    @property
    def open_ballots(self) -> list[Ballot]:
        """Ballots that get a Vote page, newest first."""
        return sorted(
            (b for b in self.ballots.values() if b.status == "open"),
            key=lambda b: (b.created, b.id),
            reverse=True,
        )


def load_human(human_dir: str | Path) -> HumanData:
    """Read and check every ballot and votes file; `HumanFileError` lists all problems."""
    ballots = load_ballots(human_dir)
    paths = votes_paths(human_dir)
    check = check_votes(paths, ballots)
    if check.problems:
        raise HumanFileError(check.problems)
    return HumanData(ballots, check.accepted)


def games(data: HumanData, *, difficulty: str | None = None, kind: str | None = None) -> list[Game]:
    """Counted votes (skips left out) as games, optionally for one tier or kind."""
    found = []
    for item in data.votes:
        ballot = data.ballots[item.votes.ballot]
        for vote in item.votes.votes:
            pair = ballot.pair(vote.pair)
            if pair is None or vote.choice not in SCORES:
                continue
            if (difficulty and pair.difficulty != difficulty) or (kind and pair.kind != kind):
                continue
            if pair.a.model != pair.b.model:
                found.append(Game(pair.a.model, pair.b.model, SCORES[vote.choice]))
    return found


def ratings_of(
    data: HumanData,
    *,
    seed: int = 0,
    difficulty: str | None = None,
    kind: str | None = None,
    resamples: int = RESAMPLES,
) -> HumanRatings | None:
    """The ratings, or None when no vote counts (the site then says there are none)."""
    counted = games(data, difficulty=difficulty, kind=kind)
    if not counted:
        return None
    voters = len({item.votes.voter.lower() for item in data.votes})
    return rate(counted, voters=voters, seed=seed, resamples=resamples)


def attach_ratings(rows: list[LeaderboardRow], ratings: HumanRatings | None) -> None:
    """Give each ranked model with votes its `human_preference`; others stay without."""
    for row in rows:
        rating = ratings.ratings.get(row.model) if ratings else None
        row.human_preference = (
            None
            if rating is None
            else HumanPreference(
                rating=round(rating.rating, 1),
                rating_ci=[round(rating.low, 1), round(rating.high, 1)],
                votes=rating.votes,
            )
        )

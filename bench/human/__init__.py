"""Human evaluation: blind pairwise ballots, votes by pull request, a preference rating.

Ballots (`human/ballots/<id>.json`) are drawn reproducibly from committed runs;
reviewers vote on the site and submit `human/votes/<voter>-<date>.yaml` by pull
request; CI checks the file; the leaderboard shows a Bradley-Terry rating with
bootstrap intervals and its agreement with the automatic score.
"""

from bench.human._agreement import Agreement, agreement, spearman
from bench.human._collect import HumanData, attach_ratings, games, load_human, ratings_of
from bench.human._draw import BallotError, draw_ballot, draw_from_results
from bench.human._files import (
    HumanFileError,
    LoadedVotes,
    load_ballots,
    read_ballot,
    read_votes_file,
    votes_paths,
    write_ballot,
)
from bench.human._model import CHOICES, Ballot, BallotAnswer, BallotPair, Vote, VotesFile
from bench.human._rating import Game, HumanRating, HumanRatings, fit_strengths, rate
from bench.human._report import rating_lines
from bench.human._validate import VotesCheck, check_votes, summary_markdown

__all__ = [
    "CHOICES",
    "Agreement",
    "Ballot",
    "BallotAnswer",
    "BallotError",
    "BallotPair",
    "Game",
    "HumanData",
    "HumanFileError",
    "HumanRating",
    "HumanRatings",
    "LoadedVotes",
    "Vote",
    "VotesCheck",
    "VotesFile",
    "agreement",
    "attach_ratings",
    "check_votes",
    "draw_ballot",
    "draw_from_results",
    "fit_strengths",
    "games",
    "load_ballots",
    "load_human",
    "rate",
    "rating_lines",
    "ratings_of",
    "read_ballot",
    "read_votes_file",
    "spearman",
    "summary_markdown",
    "votes_paths",
    "write_ballot",
]

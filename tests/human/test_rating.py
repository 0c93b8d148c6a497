"""The Bradley-Terry rating on SYNTHETIC votes with a known ground truth."""

from __future__ import annotations

import math

import pytest

from bench.human import Game, agreement, fit_strengths, rate, spearman
from tests.human.synthetic import simulated_games

TRUTH = {"m-best": 1.5, "m-good": 0.7, "m-mid": 0.0, "m-weak": -0.8}
"""SYNTHETIC ground-truth log-strengths."""


def test_the_rating_recovers_the_ground_truth_order_and_gaps():
    ratings = rate(simulated_games(TRUTH, 4000, seed=1), seed=0, resamples=100)
    order = [r.model for r in ratings.ordered()]
    assert order == sorted(TRUTH, key=lambda m: -TRUTH[m])
    # Elo points back to log-strength differences; ties make votes a little less decisive.
    fitted = {m: (r.rating - 1000) * math.log(10) / 400 for m, r in ratings.ratings.items()}
    centre = sum(TRUTH.values()) / len(TRUTH)
    for model, truth in TRUTH.items():
        assert fitted[model] == pytest.approx(truth - centre, abs=0.25)
        rating = ratings.ratings[model]
        assert rating.low < rating.rating < rating.high


def test_intervals_shrink_as_votes_grow():
    widths = []
    for count in (40, 320, 2560):
        ratings = rate(simulated_games(TRUTH, count, seed=2), seed=0, resamples=150)
        widths.append(sum(r.high - r.low for r in ratings.ratings.values()) / len(TRUTH))
    assert widths[0] > widths[1] > widths[2]
    assert widths[2] < widths[0] / 4  # ~1/sqrt(n): 64x the votes, ~8x narrower


def test_ties_count_half_and_the_prior_keeps_a_winless_model_finite():
    games = [Game("x", "y", 0.5)] * 10
    strengths = fit_strengths(games, ["x", "y"])
    assert strengths["x"] == pytest.approx(strengths["y"])
    sweep = rate([Game("x", "y", 1.0)] * 5, resamples=50)
    assert math.isfinite(sweep.ratings["y"].rating)
    assert sweep.ratings["x"].rating > sweep.ratings["y"].rating
    x, y = sweep.ratings["x"], sweep.ratings["y"]
    assert (x.wins, y.losses, x.votes) == (5, 5, 5)


def test_same_seed_same_numbers():
    games = simulated_games(TRUTH, 300, seed=3)
    assert rate(games, seed=5, resamples=100) == rate(games, seed=5, resamples=100)


def test_spearman_by_hand():
    assert spearman([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    # ranks x = 1,2,3,4 ; y = 1,3,2,4 -> 1 - 6*2/(4*15) = 0.8
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 1, 1], [1, 2, 3]) is None


def test_agreement_with_the_automatic_score_has_an_interval():
    ratings = rate(simulated_games(TRUTH, 1000, seed=4), resamples=150)
    overall = {"m-best": 90.0, "m-good": 70.0, "m-mid": 60.0, "m-weak": 20.0, "absent": 99.0}
    agreed = agreement(ratings, overall)
    assert agreed.rho == pytest.approx(1.0)
    assert agreed.models == sorted(TRUTH)
    assert agreed.low is not None and agreed.low <= agreed.rho <= agreed.high
    too_few = agreement(ratings, {"m-best": 1.0, "m-good": 2.0})
    assert too_few.rho is None

"""Do the automatic scores track what people prefer? Spearman's rank correlation.

The correlation is taken between each model's human rating and its automatic
overall score, over the models that have both. Its interval reuses the rating's
bootstrap draws (votes resampled), holding the automatic scores fixed: it shows
how much the agreement depends on which votes were cast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bench.human._rating import CONFIDENCE, HumanRatings, _percentile

MIN_MODELS = 3
"""Fewer models than this make a rank correlation meaningless."""


@dataclass(frozen=True)
class Agreement:
    """Spearman's rho between human rating and automatic overall score."""

    rho: float | None
    """None when fewer than MIN_MODELS models have both figures (or either is constant)."""
    low: float | None
    high: float | None
    models: list[str]
    """The models compared."""


def _ranks(values: list[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(first: list[float], second: list[float]) -> float | None:
    """Pearson correlation of the average ranks; None if either side is constant."""
    if len(first) != len(second) or len(first) < 2:
        return None
    x, y = _ranks(first), _ranks(second)
    mean_x, mean_y = sum(x) / len(x), sum(y) / len(y)
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True))
    spread = math.sqrt(sum((a - mean_x) ** 2 for a in x) * sum((b - mean_y) ** 2 for b in y))
    return None if spread == 0 else covariance / spread


def agreement(ratings: HumanRatings, overall: dict[str, float | None]) -> Agreement:
    """Rank agreement of human ratings with automatic overall scores, with its interval."""
    models = sorted(m for m in ratings.ratings if overall.get(m) is not None)
    if len(models) < MIN_MODELS:
        return Agreement(None, None, None, models)
    automatic = [float(value) for m in models if (value := overall[m]) is not None]
    rho = spearman([ratings.ratings[m].rating for m in models], automatic)
    draws = [spearman([draw[m] for m in models], automatic) for draw in ratings.draws]
    defined = [value for value in draws if value is not None]
    if rho is None or not defined:
        return Agreement(rho, None, None, models)
    tail = (1 - CONFIDENCE) / 2
    return Agreement(rho, _percentile(defined, tail), _percentile(defined, 1 - tail), models)

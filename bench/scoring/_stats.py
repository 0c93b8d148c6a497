"""Intervals and paired tests over tasks: how sure is a score, is A really better than B.

Tasks are the unit of resampling: a benchmark is a sample of the tasks one could
have written, and that is the uncertainty a reader cares about. Everything is
seeded (numpy's `default_rng(seed)`), so a leaderboard rebuilt from the same
results prints the same intervals. numpy is imported inside the functions so
`import bench.scoring` stays cheap for the CLI.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

Statistic = Callable[["np.ndarray"], float]

RESAMPLE_CHUNK = 256
"""Resamples drawn per block: bounds memory to 256 x n values whatever n_resamples is."""


def _resampled(
    values: np.ndarray, statistic: Statistic | None, n_resamples: int, seed: int
) -> np.ndarray:
    """`n_resamples` bootstrap replicates of `statistic` (mean when None)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    replicates = np.empty(n_resamples)
    for start in range(0, n_resamples, RESAMPLE_CHUNK):
        size = min(RESAMPLE_CHUNK, n_resamples - start)
        samples = values[rng.integers(0, len(values), size=(size, len(values)))]
        if statistic is None:
            replicates[start : start + size] = samples.mean(axis=1)
        else:
            replicates[start : start + size] = [statistic(row) for row in samples]
    return replicates


def _check(n_resamples: int, confidence: float) -> None:
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be >= 1 (got {n_resamples})")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1) (got {confidence})")


def _as_array(values: Sequence[float] | np.ndarray) -> np.ndarray:
    import numpy as np

    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or len(array) == 0:
        raise ValueError("need a non-empty, one-dimensional sequence of per-task values")
    if not np.all(np.isfinite(array)):
        raise ValueError("per-task values must be finite (drop undefined tasks first)")
    return array


def bootstrap_ci(
    values_per_task: Sequence[float] | np.ndarray,
    statistic: Statistic | None = None,
    n_resamples: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of a statistic over tasks.

    Args:
        values_per_task: one value per task (average a task's samples first, so
            a task asked 5 times still counts once).
        statistic: a function of a 1-D array; the mean when None (vectorised).
        n_resamples: bootstrap replicates.
        seed: seed of numpy's default_rng; the same seed gives the same interval.
        confidence: coverage of the interval.

    Returns:
        (low, high): the (1 - confidence)/2 and (1 + confidence)/2 quantiles of
        the replicates (numpy's default linear interpolation).
    """
    import numpy as np

    _check(n_resamples, confidence)
    replicates = _resampled(_as_array(values_per_task), statistic, n_resamples, seed)
    alpha = 1.0 - confidence
    low, high = np.quantile(replicates, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


@dataclass(frozen=True)
class PairedComparison:
    """A paired bootstrap of model A minus model B over the tasks both attempted."""

    tasks: int
    """Number of shared tasks."""
    mean_difference: float
    """Mean over shared tasks of A's value minus B's."""
    ci_low: float
    """Lower end of the bootstrap interval of the mean difference."""
    ci_high: float
    """Upper end of it."""
    p_value: float
    """Two-sided p-value of "no difference" (see `paired_bootstrap`)."""


def _shared(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[list[float], list[float]]:
    shared = sorted(set(a) & set(b))
    if not shared:
        raise ValueError("the two models share no task: nothing to compare")
    return [a[task] for task in shared], [b[task] for task in shared]


def paired_bootstrap(
    a: Mapping[str, float],
    b: Mapping[str, float],
    n_resamples: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> PairedComparison:
    """Is A's mean over tasks different from B's? Paired bootstrap on shared tasks.

    The per-task differences d_i = a_i - b_i (tasks present in both mappings,
    in sorted id order) are resampled. The interval is the percentile interval
    of the resampled mean difference. The p-value resamples under the null by
    centring: `p = (1 + #{|mean*_j - mean(d)| >= |mean(d)|}) / (1 + n_resamples)`,
    which is never 0 (the +1 counts the observed sample; Davison & Hinkley 1997).
    """
    import numpy as np

    _check(n_resamples, confidence)
    values_a, values_b = _shared(a, b)
    differences = _as_array(values_a) - _as_array(values_b)
    observed = float(differences.mean())
    replicates = _resampled(differences, None, n_resamples, seed)
    alpha = 1.0 - confidence
    low, high = np.quantile(replicates, [alpha / 2, 1 - alpha / 2])
    extreme = int(np.sum(np.abs(replicates - observed) >= abs(observed) - 1e-12))
    p_value = (1 + extreme) / (1 + n_resamples)
    return PairedComparison(len(differences), observed, float(low), float(high), p_value)


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value from the discordant pair counts.

    With n = a_only + b_only tasks where exactly one of the two models passed,
    under "equally good" each is A's with probability 1/2, so the smaller count
    follows Binomial(n, 1/2): `p = min(1, 2 x P(X <= min(a_only, b_only)))`.
    The tail is summed in exact integers and divided once, so no rounding accumulates.
    """
    if a_only < 0 or b_only < 0:
        raise ValueError("discordant counts must be >= 0")
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(a_only, b_only) + 1))
    return min(1.0, 2 * tail / 2**n)


@dataclass(frozen=True)
class McNemarResult:
    """McNemar's exact test of two models' pass/fail on the tasks both attempted."""

    tasks: int
    """Number of shared tasks."""
    a_only: int
    """Tasks A passed and B failed."""
    b_only: int
    """Tasks B passed and A failed."""
    p_value: float
    """Two-sided exact p-value."""


def mcnemar_test(a_passed: Mapping[str, bool], b_passed: Mapping[str, bool]) -> McNemarResult:
    """McNemar's exact test on the tasks both models attempted (by task id)."""
    values_a, values_b = _shared(a_passed, b_passed)
    a_only = sum(1 for x, y in zip(values_a, values_b, strict=True) if x and not y)
    b_only = sum(1 for x, y in zip(values_a, values_b, strict=True) if y and not x)
    return McNemarResult(len(values_a), a_only, b_only, mcnemar_exact(a_only, b_only))

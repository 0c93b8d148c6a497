"""The per-attempt dimensions (except quality) and the weighted overall score.

Each function is pure and cheap, takes plain numbers, and returns a score in
0..100 (or None where the dimension is undefined). docs/methodology.md gives
every formula; the tests pin them on hand-computed cases.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

DIMENSIONS = ("correctness", "speed", "quality", "efficiency")
"""The four dimensions, in the order the leaderboard shows them."""

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "correctness": 0.40,
    "speed": 0.20,
    "quality": 0.25,
    "efficiency": 0.15,
}
"""Weights of the overall score when bench.yaml gives none."""

DEFAULT_SPEED_BASELINE_S = 30.0
"""Response time (s) that scores 50 on speed when bench.yaml gives no baseline.

bench.yaml's `scoring.speed.baseline_s` defaults to this; 30 s is what runs have
always applied (the config's default), so published speed scores keep their meaning.
"""

SPEED_SPREAD = 4.0
"""Speed is 100 at baseline / 4 or faster and 0 at baseline x 4 or slower."""

EFFICIENCY_TOLERANCE = 1.1
"""Candidate/reference runtime ratio still worth 100: within timing noise of a tie."""

EFFICIENCY_ZERO_AT = 10.0
"""Runtime ratio at and beyond which efficiency is 0."""

EFFICIENCY_NOISE_FLOOR_S = 1e-3
"""Seconds added to both totals, so microsecond-scale runs compare as equal."""


def _check_finite(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number (got {value})")


def _clamp(score: float) -> float:
    return min(100.0, max(0.0, score))


def correctness(passed_weight: float, total_weight: float) -> float:
    """Weighted pass rate: 100 x passed weight / total weight.

    Raises:
        ValueError: total_weight <= 0 (a task always has a positive total), or
            passed_weight outside 0..total_weight.
    """
    _check_finite("passed_weight", passed_weight)
    _check_finite("total_weight", total_weight)
    if total_weight <= 0:
        raise ValueError(f"total_weight must be > 0 (got {total_weight})")
    if passed_weight < 0 or passed_weight > total_weight * (1 + 1e-9):
        raise ValueError(f"passed_weight {passed_weight} outside 0..{total_weight}")
    return _clamp(100.0 * passed_weight / total_weight)


def speed(response_time_s: float, baseline_s: float, *, spread: float = SPEED_SPREAD) -> float:
    """Response time against a baseline, linear in log(time).

    `50 x (1 - log(t / baseline) / log(spread))`, clamped to 0..100: 100 at or
    below baseline / spread (a "fast floor": below it, time is mostly network
    and queueing, not the model), 50 at the baseline, 0 at baseline x spread or
    slower. On a log scale, taking twice as long always costs the same points
    (12.5 with the default spread of 4), whatever the baseline.
    """
    _check_finite("response_time_s", response_time_s)
    _check_finite("baseline_s", baseline_s)
    if baseline_s <= 0 or spread <= 1:
        raise ValueError("baseline_s must be > 0 and spread > 1")
    if response_time_s <= baseline_s / spread:
        return 100.0
    return _clamp(50.0 * (1.0 - math.log(response_time_s / baseline_s) / math.log(spread)))


@dataclass(frozen=True)
class SpeedBaseline:
    """Speed baselines from bench.yaml: one default, optionally one per difficulty.

    Harder tasks need longer answers, so a per-difficulty baseline keeps speed
    from punishing a model merely for being asked harder questions.
    """

    default_s: float = DEFAULT_SPEED_BASELINE_S
    """Baseline for difficulties not listed in `per_difficulty`."""
    per_difficulty: Mapping[str, float] = field(default_factory=dict)
    """Baseline seconds by difficulty name (easy, medium, hard, extreme)."""

    def for_difficulty(self, difficulty: str | None) -> float:
        """The baseline that applies to a task of `difficulty`."""
        return self.per_difficulty.get(str(difficulty), self.default_s)


TimingSample = float | Iterable[float]
"""One test's time: a number, or repeated measurements whose median is used."""


def _median_total(times: Sequence[TimingSample | None]) -> float | None:
    import statistics  # ~15 ms (fractions, decimal): only when efficiency is computed

    total = 0.0
    for sample in times:
        if sample is None:
            return None
        value = float(sample) if isinstance(sample, int | float) else statistics.median(sample)
        _check_finite("test time", value)
        if value < 0:
            raise ValueError(f"a test time is negative ({value})")
        total += value
    return total


def efficiency(
    candidate_times: Sequence[TimingSample | None],
    reference_times: Sequence[TimingSample | None],
    *,
    all_passed: bool = True,
) -> float | None:
    """Test runtime of the candidate against the reference's, 0..100, or None.

    Each sequence has one entry per test (in the same order): a time in seconds
    or a list of repeats, reduced to its median (one slow repeat, such as a
    cache miss or a noisy neighbour, moves a median little). The per-test
    medians are summed, so the large-input tests that separate O(n) from
    O(n^2) dominate rather than the trivial ones, and compared as
    `r = (C + 1 ms) / (R + 1 ms)`. Then 100 when r <= 1.1, 0 when r >= 10,
    and `100 x (1 - log(r / 1.1) / log(10 / 1.1))` between.

    Returns:
        None when not every test passed (a wrong answer has no meaningful
        runtime), when there are no tests, or when any time is missing.
    """
    if len(candidate_times) != len(reference_times):
        raise ValueError(
            f"{len(candidate_times)} candidate times for {len(reference_times)} reference times"
        )
    if not all_passed or not candidate_times:
        return None
    candidate_total = _median_total(candidate_times)
    reference_total = _median_total(reference_times)
    if candidate_total is None or reference_total is None:
        return None
    ratio = (candidate_total + EFFICIENCY_NOISE_FLOOR_S) / (
        reference_total + EFFICIENCY_NOISE_FLOOR_S
    )
    if ratio <= EFFICIENCY_TOLERANCE:
        return 100.0
    span = math.log(EFFICIENCY_ZERO_AT / EFFICIENCY_TOLERANCE)
    return _clamp(100.0 * (1.0 - math.log(ratio / EFFICIENCY_TOLERANCE) / span))


def efficiency_is_decided(candidate_times: Sequence[TimingSample | None]) -> bool:
    """True when the candidate's times alone make `efficiency` 100, whatever the reference's.

    Since the reference's total R is at least 0, `r = (C + 1 ms) / (R + 1 ms)` is at
    most `(C + 1 ms) / 1 ms`, which is within the 1.1 tie when C <= 0.1 ms. Then
    `efficiency(candidate_times, any_reference_times) == 100` exactly, so the runner
    need not time the reference for this answer (most HumanEval checks run in tens of
    microseconds). False when a time is missing.
    """
    total = _median_total(candidate_times) if candidate_times else None
    limit = (EFFICIENCY_TOLERANCE - 1.0) * EFFICIENCY_NOISE_FLOOR_S
    return total is not None and total <= limit * (1 - 1e-9)


def overall(
    scores: Mapping[str, float | None], weights: Mapping[str, float] = DEFAULT_WEIGHTS
) -> float | None:
    """Weighted mean of the defined dimensions, weights renormalised over them.

    `sum(w_d x s_d) / sum(w_d)` over the dimensions d that have a weight and a
    score that is not None. A dimension left undefined (efficiency of a failed
    attempt) thus drops out instead of counting as 0 or as 100.

    Returns:
        None when no weighted dimension is defined.

    Raises:
        ValueError: a negative or non-finite weight, or a score outside 0..100.
    """
    numerator = denominator = 0.0
    for name, weight in weights.items():
        _check_finite(f"weight of {name}", weight)
        if weight < 0:
            raise ValueError(f"weight of {name} is negative ({weight})")
        score = scores.get(name)
        if score is None or weight == 0:
            continue
        _check_finite(name, score)
        if not 0 <= score <= 100:
            raise ValueError(f"{name} score {score} outside 0..100")
        numerator += weight * score
        denominator += weight
    if denominator == 0:
        return None
    return _clamp(numerator / denominator)


def gated_overall(
    scores: Mapping[str, float | None],
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
    *,
    improvement: bool = False,
) -> float | None:
    """`overall` with speed, quality and efficiency scaled by correctness / 100.

    A wrong answer delivered fast in tidy code is still wrong: ungated, a stub
    that returns nothing instantly would score about 53 overall with
    correctness 0. Gated, it scores 0, and a half-correct answer keeps half of
    its speed, quality and efficiency points. With correctness undefined
    (nothing ran), the other dimensions keep their value.

    For a task whose deliverable is an improvement (`improvement=True`: refactor,
    where quality is the gain over the code shown), speed and efficiency are also
    scaled by quality / 100: the code handed back unchanged, instantly, did not do
    the job, so it earns its correctness (behaviour kept) and nothing for being
    fast; a refactoring that reaches the reference's gain keeps every point.
    """
    judged = scores.get("correctness")
    gate = 1.0 if judged is None else judged / 100.0
    gain = scores.get("quality")
    done = 1.0 if not improvement or gain is None else gain / 100.0
    gated = {
        name: value
        if name == "correctness" or value is None
        else value * gate * (done if name in ("speed", "efficiency") else 1.0)
        for name, value in scores.items()
    }
    return overall(gated, weights)


MIN_REFACTOR_MARGIN = 5.0
"""Quality points a refactor task's reference must gain over its code (checked by --strict),
so the yardstick of `refactor_gain` is a real improvement, not measurement noise."""


def refactor_gain(after: float, before: float, target: float) -> float:
    """Quality of a refactoring: its gain over the original, as a share of the reference's.

    `100 x (after - before) / (target - before)`, clamped to 0..100, where `before` is
    the quality of the code shown, `after` that of the answer and `target` that of
    the task's reference refactoring (all 0..100 on the same ruff/radon scale). The
    code returned unchanged gains 0; matching the reference's gain scores 100, and
    going beyond it scores no more; a worse answer scores 0. When the reference
    gains nothing (`target <= before`, a task --strict rejects), any gain scores 100.
    """
    for name, value in (("after", after), ("before", before), ("target", target)):
        _check_finite(name, value)
    if target <= before:
        return 100.0 if after > before else 0.0
    return _clamp(100.0 * (after - before) / (target - before))

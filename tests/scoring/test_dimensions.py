"""Correctness, speed, efficiency and overall on hand-computed cases."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.scoring import (
    DEFAULT_SPEED_BASELINE_S,
    DEFAULT_WEIGHTS,
    SpeedBaseline,
    correctness,
    efficiency,
    overall,
    speed,
)


class TestCorrectness:
    def test_weighted_pass_rate(self):
        assert correctness(3, 4) == 75.0
        assert correctness(0, 2.5) == 0.0
        assert correctness(2.5, 2.5) == 100.0
        # run-length-encode: 10 tests, one of weight 0.5 (total 9.5); all but "single" pass
        assert correctness(9.0, 9.5) == pytest.approx(94.73684210526316)

    @pytest.mark.parametrize(("passed", "total"), [(1, 0), (-1, 2), (3, 2), (math.nan, 1)])
    def test_rejects_impossible_weights(self, passed, total):
        with pytest.raises(ValueError):
            correctness(passed, total)


class TestSpeed:
    @pytest.mark.parametrize(
        ("seconds", "expected"),
        [
            (0.0, 100.0),
            (5.0, 100.0),  # baseline / 4: the fast floor
            (10.0, 75.0),  # half the baseline: 50 * (1 + ln 2 / ln 4) = 50 * 1.5
            (20.0, 50.0),  # the baseline
            (40.0, 25.0),  # twice: 50 * (1 - 1/2)
            (80.0, 0.0),  # four times
            (500.0, 0.0),
        ],
    )
    def test_curve_with_a_20_second_baseline(self, seconds, expected):
        assert speed(seconds, 20.0) == pytest.approx(expected)

    def test_spread_sets_the_floor_and_the_zero(self):
        assert speed(2.0, 20.0, spread=10.0) == 100.0
        assert speed(200.0, 20.0, spread=10.0) == 0.0
        assert speed(20.0, 20.0, spread=10.0) == 50.0

    @given(
        st.floats(0, 1000, allow_nan=False),
        st.floats(0, 1000, allow_nan=False),
        st.floats(0.1, 100),
    )
    def test_monotone_decreasing_and_bounded(self, a, b, baseline):
        fast, slow = sorted((a, b))
        assert 0.0 <= speed(slow, baseline) <= speed(fast, baseline) <= 100.0

    def test_rejects_bad_input(self):
        for args in [(1.0, 0.0), (math.inf, 10.0), (1.0, math.nan)]:
            with pytest.raises(ValueError):
                speed(*args)

    def test_baseline_per_difficulty(self):
        baselines = SpeedBaseline(default_s=20.0, per_difficulty={"hard": 60.0})
        assert baselines.for_difficulty("hard") == 60.0
        assert baselines.for_difficulty("easy") == 20.0
        assert SpeedBaseline().for_difficulty(None) == DEFAULT_SPEED_BASELINE_S == 30.0


class TestEfficiency:
    def test_equal_or_slightly_slower_is_full_marks(self):
        assert efficiency([0.5, 0.5], [0.5, 0.5]) == 100.0
        # 1.099 s vs 1.0 s: (1.099 + 0.001) / (1.0 + 0.001) = 1.0989 <= 1.1
        assert efficiency([1.099], [1.0]) == 100.0

    def test_ten_times_slower_is_zero(self):
        # (9.999 + 0.001) / (0.999 + 0.001) = 10
        assert efficiency([9.999], [0.999]) == pytest.approx(0.0, abs=1e-9)
        assert efficiency([50.0], [1.0]) == 0.0

    def test_midpoint_of_the_log_scale_is_fifty(self):
        # r = 1.1 * sqrt(10 / 1.1) = 3.3166248: halfway between 1.1 and 10 in log space
        assert efficiency([3.3156248], [0.999]) == pytest.approx(50.0, abs=1e-4)

    def test_twice_as_slow(self):
        # r = 2.001 / 1.001 = 1.999001; 100 * (1 - ln(1.999001 / 1.1) / ln(10 / 1.1))
        # = 100 * (1 - 0.597337 / 2.207275) = 72.938
        assert efficiency([1.0, 1.0], [0.5, 0.5]) == pytest.approx(72.938, abs=1e-3)

    def test_medians_of_repeats_ignore_one_slow_outlier(self):
        assert efficiency([[1.0, 9.0, 1.0]], [[1.0, 1.0, 1.0]]) == 100.0

    def test_sums_weight_heavy_tests_over_trivial_ones(self):
        # Many trivial tests at 2x but one heavy test at par: time goes where the work is.
        candidate = [0.0002] * 10 + [1.0]
        reference = [0.0001] * 10 + [1.0]
        assert efficiency(candidate, reference) == 100.0

    def test_microsecond_runs_compare_as_equal(self):
        assert efficiency([0.00005], [0.00001]) == 100.0  # 0.00105 / 0.00101

    def test_undefined_cases(self):
        assert efficiency([1.0], [1.0], all_passed=False) is None
        assert efficiency([], []) is None
        assert efficiency([1.0, None], [1.0, 1.0]) is None
        with pytest.raises(ValueError):
            efficiency([1.0], [1.0, 2.0])
        with pytest.raises(ValueError):
            efficiency([-1.0], [1.0])

    @given(st.floats(0, 100), st.floats(0, 100), st.floats(0.001, 100))
    def test_monotone_in_candidate_time(self, a, b, reference):
        fast, slow = sorted((a, b))
        assert 0 <= efficiency([slow], [reference]) <= efficiency([fast], [reference]) <= 100


class TestOverall:
    def test_default_weights(self):
        assert dict(DEFAULT_WEIGHTS) == {
            "correctness": 0.40,
            "speed": 0.20,
            "quality": 0.25,
            "efficiency": 0.15,
        }
        scores = {"correctness": 100, "speed": 50, "quality": 80, "efficiency": 60}
        # 0.40*100 + 0.20*50 + 0.25*80 + 0.15*60 = 40 + 10 + 20 + 9
        assert overall(scores) == pytest.approx(79.0)

    def test_undefined_dimension_renormalises(self):
        scores = {"correctness": 100, "speed": 50, "quality": 80, "efficiency": None}
        # (40 + 10 + 20) / 0.85
        assert overall(scores) == pytest.approx(82.35294117647059)
        assert overall({"correctness": 0, "speed": 100}) == pytest.approx(20 / 0.6)

    def test_custom_weights_and_ignored_extras(self):
        scores = {"correctness": 60, "quality": 20, "style": 0}
        assert overall(scores, {"correctness": 3, "quality": 1}) == pytest.approx(50.0)
        assert overall(scores, {"correctness": 1, "quality": 0}) == 60.0

    def test_nothing_defined(self):
        assert overall({"correctness": None}) is None
        assert overall({}) is None

    def test_rejects_bad_weights_and_scores(self):
        with pytest.raises(ValueError):
            overall({"correctness": 50}, {"correctness": -1})
        with pytest.raises(ValueError):
            overall({"correctness": 150})

    @given(
        st.dictionaries(
            st.sampled_from(["correctness", "speed", "quality", "efficiency"]),
            st.one_of(st.none(), st.floats(0, 100)),
        )
    )
    def test_between_min_and_max_of_defined_scores(self, scores):
        result = overall(scores)
        defined = [v for v in scores.values() if v is not None]
        if not defined:
            assert result is None
        else:
            assert min(defined) - 1e-9 <= result <= max(defined) + 1e-9


def test_gated_overall_hand_computed():
    from bench.scoring import gated_overall

    scores = {"correctness": 50.0, "speed": 100.0, "quality": 80.0, "efficiency": None}
    assert gated_overall(scores) == pytest.approx((0.40 * 50 + 0.20 * 50 + 0.25 * 40) / 0.85)
    assert gated_overall({"correctness": 0.0, "speed": 100.0, "quality": 100.0}) == 0.0
    assert gated_overall({"correctness": None, "speed": 100.0}) == 100.0

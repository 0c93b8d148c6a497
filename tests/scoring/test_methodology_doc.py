"""docs/methodology.md states every scoring formula and constant the code uses."""

from __future__ import annotations

import pytest

import bench.scoring as scoring
from bench.scoring import _quality

from ..conftest import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")

FUNCTIONS = [
    "correctness",
    "speed",
    "quality",
    "quality_many",
    "efficiency",
    "overall",
    "pass_at_k",
    "bootstrap_ci",
    "paired_bootstrap",
    "mcnemar_exact",
    "mcnemar_test",
    "load_scorer",
]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_scoring_function_is_documented(name):
    assert callable(getattr(scoring, name))
    assert f"`{name}(" in DOC


def test_constants_appear_as_the_code_uses_them():
    assert "--select=" + ",".join(scoring.QUALITY_RULES) in DOC
    for option in _quality.RUFF_OPTIONS:
        assert option.split("=")[0] in DOC, option
    weights = scoring.DEFAULT_WEIGHTS
    assert f"| {weights['correctness']:.2f} | {weights['speed']:.2f} | " in DOC
    assert f"{weights['quality']:.2f} | {weights['efficiency']:.2f} |" in DOC
    assert f"s = {scoring.SPEED_SPREAD:g}" in DOC
    assert f"default {scoring.DEFAULT_SPEED_BASELINE_S:g} s" in DOC
    assert f"r \\le {scoring.EFFICIENCY_TOLERANCE:g}" in DOC
    assert f"r \\ge {scoring.EFFICIENCY_ZERO_AT:g}" in DOC
    assert f"\\varepsilon$ = {scoring.EFFICIENCY_NOISE_FLOOR_S * 1000:g} ms" in DOC
    assert f"\\max(L, {_quality.MIN_LOC})" in DOC
    assert f"1 + {_quality.LINT_SLOPE:g}\\,d" in DOC
    assert f"{_quality.CC_BAD:g} - c}}{{{_quality.CC_BAD:g} - {_quality.CC_GOOD:g}}}" in DOC
    quality_line = (
        f"{_quality.LINT_WEIGHT:.2f} \\times \\text{{lint}} + "
        f"{_quality.COMPLEXITY_WEIGHT:.2f} \\times \\text{{complexity}} + "
        f"{_quality.MAINTAINABILITY_WEIGHT:.2f} \\times \\text{{maintainability}}"
    )
    assert quality_line in DOC

"""Scoring: the four dimensions, the overall score, pass@k, intervals and paired tests.

Small pure functions; docs/methodology.md states each formula. Importing this
package loads neither numpy, pandas, pyarrow nor radon (the CLI starts fast);
they are imported by the functions that need them.
"""

from bench.scoring._dimensions import (
    DEFAULT_SPEED_BASELINE_S,
    DEFAULT_WEIGHTS,
    DIMENSIONS,
    EFFICIENCY_NOISE_FLOOR_S,
    EFFICIENCY_TOLERANCE,
    EFFICIENCY_ZERO_AT,
    MIN_REFACTOR_MARGIN,
    SPEED_SPREAD,
    SpeedBaseline,
    correctness,
    efficiency,
    efficiency_is_decided,
    gated_overall,
    overall,
    refactor_gain,
    speed,
)
from bench.scoring._passk import pass_at_k
from bench.scoring._quality import (
    QUALITY_RULES,
    QualityReport,
    RuffFinding,
    lint,
    lint_many,
    quality,
    quality_many,
)
from bench.scoring._scorer import (
    ENTRY_POINT_GROUP,
    DefaultScorer,
    Score,
    Scorer,
    ScorerLoadError,
    ScoringInput,
    load_scorer,
)
from bench.scoring._stats import (
    McNemarResult,
    PairedComparison,
    bootstrap_ci,
    mcnemar_exact,
    mcnemar_test,
    paired_bootstrap,
)

__all__ = [
    "DEFAULT_SPEED_BASELINE_S",
    "DEFAULT_WEIGHTS",
    "DIMENSIONS",
    "EFFICIENCY_NOISE_FLOOR_S",
    "EFFICIENCY_TOLERANCE",
    "EFFICIENCY_ZERO_AT",
    "ENTRY_POINT_GROUP",
    "MIN_REFACTOR_MARGIN",
    "QUALITY_RULES",
    "SPEED_SPREAD",
    "DefaultScorer",
    "McNemarResult",
    "PairedComparison",
    "QualityReport",
    "RuffFinding",
    "Score",
    "Scorer",
    "ScorerLoadError",
    "ScoringInput",
    "SpeedBaseline",
    "bootstrap_ci",
    "correctness",
    "efficiency",
    "efficiency_is_decided",
    "gated_overall",
    "lint",
    "lint_many",
    "load_scorer",
    "mcnemar_exact",
    "mcnemar_test",
    "overall",
    "paired_bootstrap",
    "pass_at_k",
    "quality",
    "quality_many",
    "refactor_gain",
    "speed",
]

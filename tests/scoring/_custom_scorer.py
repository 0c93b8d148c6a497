"""A third-party style scorer, loaded by import path or entry point in test_scorer."""

from __future__ import annotations

from bench.scoring import DefaultScorer, Score, Scorer, ScoringInput


class StrictScorer(Scorer):
    """All or nothing: 100 when every test passed, else 0, on every dimension."""

    def __init__(self, points: float = 100.0) -> None:
        self.points = points

    def evaluate(self, inputs: ScoringInput) -> Score:
        value = self.points if inputs.all_passed else 0.0
        return Score(value, value, value, value, value)


class CorrectnessOnly(DefaultScorer):
    """The default dimensions, ranked on correctness alone."""

    def __init__(self) -> None:
        super().__init__(weights={"correctness": 1.0})


NOT_A_SCORER = object()
READY_MADE = StrictScorer(points=42.0)

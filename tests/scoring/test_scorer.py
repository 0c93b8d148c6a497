"""DefaultScorer end to end on a real task, and loading custom scorers."""

from __future__ import annotations

import math
import textwrap

import pytest

from bench.scoring import (
    DEFAULT_SPEED_BASELINE_S,
    DefaultScorer,
    Scorer,
    ScorerLoadError,
    ScoringInput,
    SpeedBaseline,
    load_scorer,
    quality,
)
from bench.tasks import load_task_file

from ..conftest import REPO_ROOT
from ._custom_scorer import CorrectnessOnly, StrictScorer

TASK = load_task_file(REPO_ROOT / "tasks" / "easy" / "run-length-encode.yaml")


def _inputs(**fields) -> ScoringInput:
    values = {
        "task": TASK,
        "code": TASK.reference_solution,
        "response_time_s": 10.0,
        "passed_weight": TASK.total_weight,
        "total_weight": TASK.total_weight,
        "all_passed": True,
        "candidate_times": [0.001] * len(TASK.tests),
        "reference_times": [0.001] * len(TASK.tests),
    }
    values.update(fields)
    return ScoringInput(**values)


def test_reference_answer():
    score = DefaultScorer().evaluate(_inputs())
    expected_quality = quality(TASK.reference_solution).score
    assert score.correctness == 100.0
    # 10 s against the default baseline (30 s): 50 x (1 - log(1/3) / log 4) = 89.6
    assert score.speed == pytest.approx(50 * (1 + math.log(3) / math.log(4)))
    assert DEFAULT_SPEED_BASELINE_S == 30.0
    assert score.efficiency == 100.0
    assert score.quality == expected_quality
    assert score.overall == pytest.approx(40 + 0.2 * score.speed + 0.25 * expected_quality + 15)
    assert score.quality_report.parseable


def test_partly_wrong_answer_has_no_efficiency():
    score = DefaultScorer().evaluate(_inputs(passed_weight=4.75, all_passed=False))
    assert score.correctness == 50.0
    assert score.efficiency is None
    dims = score.dimensions()
    # speed and quality count at half weight: the answer is half correct
    assert score.overall == pytest.approx(
        (0.40 * 50 + 0.20 * dims["speed"] * 0.5 + 0.25 * dims["quality"] * 0.5) / 0.85
    )


def test_a_wrong_answer_earns_nothing_for_speed_or_style():
    score = DefaultScorer().evaluate(_inputs(passed_weight=0.0, all_passed=False))
    assert score.speed == pytest.approx(50 * (1 + math.log(3) / math.log(4)))
    assert score.quality > 0
    assert score.overall == 0.0


def test_infrastructure_failure_and_no_reply():
    no_run = DefaultScorer().evaluate(
        _inputs(passed_weight=None, all_passed=False, candidate_times=None)
    )
    assert no_run.correctness is None and no_run.efficiency is None
    no_reply = DefaultScorer().evaluate(
        _inputs(code=None, response_time_s=None, passed_weight=None, all_passed=False)
    )
    assert no_reply.dimensions() == dict.fromkeys(["correctness", "speed", "quality", "efficiency"])
    assert no_reply.overall is None
    reply_without_code = DefaultScorer().evaluate(_inputs(code="", passed_weight=0.0))
    assert reply_without_code.quality == 0.0


def test_configured_weights_and_baselines():
    scorer = DefaultScorer(
        weights={"correctness": 1.0, "speed": 1.0},
        speed_baseline=SpeedBaseline(default_s=5.0, per_difficulty={"easy": 40.0}),
    )
    score = scorer.evaluate(_inputs())
    assert score.speed == 100.0  # easy: 10 s against 40 s is at the fast floor
    assert score.overall == 100.0


def test_evaluate_many_equals_evaluate():
    inputs = [_inputs(), _inputs(code="def run_length_encode(:"), _inputs(code=None)]
    scorer = DefaultScorer()
    assert scorer.evaluate_many(inputs) == [scorer.evaluate(item) for item in inputs]


def test_load_builtin_and_by_import_path():
    assert isinstance(load_scorer(), DefaultScorer)
    assert load_scorer("default", weights={"correctness": 1}).weights == {"correctness": 1}
    strict = load_scorer("tests.scoring._custom_scorer:StrictScorer", points=7.0)
    assert isinstance(strict, StrictScorer)
    assert strict.evaluate(_inputs()).overall == 7.0
    ready = load_scorer("tests.scoring._custom_scorer:READY_MADE")
    assert ready.evaluate(_inputs()).overall == 42.0
    assert isinstance(load_scorer("tests.scoring._custom_scorer:CorrectnessOnly"), Scorer)


@pytest.mark.parametrize(
    ("spec", "options", "message"),
    [
        ("no_such_module_xyz:Scorer", {}, "cannot import"),
        ("tests.scoring._custom_scorer:Missing", {}, "has no 'Missing'"),
        ("tests.scoring._custom_scorer:NOT_A_SCORER", {}, "not a bench.scoring.Scorer"),
        ("tests.scoring._custom_scorer:StrictScorer", {"colour": 1}, "bad options"),
        ("tests.scoring._custom_scorer:READY_MADE", {"points": 1}, "takes no options"),
        ("nonexistent", {}, "no scorer named 'nonexistent'"),
    ],
)
def test_load_errors_say_why(spec, options, message):
    with pytest.raises(ScorerLoadError, match=message):
        load_scorer(spec, **options)


def test_load_by_entry_point(tmp_path, monkeypatch):
    dist_info = tmp_path / "bench_strict_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bench-strict-plugin\nVersion: 1.0\n"
    )
    (dist_info / "entry_points.txt").write_text(
        textwrap.dedent(
            """\
            [bench.scorers]
            strict = tests.scoring._custom_scorer:StrictScorer
            correctness-only = tests.scoring._custom_scorer:CorrectnessOnly
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert isinstance(load_scorer("strict"), StrictScorer)
    assert isinstance(load_scorer("correctness-only"), CorrectnessOnly)
    with pytest.raises(ScorerLoadError, match="correctness-only, default, strict"):
        load_scorer("nope")

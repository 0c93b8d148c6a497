"""Judging a `project` run's reply: untrusted reports never become a pass by accident."""

from __future__ import annotations

from bench.sandbox._project import judge_run

WEIGHTS = {"test_a": 1.0, "test_b": 2.0, "test_c": 1.0}


def _reply(results, load=None, covered=None):
    return {"load": load or {"ok": True}, "results": results, "covered": covered}


def test_reported_outcomes_become_verdicts():
    reply = _reply(
        {
            "test_a": {"kind": "reported", "payload": '{"k":"ok"}'},
            "test_b": {"kind": "reported", "payload": '{"k":"x","d":[["AssertionError"],"no"]}'},
            "test_c": {"kind": "crash", "detail": "the process exited with code 3"},
        },
        covered="[3, 4, 4, true]",
    )
    outcome = judge_run(reply, WEIGHTS, 2.0, "test")
    verdicts = [(t.name, t.verdict) for t in outcome.result.tests]
    assert verdicts == [("test_a", "passed"), ("test_b", "failed"), ("test_c", "error")]
    assert outcome.result.passed_weight == 1 and outcome.result.total_weight == 4
    assert outcome.result.status == "failed"
    assert outcome.covered == [3, 4]


def test_malformed_or_missing_reports_are_errors():
    reply = _reply(
        {
            "test_a": {"kind": "reported", "payload": "PASSED"},
            "test_b": {"kind": "reported", "payload": '{"k":"v"}'},
        }
    )
    verdicts = [t.verdict for t in judge_run(reply, WEIGHTS, 2.0, "test").result.tests]
    assert verdicts == ["error", "error", "error"]


def test_a_module_that_does_not_load_is_an_error_and_a_timeout_is_a_timeout():
    failed = judge_run(_reply({}, load={"ok": False, "crash": "killed"}), WEIGHTS, 2.0, "t")
    assert failed.result.status == "error" and failed.result.passed_weight == 0
    slow = judge_run(_reply({"test_a": {"kind": "timeout"}}), WEIGHTS, 2.0, "t")
    assert slow.result.status == "timeout"

import json

from bench.sandbox._harness import wire
from bench.sandbox._judge import judge
from tests import factories


def make_task(tests, test_code=None, compare="exact"):
    return factories.make_task(
        id="judge-task", entry_point="f", tests=tests, test_code=test_code, compare=compare,
        reference_solution="def f(*a): return 0\n",
    )  # fmt: skip


def reply(results=None, load=None, check=None, **extra):
    return {
        "ok": True,
        "load": {"ok": True} if load is None else load,
        "results": results or {},
        "check": check,
        "stdout": "",
        "stderr": "",
        **extra,
    }


def value(v, times=(0.001,)):
    """A returned value as the child reports it, with the supervisor's timings beside it."""
    return {
        "kind": "reported",
        "payload": json.dumps({"k": "v", "v": json.loads(wire.encode(v))}),
        "times": list(times),
    }


def raised(names, message="boom", times=(0.001,)):
    return {
        "kind": "reported",
        "payload": json.dumps({"k": "x", "d": json.loads(wire.encode([names, message]))}),
        "times": list(times),
    }


def test_values_are_compared_in_the_trusted_process():
    task = make_task(
        [{"input": [1], "expected": [1, 2], "weight": 2}, {"input": [2], "expected": 3}]
    )
    result = judge(
        task, reply({"0": value((1, 2), times=(0.003, 0.001, 0.002)), "1": value(4)}), "test"
    )
    assert [t.verdict for t in result.tests] == ["passed", "failed"]
    assert result.tests[0].time_s == 0.002  # median of the repeats
    assert result.tests[1].actual == "4"
    assert (result.passed_weight, result.total_weight, result.status) == (2.0, 3.0, "failed")


def test_raises_accepts_subclasses_by_their_mro():
    task = make_task(
        [{"input": [1], "raises": "LookupError"}, {"input": [2], "raises": "ValueError"}]
    )
    result = judge(
        task,
        reply({"0": raised(["KeyError", "LookupError", "Exception"]), "1": raised(["TypeError"])}),
        "t",
    )
    assert [t.verdict for t in result.tests] == ["passed", "failed"]
    assert "expected ValueError, got TypeError" in result.tests[1].error_message


def test_an_unexpected_exception_is_an_error_verdict():
    task = make_task([{"input": [1], "expected": 1}])
    result = judge(
        task,
        reply({"0": raised(["ZeroDivisionError", "ArithmeticError"], "division by zero")}),
        "t",
    )
    test = result.tests[0]
    assert (test.verdict, test.error_type, test.error_message) == (
        "error",
        "ZeroDivisionError",
        "division by zero",
    )
    assert result.status == "failed"


def test_returning_instead_of_raising_fails():
    task = make_task([{"input": [1], "raises": "ValueError"}])
    assert judge(task, reply({"0": value(None)}), "t").tests[0].verdict == "failed"


def test_timeouts_crashes_and_missing_reports():
    task = make_task([{"input": [i], "expected": i} for i in range(4)])
    results = {
        "0": {"kind": "timeout", "detail": None},
        "1": {"kind": "crash", "detail": "the process was killed by SIGSEGV"},
        "2": value(2, times=(5.0,)),  # over its 2 s limit though it returned
    }
    result = judge(task, reply(results), "t")
    assert [t.verdict for t in result.tests] == ["timeout", "error", "timeout", "error"]
    assert "SIGSEGV" in result.tests[1].error_message
    assert "process ended before reporting" in result.tests[3].error_message
    assert result.status == "timeout"


def test_budget_exhaustion_marks_unrun_tests_as_timeouts():
    task = make_task([{"input": [i], "expected": i} for i in range(2)])
    result = judge(task, reply({"0": value(0)}, budget_exhausted=True), "t")
    assert [t.verdict for t in result.tests] == ["passed", "timeout"]


def test_malformed_reports_are_errors_never_passes():
    payloads = [
        ("not json", [0.1]),
        ('{"k": "v", "v": {"$evil": 1}}', [0.1]),
        ('{"k": "v", "v": 1}', "x"),  # the supervisor's timings are checked too
        ('{"k": "v", "v": 1}', []),  # no timing: the clock was lost
        ('{"k": "ok"}', [0.1]),
        ('{"k": "x", "d": [1, 2]}', [0.1]),
    ]
    task = make_task([{"input": [i], "expected": 1} for i in range(len(payloads))])
    results = {
        str(i): {"kind": "reported", "payload": p, "times": t} for i, (p, t) in enumerate(payloads)
    }
    result = judge(task, reply(results), "t")
    assert [t.verdict for t in result.tests] == ["error"] * len(payloads)
    assert all(t.error_type == "BadReport" for t in result.tests)


def test_opaque_values_never_pass_even_in_unordered_mode():
    task = make_task([{"input": [1], "expected": ["Liar()"]}], compare="unordered")
    encoded = json.loads(wire.encode([object()]).replace("object", "Liar"))
    encoded[0]["$opaque"][1] = "Liar()"
    payload = json.dumps({"k": "v", "v": encoded})
    entry = {"kind": "reported", "payload": payload, "times": [0.001]}
    result = judge(task, reply({"0": entry}), "t")
    assert result.tests[0].verdict == "failed"


def test_load_failures_decide_the_status():
    task = make_task([{"input": [1], "expected": 1}])
    syntax = {"ok": False, "error": wire.encode(["SyntaxError", "invalid syntax"])}
    assert judge(task, reply(load=syntax), "t").status == "error"
    assert judge(task, reply(load=syntax), "t").error == "SyntaxError: invalid syntax"
    assert judge(task, reply(load={"ok": False, "timeout": True}), "t").status == "timeout"
    crashed = judge(task, reply(load={"ok": False, "crash": "the process exited with code 0"}), "t")
    assert crashed.status == "error" and "exited with code 0 while loading" in crashed.error


def test_check_of_test_code():
    task = make_task([], test_code="def check(candidate):\n    assert candidate() == 1\n")
    ok = {"kind": "reported", "payload": json.dumps({"k": "ok"}), "times": [0.01]}
    assert judge(task, reply(check=ok), "t").status == "passed"
    assert judge(task, reply(check=ok), "t").tests[0].time_s == 0.01
    assertion = raised(["AssertionError", "Exception"], "")
    assert judge(task, reply(check=assertion), "t").tests[0].verdict == "failed"
    other = raised(["NameError", "Exception"], "name 'x' is not defined")
    assert judge(task, reply(check=other), "t").tests[0].verdict == "error"
    assert judge(task, reply(), "t").tests[0].verdict == "error"  # no report at all


def test_supervisor_failure_is_a_sandbox_error():
    task = make_task([{"input": [1], "expected": 1}])
    result = judge(task, {"ok": False, "error": "Traceback ..."}, "docker")
    assert result.status == "sandbox_error" and result.tests == [] and "Traceback" in result.error


def test_times_in_the_candidates_payload_are_ignored():
    """Only the supervisor's timings count: a payload claiming a time changes nothing."""
    task = make_task([{"input": [1], "expected": 1}])
    payload = json.dumps({"k": "v", "t": [1e-9], "v": 1})
    entry = {"kind": "reported", "payload": payload, "times": [0.004, 0.002, 0.003]}
    assert judge(task, reply({"0": entry}), "t").tests[0].time_s == 0.003

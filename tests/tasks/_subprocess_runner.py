"""Run a task's reference against its own tests in a plain subprocess.

This checks the task suite itself (trusted code), so it needs no isolation;
the sandbox judges untrusted code.
"""

from __future__ import annotations

import base64
import pickle
import subprocess
import sys
import textwrap

from bench.tasks import Task, values_equal
from bench.tasks._inputs import build_arguments

_CHILD = textwrap.dedent(
    """
    import base64, pickle, sys, time
    source, entry, inputs, test_code = pickle.loads(base64.b64decode(sys.stdin.read()))
    namespace = {"__name__": "__candidate__"}
    exec(compile(source, "<reference>", "exec"), namespace)
    function = namespace[entry]
    outcomes = []
    for args in inputs:
        start = time.perf_counter()
        try:
            outcomes.append(("value", function(*args), time.perf_counter() - start))
        except BaseException as error:
            names = [cls.__name__ for cls in type(error).__mro__]
            outcomes.append(("raised", names, time.perf_counter() - start))
    if test_code:
        check_ns = {"__name__": "__check__"}
        exec(compile(test_code, "<test_code>", "exec"), check_ns)
        check_ns["check"](function)
    sys.stdout.write(base64.b64encode(pickle.dumps(outcomes)).decode())
    """
)


def run_reference(task: Task) -> list[str]:
    """Return one line per failing test (empty when the reference passes them all)."""
    payload = (
        task.reference_solution,
        task.entry_point,
        [build_arguments(test.input, test.input_code) for test in task.tests],
        task.test_code,
    )
    budget = sum(test.timeout for test in task.tests) + 10
    completed = subprocess.run(
        [sys.executable, "-I", "-c", _CHILD],
        input=base64.b64encode(pickle.dumps(payload)).decode(),
        capture_output=True,
        text=True,
        timeout=budget,
    )
    if completed.returncode != 0:
        return [f"reference crashed: {completed.stderr.strip().splitlines()[-1:]}"]
    outcomes = pickle.loads(base64.b64decode(completed.stdout))
    failures = []
    for index, (test, (kind, value, seconds)) in enumerate(zip(task.tests, outcomes, strict=True)):
        label = test.name or str(index)
        if seconds > test.timeout:
            failures.append(f"test {label}: took {seconds:.2f}s > timeout {test.timeout}s")
        if test.raises is not None:
            if kind != "raised" or test.raises not in value:
                failures.append(f"test {label}: expected {test.raises} to be raised, got {value!r}")
        elif kind == "raised":
            failures.append(f"test {label}: raised {value[0]}")
        elif not values_equal(
            value, test.expected, task.compare_mode(test), task.tolerance.rel, task.tolerance.abs
        ):
            failures.append(f"test {label}: got {value!r:.200}, expected {test.expected!r:.200}")
    return failures

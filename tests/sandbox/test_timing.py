"""Per-test times come from outside the candidate's process (process executor).

The supervisor reads the child's CPU clock from the kernel around each call, so
patching `time` inside the candidate changes no measurement; the repeats it asks for
give a median. The Docker twin of the clock-patching check is in
tests/integration/sandbox/test_docker_hostile.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from bench.scoring import efficiency

from .conftest import make_task

CORPUS = Path(__file__).parents[1] / "integration" / "sandbox" / "hostile"


def load_program(name: str) -> ModuleType:
    """A program of the hostile corpus, by file stem."""
    spec = importlib.util.spec_from_file_location(f"hostile_{name}", CORPUS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clock_patching_efficiencies(executor) -> tuple[float | None, float | None, list]:
    """(efficiency of the clock patcher, of an honest answer, the patcher's result)."""
    program = load_program("patches_clocks")
    task = make_task()

    def times(code: str):
        result = executor.execute(code, task, timing_repeats=3)
        assert result.status == "passed", result.tests
        return result, [test.time_s for test in result.tests]

    _, reference = times(task.reference_solution)
    _, honest = times(program.HONEST)
    patched_result, patched = times(program.CODE)
    return efficiency(patched, reference), efficiency(honest, reference), patched_result


def test_a_clock_patching_answer_gains_no_efficiency(process_executor):
    patched, honest, result = clock_patching_efficiencies(process_executor)
    load_program("patches_clocks").verify(result)
    assert honest == 100.0
    assert patched is not None and patched < honest


def test_repeats_give_the_median_of_cpu_times(process_executor):
    """The first call burns ~30 ms of CPU, the later ones ~5 ms: the median is a later one."""
    code = (
        "import time\n"
        "calls = []\n"
        "def add(a, b):\n"
        "    calls.append(1)\n"
        "    budget = 0.03 if len(calls) % 5 == 1 else 0.005\n"
        "    start = time.process_time()\n"
        "    while time.process_time() - start < budget:\n"
        "        pass\n"
        "    return a + b\n"
    )
    result = process_executor.execute(code, make_task(), timing_repeats=5)
    assert result.status == "passed"
    assert all(0.004 < test.time_s < 0.02 for test in result.tests), result.tests


def test_sleeping_is_not_cpu_time(process_executor):
    """Time spent blocked is not the answer's work (and the wall-clock limits still apply)."""
    code = "import time\ndef add(a, b):\n    time.sleep(0.05)\n    return a + b\n"
    result = process_executor.execute(code, make_task(), timing_repeats=1)
    assert result.status == "passed"
    assert all(test.time_s < 0.02 for test in result.tests), result.tests


def test_the_supervisor_reads_the_kernels_cpu_clock(process_executor):
    """Not its wall-clock fallback: the pidfd gives the child's CPU clock across namespaces."""
    from bench.sandbox._harness.supervisor import REPEAT_FLOOR_S
    from bench.sandbox._plan import plan_execution

    plan = plan_execution("def add(a, b):\n    return a + b\n", make_task(), 3, 2.0)
    reply = process_executor._run(plan.request, plan.budget_s)
    assert reply["timer"] == "cpu"
    for entry in reply["results"].values():  # a call under the floor is measured once
        first, count = entry["times"][0], len(entry["times"])
        assert count == (1 if first < REPEAT_FLOOR_S else 3), entry["times"]

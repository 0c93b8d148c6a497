"""Freezes every clock it can reach, then works slowly: it must not look fast.

While per-test times came from `time.perf_counter` inside the candidate's process,
this answer froze it (with its cousins, and the references the harness held), so its
slow calls reported ~0 s and beat an honest answer on efficiency. The supervisor now
reads the child's CPU time from the kernel, which no patch inside the process reaches.
The busy loop is a fixed number of steps, not a clock, so it costs real CPU however
the clocks lie. `HONEST` is the same answer without the patching or the loop.
"""

WORK = 200_000
"""Loop steps per call: several milliseconds of CPU on any machine this runs on."""
MIN_SECONDS = 0.002
"""A per-test time below this would mean the loop's CPU was not seen."""

CODE = f"""
import sys
import time

_FROZEN = 1.0
_originals = {{id(getattr(time, name)) for name in dir(time) if callable(getattr(time, name))}}


def _still(*_args, **_kwargs):
    return _FROZEN


for _name in dir(time):
    if callable(getattr(time, _name)) and not _name.startswith("_") and _name != "sleep":
        setattr(time, _name, _still)
for _module in list(sys.modules.values()):  # the harness's own bound references too
    for _key, _value in list(getattr(_module, "__dict__", {{}}).items()):
        if id(_value) in _originals:
            try:
                setattr(_module, _key, _still)
            except (AttributeError, TypeError):
                pass


def add(a, b):
    total = 0
    for step in range({WORK}):
        total += step
    return a + b
"""

HONEST = "def add(a, b):\n    return a + b\n"


def verify(result):
    assert result.status == "passed", result.tests
    assert all(test.time_s is not None and test.time_s >= MIN_SECONDS for test in result.tests), [
        test.time_s for test in result.tests
    ]

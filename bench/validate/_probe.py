"""Line and branch coverage of a task's reference, measured inside the sandbox.

Stdlib only, and self-contained: the text of this module is shipped into the
sandbox as the head of the "candidate" program that `coverage_program` builds
(the sandbox image has no `coverage` package, and `python -I -S` could not import
one anyway). The program compiles the reference under a private file name, runs
it as a module under a `sys.settrace` tracer, and exposes a wrapper as the entry
point. Tests then call the wrapper exactly as they would call a model's answer,
so coverage is that of the task's own tests, judged by the same harness.

What the tracer records is the arc (previous line, line) of every line event in
the reference's frames. What could have run comes from the compiled code itself:
every line that owns bytecode, and every branch: a conditional jump (`if`,
`while`, `for`, `and`/`or`, comprehension filters) whose two ways lead to
different lines. Both are computed here, by the interpreter that runs the code,
because bytecode differs between Python versions.

The program prints two kinds of lines to fd 1, each prefixed by a marker the
caller chose: `<marker>S <json>` once per process at load ({"lines": [...],
"branches": [[from, to], ...]}), and `<marker>A <json>` after each call of the
entry point (the arcs first seen during that call).
"""

from __future__ import annotations

import dis
import json
import os
import sys
import types
from typing import Any

REFERENCE_FILENAME = "<reference>"
"""The file name the reference is compiled under; only its frames are traced."""

_CONDITIONAL_PREFIXES = ("POP_JUMP", "JUMP_IF_")
_CONDITIONAL_NAMES = frozenset({"FOR_ITER"})
_UNCONDITIONAL_NAMES = frozenset(
    {
        "JUMP",
        "JUMP_FORWARD",
        "JUMP_BACKWARD",
        "JUMP_ABSOLUTE",
        "JUMP_NO_INTERRUPT",
        "JUMP_BACKWARD_NO_INTERRUPT",
    }
)
_STOP_NAMES = frozenset({"RETURN_VALUE", "RETURN_CONST", "RERAISE", "RAISE_VARARGS"})
_HANDLER_TESTS = frozenset({"CHECK_EXC_MATCH", "CHECK_EG_MATCH", "WITH_EXCEPT_START"})
"""A conditional jump right after one of these decides how an exception is handled:
its other way needs an exception the tests could not reasonably raise."""
_TRANSPARENT = frozenset({"TO_BOOL", "EXTENDED_ARG", "CACHE", "NOT_TAKEN"})


def code_objects(code: types.CodeType) -> list[types.CodeType]:
    """`code` and every code object nested in it (functions, classes, lambdas)."""
    found, stack = [], [code]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(item for item in current.co_consts if isinstance(item, types.CodeType))
    return found


def executable_lines(code: types.CodeType) -> set[int]:
    """Every source line that owns bytecode somewhere in `code`."""
    return {
        line
        for current in code_objects(code)
        for _start, _end, line in current.co_lines()
        if line is not None and line > 0
    }


def _line_of(instruction: dis.Instruction) -> int | None:
    positions = instruction.positions
    line = positions.lineno if positions is not None else None
    return line if line is not None and line > 0 else None


def _is_conditional(instruction: dis.Instruction) -> bool:
    name = instruction.opname
    return name in _CONDITIONAL_NAMES or name.startswith(_CONDITIONAL_PREFIXES)


def _follow(instructions: list[dis.Instruction], index: int, line: int, at: dict) -> int | None:
    """The first other line reached from `instructions[index]` without another decision."""
    seen: set[int] = set()
    while 0 <= index < len(instructions) and index not in seen:
        seen.add(index)
        instruction = instructions[index]
        reached = _line_of(instruction)
        if reached is not None and reached != line:
            return reached
        if instruction.opname in _UNCONDITIONAL_NAMES:
            index = at.get(instruction.argval, -1)
            continue
        if _is_conditional(instruction) or instruction.opname in _STOP_NAMES:
            return None
        index += 1
    return None


def _handles_exception(instructions: list[dis.Instruction], index: int) -> bool:
    for previous in reversed(instructions[:index]):
        if previous.opname not in _TRANSPARENT:
            return previous.opname in _HANDLER_TESTS
    return False


def branch_arcs(code: types.CodeType) -> set[tuple[int, int]]:
    """(line, line) pairs: each way of each conditional jump that leads to another line."""
    arcs: set[tuple[int, int]] = set()
    for current in code_objects(code):
        instructions = list(dis.get_instructions(current))
        at = {instruction.offset: index for index, instruction in enumerate(instructions)}
        for index, instruction in enumerate(instructions):
            line = _line_of(instruction)
            if line is None or not _is_conditional(instruction):
                continue
            if _handles_exception(instructions, index):
                continue
            for start in (index + 1, at.get(instruction.argval, -1)):
                reached = _follow(instructions, start, line, at)
                if reached is not None:
                    arcs.add((line, reached))
    return arcs


class ArcTracer:
    """A `sys.settrace` tracer recording (previous line, line) arcs in one file's frames."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.arcs: set[tuple[int, int]] = set()
        self._reported: set[tuple[int, int]] = set()

    def __call__(self, frame: types.FrameType, event: str, arg: Any) -> Any:
        if event != "call" or frame.f_code.co_filename != self.filename:
            return None
        previous = frame.f_lineno
        record = self.arcs.add

        def local(frame: types.FrameType, event: str, arg: Any) -> Any:
            nonlocal previous
            if event == "line":
                line = frame.f_lineno
                record((previous, line))
                previous = line
            return local

        return local

    def fresh(self) -> list[list[int]]:
        """Arcs recorded since the last call, as JSON-ready pairs."""
        new = self.arcs - self._reported
        self._reported |= new
        return sorted([list(arc) for arc in new])


def _emit(marker: str, kind: str, payload: Any) -> None:
    data = f"\n{marker}{kind} {json.dumps(payload, separators=(',', ':'))}\n".encode()
    while data:
        data = data[os.write(1, data) :]


def install(source: str, entry_point: str, marker: str, namespace: dict[str, Any]) -> None:
    """Run `source` as a traced module; expose a reporting wrapper of its entry point.

    The wrapper (and the module's other public names) go into `namespace`, the
    harness's candidate module, where the harness looks the entry point up.
    """
    code = compile(source, REFERENCE_FILENAME, "exec")
    branches = sorted([list(arc) for arc in branch_arcs(code)])
    _emit(marker, "S", {"lines": sorted(executable_lines(code)), "branches": branches})
    module = types.ModuleType("__reference__")
    module.__file__ = REFERENCE_FILENAME
    sys.modules[module.__name__] = module
    tracer = ArcTracer(REFERENCE_FILENAME)
    sys.settrace(tracer)
    try:
        exec(code, module.__dict__)
    finally:
        sys.settrace(None)
        _emit(marker, "A", tracer.fresh())
    target = module.__dict__[entry_point]

    def traced_entry_point(*args: Any, **kwargs: Any) -> Any:
        sys.settrace(tracer)
        try:
            return target(*args, **kwargs)
        finally:
            sys.settrace(None)
            _emit(marker, "A", tracer.fresh())

    for name, value in module.__dict__.items():
        if not name.startswith("__"):
            namespace[name] = value
    namespace[entry_point] = traced_entry_point

"""Runs inside the candidate's process for op `project`: lay out files, run a test module.

Used by the multifile kind (the candidate's files plus the task's trusted tests) and
by testgen (the candidate's suite against the trusted reference, installed as a
compiled module with no source anywhere). Nothing here is trusted; it only reports,
one line per event on the message pipe (the supervisor side is projects.py):

    L                       the files are laid out and the test module loaded
    E <json>                the test module did not load: [type, message]
    B <name>                test `name` is ready; wait for a token (g: run, s: skip)
    R <nonce> <name> <json> test `name` returned ({"k":"ok"}) or raised ({"k":"x",...})
    V <nonce> <json>        the lines of traced modules that ran (when asked)
    D                       finished

The nonce comes from the trusted supervisor with the job and lives only in this
module's locals, so a line printed by code that does not look for it (a fake report
at import time) is ignored. Test functions and the assert-equality guard are bound
before the test module runs, and each test is called through the function object
and code object taken right after the module loaded: replacing `test_x` in the
module, or its `__code__`, later is reported as an error of that test.
Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import sys
import types
from typing import Any

from . import child, wire

TEST_MODULE = "test_project"
"""The name the test module is imported under (its file is not written to disk)."""


def lay_out(files: dict[str, str], root: str) -> None:
    """Empty `root` and write `files` into it (paths were checked by the trusted side)."""
    for entry in os.scandir(root):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
    for path, content in files.items():
        target = os.path.join(root, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(content)


def install_compiled(compiled: dict[str, bytes]) -> None:
    """Import each trusted module from its marshalled code object: no source, no file."""
    for name, blob in compiled.items():
        module = types.ModuleType(name)
        sys.modules[name] = module
        exec(marshal.loads(blob), module.__dict__)


_NOT_PLAIN = object()


def project_equal(left: Any, right: Any, plainify: Any = child._plainify) -> bool:
    """The `==` of a rewritten assert in a test module (`plainify` bound at harness load).

    Plain data (builtins) is compared as plain copies, so an answer's object with a
    lying `__eq__` cannot pose as an expected number or list; two objects that are
    not plain data (the project's own classes, Decimal) use their own `==`, which the
    answer controls anyway; plain data against anything else is unequal.
    """
    plain = []
    for value in (left, right):
        try:
            plain.append(plainify(value))
        except TypeError:
            plain.append(_NOT_PLAIN)
    if plain[0] is _NOT_PLAIN and plain[1] is _NOT_PLAIN:
        return bool(left == right)
    if plain[0] is _NOT_PLAIN or plain[1] is _NOT_PLAIN:
        return False
    return bool(plain[0] == plain[1])


def _tracer(filenames: frozenset[str], lines: set[tuple[str, int]]) -> Any:
    """A sys.settrace function recording the lines run in code from `filenames`."""

    def local(frame: Any, event: str, _arg: Any) -> Any:
        if event == "line":
            lines.add((frame.f_code.co_filename, frame.f_lineno))
        return local

    def global_(frame: Any, event: str, _arg: Any) -> Any:
        if frame.f_code.co_filename in filenames:
            lines.add((frame.f_code.co_filename, frame.f_lineno))
            return local
        return None

    return global_


def _message(error: BaseException) -> str:
    try:
        message = str(error)
    except BaseException:
        message = ""
    return wire.safe_repr(message, 2000)[1:-1] if message else type(error).__name__


def _raised(error: BaseException) -> str:
    names = [getattr(cls, "__name__", "?") for cls in type(error).__mro__]
    return '{"k":"x","d":' + wire.encode([names, _message(error)]) + "}"


def _load_tests(test_code: str, guard: Any) -> dict[str, Any]:
    """Run the test module (never written to disk); its namespace."""
    module = types.ModuleType(TEST_MODULE)
    module.__dict__["__bench_eq__"] = guard
    sys.modules[TEST_MODULE] = module
    exec(compile(test_code, "<tests>", "exec", dont_inherit=True), module.__dict__)
    return module.__dict__


def serve(request: dict[str, Any], channel: Any, control: Any, guard: Any = project_equal) -> None:
    """Lay out the project, load the test module, run each pending test once, report."""
    nonce = request.pop("nonce")
    names = list(request["pending"])
    send, wait, call_ok = channel.send, control.wait, '{"k":"ok"}'
    root = os.getcwd()
    lines: set[tuple[str, int]] = set()
    traced = frozenset(request.get("trace") or ())
    try:
        lay_out(request["files"], root)
        sys.path.insert(0, root)
        if traced:
            sys.settrace(_tracer(traced, lines))
        install_compiled(request.get("compiled") or {})
        namespace = _load_tests(request["test_code"], guard)
        tests = {name: namespace.get(name) for name in names}
        codes = {name: getattr(test, "__code__", None) for name, test in tests.items()}
    except BaseException as error:
        sys.settrace(None)
        send("E " + wire.encode([type(error).__name__, _message(error)]), flush=True)
        return
    send("L")
    for name in names:
        send(f"B {name}", flush=True)
        if not wait():
            continue
        test = tests[name]
        try:
            if namespace.get(name) is not test or test is None or test.__code__ is not codes[name]:
                raise RuntimeError(f"the test function {name} was replaced or is missing")
            test()
        except BaseException as error:
            send(f"R {nonce} {name} " + _raised(error), flush=True)
        else:
            send(f"R {nonce} {name} {call_ok}", flush=True)
        wait()
    sys.settrace(None)
    if traced:
        covered = sorted(line for filename, line in lines if filename in traced)
        send(f"V {nonce} " + json.dumps(covered))

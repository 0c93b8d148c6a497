"""Runs inside the candidate's process: load the code, call it on each test, report.

Nothing here is trusted. The candidate shares this process, so it can read or forge
anything this module knows or sends; that is why the module knows no expected value,
judges nothing and measures nothing. It only reports, one line per event on the
message pipe:

    L                     the code loaded and defines the entry point
    E <json>              the code did not load: {"type", "message"}
    B <i> | B check       test i (or the check) is ready to start; wait for a token
    R <i> <json>          test i returned or raised: {"k": "v", "v": <wire>}
                          or {"k": "x", "d": [[mro names], message]}; wait for a token
    T <i> [x]             a repeat of test i returned (x: raised); wait for a token
    C <json>              the check(candidate) of test_code: {"k": "ok"|"x", ...}; wait
    D                     finished

and waits on the request pipe, after each B, R, T and C, for the supervisor's token:
`g` (call now: the supervisor has read the child's CPU clock) or `s` (go on to the
next test). The supervisor thus times every call from outside, on the kernel's count
of this process's CPU time, and decides how often a call is repeated; a candidate
that patches `time` or this module changes no measurement.

Arguments arrive marshalled from the trusted side (plain data only), results leave as
tagged JSON (see wire.py). Stdlib-only: this file is shipped into the sandbox.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import marshal
import os
import sys
import types
from typing import Any

from . import wire

RESULT_LIMIT = 8 << 20
"""Characters of encoded result per test; beyond, the value is reported as too large."""


class _BoundedWriter(io.RawIOBase):
    """An fd writer that keeps the first `limit` bytes and silently drops the rest.

    `print` never fails or blocks on a flood; the supervisor sees the file grow past
    its report bound and marks the output as truncated.
    """

    def __init__(self, fd: int, limit: int) -> None:
        self._fd = fd
        self._room = limit

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(data)
        if self._room > 0:
            chunk = bytes(data[: self._room])
            try:
                os.write(self._fd, chunk)
            except OSError:
                self._room = 0
                return size
            self._room -= len(chunk)
        return size


def _read_frame(fd: int) -> Any:
    header = _read_exactly(fd, 4)
    return marshal.loads(_read_exactly(fd, int.from_bytes(header, "big")))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("supervisor closed the request pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


class _Channel:
    """The message pipe to the supervisor.

    A line that needs no answer (`L`) is held back and written with the next one,
    which always waits for the supervisor's token: one wake-up of the supervisor
    per event it must act on.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._write = os.write
        self._held: list[str] = []

    def send(self, line: str, flush: bool = False) -> None:
        self._held.append(line)
        if flush:
            self.flush()

    def flush(self) -> None:
        data = ("\n".join(self._held) + "\n").encode("utf-8", "surrogatepass")
        self._held.clear()
        while data:
            data = data[self._write(self._fd, data) :]


def _set_limits(limits: dict[str, int]) -> None:
    import resource

    for name, value in limits.items():
        which = getattr(resource, name, None)
        if which is not None and value >= 0:
            resource.setrlimit(which, (value, value))
    try:
        with open("/proc/self/oom_score_adj", "w") as handle:
            handle.write("1000")  # the OOM killer takes the candidate, never the supervisor
    except OSError:
        pass


def _install_output(limit: int) -> None:
    for name, fd in (("stdout", 1), ("stderr", 2)):
        raw = _BoundedWriter(fd, limit + 1)
        stream = io.TextIOWrapper(
            io.BufferedWriter(raw), encoding="utf-8", errors="backslashreplace", line_buffering=True
        )
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    for name in ("exit", "quit"):  # -S leaves them out; candidates may call them
        setattr(builtins, name, sys.exit)


def _load(request: dict[str, Any], channel: _Channel) -> Any:
    module = types.ModuleType("__candidate__")
    module.__file__ = "<candidate>"
    sys.modules["__candidate__"] = module
    try:
        code = compile(request["code"], "<candidate>", "exec", dont_inherit=True)
        exec(code, module.__dict__)
        function = module.__dict__.get(request["entry_point"])
        if not callable(function):
            raise NameError(f"the code does not define a function {request['entry_point']!r}")
    except BaseException as error:
        payload = wire.encode([type(error).__name__, _message(error)])
        channel.send("E " + payload, flush=True)
        return None
    channel.send("L")
    return function


def _message(error: BaseException) -> str:
    try:
        text = str(error)
    except BaseException:
        text = ""
    return wire.safe_repr(text, 2000)[1:-1] if text else type(error).__name__


class _Control:
    """The supervisor's tokens on the request pipe: `g` (call now) or `s` (move on)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._read = os.read

    def wait(self) -> bool:
        """Block until the supervisor answers; True for `g`. A closed pipe ends the child."""
        token = self._read(self._fd, 1)
        if not token:
            os._exit(0)
        return token == b"g"


def _run_test(
    function: Any, index: int, blob: bytes, repeats: int, channel: _Channel, control: _Control
) -> None:
    """Call the function on test `index` as often as the supervisor asks, reporting each call.

    Every copy of the arguments is unmarshalled before the clock starts, so the
    measured time is the call's own; the first call's value is encoded inside its
    timed span (the same work for any function returning an equal value).
    """
    calls = [marshal.loads(blob) for _ in range(max(1, repeats))]
    channel.send(f"B {index}", flush=True)
    if not control.wait():
        return
    try:
        value = function(*calls[0])
    except BaseException as error:
        channel.send(f"R {index} " + _raised(error), flush=True)
        control.wait()
        return
    encoded = wire.encode_bounded(value, RESULT_LIMIT)
    channel.send(f"R {index} " + '{"k":"v","v":' + encoded + "}", flush=True)
    for arguments in calls[1:]:
        if not control.wait():
            return
        try:
            function(*arguments)
        except BaseException:
            channel.send(f"T {index} x", flush=True)
            continue
        channel.send(f"T {index}", flush=True)
    control.wait()


def _raised(error: BaseException) -> str:
    names = [getattr(cls, "__name__", "?") for cls in type(error).__mro__]
    body = wire.encode([names, _message(error)])
    return '{"k":"x","d":' + body + "}"


def _run_check(
    function: Any,
    namespace: dict[str, Any],
    test_code: str,
    guard: Any,
    channel: _Channel,
    control: _Control,
) -> None:
    """Run `check(candidate)`; only the call of `check` is timed, not defining it."""
    scope = dict(namespace)
    scope["__bench_eq__"] = guard
    try:
        exec(compile(test_code, "<test_code>", "exec", dont_inherit=True), scope)
        check, failure = scope["check"], None
    except BaseException as error:
        check, failure = None, error
    channel.send("B check", flush=True)
    if not control.wait():
        return
    try:
        if failure is not None:
            raise failure
        check(function)
    except BaseException as error:
        channel.send("C " + _raised(error), flush=True)
        control.wait()
        return
    channel.send('C {"k":"ok"}', flush=True)
    control.wait()


def main(message_fd: int, request_fd: int) -> None:
    """Serve one task: read the request, run it, report, and leave at once."""
    request = _read_frame(request_fd)
    _set_limits(request["limits"])
    _install_output(request["output_limit"])
    channel = _Channel(message_fd)
    control = _Control(request_fd)
    guard = _plain_equal  # bound before the candidate can patch anything
    if request.get("op") == "project":  # multifile and testgen (see project.py)
        from . import project

        project.serve(request, channel, control)
        _finish(channel)
    function = _load(request, channel)
    if function is not None:
        for index, blob, _timeout in request["tests"]:
            _run_test(function, index, blob, request["repeats"], channel, control)
        if request["check"]:
            namespace = sys.modules["__candidate__"].__dict__
            _run_check(function, namespace, request["check"], guard, channel, control)
    _finish(channel)


def _finish(channel: _Channel) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BaseException):
            stream.flush()
    channel.send("D", flush=True)
    os._exit(0)


_EXACT_SCALARS = frozenset((type(None), bool, int, float, complex, str, bytes))
_SCALAR_BASES: tuple[tuple[type, Any], ...] = (
    (int, int.__int__),
    (float, float.__float__),
    (str, str.__str__),
    (complex, complex),
    (bytes, bytes),
)


def _plainify(value: Any, depth: int = 0) -> Any:
    """A copy of `value` made of exact builtin types, or raise TypeError.

    Used by rewritten assert comparisons in test_code: an object with a lying
    `__eq__` (or a builtin subclass overriding it) cannot pose as the expected value.
    """
    if depth > wire.MAX_DEPTH:
        raise TypeError("nested too deeply")
    kind = type(value)
    if kind in _EXACT_SCALARS:
        return value
    for base, convert in _SCALAR_BASES:
        if isinstance(value, base):
            return convert(value)
    # The builtin's own iterator: a subclass's overridden __iter__ never runs.
    if isinstance(value, list):
        return [_plainify(item, depth + 1) for item in list.__iter__(value)]
    if isinstance(value, tuple):
        return tuple(_plainify(item, depth + 1) for item in tuple.__iter__(value))
    if isinstance(value, dict):
        return {_plainify(k, depth + 1): _plainify(v, depth + 1) for k, v in dict.items(value)}
    if isinstance(value, set):
        return {_plainify(item, depth + 1) for item in set.__iter__(value)}
    if isinstance(value, frozenset):
        return frozenset(_plainify(item, depth + 1) for item in frozenset.__iter__(value))
    raise TypeError(f"{kind.__name__} is not a plain value")


def _plain_equal(left: Any, right: Any) -> bool:
    """`left == right` on plain copies; False when either side is not plain data."""
    try:
        plain_left, plain_right = _plainify(left), _plainify(right)
    except TypeError:
        return left is right
    return bool(plain_left == plain_right)

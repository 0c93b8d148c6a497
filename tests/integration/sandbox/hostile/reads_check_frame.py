"""Reading the expected value from the caller's frame: works on `check`, not on converted tests.

Against assert-style test_code the candidate runs inside `check`, so the value an
assert compares with sits in the calling frame's bytecode right after the call; this
answer replays those instructions and returns it. HumanEval's importer turns such
asserts into input/expected tests, whose expected values never enter the candidate's
process: here every test must fail.
"""

TASK = {
    "tests": [
        {"input": [1, 2], "expected": 3},
        {"input": [[1], [2]], "expected": [1, 2]},
        {"input": ["a", "b"], "expected": "ab"},
    ],
    "entry_point": "add",
}
CODE = """
import dis, sys

_BUILD = {"BUILD_LIST": list, "BUILD_TUPLE": tuple, "BUILD_SET": set}


def _replay(frame):
    stack = []
    for ins in dis.get_instructions(frame.f_code):
        if ins.offset <= frame.f_lasti or ins.opname in ("CACHE", "NOP", "PRECALL"):
            continue
        if ins.opname in ("LOAD_CONST", "RETURN_CONST"):
            stack.append(ins.argval)
        elif ins.opname in _BUILD and len(stack) >= ins.arg:
            items = stack[len(stack) - ins.arg:] if ins.arg else []
            del stack[len(stack) - ins.arg:]
            stack.append(_BUILD[ins.opname](items))
        elif ins.opname in ("LIST_EXTEND", "SET_UPDATE") and len(stack) >= 2:
            items = stack.pop()
            stack[-1] = type(stack[-1])([*stack[-1], *items])
        elif ins.opname == "UNARY_NEGATIVE" and stack:
            stack[-1] = -stack[-1]
        elif ins.opname == "BUILD_CONST_KEY_MAP" and len(stack) > ins.arg:
            keys = stack.pop()
            values = stack[len(stack) - ins.arg:]
            del stack[len(stack) - ins.arg:]
            stack.append(dict(zip(keys, values)))
        else:
            break
    return stack


def add(*args):
    frame = sys._getframe(1)
    while frame is not None:
        found = _replay(frame)
        if found:
            return found[-1]
        frame = frame.f_back
    return "not found"
"""


def verify(result):
    assert result.status == "failed"
    assert all(verdict.verdict != "passed" for verdict in result.tests), result.tests

"""Testgen: suites that tell the reference from a mutant by its code, not its behaviour.

One compares the bytecode with the reference's (known in advance, as an insider would);
one remembers the first code it sees in a file and fails on any other. The first fails
on the behaviour-preserving look-alike and is rejected; the second finds its file gone
(the scratch space is emptied between runs) and so never fails: both score 0.
"""

KIND = "testgen"
KNOWN = """
import hashlib

from solution import parse_span


def test_is_the_reference():
    code = parse_span.__code__
    assert hashlib.sha256(code.co_code + repr(code.co_consts).encode()).hexdigest() == {digest!r}
"""
REMEMBERS = """
import hashlib, os, tempfile

from solution import parse_span


def test_same_code_as_first_time():
    digest = hashlib.sha256(parse_span.__code__.co_code).hexdigest()
    for folder in (tempfile.gettempdir(), "/dev/shm", os.getcwd()):
        path = os.path.join(folder, "bench-first-seen")
        try:
            with open(path) as handle:
                assert handle.read() == digest
                return
        except FileNotFoundError:
            try:
                with open(path, "w") as handle:
                    handle.write(digest)
            except OSError:
                pass
"""


def answer(task, render):
    import hashlib
    import marshal
    import types

    from bench.kinds._testgen_mutants import compile_hidden

    module = types.ModuleType("solution")
    exec(marshal.loads(compile_hidden(task.reference_solution)), module.__dict__)
    code = module.parse_span.__code__
    digest = hashlib.sha256(code.co_code + repr(code.co_consts).encode()).hexdigest()
    return [KNOWN.format(digest=digest), REMEMBERS]


def verify(judgement):
    result = judgement.result
    assert result.passed_weight == 0, (result.error, judgement.details)

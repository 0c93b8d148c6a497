"""HumanEval-style `check(candidate)` asserts turned into input/expected tests."""

from __future__ import annotations

import textwrap

from bench.tasks import CompareMode
from bench.tasks._check_asserts import call_arguments, convert_check, literal_value

CHECK = textwrap.dedent(
    """\
    METADATA = {}


    def check(candidate):
        # simple cases
        assert candidate([1, 2], 3) == [3, 2]
        assert candidate("ab", -1) == ("b", "a"), "message " + str(candidate("ab", -1))
        assert candidate(2 * 3, 10 ** 2) is True
        assert not candidate({"k": [1]}, 0)
        assert candidate(None, 2.5)
        assert abs(candidate(1.5, 0) - 2.0/3.0) < 1e-6
        assert abs(candidate(2.5, 0) - 1.0) < 1e-3
        assert tuple(candidate([3], 1)) == tuple([1, 3])
        assert candidate((1, 2), 0) == 1
        assert True, "this prints if this assert fails"
        for x in range(3):
            assert candidate(x, x) == x
    """
)


def test_every_plain_form_converts_and_the_rest_stays_in_check():
    converted = convert_check(CHECK)
    pairs = [(test.input, test.expected) for test in converted.tests]
    assert pairs == [
        ([[1, 2], 3], [3, 2]),
        (["ab", -1], ("b", "a")),
        ([6, 100], True),
        ([{"k": [1]}, 0], False),
        ([None, 2.5], True),
        ([1.5, 0], 2.0 / 3.0),
        ([[3], 1], [1, 3]),
    ]
    assert converted.tests[5].compare == CompareMode.FLOAT and converted.tolerance == 1e-6
    assert converted.asserts == 10 and converted.trivial == 1
    rest = converted.test_code or ""
    assert "abs(candidate(2.5, 0) - 1.0) < 1e-3" in rest  # a second tolerance stays
    assert "candidate((1, 2), 0)" in rest  # a tuple argument would reach YAML as a list
    assert "for x in range(3)" in rest and "# simple cases" in rest
    assert "candidate([1, 2], 3)" not in rest


def test_a_check_with_nothing_left_is_dropped():
    code = "def check(candidate):\n    assert candidate(1) == 2\n    assert True\n"
    converted = convert_check(code)
    assert converted.test_code is None and len(converted.tests) == 1


def test_no_code_is_run_to_read_literals():
    import ast

    for text in ("__import__('os')", "x", "[i for i in range(3)]", "'a' * 10 ** 9"):
        try:
            literal_value(ast.parse(text, mode="eval").body)
        except ValueError:
            continue
        raise AssertionError(f"{text} was evaluated")


def test_call_arguments_seed_from_anywhere_in_check():
    assert call_arguments(CHECK)[:2] == [[[1, 2], 3], ["ab", -1]]
    assert [[3], 1] in call_arguments(CHECK)

from bench.sandbox._harness.asserts import rewrite_asserts
from bench.sandbox._harness.child import _plain_equal


def run_check(test_code, candidate):
    scope = {"__bench_eq__": _plain_equal}
    exec(compile(rewrite_asserts(test_code), "<test_code>", "exec"), scope)
    scope["check"](candidate)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


class LyingList(list):
    def __eq__(self, other):
        return True


def test_only_assert_equalities_are_rewritten():
    code = (
        "def check(candidate):\n"
        "    x = candidate(1) == 2\n"
        "    assert candidate(1) == 1\n"
        "    assert candidate(2) != 3\n"
    )
    rewritten = rewrite_asserts(code)
    assert "x = candidate(1) == 2" in rewritten
    assert "__bench_eq__(candidate(1), 1)" in rewritten
    assert "not __bench_eq__(candidate(2), 3)" in rewritten


def test_python_equality_semantics_are_kept_for_plain_values():
    assert _plain_equal(1, 1.0) and _plain_equal(True, 1) and _plain_equal([1, (2,)], [1, (2,)])
    assert not _plain_equal([1], (1,)) and not _plain_equal("1", 1)
    assert _plain_equal({"a": {1, 2}}, {"a": {2, 1}})


def test_lying_objects_cannot_pass_a_rewritten_assert():
    code = "def check(candidate):\n    assert candidate() == [1, 2]\n"
    run_check(code, lambda: [1, 2])
    for liar in (AlwaysEqual(), LyingList([9])):
        try:
            run_check(code, lambda liar=liar: liar)
        except AssertionError:
            continue
        raise AssertionError(f"{liar!r} passed")


def test_builtin_subclasses_compare_by_content():
    code = "def check(candidate):\n    assert candidate() == [1, 2]\n"
    run_check(code, lambda: LyingList([1, 2]))


def test_unparsable_test_code_is_left_alone():
    assert rewrite_asserts("def check(:") == "def check(:"

"""Quality: ruff findings, radon complexity and maintainability, mapped to 0..100."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.scoring import QUALITY_RULES, RuffFinding, lint, lint_many, quality, quality_many
from bench.scoring._quality import complexity_score, lint_score

CLEAN = "def add(a, b):\n    return a + b\n"
TWO_FINDINGS = "import os\n\n\ndef f(x):\n    if x == None:\n        return 1\n    return 2\n"
BRANCHY = (
    "def g(x):\n"
    + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(12))
    + "    return -1\n"
)


def test_clean_function():
    report = quality(CLEAN)
    assert report.findings == ()
    assert (report.loc, report.mean_complexity, report.parseable) == (2, 1.0, True)
    # lint 100, complexity 100, MI from radon 88.5575: 0.5*100 + 0.25*100 + 0.25*88.5575
    assert report.maintainability_index == pytest.approx(88.5575, abs=1e-4)
    assert report.score == pytest.approx(97.1394, abs=1e-4)


def test_findings_per_line_drive_the_lint_part():
    report = quality(TWO_FINDINGS)
    assert [(f.code, f.line) for f in report.findings] == [("F401", 1), ("E711", 5)]
    # 2 findings / max(5 lines, 10) = 0.2 -> lint 100 / (1 + 2) = 33.33;
    # complexity 2 -> 100; MI 79.7423: 16.667 + 25 + 19.936
    assert report.findings_per_loc == pytest.approx(0.2)
    assert report.score == pytest.approx(61.6023, abs=1e-4)


def test_complexity_drives_its_part():
    report = quality(BRANCHY)
    assert report.mean_complexity == 13.0
    # lint 100; complexity (30 - 13) / 25 = 68; MI 52.1796: 50 + 17 + 13.045
    assert report.score == pytest.approx(80.0449, abs=1e-4)


def test_mean_complexity_counts_methods_and_closures():
    code = (
        "class A:\n"
        "    def m(self, x):\n"
        "        return 1 if x else 2\n"
        "\n\n"
        "def outer(items):\n"
        "    def inner(y):\n"
        "        return y or 0\n"
        "    return [inner(i) for i in items if i]\n"
    )
    # m: 1 + the ternary = 2; outer: 1 + the comprehension's for and if = 3; inner: 1 + or = 2
    report = quality(code)
    assert report.mean_complexity == pytest.approx((2 + 3 + 2) / 3)


@pytest.mark.parametrize("code", ["def f(:\n", "return = 1", "", "   \n", "x = '\x00'\0"])
def test_unparseable_or_empty_code_scores_zero(code):
    report = quality(code)
    assert report.score == 0.0
    assert not report.parseable
    assert report.mean_complexity is None and report.maintainability_index is None


def test_syntax_errors_are_reported_as_findings():
    assert {f.code for f in quality("def f(:\n").findings} == {"invalid-syntax"}


def test_mapping_pieces():
    assert lint_score(0.0) == 100.0
    assert lint_score(0.1) == 50.0
    assert complexity_score(1) == complexity_score(5) == 100.0
    assert complexity_score(17.5) == 50.0
    assert complexity_score(30) == complexity_score(45) == 0.0


@given(st.integers(0, 8))
def test_more_findings_never_raise_the_score(extra):
    body = "def f(x):\n    return x\n"
    noisy = "".join(f"import mod{i}\n" for i in range(extra)) + body
    noisier = "import zz\n" + noisy
    assert quality(noisier).score < quality(noisy).score or quality(noisy).score == 0


def test_the_code_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    code = f"open({str(marker)!r}, 'w').write('x')\nraise SystemExit(3)\n"
    assert quality(code).parseable
    assert quality_many([code])[0].parseable
    assert not marker.exists()


def test_results_do_not_depend_on_the_working_folders_config(tmp_path, monkeypatch):
    expected = quality(TWO_FINDINGS)
    (tmp_path / "ruff.toml").write_text('[lint]\nselect = ["D"]\nignore = ["F401", "E711"]\n')
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 20\n")
    monkeypatch.chdir(tmp_path)
    assert quality(TWO_FINDINGS) == expected


def test_batch_equals_one_by_one():
    codes = [CLEAN, TWO_FINDINGS, BRANCHY, "def f(:\n", "", "x = 1  \n" * 3]
    assert quality_many(codes) == [quality(code) for code in codes]
    assert lint_many(codes) == [lint(code) for code in codes]
    assert quality_many([]) == []


def test_batch_spans_several_ruff_processes(monkeypatch):
    monkeypatch.setattr("bench.scoring._quality.FILES_PER_RUFF", 2)
    codes = [TWO_FINDINGS, CLEAN, "import os\n", "def f(:\n", CLEAN]
    assert lint_many(codes) == [lint(code) for code in codes]


def test_rule_set_is_fixed_and_documented():
    assert QUALITY_RULES[:3] == ("E", "W", "F")
    finding = lint("import os\n")[0]
    assert finding == RuffFinding("F401", "`os` imported but unused", 1)


def _radon_by_itself(code: str) -> tuple[float, float]:
    """Mean complexity and MI as radon's own cc_visit and mi_visit compute them."""
    from radon.complexity import cc_visit
    from radon.metrics import mi_visit
    from radon.visitors import ComplexityVisitor, Function

    functions, pending = [], [block for block in cc_visit(code) if isinstance(block, Function)]
    while pending:
        function = pending.pop()
        functions.append(function)
        pending.extend(function.closures)
    if functions:
        mean = sum(function.complexity for function in functions) / len(functions)
    else:
        mean = float(ComplexityVisitor.from_code(code).complexity)
    return mean, float(mi_visit(code, multi=True))


def test_one_parse_gives_radon_own_figures_on_every_suite_and_humaneval_solution():
    import ast
    from pathlib import Path

    from bench.scoring._quality import radon_metrics
    from bench.tasks import import_humaneval, load_tasks

    root = Path(__file__).resolve().parents[2]
    codes = []
    for task in [*load_tasks([root / "tasks"]), *import_humaneval()]:
        for name in ("reference_solution", "code"):
            if isinstance(getattr(task, name, None), str):
                codes.append(getattr(task, name))
    codes.append("x = 1\nif x:\n    y = 2\n")  # no functions: the module's own complexity
    assert len(codes) > 300
    for code in codes:
        assert radon_metrics(code, ast.parse(code)) == _radon_by_itself(code), code

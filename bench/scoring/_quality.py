"""Code quality of an answer, 0..100, from static analysis only (the code never runs).

Three measurements, each mapped monotonically to 0..100 and then weighted:
- lint: ruff findings per line of code, with a fixed rule set and `--isolated`,
  so the score does not depend on whatever ruff config sits in the working folder;
- complexity: radon's mean cyclomatic complexity of the functions;
- maintainability: radon's maintainability index (already 0..100).
docs/methodology.md gives the formulas. Code that does not parse scores 0.
"""

from __future__ import annotations

import ast
import functools
import json
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench._pyast import AST_LOCK, parse_python

QUALITY_RULES = (
    "E",  # pycodestyle errors
    "W",  # pycodestyle warnings
    "F",  # pyflakes: unused names, undefined names, ...
    "B",  # flake8-bugbear: likely bugs
    "C4",  # comprehensions
    "SIM",  # simplifiable code
    "UP",  # outdated syntax for the target version
    "N",  # pep8 naming
    "RET",  # return statements
    "PIE",  # misc. unnecessary code
    "PERF",  # performance anti-patterns
    "PLE",  # pylint errors
    "PLW",  # pylint warnings
)
"""The fixed ruff rule selection; changing it changes every quality score (say so in docs)."""

RUFF_OPTIONS = (
    "--output-format=json",
    "--isolated",
    "--no-cache",
    "--exit-zero",
    "--line-length=100",
    "--target-version=py311",
    f"--select={','.join(QUALITY_RULES)}",
)

LINT_WEIGHT, COMPLEXITY_WEIGHT, MAINTAINABILITY_WEIGHT = 0.50, 0.25, 0.25
LINT_SLOPE = 10.0
"""Lint score = 100 / (1 + LINT_SLOPE x findings per line): one finding per 10 lines -> 50."""
MIN_LOC = 10
"""Findings are divided by at least this many lines, so a 3-line answer is not
punished three times harder per finding than a 10-line one."""
FILES_PER_RUFF = 1000
"""Snippets per ruff process in `lint_many`: keeps command lines short on every OS."""
CC_GOOD, CC_BAD = 5.0, 30.0
"""Mean cyclomatic complexity <= 5 (radon rank A) scores 100, >= 30 scores 0."""


@dataclass(frozen=True)
class RuffFinding:
    """One ruff diagnostic."""

    code: str
    """Rule code (`F401`), or `invalid-syntax` for a parse error."""
    message: str
    """ruff's message."""
    line: int
    """1-based line number."""


@dataclass(frozen=True)
class QualityReport:
    """What quality measured for one piece of code, and the score it gave."""

    score: float
    """0..100 (0 for code that does not parse)."""
    findings: tuple[RuffFinding, ...]
    """ruff findings, in line order."""
    loc: int
    """Lines that are neither blank nor only a comment."""
    findings_per_loc: float
    """len(findings) / max(loc, MIN_LOC)."""
    mean_complexity: float | None
    """Mean cyclomatic complexity of the functions (the module's when none); None if unparseable."""
    maintainability_index: float | None
    """radon's maintainability index 0..100; None if unparseable."""
    parseable: bool
    """Whether the code is valid Python (ast.parse)."""


@functools.cache
def ruff_binary() -> str:
    """Path of the ruff executable (the one the `ruff` package installs)."""
    try:
        from ruff.__main__ import find_ruff_bin

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        found = shutil.which("ruff")
        if found is None:
            raise RuntimeError("ruff is needed for quality scores: pip install ruff") from None
        return found


def _run_ruff(
    arguments: list[str], stdin: str | None = None, cwd: str | None = None
) -> list[dict[str, Any]]:
    completed = subprocess.run(
        [ruff_binary(), "check", *RUFF_OPTIONS, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"ruff failed ({completed.returncode}): {completed.stderr.strip()}")
    return json.loads(completed.stdout or "[]")


def _finding(diagnostic: dict[str, Any]) -> RuffFinding:
    return RuffFinding(
        code=diagnostic.get("code") or "invalid-syntax",
        message=diagnostic["message"],
        line=int(diagnostic["location"]["row"]),
    )


def _normalise(code: str) -> str:
    """End with one newline: a missing final newline is an extraction artefact, not style."""
    return code.rstrip("\n") + "\n"


def lint(code: str) -> tuple[RuffFinding, ...]:
    """The ruff findings of one snippet, read from stdin (nothing is written or executed)."""
    diagnostics = _run_ruff(["--stdin-filename=snippet.py", "-"], stdin=_normalise(code))
    return tuple(sorted((_finding(d) for d in diagnostics), key=_order))


def lint_many(codes: Sequence[str]) -> list[tuple[RuffFinding, ...]]:
    """The ruff findings of many snippets with one ruff process per `FILES_PER_RUFF` snippets.

    Files are named explicitly (not by folder) so ruff's default excludes and
    .gitignore handling can never skip one silently.
    """
    if not codes:
        return []
    names = [f"s{index:06d}.py" for index in range(len(codes))]
    by_file: dict[str, list[RuffFinding]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as folder:
        for name, code in zip(names, codes, strict=True):
            Path(folder, name).write_text(_normalise(code), encoding="utf-8")
        for start in range(0, len(names), FILES_PER_RUFF):
            for diagnostic in _run_ruff(names[start : start + FILES_PER_RUFF], cwd=folder):
                by_file[Path(diagnostic["filename"]).name].append(_finding(diagnostic))
    return [tuple(sorted(by_file[name], key=_order)) for name in names]


def _order(finding: RuffFinding) -> tuple[int, str, str]:
    return (finding.line, finding.code, finding.message)


def count_loc(code: str) -> int:
    """Lines that are neither blank nor only a comment."""
    return sum(1 for line in code.splitlines() if line.strip() and not line.strip().startswith("#"))


def _parse(code: str) -> ast.Module | None:
    """The module's tree, or None when it does not parse (or is blank)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning on odd escapes is not our concern here
        try:
            tree = parse_python(code)
        except (SyntaxError, ValueError):
            return None
    return tree if code.strip() else None


def radon_metrics(code: str, tree: ast.Module) -> tuple[float, float]:
    """(mean cyclomatic complexity, maintainability index) of `code`, whose tree is `tree`.

    One parse and one complexity visit serve both, where radon's `cc_visit` and
    `mi_visit` parse the code twice more and visit it twice; the figures are radon's
    own (tests compare them with those two functions).

    Mean complexity is over every function, method and closure; code without
    functions gets the module's own complexity (1 + its branches). The
    maintainability index counts multi-line strings as comments (`multi=True`).
    """
    from radon.metrics import h_visit_ast, mi_compute
    from radon.raw import analyze
    from radon.visitors import ComplexityVisitor, Function

    with AST_LOCK:
        visitor = ComplexityVisitor.from_ast(tree)
        volume = h_visit_ast(tree).total.volume
    functions: list[Function] = []
    pending = [block for block in visitor.blocks if isinstance(block, Function)]
    while pending:
        function = pending.pop()
        functions.append(function)
        pending.extend(function.closures)
    if functions:
        mean_cc = sum(function.complexity for function in functions) / len(functions)
    else:
        mean_cc = float(visitor.complexity)
    raw = analyze(code)
    comments = (raw.comments + raw.multi) / float(raw.sloc) * 100 if raw.sloc != 0 else 0
    return mean_cc, float(mi_compute(volume, visitor.total_complexity, raw.lloc, comments))


def lint_score(findings_per_loc: float) -> float:
    """100 / (1 + 10 x findings per line): 100 clean, 50 at one finding per 10 lines."""
    return 100.0 / (1.0 + LINT_SLOPE * findings_per_loc)


def complexity_score(mean_cc: float) -> float:
    """100 at mean complexity <= 5, 0 at >= 30, linear between."""
    return min(100.0, max(0.0, 100.0 * (CC_BAD - mean_cc) / (CC_BAD - CC_GOOD)))


def quality_from_findings(code: str, findings: tuple[RuffFinding, ...]) -> QualityReport:
    """Combine ruff findings (already computed) with radon metrics into a report."""
    loc = count_loc(code)
    density = len(findings) / max(loc, MIN_LOC)
    tree = _parse(code)
    if tree is None:
        return QualityReport(0.0, findings, loc, density, None, None, parseable=False)
    cc, mi = radon_metrics(code, tree)
    mi = min(100.0, max(0.0, mi))
    score = (
        LINT_WEIGHT * lint_score(density)
        + COMPLEXITY_WEIGHT * complexity_score(cc)
        + MAINTAINABILITY_WEIGHT * mi
    )
    return QualityReport(round(score, 6), findings, loc, density, cc, mi, parseable=True)


def quality(code: str) -> QualityReport:
    """Quality of one snippet (one ruff process, ~20 ms; prefer `quality_many` in bulk)."""
    return quality_from_findings(code, lint(code))


def quality_many(codes: Sequence[str]) -> list[QualityReport]:
    """Quality of many snippets with a single ruff process; same results as `quality`."""
    return [
        quality_from_findings(code, findings)
        for code, findings in zip(codes, lint_many(codes), strict=True)
    ]

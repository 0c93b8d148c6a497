"""Every AST parse in bench goes through the one lock (CPython 3.11's cross-thread race).

Two threads converting ASTs at once can fail with `SystemError: AST constructor
recursion depth mismatch`; `bench._pyast.parse_python` holds the lock. The sandbox
harness is exempt: it runs alone in its own process, stdlib-only.
"""

from __future__ import annotations

from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_no_module_parses_python_without_the_lock():
    offenders = [
        f"{path.relative_to(BENCH.parent)}:{number}"
        for path in sorted(BENCH.rglob("*.py"))
        if path.name != "_pyast.py" and "_harness" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "ast.parse(" in line
        # literal_eval of a string parses it too; of a parsed node (or a stub's node) it does not
        or ("literal_eval(" in line and "parse_python(" not in line and path.name != "_stub.py")
    ]
    assert offenders == [], "use bench._pyast.parse_python"

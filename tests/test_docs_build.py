"""The docs build cleanly, their formulas render, and nothing cites a file the repo lacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.site._mkdocs import _MATH, _mathml
from tests.conftest import REPO_ROOT

DOCS = REPO_ROOT / "docs"

# Written in two parts so that this file does not cite it either.
MISSING_DOC = "DESIGN" + ".md"

# Folders that are not the project's own text: environments, builds, caches, results.
SKIPPED_DIRS = {".git", ".venv", "site", "results", "node_modules", "__pycache__", ".mypy_cache"}
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".html", ".sh", ".cfg", ".json"}


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the docs alone, as CI and the README run it."""
    out = tmp_path_factory.mktemp("docs-site")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    completed = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, f"mkdocs build --strict failed:\n{completed.stderr}"
    return out


def test_mkdocs_yml_is_strict():
    """`bench site build` reads the same file, so a broken link fails the site build too."""
    assert re.search(r"^strict: true\b", (REPO_ROOT / "mkdocs.yml").read_text(), re.MULTILINE)


def test_every_docs_page_is_built(built_docs):
    for page in DOCS.glob("*.md"):
        assert (built_docs / page.with_suffix(".html").name).is_file(), page.name


def test_docs_hold_no_control_characters():
    r"""A TeX escape in a plain string becomes a control character (`\t`imes, `\f`rac)."""
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        found = sorted({hex(ord(c)) for c in text if ord(c) < 32 and c != "\n"})
        assert not found, f"{page.name} holds control characters {found}"


def test_every_formula_becomes_mathml(built_docs):
    """The site shows TeX as MathML; a formula latex2mathml cannot read would show raw."""
    formulas = 0
    for page in built_docs.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        formulas += len(_MATH.findall(html))
        left = [match.group("tex")[:80] for match in _MATH.finditer(_mathml(html))]
        assert not left, f"{page.name}: formulas that do not render: {left}"
    assert formulas > 20, "the methodology's formulas were not found in the built pages"


def test_gating_formula_renders_its_operators(built_docs):
    html = _mathml((built_docs / "methodology.html").read_text(encoding="utf-8"))
    gate = html[html.index("s</mi><mi>d</mi><mi>&#x02032;") :][:1500]
    for operator in ("&#x000D7;", "<mfrac>", "&#x02260;", "<mtext>correctness</mtext>"):
        assert operator in gate, operator


def test_architecture_page_is_in_the_nav():
    assert "architecture.md" in (REPO_ROOT / "mkdocs.yml").read_text()


def _project_text_files():
    for root, dirs, files in os.walk(REPO_ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        for name in files:
            path = Path(root) / name
            if path.suffix in TEXT_SUFFIXES or name in {"run", "Dockerfile"}:
                yield path


def test_nothing_cites_a_design_file_the_repo_does_not_have():
    assert not (REPO_ROOT / MISSING_DOC).exists()
    citing = [
        str(path.relative_to(REPO_ROOT))
        for path in _project_text_files()
        if MISSING_DOC in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert not citing, f"cite docs/architecture.md instead of {MISSING_DOC}: {citing}"

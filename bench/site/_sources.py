"""Where the site's inputs live: templates, static assets, mkdocs.yml, plotly.js."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import yaml

_REPOSITORY = Path(__file__).resolve().parents[2]


class SiteSourceError(FileNotFoundError):
    """A file the build needs is missing; the message says which and where it was looked for."""


@dataclass(frozen=True)
class SiteSources:
    """The non-data inputs of a build."""

    templates_dir: Path
    """`site_templates/`: Jinja templates, `assets/` (CSS, JS) and `overrides/` for the theme."""
    mkdocs_file: Path
    """`mkdocs.yml`: theme, docs navigation, Markdown extensions."""

    @classmethod
    def default(cls, root: Path | None = None) -> SiteSources:
        """The checkout's files: next to the package (editable install), else the current folder."""
        for base in [root] if root else [_REPOSITORY, Path.cwd()]:
            sources = cls(base / "site_templates", base / "mkdocs.yml")
            if sources.templates_dir.is_dir() and sources.mkdocs_file.is_file():
                return sources
        looked = root or f"{_REPOSITORY} and {Path.cwd()}"
        raise SiteSourceError(f"site_templates/ and mkdocs.yml not found in {looked}")

    @property
    def docs_dir(self) -> Path:
        """mkdocs.yml's `docs_dir` (default `docs`), relative to mkdocs.yml."""
        try:
            settings = yaml.safe_load(self.mkdocs_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            settings = {}
        return self.mkdocs_file.parent / str(settings.get("docs_dir", "docs"))

    def doc_pages(self) -> frozenset[str]:
        """The Markdown pages of the docs folder (`methodology.md`, ...), for conditional links."""
        folder = self.docs_dir
        if not folder.is_dir():
            return frozenset()
        return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))

    @property
    def assets_dir(self) -> Path:
        """Static files copied into the site under `assets/bench/`."""
        return self.templates_dir / "assets"


def plotly_js() -> Path:
    """plotly.min.js as the plotly package ships it (found without importing plotly)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise SiteSourceError("plotly is not installed: pip install plotly")
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise SiteSourceError(f"{path}: missing from the plotly package")
    return path

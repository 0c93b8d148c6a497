"""Building the whole site with mkdocs-material: the docs plus the generated pages.

The generated pages enter mkdocs as virtual files through a plugin, so the
theme, navigation, search and dark mode are the same for every page. Each
page's Markdown is a stub with two markers: its searchable head is put in
before the search plugin indexes the page, its body after the theme has
rendered it (bodies hold code and tables that would bloat the search index and
that Markdown must never reinterpret).
"""

from __future__ import annotations

import html
import logging
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from bench.site._exports import SiteFile
from bench.site._render import BODY_MARKER, SEARCH_MARKER, SitePage

ASSET_FOLDER = "assets/bench"
ABOUT_PAGE = "about.md"
_MATH = re.compile(
    r'<(?P<tag>div|span) class="arithmatex">(?:\\\[|\\\()(?P<tex>.*?)(?:\\\]|\\\))'
    r"</(?P=tag)>",
    re.DOTALL,
)


def _mathml(page_html: str) -> str:
    """Formulas as MathML (browsers render it natively, offline) when latex2mathml is installed."""
    try:
        from latex2mathml.converter import convert
    except ImportError:
        return page_html

    def replace(match: re.Match[str]) -> str:
        display = "block" if match.group("tag") == "div" else "inline"
        try:
            return convert(html.unescape(match.group("tex")).strip(), display=display)
        except Exception:  # latex2mathml raises assorted errors on TeX it does not know
            return match.group(0)

    return _MATH.sub(replace, page_html)


@dataclass
class SiteContent:
    """What the builder hands to mkdocs."""

    pages: list[SitePage]
    files: list[SiteFile]
    """Copied into the site after mkdocs is done (mkdocs would render a `.md` download)."""
    nav: list[Any]
    """Navigation in mkdocs' `nav` format; generated pages absent from it are reachable by links."""
    about_from_index: bool = True
    """Publish `docs/index.md` as `about.md` (the leaderboard is the site's index)."""
    pages_by_uri: dict[str, SitePage] = field(init=False)

    def __post_init__(self) -> None:
        self.pages_by_uri = {page.src_uri: page for page in self.pages}


def _nav_uris(nav: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, list):
                found |= _nav_uris(value)
    return found


class BenchSitePlugin(BasePlugin):
    """Adds the generated pages and files, and fills their markers."""

    def __init__(self, content: SiteContent) -> None:
        super().__init__()
        self.content = content

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Swap the docs index for the leaderboard and add every generated page and file."""
        index = files.get_file_from_path("index.md")
        if index is not None and self.content.about_from_index:
            files.remove(index)
            if index.abs_src_path:
                files.append(File.generated(config, ABOUT_PAGE, abs_src_path=index.abs_src_path))
        in_nav = _nav_uris(self.content.nav)
        for page in self.content.pages:
            level = InclusionLevel.INCLUDED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.stub(), inclusion=level))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the searchable head in; turn TeX into MathML on the docs pages."""
        generated = self.content.pages_by_uri.get(page.file.src_uri)
        if generated is not None:
            return html.replace(SEARCH_MARKER, generated.head, 1)
        return _mathml(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put the body in, after the theme and the search index are done with the page."""
        generated = self.content.pages_by_uri.get(page.file.src_uri)
        if generated is None:
            return output
        return output.replace(BODY_MARKER, generated.body, 1)


def _docs_nav(config: MkDocsConfig, docs_dir: Path, about: bool) -> list[Any]:
    """mkdocs.yml's nav with index.md renamed and entries whose file is missing dropped."""

    def keep(entries: list[Any]) -> list[Any]:
        kept = []
        for entry in entries:
            title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
            if isinstance(value, list):
                value = keep(value)
                if not value:
                    continue
            elif isinstance(value, str) and not value.startswith(("http://", "https://")):
                if not (docs_dir / value).exists():
                    continue
                value = ABOUT_PAGE if about and value == "index.md" else value
            kept.append({title: value} if title else value)
        return kept

    return keep(list(config.nav or []))


def build_with_mkdocs(
    mkdocs_file: Path,
    out: Path,
    content_for: Any,
) -> None:
    """Load `mkdocs_file`, let `content_for(docs_nav)` produce the content, build into `out`.

    `content_for` receives the docs part of the navigation (missing pages
    dropped) and returns the `SiteContent`; the builder puts its own sections
    in front of it.
    """
    config = load_config(
        config_file=str(mkdocs_file),
        site_dir=str(out),
        extra_css=[f"{ASSET_FOLDER}/bench.css"],
        extra_javascript=[f"{ASSET_FOLDER}/bench.js"],
    )
    config.extra["bench_site"] = True
    docs_dir = Path(config.docs_dir)
    content: SiteContent = content_for(_docs_nav(config, docs_dir, about=True))
    config.nav = content.nav
    config.plugins["bench-site"] = BenchSitePlugin(content)
    from mkdocs.commands.build import build

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config)
    for item in content.files:
        target = out / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if item.content is not None:
            target.write_bytes(item.content)
        elif item.source is not None:
            shutil.copyfile(item.source, target)
        else:
            raise ValueError(f"site file {item.path} has neither content nor a source")

"""The Jinja environment of `site_templates/` and the page record the mkdocs build consumes.

Every template is HTML and autoescaped: a value from the results reaches the
page as text unless code wraps it in `Markup` on purpose (highlighted code,
diffs, JSON made safe by `script_json`). `StrictUndefined` turns a misspelt
variable into a build error instead of an empty cell.
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from bench.results import AttemptStatus
from bench.site._diff import side_by_side
from bench.site._escape import plain_title, script_json
from bench.site._highlight import code_block
from bench.site._slug import page_slug
from bench.tasks import Difficulty

SEARCH_MARKER = "<!--bench:search-->"
"""Replaced by the page's searchable head (before mkdocs indexes the page)."""
BODY_MARKER = "<!--bench:body-->"
"""Replaced by the page's body after mkdocs renders the theme (never indexed)."""
KNOWN_STATUSES = frozenset(status.value for status in AttemptStatus)
"""Statuses the stylesheet draws; taken from the enum so a new status needs no edit here."""
KNOWN_TIERS = frozenset(tier.value for tier in Difficulty)
"""Difficulty tiers the stylesheet draws, from the same enum the task files use."""


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: Any, digits: int = 1) -> str:
    """A score or count for a table cell; an en dash for undefined."""
    return "–" if _missing(value) else f"{float(value):.{digits}f}"


def dollars(value: Any) -> str:
    """USD with enough digits for per-task costs."""
    if _missing(value):
        return "–"
    return f"${value:.4f}" if abs(value) < 1 else f"${value:,.2f}"


def seconds(value: Any) -> str:
    """Durations: milliseconds below a second."""
    if _missing(value):
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def sort_value(value: Any) -> str:
    """The `data-v` attribute the table sorter reads: numbers as text, empty for undefined."""
    if _missing(value):
        return ""
    return repr(float(value)) if isinstance(value, int | float) else str(value)


def status_class(status: Any) -> str:
    """A CSS class suffix for a status; anything unexpected is `other`."""
    return status if status in KNOWN_STATUSES else "other"


def tier_class(difficulty: Any) -> str:
    """A CSS class suffix for a difficulty tier; anything unexpected is `other`."""
    return difficulty if difficulty in KNOWN_TIERS else "other"


_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def prose_html(text: str) -> Markup:
    """A task prompt as paragraphs with `code` spans and fenced blocks; everything else text.

    The text is escaped first; only fixed tags (`p`, `code`, `pre`) are added
    around escaped runs, so no prompt can produce markup of its own.
    """
    parts: list[str] = []
    position = 0
    for fence in _FENCE.finditer(text):
        parts.extend(_paragraphs(text[position : fence.start()]))
        parts.append(f"<pre><code>{escape(fence.group(1).rstrip())}</code></pre>")
        position = fence.end()
    parts.extend(_paragraphs(text[position:]))
    return Markup("".join(parts))


def _paragraphs(text: str) -> list[str]:
    escaped = str(escape(text.strip()))
    blocks = [block for block in _PARAGRAPH_BREAK.split(escaped) if block.strip()]
    return ["<p>" + _CODE_SPAN.sub(r"<code>\1</code>", block) + "</p>" for block in blocks]


def make_environment(templates_dir: Path) -> Environment:
    """The site's Jinja environment: autoescape on for every template."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["docs"] = frozenset()
    # Kind page templates (kinds/<kind>.html) highlight and diff what their kind shows.
    env.globals["code_block"] = code_block
    env.globals["side_by_side"] = side_by_side
    env.filters.update(
        num=number,
        usd=dollars,
        secs=seconds,
        sortv=sort_value,
        slug=page_slug,
        script_json=script_json,
        status_class=status_class,
        tier_class=tier_class,
        prose=prose_html,
    )
    return env


def root_of(src_uri: str) -> str:
    """The relative prefix from a page to the site root (pages are `x.html`, not `x/`)."""
    depth = posixpath.dirname(src_uri).count("/") + (1 if posixpath.dirname(src_uri) else 0)
    return "../" * depth


@dataclass
class SitePage:
    """One generated page: mkdocs renders the stub, the builder supplies head and body."""

    src_uri: str
    """Path of the page's Markdown stub in the site, e.g. `tasks/merge-intervals-1a2b3c4d.md`."""
    title: str
    """Plain title for `<title>`, the navigation and search (see `plain_title`)."""
    head: str
    """Searchable HTML: the heading and a summary, indexed by the search plugin."""
    body: str
    """The rest of the page; injected after rendering, so it is not indexed."""
    hide: tuple[str, ...] = ("toc",)
    """Material's `hide` front matter: `toc`, `navigation`."""

    def stub(self) -> str:
        """The Markdown source mkdocs reads: front matter and the two markers."""
        meta = {"title": plain_title(self.title), "hide": list(self.hide)}
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        return f"---\n{front}---\n\n{SEARCH_MARKER}\n\n{BODY_MARKER}\n"


class Renderer:
    """Renders a template's `head` and `body` blocks into a `SitePage`."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir
        self.env = make_environment(templates_dir)

    def page(
        self,
        template: str,
        src_uri: str,
        title: str,
        hide: tuple[str, ...] = ("toc",),
        **context: Any,
    ) -> SitePage:
        """Render `template` for the page at `src_uri`; `root` is set for relative links."""
        compiled = self.env.get_template(template)
        values = {"root": root_of(src_uri), "page_src": src_uri, **context}
        head = "".join(compiled.blocks["head"](compiled.new_context(values)))
        body = "".join(compiled.blocks["body"](compiled.new_context(values)))
        return SitePage(src_uri, title, head, body, hide)

    def fragment(self, template: str, **context: Any) -> Markup:
        """Render a whole template as a fragment (used inside other pages)."""
        return Markup(self.env.get_template(template).render(**context))

"""A link checker over a built site folder: every internal href/src must resolve.

It reads the files the HTTP server would serve, so "the file exists" is "no 404";
fragments (`page.html#id`) must name an element id on the target page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_TAGS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if values.get("name") and tag == "a":
            self.ids.add(str(values["name"]))
        for attribute in ("href", "src"):
            if values.get(attribute) is not None:
                self.links.append((tag, str(values[attribute])))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(page: Path, path: str, site: Path) -> Path:
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """`page: link` for every internal link whose file or fragment does not exist."""
    site = site.resolve()
    parsed: dict[Path, _Page] = {}
    problems = []
    for page in sorted(site.rglob("*.html")):
        parsed.setdefault(page, _parse(page))
        for _tag, url in parsed[page].links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url == "#":
                continue
            target = _target(page, unquote(parts.path), site) if parts.path else page
            if site not in target.parents and target != site:
                problems.append(f"{page.relative_to(site)}: {url} leaves the site")
            elif not target.is_file():
                problems.append(f"{page.relative_to(site)}: {url} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed.setdefault(target, _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {url} (no id {parts.fragment!r})")
    return problems


def external_resources(site: Path) -> list[str]:
    """Scripts, stylesheets and images loaded from another host (the site must work offline)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, url in _parse(page).links:
            if tag in RESOURCE_TAGS and urlsplit(url).netloc:
                found.append(f"{page.relative_to(site)}: <{tag}> {url}")
    return found

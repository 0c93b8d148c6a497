"""The static site: leaderboard pages rendered from `site_templates/`, built with mkdocs-material.

`build_site(results_dir, tasks_dir, out)` writes the whole site (docs included);
`serve_site(out, port)` previews it. Everything taken from results or tasks is
escaped on the way into HTML (see `_escape.py` and the templates' autoescape).
"""

from bench.site._build import BuildReport, SiteBuildError, build_site
from bench.site._escape import plain_title, script_json
from bench.site._serve import SiteNotBuilt, make_server, serve_site
from bench.site._slug import page_slug
from bench.site._sources import SiteSourceError, SiteSources
from bench.site._vote_pages import RepositoryError

__all__ = [
    "BuildReport",
    "RepositoryError",
    "SiteBuildError",
    "SiteNotBuilt",
    "SiteSourceError",
    "SiteSources",
    "build_site",
    "make_server",
    "page_slug",
    "plain_title",
    "script_json",
    "serve_site",
]

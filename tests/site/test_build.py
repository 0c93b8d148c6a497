import json
import re
from pathlib import Path

import pytest

from bench.site import SiteBuildError, build_site, page_slug
from tests.site.conftest import PAYLOADS
from tests.site.linkcheck import broken_links, external_resources

TEXT_SUFFIXES = {".html", ".js", ".json", ".xml", ".css", ".csv", ".md"}


def _site_files(site: Path):
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]


def test_builds_every_page_kind(xss_site):
    out = xss_site.out
    for page in ["index.html", "charts.html", "matrix.html", "changes.html", "downloads.html",
                 "tasks/index.html", "models/index.html", "about.html", "methodology.html",
                 "reproducing.html", "search/search_index.json", "assets/bench/plotly.min.js",
                 "assets/bench/bench.js", "assets/bench/print.css", "downloads/leaderboard.csv",
                 "downloads/leaderboard.json", "downloads/leaderboard.md"]:  # fmt: skip
        assert (out / page).is_file(), page
    tiers = {p.stem for p in (out / "leaderboard").glob("*.html")}
    assert tiers & {"easy", "medium", "hard", "extreme"}
    for model in xss_site.models:
        assert (out / "models" / f"{page_slug(model)}.html").is_file(), model
    assert len(list((out / "tasks").glob("*.html"))) == 12 + 1
    assert xss_site.report.runs == 3 and xss_site.report.models == 5


def test_no_payload_appears_unescaped_anywhere(xss_site):
    """Model names, task text, replies, errors and verdicts hold the payloads; no page may.

    The data downloads (`downloads/`: CSV, JSON, Markdown) are the exact names by
    design; they are served as data types, never as HTML.
    """
    offenders = [
        f"{path.relative_to(xss_site.out)}: {payload}"
        for path in _site_files(xss_site.out)
        if path.suffix in {".html", ".js", ".json", ".xml"} and "downloads" not in path.parts
        for payload in PAYLOADS
        if payload in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_payloads_show_as_text(xss_site):
    page = (xss_site.out / "models" / f"{page_slug(PAYLOADS[1])}.html").read_text()
    assert '<h1 class="bench-model-title">&lt;img src=x onerror=alert(2)&gt;</h1>' in page
    task = next((xss_site.out / "tasks").glob("synthetic-task-000-*.html")).read_text()
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in task  # title, prompt, reply
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "<" not in title and "&lt;" not in title


def test_inline_json_parses_back_to_the_names(xss_site):
    charts = (xss_site.out / "charts.html").read_text()
    specs = re.findall(
        r'<script type="application/json" data-figure="[^"]+">(.*?)</script>', charts
    )
    assert len(specs) == 5
    names = {trace.get("name") for spec in specs for trace in json.loads(spec)["data"]}
    assert "&lt;img src=x onerror=alert(2)&gt;" in names  # plotly shows entities as text


def test_every_internal_link_resolves_and_nothing_loads_from_elsewhere(xss_site):
    assert broken_links(xss_site.out) == []
    assert external_resources(xss_site.out) == []


def test_pages_but_task_pages_stay_small(xss_site):
    for path in xss_site.out.rglob("*.html"):
        if path.parent.name != "tasks":
            assert path.stat().st_size < 300_000, path


def test_leaderboard_json_download_is_the_cli_contract(xss_site):
    rows = json.loads((xss_site.out / "downloads" / "leaderboard.json").read_text())
    assert {row["model"] for row in rows} == set(xss_site.models)
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)
    raw = list((xss_site.out / "downloads").glob("*/attempts*.parquet"))
    assert raw and (raw[0].parent / "run.parquet").is_file()


def test_search_index_holds_pages_but_not_bodies(xss_site):
    index = json.loads((xss_site.out / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "index.html" in locations and any(loc.startswith("tasks/") for loc in locations)
    assert all("highlighttable" not in doc["text"] for doc in index["docs"])


def test_refuses_to_empty_a_folder_that_is_not_a_site(tmp_path, xss_site):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    with pytest.raises(SiteBuildError, match="not empty"):
        build_site(xss_site.results, xss_site.tasks, precious)
    assert (precious / "thesis.tex").exists()
    with pytest.raises(SiteBuildError, match="contains"):
        build_site(xss_site.results, xss_site.tasks, xss_site.results.parent)


def test_builds_without_results(tmp_path):
    report = build_site(tmp_path / "no-results", None, tmp_path / "site")
    assert report.runs == 0 and (tmp_path / "site" / "index.html").is_file()
    assert "No results" in (tmp_path / "site" / "index.html").read_text()

"""The tasks index can be filtered by tag: a row of tag buttons and each row's tags as data."""

from __future__ import annotations

import html
import json
import re

from bench.tasks import load_tasks
from tests.site.conftest import PAYLOADS


def _index(xss_site) -> str:
    return (xss_site.out / "tasks" / "index.html").read_text(encoding="utf-8")


def test_each_row_carries_its_tags_as_json(xss_site):
    page = _index(xss_site)
    expected = {task.id: list(task.metadata.tags) for task in load_tasks([xss_site.tasks])}
    rows = re.findall(r"<tr data-tags='([^']*)'>\s*<td data-v=\"([^\"]+)\"", page)
    assert {html.unescape(task_id): json.loads(html.unescape(tags)) for tags, task_id in rows} == (
        expected
    )


def test_filter_offers_one_button_per_tag_and_all(xss_site):
    page = _index(xss_site)
    bar = re.search(r"<div class=\"bench-tag-filter\" data-tag-filter>(.*?)</div>", page, re.S)
    assert bar is not None
    buttons = [html.unescape(tag) for tag in re.findall(r'data-tag="([^"]*)"', bar.group(1))]
    tags = sorted({tag for task in load_tasks([xss_site.tasks]) for tag in task.metadata.tags})
    assert buttons == ["", *tags]
    assert "".join(PAYLOADS) in buttons  # a tag of markup is a value, escaped in the page
    assert "".join(PAYLOADS) not in page


def test_the_script_filters_rows_by_the_chosen_tag(xss_site):
    script = (xss_site.out / "assets" / "bench" / "bench.js").read_text(encoding="utf-8")
    assert "[data-tag-filter] button[data-tag]" in script
    assert 'JSON.parse(row.getAttribute("data-tags"))' in script

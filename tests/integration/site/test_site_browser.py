"""The built site in headless Chromium: no console errors, sorting, charts, links, no XSS."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bench.site import page_slug
from tests.integration.site.browser import chromium, serve
from tests.integration.site.conftest import PAYLOADS, REPO
from tests.site.linkcheck import broken_links, external_resources

pytestmark = [pytest.mark.integration, pytest.mark.slow]

RECORD_ALERTS = """
window.__benchAlerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function (message) { window.__benchAlerts.push(String(message)); };
}
"""
SCREENSHOT = REPO / "docs" / "assets" / "leaderboard.png"


@pytest.fixture(scope="module")
def browser(built_sites):
    """One Chromium for the module, recording any alert/confirm/prompt call on every page."""
    with serve(built_sites.site) as base, chromium() as driver:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ALERTS})
        driver.base_url = base
        yield driver


def _open(driver, page: str, settle: float = 0.3):
    driver.get(driver.base_url + page)
    time.sleep(settle)
    return driver


def _severe(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _alerts(driver) -> list[str]:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        text = None
    recorded = driver.execute_script("return window.__benchAlerts || []")
    return recorded + ([text] if text else [])


def _pages(site: Path) -> list[str]:
    task = next((site / "tasks").glob("payload-title-*.html")).relative_to(site).as_posix()
    model = f"models/{page_slug(PAYLOADS[0])}.html"
    easy = "leaderboard/easy.html"
    return [
        "index.html", easy, "charts.html", "matrix.html", "changes.html", "downloads.html",
        "tasks/index.html", task, "models/index.html", model, "about.html", "methodology.html",
    ]  # fmt: skip


def test_the_detectors_see_errors_and_alerts(browser):
    """Guard against vacuous passes: a console error and an alert are noticed."""
    _open(browser, "index.html")
    browser.get_log("browser")
    browser.execute_script("console.error('probe-error'); window.alert('probe-alert');")
    assert any("probe-error" in message for message in _severe(browser))
    assert "probe-alert" in _alerts(browser)


def test_no_console_errors_on_any_kind_of_page(browser, built_sites):
    browser.get_log("browser")
    for page in _pages(built_sites.site):
        _open(browser, page, settle=0.6)
        assert _severe(browser) == [], page


def test_leaderboard_table_sorts_on_header_click(browser):
    from selenium.webdriver.common.by import By

    _open(browser, "index.html")

    def column(index: int) -> list[str]:
        rows = browser.find_elements(By.CSS_SELECTOR, ".bench-leaderboard tbody tr")
        return [row.find_elements(By.TAG_NAME, "td")[index].get_attribute("data-v") for row in rows]

    headers = browser.find_elements(By.CSS_SELECTOR, ".bench-leaderboard thead th")
    labels = [h.text.strip() for h in headers]
    model_at, overall_at = labels.index("Model"), labels.index("Overall")
    headers[model_at].find_element(By.TAG_NAME, "button").click()
    names = column(model_at)
    assert names == sorted(names, key=str.lower) and len(names) == 5
    assert headers[model_at].get_attribute("aria-sort") == "ascending"
    headers[model_at].find_element(By.TAG_NAME, "button").click()
    assert column(model_at) == names[::-1]
    headers[overall_at].find_element(By.TAG_NAME, "button").click()
    scores = [float(v) for v in column(overall_at) if v]
    assert scores == sorted(scores) and scores[0] < scores[-1]


def test_tasks_index_filters_by_tag(browser):
    import json

    from selenium.webdriver.common.by import By

    _open(browser, "tasks/index.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-tags]")
    tags = {row: json.loads(row.get_attribute("data-tags")) for row in rows}
    buttons = browser.find_elements(By.CSS_SELECTOR, "[data-tag-filter] button[data-tag]")
    by_tag = {button.get_attribute("data-tag"): button for button in buttons}
    assert "math" in by_tag and "" in by_tag and len(rows) > 1
    by_tag["math"].click()
    assert {row: row.is_displayed() for row in rows} == {row: "math" in tags[row] for row in rows}
    assert by_tag["math"].get_attribute("aria-pressed") == "true"
    assert by_tag[""].get_attribute("aria-pressed") == "false"
    by_tag[""].click()
    assert all(row.is_displayed() for row in rows)
    _open(browser, "tasks/index.html#tag=math")
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    assert shown and all("math" in json.loads(row.get_attribute("data-tags")) for row in shown)


def test_charts_render_as_svg(browser):
    from selenium.webdriver.common.by import By

    _open(browser, "charts.html", settle=1.5)
    plots = browser.find_elements(By.CSS_SELECTOR, ".bench-figure.js-plotly-plot")
    assert len(plots) == 5
    for plot in plots:
        assert plot.find_elements(By.CSS_SELECTOR, "svg.main-svg")
    legend = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".legendtext"))
    assert PAYLOADS[1] in legend  # the name is drawn as text
    assert _severe(browser) == []


def test_dark_mode_toggle_switches_the_palette(browser):
    from selenium.webdriver.common.by import By

    _open(browser, "charts.html", settle=1.0)
    before = browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme")
    schemes = {before}
    for _ in range(2):
        toggle = [
            e
            for e in browser.find_elements(By.CSS_SELECTOR, "label.md-header__button")
            if e.is_displayed()
        ]
        toggle[0].click()
        time.sleep(0.3)
        schemes.add(browser.find_element(By.TAG_NAME, "body").get_attribute("data-md-color-scheme"))
    assert {"default", "slate"} <= schemes
    assert _severe(browser) == []


def test_payloads_render_as_text_and_never_run(browser, built_sites):
    from selenium.webdriver.common.by import By

    for page in _pages(built_sites.site):
        _open(browser, page, settle=0.6)
        assert _alerts(browser) == [], page
    _open(browser, f"models/{page_slug(PAYLOADS[1])}.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == PAYLOADS[1]
    task = next((built_sites.site / "tasks").glob("payload-title-*.html")).name
    _open(browser, f"tasks/{task}")
    assert PAYLOADS[0] in browser.find_element(By.TAG_NAME, "h1").text
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    replies = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".bench-reply pre"))
    code = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".bench-code"))
    assert PAYLOADS[0] in replies + code and PAYLOADS[1] in replies + code
    assert not browser.find_elements(By.CSS_SELECTOR, "article img[src='x']")
    assert _alerts(browser) == []


def test_search_shows_payloads_as_text(browser):
    from selenium.webdriver.common.by import By

    _open(browser, "index.html", settle=0.5)
    browser.find_element(By.CSS_SELECTOR, "label.md-search__icon, .md-search__input").click()
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.send_keys("onerror")
    time.sleep(1.5)
    results = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
    assert results, "search found nothing"
    assert _alerts(browser) == []


def test_leaderboard_prints_without_navigation(browser):
    """The print stylesheet: header, tabs, filters and buttons gone; the table stays."""
    import base64

    from selenium.webdriver.common.by import By

    _open(browser, "index.html")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:

        def shown(selector: str) -> bool:
            element = browser.find_element(By.CSS_SELECTOR, selector)
            return browser.execute_script(
                "return getComputedStyle(arguments[0]).display !== 'none'", element
            )

        assert not shown(".md-header") and not shown(".bench-filters")
        assert not shown(".bench-print-button") and shown(".bench-leaderboard")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_no_payload_in_the_html_source(built_sites):
    offenders = [
        str(path.relative_to(built_sites.site))
        for path in built_sites.site.rglob("*")
        if path.suffix in {".html", ".js", ".json"} and "downloads" not in path.parts
        for payload in PAYLOADS
        if payload in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_every_internal_link_resolves(built_sites):
    for site in (built_sites.site, built_sites.baseline_site):
        assert broken_links(site) == []
        assert external_resources(site) == []


def test_screenshot_of_the_leaderboard(built_sites, tmp_path):
    """The picture the README shows; BENCH_UPDATE_SCREENSHOT=1 writes it to docs/assets/."""
    from selenium.webdriver.common.by import By

    with serve(built_sites.baseline_site) as base, chromium(width=1280, height=900) as driver:
        driver.get(base + "index.html")
        time.sleep(1.0)
        assert driver.find_elements(By.CSS_SELECTOR, ".bench-leaderboard tbody tr")
        shot = tmp_path / "leaderboard.png"
        driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("BENCH_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)

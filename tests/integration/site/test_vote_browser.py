"""The Vote page in real Chromium, opened from disk: vote by keys, finish, submit, rate.

End to end as a reviewer does it: `bench human ballot` draws from a SYNTHETIC
run, the site is built, the page is opened with file:// (no server), every
pair is voted with the keyboard (progress survives a reload), Finish reveals the
names and downloads the votes file, which `bench human validate` accepts with
the reviewer as pull-request author; after the file is added, the leaderboard
has its human-preference column.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from bench.human import load_ballots
from bench.site import build_site
from tests.human.synthetic import SYNTHETIC_STRENGTHS, write_run, write_tasks
from tests.integration.site.browser import chromium
from tests.integration.site.conftest import require_chromium

pytestmark = [pytest.mark.integration, pytest.mark.slow]
VOTER = "octo-reviewer"
KEYS = "abts"


def _bench(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def voting_site(tmp_path_factory):
    require_chromium()
    root = tmp_path_factory.mktemp("vote-browser")
    tasks = write_tasks(root / "tasks")
    write_run(root / "results", tasks)
    drawn = _bench("human", "ballot", "--pairs", "5", "--seed", "7", cwd=root)
    assert drawn.returncode == 0, drawn.stderr
    (ballot,) = load_ballots(root / "human").values()
    build_site(
        root / "results", root / "tasks", root / "site", human_dir=root / "human",
        repository="octo/bench", workers=1,
    )  # fmt: skip
    return root, ballot


def _text(driver) -> str:
    return driver.execute_script("return document.body.innerText")


def _press(driver, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()
    time.sleep(0.1)


def _wait_for(path: Path, seconds: float = 10) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = list(path.glob("*.yaml"))
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no file downloaded into {path}")


def test_vote_from_disk_then_validate_then_rating_on_the_leaderboard(voting_site, tmp_path):
    from selenium.webdriver.common.by import By

    root, ballot = voting_site
    page = (root / "site" / "vote" / f"{ballot.id}.html").as_uri()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium() as driver:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        driver.get(page)
        time.sleep(0.5)
        hidden = _text(driver)
        assert "Pair 1 of 5" in hidden
        assert not any(model in hidden for model in SYNTHETIC_STRENGTHS), "names shown too early"
        assert driver.find_element(By.ID, "bench-vote-done").get_attribute("disabled")
        for key in KEYS[:3]:
            _press(driver, key)
        assert "3 voted" in _text(driver)
        driver.refresh()  # progress lives in localStorage, even from file://
        time.sleep(0.5)
        assert "3 voted" in _text(driver)
        assert not driver.find_elements(By.CSS_SELECTOR, ".md-search__input:focus")
        for key in KEYS[3:] + "a":
            _press(driver, key)
        assert "5 voted" in _text(driver)
        assert not any(model in _text(driver) for model in SYNTHETIC_STRENGTHS)
        driver.find_element(By.ID, "bench-vote-voter").send_keys(VOTER)
        driver.find_element(By.ID, "bench-vote-done").click()
        time.sleep(0.3)
        revealed = _text(driver)
        assert all(model in revealed for model in {p.a.model for p in ballot.pairs})
        produced = driver.find_element(By.ID, "bench-vote-yaml").get_attribute("value")
        github = driver.find_element(By.ID, "bench-vote-github").get_attribute("href")
        driver.find_element(By.ID, "bench-vote-download").click()
        downloaded = _wait_for(downloads)
        severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    # From disk, the theme's search cannot fetch its index (not this page's doing).
    assert [m for m in severe if "/search/" not in m] == []
    text = downloaded.read_text(encoding="utf-8")
    assert text == produced
    assert downloaded.name.startswith(f"{VOTER}-") and f"ballot: {ballot.id}" in text
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(github).query)
    assert github.startswith("https://github.com/octo/bench/new/main?")
    assert query["filename"] == [f"human/votes/{downloaded.name}"] and query["value"] == [text]

    target = root / "human" / "votes" / downloaded.name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    checked = _bench("human", "validate", str(target), "--author", VOTER, cwd=root)
    assert checked.returncode == 0, checked.stderr
    wrong = _bench("human", "validate", str(target), "--author", "someone-else", cwd=root)
    assert wrong.returncode == 1 and "pull request's author" in wrong.stderr

    board = _bench("leaderboard", "--format", "json", cwd=root)
    assert board.returncode == 0 and '"human_preference"' in board.stdout
    build_site(
        root / "results", root / "tasks", root / "site", human_dir=root / "human",
        repository="octo/bench", workers=1,
    )  # fmt: skip
    with chromium() as driver:
        driver.get((root / "site" / "index.html").as_uri())
        time.sleep(0.5)
        headers = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".bench-leaderboard th")]
        cells = driver.find_elements(By.CSS_SELECTOR, ".bench-leaderboard .bench-human-cell")
        assert "Human preference" in headers
        assert any("n=" in cell.text for cell in cells)
        driver.get((root / "site" / "human.html").as_uri())
        time.sleep(0.5)
        assert "No votes yet" not in _text(driver)
        assert driver.find_elements(By.CSS_SELECTOR, "#fig-human-agreement .main-svg")

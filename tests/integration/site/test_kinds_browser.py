"""Task-kind pages and per-kind leaderboards in headless Chromium.

A real run of the baselines over one task of every kind, plus one 'model' whose
whole replies (read by each kind's extraction) carry script payloads, built into a
site: each kind's task page shows its own parts (the buggy code and each fix's
diff, before/after with quality figures, the file tree and per-file diffs, the
true defects and the matches, the mutants killed), the per-kind leaderboards load,
and no payload runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.site import build_site
from tests.integration.site.browser import chromium, serve
from tests.integration.site.conftest import require_chromium

pytestmark = [pytest.mark.integration, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "kinds" / "fixtures"
PAYLOAD = "<img src=x onerror=alert(7)>"
CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: mutant, model: baseline/mutant}
      - {name: "null", model: baseline/null}
    execution: {sandbox: process, timeout: 5, workers: 2}
    """
)
SECTIONS = {
    "debug": ["The code as shown (buggy)", "Diff against the buggy code"],
    "refactor": ["Before: the code as shown", "After: the reference refactoring", "gain score"],
    "multifile": ["The project as shown", "The reference change", "files written"],
    "review": ["The code under review", "The true defects", "F1"],
    "testgen": ["The function under test", "Mutants killed"],
}


def _review_task() -> Path:
    return sorted(REPO.glob("tasks/*/review-*.yaml"))[0]


def _hostile_replies(tasks_dir: Path) -> Path:
    """A samples file: for each task, a whole reply carrying the payload, in the kind's form."""
    from bench.kinds import BaselineRole, kind_of
    from bench.tasks import load_tasks

    lines = []
    for task in load_tasks([tasks_dir]):
        answer = kind_of(task).baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
        if task.kind == "review":
            findings = json.loads(answer)
            findings.append({"line": 1, "category": "bug", "message": PAYLOAD})
            reply = f"Review {PAYLOAD}\n```json\n{json.dumps(findings)}\n```"
        elif task.kind == "multifile":
            reply = f"Here {PAYLOAD}:\n\n{answer}"
        else:
            reply = f"{PAYLOAD}\n```python\n{answer}\n# {PAYLOAD}\n```"
        lines.append(json.dumps({"task_id": task.id, "response": reply}))
    path = tasks_dir.parent / "hostile.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _bench(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=cwd, capture_output=True, text=True,
        timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"bench {' '.join(args)}:\n{done.stderr[-3000:]}"


@dataclass
class KindSite:
    site: Path
    task_ids: dict[str, str]


@pytest.fixture(scope="module")
def kind_site(tmp_path_factory) -> KindSite:
    require_chromium()
    root = tmp_path_factory.mktemp("kind-site")
    tasks_dir = root / "tasks"
    shutil.copytree(FIXTURES, tasks_dir / "kinds")  # not a tier folder: any difficulty
    shutil.copy(_review_task(), tasks_dir / "kinds")
    (root / "bench.yaml").write_text(CONFIG)
    common = ["--config", str(root / "bench.yaml"), "--tasks-dir", str(tasks_dir)]
    common += ["--results-dir", str(root / "results"), "--sandbox", "process"]
    _bench("run", *common, "--run-id", "2026-12-01T1900Z-000001", cwd=root)
    _bench("evaluate", *common, "--samples", str(_hostile_replies(tasks_dir)),
           "--model", PAYLOAD, "--run-id", "2026-12-02T1900Z-000002", cwd=root)  # fmt: skip
    build_site(root / "results", tasks_dir, root / "site")
    from bench.tasks import load_tasks

    ids = {task.kind: task.id for task in load_tasks([tasks_dir])}
    return KindSite(root / "site", ids)


@pytest.fixture(scope="module")
def browser(kind_site):
    with serve(kind_site.site) as base, chromium() as driver:
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": "window.__alerts = []; window.alert = m => window.__alerts.push(m);"},
        )
        driver.base_url = base
        yield driver


def _open(driver, page: str) -> str:
    driver.get(driver.base_url + page)
    time.sleep(0.4)
    assert driver.execute_script("return window.__alerts") == [], page
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == [], page
    return driver.find_element("tag name", "body").text


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_each_kinds_task_page_shows_its_own_parts(browser, kind_site, kind):
    from bench.site import page_slug

    page = f"tasks/{page_slug(kind_site.task_ids[kind])}.html"
    text = _open(browser, page)
    for section in SECTIONS[kind]:
        assert section in text, (kind, section)
    assert PAYLOAD in browser.page_source.replace("&lt;", "<").replace("&gt;", ">")
    assert not browser.find_elements("css selector", "img[src='x']")  # shown, never markup


def test_every_kind_has_a_leaderboard_and_the_overall_one_says_how_kinds_combine(browser):
    text = _open(browser, "index.html")
    assert "mean over kinds of the per-kind means" in text
    for kind in SECTIONS:
        board = _open(browser, f"leaderboard/kind-{kind}.html")
        assert f"of the {kind} kind" in board
        rows = browser.find_elements("css selector", ".bench-leaderboard tbody tr")
        assert len(rows) == 4, kind  # three baselines and the payload model

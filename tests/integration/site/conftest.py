"""Real runs for the browser tests: the offline baselines and two hostile 'models'.

`bench run` (process sandbox) runs the baselines twice on a few suite tasks plus
one task whose title and prompt carry the payloads; `bench evaluate` then
records two models named by the payloads, whose answers carry them in code and
reply. The site is built from that folder with `bench site build`'s code path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bench.site import build_site
from tests._support import require
from tests.integration.site.browser import chromium_available

REPO = Path(__file__).resolve().parents[3]
PAYLOADS = ("</script><script>alert(1)</script>", "<img src=x onerror=alert(2)>")
SUITE_TASKS = 3

PAYLOAD_TASK = {
    "id": "payload-title",
    "difficulty": "easy",
    "title": f"Add two numbers {PAYLOADS[0]} {PAYLOADS[1]}",
    "prompt": f"Write `add(a: int, b: int) -> int`, the sum. {PAYLOADS[1]} {PAYLOADS[0]}\n",
    "entry_point": "add",
    "tests": [{"input": [1, 2], "expected": 3}, {"input": [-1, 1], "expected": 0}],
    "reference_solution": "def add(a, b):\n    return a + b\n",
    "metadata": {"tags": ["math"], "added": "2026-11-25"},
}
CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: mutant, model: baseline/mutant}
      - {name: "null", model: baseline/null}
    execution: {sandbox: process, timeout: 5, workers: 2}
    """
)


def require_chromium() -> None:
    """Skip without Chromium, except in CI, where its absence is a failure (tests/_support.py)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing = "selenium is not installed (pip install selenium)"
    else:
        missing = "" if chromium_available() else "chromium/chromedriver not installed"
    require(not missing, f"{missing} (apt-get install -y chromium chromium-driver)")


def _bench(*args: str, cwd: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, f"bench {' '.join(args)}:\n{completed.stderr[-3000:]}"


def _tasks(folder: Path) -> list[str]:
    easy = sorted((REPO / "tasks" / "easy").glob("*.yaml"))[:SUITE_TASKS]
    (folder / "easy").mkdir(parents=True)
    for path in easy:
        shutil.copy(path, folder / "easy" / path.name)
    (folder / "easy" / "payload-title.yaml").write_text(yaml.safe_dump(PAYLOAD_TASK), "utf-8")
    return [path.stem for path in easy] + ["payload-title"]


def _samples(folder: Path, tasks_dir: Path, payload: str) -> Path:
    from bench.tasks import load_tasks

    path = folder / f"samples-{len(payload)}.jsonl"
    lines = [
        json.dumps({"task_id": task.id, "solution": f"{task.reference_solution}\n# {payload}\n"})
        for task in load_tasks([tasks_dir])
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class SiteFixture:
    """Built sites and their inputs."""

    results: Path
    tasks: Path
    site: Path
    baseline_site: Path
    task_ids: list[str]


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory) -> SiteFixture:
    """Two baseline runs and two hostile evaluations, built twice (with and without hostiles)."""
    require_chromium()
    root = tmp_path_factory.mktemp("site-browser")
    tasks_dir, results, baseline_results = root / "tasks", root / "results", root / "baselines"
    task_ids = _tasks(tasks_dir)
    (root / "bench.yaml").write_text(CONFIG, encoding="utf-8")
    common = ["--config", str(root / "bench.yaml"), "--tasks-dir", str(tasks_dir)]
    common += ["--results-dir", str(results), "--sandbox", "process"]
    # Explicit, ordered run ids: generated ids have minute resolution, and runs
    # started within one minute would sort by their random suffix.
    run_ids = [f"2026-11-2{day}T1900Z-00000{day}" for day in range(1, 5)]
    _bench("run", *common, "--models", "reference,mutant", "--run-id", run_ids[0], cwd=root)
    _bench("run", *common, "--run-id", run_ids[1], cwd=root)
    shutil.copytree(results, baseline_results)
    for payload, run_id in zip(PAYLOADS, run_ids[2:], strict=True):
        samples = _samples(root, tasks_dir, payload)
        _bench("evaluate", *common, "--samples", str(samples), "--model", payload,
               "--run-id", run_id, cwd=root)  # fmt: skip
    build_site(results, tasks_dir, root / "site")
    build_site(baseline_results, tasks_dir, root / "baseline-site")
    return SiteFixture(results, tasks_dir, root / "site", root / "baseline-site", task_ids)

"""`kill -9` of `bench run` mid-way, then `bench run --resume`: every attempt exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.results import read_attempts, read_manifest
from bench.tasks import load_tasks
from tests.fakes.llm_server import FakeLLMServer

from ._oracle import ReferenceOracle

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]
RUN_ID = "2026-11-25T1200Z-abcdef"


def config_text(url: str) -> str:
    return textwrap.dedent(
        f"""\
        models:
          - name: fake-coder
            model: openai/fake-coder
            api_base: {url}/v1
            api_key: sk-test
            price: {{input_per_mtok: 1.0, output_per_mtok: 2.0}}
            concurrency: 1
        execution: {{sandbox: process, workers: 2}}
        run: {{request_timeout: 10, max_retries: 1, backoff_initial_s: 0.05}}
        """
    )


def bench(*args: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    return subprocess.Popen(
        [sys.executable, "-m", "bench", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def rows(run_dir: Path) -> int:
    try:
        return len(read_attempts(run_dir))
    except Exception:
        return 0


def test_kill_minus_nine_then_resume(tmp_path):
    tasks = load_tasks([REPO / "tasks" / "easy"])
    oracle = ReferenceOracle(tasks, latency_s=1.0)
    with FakeLLMServer() as server:
        server.respond_with(oracle)
        (tmp_path / "bench.yaml").write_text(config_text(server.url))
        args = (
            "run",
            "--tasks-dir",
            str(REPO / "tasks"),
            "--difficulty",
            "easy",
            "--results-dir",
            "results",
            "--run-id",
            RUN_ID,
        )
        run_dir = tmp_path / "results" / "runs" / RUN_ID
        first = bench(*args, cwd=tmp_path)
        deadline = time.monotonic() + 120
        while rows(run_dir) < 3 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert first.poll() is None, first.stdout.read()
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = rows(run_dir)
        assert 3 <= killed_at < len(tasks)
        assert not read_manifest(run_dir).finished

        second = bench(*args, "--resume", cwd=tmp_path)
        output, _ = second.communicate(timeout=300)
        assert second.returncode == 0, output
    attempts = read_attempts(run_dir)
    assert len(attempts) == len(tasks)
    assert not attempts.duplicated(["model", "task_id", "sample"]).any()
    assert set(attempts["task_id"]) == {task.id for task in tasks}
    assert (attempts["status"] == "passed").all()
    assert read_manifest(run_dir).finished
    assert (attempts["prompt_tokens"] > 0).all() and (attempts["cost_usd"] > 0).all()

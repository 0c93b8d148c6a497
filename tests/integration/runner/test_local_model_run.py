"""The embedded model through the whole runner: llama.cpp started, used, and always stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rich.console import Console

from bench.config import load_config
from bench.results import read_attempts, read_manifest
from bench.runner import RunRequest, run_benchmark
from bench.tasks import load_tasks
from tests.localmodel._support import embedded_model_or_skip

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]
CONFIG = textwrap.dedent(
    """\
    models:
      - name: local/smollm2-135m
        local: {gguf: smollm2, threads: 1, ctx_size: 2048}
        params: {temperature: 0, max_tokens: 128}
        concurrency: 1
    execution: {sandbox: process, workers: 1}
    """
)


def llama_servers() -> set[int]:
    """Pids of bench's llama.cpp server processes on this machine."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"bench.localmodel._serve" in command:
                found.add(int(entry.name))
    return found


def test_two_easy_tasks_through_the_runner(tmp_path):
    embedded_model_or_skip()
    before = llama_servers()
    (tmp_path / "bench.yaml").write_text(CONFIG)
    config = load_config(tmp_path / "bench.yaml")
    tasks = [
        task
        for task in load_tasks([REPO / "tasks" / "easy"])
        if task.id in {"clamp-value", "sum-of-evens"}
    ]
    outcome = run_benchmark(
        RunRequest(
            config=config,
            tasks=tasks,
            models=config.models,
            results_dir=tmp_path / "results",
            console=Console(quiet=True),
        )
    )
    attempts = read_attempts(outcome.run_dir)
    assert len(attempts) == 2 and outcome.finished
    assert set(attempts["status"]) <= {"passed", "failed", "error", "timeout"}
    assert (attempts["prompt_tokens"] > 50).all() and (attempts["completion_tokens"] > 0).all()
    assert (attempts["response_time_s"] > 0).all() and (attempts["cost_usd"] == 0).all()
    [model] = read_manifest(outcome.run_dir).models
    assert model.price_source == "local" and model.model == "openai/local-smollm2-135m"
    assert llama_servers() == before


def test_ctrl_c_leaves_no_llama_server(tmp_path):
    embedded_model_or_skip()
    before = llama_servers()
    (tmp_path / "bench.yaml").write_text(CONFIG)
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench",
            "run",
            "--tasks-dir",
            str(REPO / "tasks"),
            "--difficulty",
            "medium",
            "--results-dir",
            str(tmp_path / "results"),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while not (llama_servers() - before) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    assert llama_servers() - before, "the run never started its llama.cpp server"
    time.sleep(2)  # a request is now in flight
    run.send_signal(signal.SIGINT)
    run.wait(timeout=60)
    deadline = time.monotonic() + 15
    while llama_servers() - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert llama_servers() == before

"""A provider failing 30% of the time (429, 500, timeouts): the run finishes, one row each."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rich.console import Console

from bench.config import load_config
from bench.results import read_attempts
from bench.runner import RunRequest, run_benchmark
from bench.tasks import load_tasks
from tests.fakes.llm_server import FakeLLMServer, Reply

from ._oracle import ReferenceOracle

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]


def test_thirty_percent_failures_still_one_row_per_attempt(tmp_path):
    tasks = load_tasks([REPO / "tasks" / "easy"])[:10]
    oracle = ReferenceOracle(tasks)
    failures = [
        Reply(status=429, retry_after="0"),
        Reply(status=500),
        Reply(hang=True),
    ]

    def flaky(index, request):
        return failures[index % 10] if index % 10 < 3 else oracle.reply_for(request)

    with FakeLLMServer() as server:
        server.respond_with(flaky)
        path = tmp_path / "bench.yaml"
        path.write_text(
            textwrap.dedent(
                f"""\
            models:
              - {{name: flaky, model: openai/flaky, api_base: "{server.url}/v1", api_key: k,
                  concurrency: 4}}
            execution: {{sandbox: process, workers: 2}}
            run: {{samples: 2, request_timeout: 1.5, max_retries: 1, backoff_initial_s: 0.01,
                  backoff_max_s: 0.05}}
            """
            )
        )
        config = load_config(path)
        outcome = run_benchmark(
            RunRequest(
                config=config,
                tasks=tasks,
                models=config.models,
                results_dir=tmp_path / "results",
                console=Console(quiet=True),
            )
        )
        requests = server.count()
    attempts = read_attempts(outcome.run_dir)
    assert outcome.finished
    assert len(attempts) == 20
    assert not attempts.duplicated(["model", "task_id", "sample"]).any()
    statuses = set(attempts["status"])
    assert statuses <= {"passed", "provider_error"}
    assert "passed" in statuses
    assert requests > 20  # failed calls were retried

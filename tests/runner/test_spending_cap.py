"""`--max-cost` stops a run at the cap: a priced model behind a real HTTP server.

The projection (every reply at max_tokens) lets the run start; the server then reports
more completion tokens than max_tokens allowed (as a provider counting hidden reasoning
tokens does), so the real spend crosses the cap midway and the run must stop there.
"""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from bench.cli import cli
from bench.results import is_finished, list_runs, read_attempts, read_manifest, run_dir
from tests.fakes.llm_server import FakeLLMServer, Reply

# $1000 per million output tokens = $0.001 a token; input is free
PRICED = textwrap.dedent(
    """\
    models:
      - name: priced
        model: openai/priced-model
        api_base: "{url}/v1"
        api_key: sk-test
        concurrency: 1
        params: {{max_tokens: 10}}
        price: {{input_per_mtok: 0, output_per_mtok: 1000}}
    execution: {{sandbox: process, workers: 1, timeout: 10}}
    run: {{samples: 3, concurrency: 1, max_retries: 0}}
    """
)


def test_a_run_stops_at_the_spending_cap(tmp_path, write_task):
    write_task()
    write_task(name="add-three.yaml", text=_second_task())
    results = tmp_path / "results"
    # projected: 6 calls x 10 tokens x $0.001 = $0.06 <= $0.25, so the run starts;
    # each call really costs 100 x $0.001 = $0.10: after three, $0.30 >= $0.25
    with FakeLLMServer(default=Reply(completion_tokens=100)) as server:
        (tmp_path / "bench.yaml").write_text(PRICED.format(url=server.url))
        result = CliRunner().invoke(
            cli,
            ["run", "--config", str(tmp_path / "bench.yaml"), "--tasks-dir",
             str(tmp_path / "tasks"), "--results-dir", str(results), "--max-cost", "0.25"],
        )  # fmt: skip
        calls = server.count()
    assert result.exit_code == 0, result.output
    assert "projected spend: at most $0.0600" in result.output
    assert calls == 3
    (run_id,) = list_runs(results)
    folder = run_dir(results, run_id)
    attempts = read_attempts(folder)
    assert len(attempts) == 3
    assert round(attempts["cost_usd"].sum(), 6) == 0.3
    text = " ".join(result.output.split())  # rich wraps long lines
    assert "spending cap $0.25 reached: 3 attempts not started" in text
    assert f"pass --resume to finish run {run_id}" in text
    assert f"run {run_id} unfinished" in text
    assert not is_finished(folder) and read_manifest(folder).finished_at is None
    summary = [line for line in result.output.splitlines() if line.startswith("│ priced")]
    assert len(summary) == 1 and "0.3000" in summary[0]  # this run's spend, in the table


def _second_task() -> str:
    from tests.conftest import VALID_TASK

    return VALID_TASK.replace("id: add-two", "id: add-three")

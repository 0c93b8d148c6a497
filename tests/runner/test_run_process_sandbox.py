"""A whole run with the offline baselines, in the process sandbox (the Docker run is in
tests/integration/)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rich.console import Console

from bench.config import load_config
from bench.results import ATTEMPT_COLUMNS, is_finished, read_attempts, read_manifest
from bench.runner import RunError, RunRequest, run_benchmark
from bench.tasks import load_tasks

REPO = Path(__file__).resolve().parents[2]
CONFIG = textwrap.dedent(
    """\
    models:
      - {name: reference, model: baseline/reference}
      - {name: "null", model: baseline/null}
      - {name: mutant, model: baseline/mutant}
    execution: {sandbox: process, workers: 2, timeout: 10}
    """
)


@pytest.fixture
def request_for(tmp_path):
    config_path = tmp_path / "bench.yaml"
    config_path.write_text(CONFIG)
    suite = load_tasks([REPO / "tasks" / "easy" / "run-length-encode.yaml", tmp_path / "tasks"])

    def make(**overrides) -> RunRequest:
        config = load_config(config_path)
        values = {
            "config": config,
            "tasks": suite,
            "models": config.models,
            "results_dir": tmp_path / "results",
            "console": Console(quiet=True),
        }
        values.update(overrides)
        return RunRequest(**values)

    return make


@pytest.fixture(autouse=True)
def second_task(write_task):
    write_task()


def test_run_writes_one_row_per_attempt_and_a_finished_manifest(request_for):
    outcome = run_benchmark(request_for())
    assert outcome.finished and is_finished(outcome.run_dir)
    attempts = read_attempts(outcome.run_dir)
    assert list(attempts.columns)[: len(ATTEMPT_COLUMNS)] == [c.name for c in ATTEMPT_COLUMNS]
    assert len(attempts) == 3 * 2
    by_model = attempts.groupby("model")["status"].apply(set).to_dict()
    assert by_model["reference"] == {"passed"}
    assert by_model["null"] == {"failed"}
    reference = attempts[attempts["model"] == "reference"]
    assert (reference["correctness"] == 100).all()
    assert reference["efficiency"].notna().all()
    null = attempts[attempts["model"] == "null"]
    assert (null["overall"] == 0).all()  # a wrong answer earns nothing for speed or style
    manifest = read_manifest(outcome.run_dir)
    assert manifest.sandbox == "process"
    assert [model.name for model in manifest.models] == ["reference", "null", "mutant"]
    assert manifest.prompt_template_version


def test_resume_skips_written_attempts(request_for):
    first = run_benchmark(request_for(run_id="2026-11-25T0000Z-aaaaaa"))
    again = run_benchmark(request_for(run_id="2026-11-25T0001Z-bbbbbb", shard=None))
    assert first.run_id != again.run_id
    with pytest.raises(RunError, match="finished and immutable"):
        run_benchmark(request_for(run_id=first.run_id, resume=True))


def test_unfinished_run_is_resumed_and_completed(request_for):
    from bench.runner import Shard

    partial = run_benchmark(request_for(run_id="2026-11-25T0000Z-cccccc", shard=Shard(1, 2)))
    assert not partial.finished
    rows_before = len(read_attempts(partial.run_dir))
    resumed = run_benchmark(request_for(resume=True))
    assert resumed.run_id == partial.run_id and resumed.finished
    attempts = read_attempts(resumed.run_dir)
    assert len(attempts) == 6 and rows_before == 3
    assert not attempts.duplicated(["model", "task_id", "sample"]).any()


def test_spending_cap_refuses_a_run_projected_above_it(request_for, tmp_path):
    config_path = tmp_path / "priced.yaml"
    config_path.write_text(
        textwrap.dedent(
            """\
        models:
          - name: pricey
            model: openai/some-model
            api_base: http://127.0.0.1:9/v1
            api_key: sk-test
            params: {max_tokens: 1000}
            price: {input_per_mtok: 1000, output_per_mtok: 1000}
        execution: {sandbox: process}
        """
        )
    )
    config = load_config(config_path)
    with pytest.raises(RunError, match="exceeds --max-cost"):
        run_benchmark(request_for(config=config, models=config.models, max_cost_usd=0.01))

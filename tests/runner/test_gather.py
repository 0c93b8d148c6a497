"""Gathering a sharded run (`bench.runner.gather_run`, `bench results gather`).

The shard folders are made with the results store's own writer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from bench.cli import cli
from bench.results import (
    ModelManifest,
    RunWriter,
    is_finished,
    read_attempts,
    read_manifest,
    run_dir,
    write_manifest,
)
from bench.runner import GatherError, gather_run
from tests.results.conftest import RUN_ID, T0, attempt, manifest


def shard(tmp_path, index: int, tasks: list[str], **manifest_fields):
    """A shard's results dir as `bench run --shard K/N` leaves it on its own machine."""
    results = tmp_path / f"machine-{index}"
    folder = run_dir(results, RUN_ID)
    fields = {"started_at": T0 + dt.timedelta(minutes=index), **manifest_fields}
    write_manifest(folder, manifest(**fields))
    with RunWriter(results, RUN_ID, index) as writer:
        for task_id in tasks:
            writer.append(attempt(task_id))
    return folder


def test_two_shards_become_one_finished_run(tmp_path):
    first = shard(tmp_path, 1, ["a", "b"])
    resolved = ModelManifest(name="reference", model="baseline/reference", resolved_version="r1")
    second = shard(tmp_path, 2, ["c"], models=[manifest().models[0], resolved])
    now = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)
    gathered = gather_run(tmp_path / "results", [first, second], expect_shards=2, now=now)
    assert gathered.run_dir == run_dir(tmp_path / "results", RUN_ID)
    assert (gathered.shards, gathered.attempts, gathered.infra_errors) == (2, 3, 0)
    assert sorted(read_attempts(gathered.run_dir)["task_id"]) == ["a", "b", "c"]
    merged = read_manifest(gathered.run_dir)
    assert merged.finished_at == now and merged.started_at == T0 + dt.timedelta(minutes=1)
    assert [m.name for m in merged.models] == ["gpt-4o", "reference"]
    assert merged.models[1].resolved_version == "r1"  # from the shard that saw it
    assert is_finished(gathered.run_dir)
    with pytest.raises(GatherError, match="already finished"):
        gather_run(tmp_path / "results", [first, second])


def test_shards_must_belong_together(tmp_path):
    first = shard(tmp_path, 1, ["a"])
    other = shard(tmp_path, 2, ["b"], task_set_hash="different")
    with pytest.raises(GatherError, match="disagree on task_set_hash"):
        gather_run(tmp_path / "results", [first, other])
    with pytest.raises(GatherError, match="expected 3 shards, got 1"):
        gather_run(tmp_path / "results", [first], expect_shards=3)
    with pytest.raises(GatherError, match="same file"):
        gather_run(tmp_path / "results", [first, first])
    with pytest.raises(GatherError, match=r"no run\.parquet"):
        gather_run(tmp_path / "results", [tmp_path])


def test_the_command_reports_in_one_line(tmp_path):
    first, second = shard(tmp_path, 1, ["a"]), shard(tmp_path, 2, ["b"])
    results = tmp_path / "results"
    runner = CliRunner()
    args = [
        "results",
        "gather",
        str(first),
        str(second),
        "--results-dir",
        str(results),
        "--expect-shards",
        "2",
    ]
    outcome = runner.invoke(cli, args)
    assert outcome.exit_code == 0, outcome.output
    assert "gathered 2 shards, 2 attempts (0 infrastructure errors)" in outcome.output
    again = runner.invoke(cli, args)
    assert again.exit_code == 1
    assert again.output.startswith("error: run ") and "Traceback" not in again.output

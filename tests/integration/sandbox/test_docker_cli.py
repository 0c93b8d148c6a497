"""`bench sandbox check` and `build` through the real CLI, and the leftover sweep."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bench.cli._sandbox import sandbox_group
from bench.sandbox._container import LABEL, OWNER_LABEL
from bench.sandbox._docker import connect, sweep_leftovers
from bench.sandbox._image import IMAGE_TAG

from .conftest import docker_executor_or_skip

pytestmark = [pytest.mark.docker, pytest.mark.integration]
BENCH = [sys.executable, "-c", "from bench.cli import main; main()"]


@pytest.fixture(scope="module")
def engine():
    docker_executor_or_skip(workers=1).close()  # skips loudly (fails under CI) without one
    return connect()


def test_bench_sandbox_check_in_a_subprocess(engine):
    done = subprocess.run([*BENCH, "sandbox", "check"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout
    assert "properties hold (docker sandbox)" in done.stdout


def test_check_command_reports_each_property(engine):
    result = CliRunner().invoke(sandbox_group, ["check"])
    assert result.exit_code == 0, result.output
    assert "ok    cannot reach the runner's loopback (no network)" in result.output
    assert "ok    a daemon left by a task does not survive it" in result.output


def test_build_reports_a_missing_engine_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    result = CliRunner().invoke(sandbox_group, ["build", "--offline"])
    assert result.exit_code == 1
    assert (
        result.output.startswith("Error: no Docker engine answers")
        and result.output.count("\n") == 1
    )


def test_sweep_removes_containers_of_dead_runners(engine):
    dead_owner = f"{socket.gethostname()}:999999999:1"
    container = engine.containers.create(
        IMAGE_TAG,
        ["sleep", "600"],
        labels={LABEL: "1", OWNER_LABEL: dead_owner},
        network_mode="none",
    )
    container.start()
    assert sweep_leftovers(engine) >= 1
    assert container.id not in {c.id for c in engine.containers.list(all=True)}

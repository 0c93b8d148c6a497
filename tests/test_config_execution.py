"""bench.yaml's `execution:` and `scoring.speed` agree with the sandbox and the scorer.

Each test pins one fact that once lived in two homes and drifted (issue 12, finding 1
and 5): sizes, the timeout's meaning, the speed baseline's default, the sandbox
choices, and the params hash.
"""

from __future__ import annotations

import inspect
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

from bench.cli import cli
from bench.cli._common import SandboxChoice
from bench.config import BenchConfig, ExecutionConfig, load_config
from bench.results import list_runs, read_manifest, run_dir
from bench.runner import RunRequest, run_benchmark
from bench.sandbox import (
    Executor,
    SandboxFault,
    SandboxLimits,
    available_executors,
    make_executor,
    parse_size,
    register_executor,
)
from bench.sandbox import _executor as executor_module
from bench.scoring import DEFAULT_SPEED_BASELINE_S, SpeedBaseline
from bench.tasks import load_tasks

from .conftest import REPO_ROOT


class TinyExecutor(Executor):
    """A plugged-in executor in a few lines: it runs nothing, every execution faults."""

    def _run(self, request: dict[str, Any], budget_s: float) -> dict[str, Any]:
        raise SandboxFault("the tiny executor runs nothing")


class EntryPointExecutor(TinyExecutor):
    """The same, offered by a package's `bench.executors` entry point."""


@pytest.fixture
def registry(monkeypatch):
    """A private copy of the executor registry, so a test's plugins do not leak."""
    available_executors()  # the built-ins register into the real registry first
    monkeypatch.setattr(executor_module, "_BACKENDS", dict(executor_module._BACKENDS))
    return register_executor


@pytest.fixture
def tiny(registry):
    registry("tiny")(TinyExecutor)
    return "tiny"


def _config(tmp_path: Path, execution: str, models: str = "") -> Path:
    path = tmp_path / "bench.yaml"
    path.write_text(f"execution: {execution}\n{models}", encoding="utf-8")
    return path


# --- one size parser ---------------------------------------------------------------


@pytest.mark.parametrize("memory", ["512m", "512mb", "512MB", "1g", "1.5g", "65536", "64k"])
def test_config_accepts_every_size_the_sandbox_parses(tmp_path, memory):
    config = load_config(_config(tmp_path, f"{{memory: {memory}}}"))
    assert config.execution.memory_bytes == parse_size(memory)
    executor = make_executor("process", config.execution.limits)
    assert executor.limits.memory_bytes == parse_size(memory)


@pytest.mark.parametrize("memory", ["lots", "512q", "0", "-1m"])
def test_config_rejects_what_the_sandbox_cannot_parse(tmp_path, memory):
    with pytest.raises(ValueError):
        SandboxLimits(memory=memory)
    with pytest.raises(Exception, match=r"execution\.memory: "):
        load_config(_config(tmp_path, f"{{memory: '{memory}'}}"))


# --- one home for the limits ---------------------------------------------------------


def test_execution_config_is_the_sandbox_limits_plus_the_choice():
    limit_fields = set(SandboxLimits.model_fields)
    assert set(ExecutionConfig.model_fields) == limit_fields | {"sandbox"}
    assert ExecutionConfig().limits == SandboxLimits()


def test_every_limit_reaches_the_executor(tmp_path):
    execution = "{sandbox: process, memory: 256mb, timeout: 7, workers: 3, pids: 32}"
    config = load_config(_config(tmp_path, execution))
    with make_executor("process", config.execution.limits) as executor:
        described = executor.describe()
    assert described["sandbox"] == "process"  # not the config's own `sandbox` field
    assert (described["memory"], described["timeout"]) == ("256mb", 7.0)
    assert (described["workers"], described["pids"]) == (3, 32)


def test_the_repository_bench_yaml_uses_the_sandbox_defaults():
    execution = load_config(REPO_ROOT / "bench.yaml").execution
    assert execution.limits == SandboxLimits()


def test_timeout_means_the_same_in_config_sandbox_and_docs():
    """Load + test_code, each input test with its own timeout; never the whole execution."""
    sandbox_doc = (REPO_ROOT / "docs" / "sandbox.md").read_text(encoding="utf-8")
    bench_yaml = (REPO_ROOT / "bench.yaml").read_text(encoding="utf-8")
    assert set(inspect.get_annotations(ExecutionConfig)) == {"sandbox"}  # no limit redeclared
    assert repr(ExecutionConfig.model_fields["timeout"]) == repr(
        SandboxLimits.model_fields["timeout"]
    )
    assert "`execution.timeout`" in sandbox_doc and "not a cap on the whole" in sandbox_doc
    timeout_line = next(line for line in bench_yaml.splitlines() if "timeout: 5" in line)
    assert "loading the code" in timeout_line and "whole" not in bench_yaml.split("scoring:")[0]


# --- one default for the speed baseline ----------------------------------------------


def test_speed_baseline_default_is_the_scorers():
    assert BenchConfig().scoring.speed.baseline_s == DEFAULT_SPEED_BASELINE_S
    assert SpeedBaseline().default_s == DEFAULT_SPEED_BASELINE_S == 30.0
    methodology = (REPO_ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert "default 30 s" in methodology and "default 20 s" not in methodology


# --- sandbox choices from the registry -----------------------------------------------


def test_unknown_sandbox_names_the_registered_choices(tmp_path, tiny):
    with pytest.raises(Exception, match="choose one of auto, docker, process, tiny"):
        load_config(_config(tmp_path, "{sandbox: vm}"))


def test_a_registered_executor_is_selectable_in_bench_yaml(tmp_path, tiny, write_task):
    write_task()
    models = "models:\n  - {name: 'null', model: baseline/null, params: {stop: ['—']}}\n"
    config = load_config(_config(tmp_path, "{sandbox: tiny}", models))
    assert config.execution.sandbox == "tiny"
    outcome = run_benchmark(
        RunRequest(
            config=config,
            tasks=load_tasks([tmp_path / "tasks"]),
            models=config.models,
            results_dir=tmp_path / "results",
            console=Console(quiet=True),
        )
    )
    manifest = read_manifest(outcome.run_dir)
    assert manifest.sandbox == "tiny"
    # one params hash: the manifest's column equals the config's, non-ASCII included
    config_view = json.loads(manifest.config_json)["models"][0]
    assert manifest.models[0].params_hash == config_view["params_hash"]
    assert manifest.models[0].params_hash == config.models[0].params_hash


def test_a_registered_executor_is_a_cli_choice(tmp_path, tiny, write_task):
    write_task()
    config_path = _config(
        tmp_path, "{sandbox: process}", "models:\n  - {name: 'null', model: baseline/null}\n"
    )
    assert "tiny" in SandboxChoice().choices and "auto" in SandboxChoice().choices
    assert "auto" not in SandboxChoice(with_auto=False).choices
    arguments = ["--config", str(config_path), "--tasks-dir", str(tmp_path / "tasks")]
    arguments += ["--results-dir", str(tmp_path / "results"), "--sandbox", "tiny"]
    result = CliRunner().invoke(cli, ["run", *arguments])
    assert "Invalid value for '--sandbox'" not in result.output
    (run_id,) = list_runs(tmp_path / "results")
    assert read_manifest(run_dir(tmp_path / "results", run_id)).sandbox == "tiny"
    help_text = CliRunner().invoke(cli, ["run", "--help"]).output
    assert "[auto|docker|process|tiny]" in help_text


def test_a_plugin_executor_registers_through_its_entry_point(tmp_path, registry, monkeypatch):
    dist_info = tmp_path / "bench_tiny_sandbox-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bench-tiny-sandbox\nVersion: 1.0\n"
    )
    (dist_info / "entry_points.txt").write_text(
        textwrap.dedent(
            """\
            [bench.executors]
            tiny-plugin = tests.test_config_execution:EntryPointExecutor
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(executor_module, "_plugins_loaded", False)
    assert "tiny-plugin" in available_executors()
    config = load_config(_config(tmp_path, "{sandbox: tiny-plugin}"))
    executor = make_executor(config.execution.sandbox, config.execution.limits)
    assert isinstance(executor, EntryPointExecutor) and executor.name == "tiny-plugin"

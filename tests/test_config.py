"""bench.yaml loading: typed sections, one-line errors, ${ENV} keys, redaction."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bench.config import (
    BenchConfig,
    ConfigError,
    CredentialsError,
    ModelConfig,
    check_credentials,
    load_config,
)
from bench.tasks import Difficulty
from tests.conftest import REPO_ROOT

FULL = """\
models:
  - name: gpt-4o
    model: openai/gpt-4o
    api_key: ${OPENAI_API_KEY}
    params: {temperature: 0, max_tokens: 2048}
    price: {input_per_mtok: 2.5, output_per_mtok: 10.0, as_of: 2026-11-01}
    concurrency: 8
    rpm: 500
    knowledge_cutoff: 2023-10-01
  - name: qwen-coder-local
    model: openai/qwen2.5-coder
    api_base: http://${VLLM_HOST}:8000/v1
  - {name: reference, model: baseline/reference}
execution: {sandbox: docker, timeout: 5, memory: 512m, cpus: 1, workers: 2}
scoring:
  weights: {correctness: 0.40, speed: 0.20, quality: 0.25, efficiency: 0.15}
  speed: {baseline_s: 20, by_difficulty: {extreme: 90}}
run: {samples: 3, seed: 7, request_timeout: 120, max_retries: 2}
"""


def _load(tmp_path, text, environ=None):
    path = tmp_path / "bench.yaml"
    path.write_text(text)
    return load_config(path, environ=environ or {})


def _error(tmp_path, text) -> str:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    return str(caught.value)


def test_full_example(tmp_path):
    env = {"OPENAI_API_KEY": "sk-secret-1", "VLLM_HOST": "10.0.0.5"}
    config = _load(tmp_path, FULL, env)
    gpt, qwen, reference = config.models
    assert gpt.api_key.get_secret_value() == "sk-secret-1"
    assert gpt.params == {"temperature": 0, "max_tokens": 2048}
    assert gpt.price.input_per_mtok == 2.5 and gpt.price.as_of == dt.date(2026, 11, 1)
    assert (gpt.concurrency, gpt.rpm, gpt.knowledge_cutoff) == (8, 500, dt.date(2023, 10, 1))
    assert qwen.api_base == "http://10.0.0.5:8000/v1"
    assert reference.model == "baseline/reference"
    assert config.execution.memory_bytes == 512 * 1024**2
    assert config.scoring.speed.baseline_s == 20
    assert config.scoring.speed.by_difficulty == {Difficulty.EXTREME: 90}
    assert (config.run.samples, config.run.seed, config.run.max_retries) == (3, 7, 2)
    assert not any(model.missing_env for model in config.models)


def test_defaults(tmp_path):
    config = _load(tmp_path, "")
    assert config.model_dump() == BenchConfig().model_dump()
    assert config.source_dir == tmp_path.resolve()
    weights = config.scoring.weights
    assert (weights.correctness, weights.speed, weights.quality, weights.efficiency) == (
        0.40,
        0.20,
        0.25,
        0.15,
    )
    assert config.execution.sandbox == "auto"
    assert config.run.request_timeout == 120


def test_unset_variables_are_recorded_not_fatal(tmp_path):
    config = _load(tmp_path, FULL, {"VLLM_HOST": ""})
    gpt, qwen, reference = config.models
    assert gpt.missing_env == ("OPENAI_API_KEY",) and gpt.api_key is None
    assert qwen.missing_env == ("VLLM_HOST",) and qwen.api_base is None
    check_credentials([reference])  # a run of the baseline alone needs no key
    with pytest.raises(CredentialsError) as caught:
        check_credentials(config.select(["gpt-4o", "qwen-coder-local", "reference"]))
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert "'gpt-4o'" in lines[0] and "${OPENAI_API_KEY}" in lines[0]
    assert "'qwen-coder-local'" in lines[1] and "VLLM_HOST" in lines[1]


def test_environment_is_read_at_load_time_only(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_TEST_KEY", "first")
    path = tmp_path / "bench.yaml"
    path.write_text("models:\n  - {name: m, model: openai/x, api_key: '${BENCH_TEST_KEY}'}\n")
    config = load_config(path)
    monkeypatch.setenv("BENCH_TEST_KEY", "second")
    assert config.models[0].api_key.get_secret_value() == "first"


def test_secrets_never_appear_in_repr_dump_or_manifest(tmp_path):
    text = FULL.replace("{name: reference, model: baseline/reference}", (
        "{name: literal, model: openai/o, api_key: sk-literal-9, "
        "api_base: 'https://user:pw-secret@host/v1'}"
    ))  # fmt: skip
    config = _load(tmp_path, text, {"OPENAI_API_KEY": "sk-secret-1", "VLLM_HOST": "h"})
    manifest = json.dumps(config.manifest_view())
    for rendered in (repr(config), str(config.model_dump()), config.model_dump_json(), manifest):
        assert "sk-secret-1" not in rendered and "sk-literal-9" not in rendered
    assert "pw-secret" not in manifest
    view = config.manifest_view()["models"]
    assert view[0]["api_key"] == "${OPENAI_API_KEY}"
    assert view[2]["api_key"] == "<redacted>"
    assert view[2]["api_base"] == "https://<redacted>@host/v1"
    assert view[1]["api_key"] is None
    assert view[0]["params_hash"] == config.models[0].params_hash
    assert len(view[0]["params_hash"]) == 16


def test_params_hash_ignores_key_order():
    first = ModelConfig(name="a", model="m", params={"temperature": 0, "top_p": 1})
    second = ModelConfig(name="a", model="m", params={"top_p": 1, "temperature": 0})
    third = ModelConfig(name="a", model="m", params={"top_p": 1, "temperature": 0.1})
    assert first.params_hash == second.params_hash != third.params_hash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("models: [{name: a, model: m, temprature: 0}]", "models[0] (a).temprature: unknown field"),
        ("models: [{name: a}]", "models[0] (a).model: missing required field"),
        ("models: [{name: a, model: m, concurrency: many}]", "models[0] (a).concurrency: "),
        ("models: [{name: a, model: m, concurrency: 0}]", "greater than or equal to 1"),
        ("models: [{name: a, model: m, price: {input_per_mtok: x, output_per_mtok: 1}}]",
         "models[0] (a).price.input_per_mtok: "),
        ("models: [{name: a, model: m, params: {timeout: 3}}]",
         "models[0] (a).params: timeout cannot be set here"),
        ("models: [{name: a, model: m, knowledge_cutoff: someday}]", "knowledge_cutoff"),
        ("models: [{name: a, model: m}, {name: a, model: n}]", "models: duplicate model names: a"),
        ("execution: {sandbox: vm}",
         "execution.sandbox: unknown sandbox 'vm'; choose one of auto, docker, process"),
        ("execution: {memory: lots}", "execution.memory: not a size: 'lots' (use e.g. 512m"),
        ("scoring: {weights: {correctness: 0.9}}", "scoring.weights: weights must sum to 1"),
        ("scoring: {speed: {by_difficulty: {legendary: 3}}}", "scoring.speed.by_difficulty"),
        ("run: {samples: 0}", "run.samples: "),
        ("run: {sed: 1}", "run.sed: unknown field"),
        ("modles: []", "modles: unknown field"),
    ],
)  # fmt: skip
def test_one_line_errors_name_file_and_field(tmp_path, text, expected):
    message = _error(tmp_path, text)
    assert expected in message
    for line in message.splitlines():
        assert line.startswith(f"{tmp_path / 'bench.yaml'}: ")


def test_wrong_type_shows_the_value(tmp_path):
    message = _error(tmp_path, "models: [{name: a, model: m, concurrency: many}]")
    assert "(got 'many')" in message


def test_every_problem_is_reported(tmp_path):
    message = _error(tmp_path, "execution: {sandbox: vm, workers: 0}\nrun: {samples: -1}")
    assert len(message.splitlines()) == 3


def test_bad_yaml_and_bad_files(tmp_path):
    message = _error(tmp_path, "models:\n  - {name: a, model: [unclosed\n")
    assert "invalid YAML at line" in message and len(message.splitlines()) == 1
    assert "top level must be a mapping" in _error(tmp_path, "- just\n- a list\n")
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.yaml")


def test_select_models(tmp_path):
    config = _load(tmp_path, FULL, {"OPENAI_API_KEY": "k", "VLLM_HOST": "h"})
    assert [m.name for m in config.select(["reference", "gpt-4o"])] == ["gpt-4o", "reference"]
    assert len(config.select(None)) == 3
    with pytest.raises(ConfigError, match="unknown model 'gpt-5'"):
        config.select(["gpt-5"])


def test_repository_bench_yaml_loads_with_no_keys():
    config = load_config(REPO_ROOT / "bench.yaml", environ={})
    names = {model.model for model in config.models}
    assert names == {
        "baseline/reference",
        "baseline/null",
        "baseline/mutant",
        "openai/local-smollm2-135m",
    }
    [local] = [model for model in config.models if model.local]
    assert local.name == "local/smollm2-135m" and local.local.gguf == "smollm2"
    check_credentials(config.models)


def test_local_model_entry_defaults_its_model_string(tmp_path):
    config = _load(tmp_path, "models:\n  - {name: my coder/7b, local: {gguf: x.gguf}}\n")
    assert config.models[0].model == "openai/my-coder-7b"
    with pytest.raises(ConfigError, match=r"local\.threds"):
        _load(tmp_path, "models:\n  - {name: m, local: {gguf: x.gguf, threds: 2}}\n")

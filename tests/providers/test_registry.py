"""Provider registry: decorator registration, prefixes, typos, credentials before work."""

from __future__ import annotations

import pytest

from bench.config import ConfigError, CredentialsError, ModelConfig, RunConfig, load_config
from bench.providers import (
    LiteLLMProvider,
    ModelProvider,
    ModelResponse,
    NullBaseline,
    _registry,
    create_provider,
    provider_class,
    register_provider,
    registered_models,
)


def test_builtin_keys():
    assert {"baseline/reference", "baseline/null", "baseline/mutant"} <= set(registered_models())
    assert provider_class("baseline/null") is NullBaseline
    assert provider_class("openai/gpt-4o") is LiteLLMProvider
    assert provider_class("gpt-4o") is LiteLLMProvider


def test_unknown_baseline_is_a_config_error_listing_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown model 'baseline/nul'.*baseline/null"):
        provider_class("baseline/nul")


def test_third_party_prefix_registration(monkeypatch):
    monkeypatch.setattr(_registry, "_registry", dict(_registry._registry))

    @register_provider("echo/")
    class EchoProvider(ModelProvider):
        kind = "echo"

        async def generate(self, prompt, task, *, sample=0):
            return ModelResponse(code=prompt, text=prompt)

    assert provider_class("echo/anything") is EchoProvider
    provider = create_provider(ModelConfig(name="e", model="echo/x"), RunConfig())
    assert isinstance(provider, EchoProvider) and provider.name == "e"
    assert repr(provider) == "EchoProvider(name='e', model='echo/x')"


def test_unset_env_key_fails_before_any_work(tmp_path):
    path = tmp_path / "bench.yaml"
    path.write_text(
        "models:\n  - {name: gpt, model: openai/gpt-4o, api_key: '${BENCH_TEST_UNSET_KEY}'}\n"
    )
    config = load_config(path, environ={})
    with pytest.raises(CredentialsError) as caught:
        create_provider(config.models[0], config.run)
    message = str(caught.value)
    assert "'gpt'" in message and "BENCH_TEST_UNSET_KEY" in message
    assert "\n" not in message


def test_litellm_route_without_any_key_fails_before_any_work():
    # conftest clears OPENAI_API_KEY; no api_key and no api_base in the config
    with pytest.raises(CredentialsError, match=r"'gpt'.*OPENAI_API_KEY"):
        create_provider(ModelConfig(name="gpt", model="openai/gpt-4o"), RunConfig())


def test_local_endpoint_needs_no_key():
    provider = create_provider(
        ModelConfig(name="local", model="openai/qwen", api_base="http://127.0.0.1:9/v1"),
        RunConfig(),
    )
    assert isinstance(provider, LiteLLMProvider)
    assert provider.count_prompt_tokens("hello world") > 0


def test_hugging_face_accepts_hf_token(monkeypatch):
    config = ModelConfig(name="hf", model="huggingface/meta-llama/Llama-3.1-8B-Instruct")
    with pytest.raises(CredentialsError, match="HUGGINGFACE_API_KEY"):
        create_provider(config, RunConfig())
    monkeypatch.setenv("HF_TOKEN", "hf_test")
    assert isinstance(create_provider(config, RunConfig()), LiteLLMProvider)

"""Each provider route litellm supports, over real HTTP to a local fake server.

No completion function is patched: litellm builds the request for the route
(OpenAI, Anthropic Messages, Ollama chat, Hugging Face TGI, vLLM), sends it to
127.0.0.1, and parses the reply; we check what arrived and what came back.
"""

from __future__ import annotations

import asyncio

import pytest

from bench.config import ModelConfig, PriceConfig, RunConfig
from bench.providers import (
    SYSTEM_PROMPT,
    LiteLLMProvider,
    create_provider,
    extract_code,
    render_prompt,
)
from bench.tasks import Task
from tests.factories import make_task
from tests.fakes.llm_server import FakeLLMServer, Reply

pytestmark = pytest.mark.integration

CODE_REPLY = (
    "Here is my solution.\n\n```python\ndef add(a, b):\n    return a + b\n```\n\n"
    "Usage:\n```python\nprint(add(1, 2))\n```"
)
FAST_RUN = RunConfig(request_timeout=5, max_retries=0)


@pytest.fixture
def server():
    default = Reply(text=CODE_REPLY, prompt_tokens=120, completion_tokens=30)
    with FakeLLMServer(default=default) as s:
        yield s


@pytest.fixture
def task() -> Task:
    return make_task()


def _generate(provider, task):
    return asyncio.run(provider.generate(render_prompt(task), task))


# (model string, api_base suffix, path the route must call, how the key travels)
ROUTES = [
    ("openai/gpt-4o", "/v1", "/v1/chat/completions", "authorization"),
    ("hosted_vllm/Qwen2.5-Coder-7B", "/v1", "/v1/chat/completions", "authorization"),
    ("anthropic/claude-sonnet-4-5", "", "/v1/messages", "x-api-key"),
    ("ollama_chat/qwen2.5-coder:7b", "", "/api/chat", None),
    ("huggingface/meta-llama/Llama-3.1-8B-Instruct", "", "/v1/chat/completions", "authorization"),
]


@pytest.mark.parametrize(("model", "suffix", "path", "key_header"), ROUTES)
def test_route_round_trip(server, task, model, suffix, path, key_header):
    config = ModelConfig(
        name="m",
        model=model,
        api_base=server.url + suffix,
        api_key="sk-test-123",
        params={"temperature": 0, "max_tokens": 256},
        price=PriceConfig(input_per_mtok=1.0, output_per_mtok=2.0),
    )
    provider = create_provider(config, FAST_RUN)
    assert isinstance(provider, LiteLLMProvider)

    response = _generate(provider, task)

    assert response.error is None, response.error
    assert response.code == "def add(a, b):\n    return a + b"
    assert response.text == CODE_REPLY
    assert response.prompt_tokens == 120
    assert response.completion_tokens == 30
    assert response.cost_usd == pytest.approx((120 * 1.0 + 30 * 2.0) / 1e6)
    assert response.attempts == 1
    assert response.response_time_s is not None and response.response_time_s > 0
    assert server.count() == 1
    request = server.requests[0]
    assert request.path == path
    body_text = str(request.body)
    assert SYSTEM_PROMPT[:40] in body_text
    assert "Write the function `add`" in body_text
    if key_header is not None:
        assert "sk-test-123" in request.headers[key_header]


def test_openai_cost_from_litellm_price_map(server, task):
    provider = create_provider(
        ModelConfig(name="gpt", model="openai/gpt-4o", api_base=server.url + "/v1", api_key="k"),
        FAST_RUN,
    )
    pricing = provider.pricing()
    assert pricing is not None and pricing.source.startswith("litellm ")
    assert (pricing.input_per_mtok, pricing.output_per_mtok) == (2.5, 10.0)
    response = _generate(provider, task)
    assert response.cost_usd == pytest.approx((120 * 2.5 + 30 * 10.0) / 1e6)


def test_anthropic_cost_from_litellm_price_map(server, task):
    provider = create_provider(
        ModelConfig(
            name="claude", model="anthropic/claude-sonnet-4-5", api_base=server.url, api_key="k"
        ),
        FAST_RUN,
    )
    response = _generate(provider, task)
    assert provider.pricing().output_per_mtok == 15.0
    assert response.cost_usd == pytest.approx((120 * 3.0 + 30 * 15.0) / 1e6)


@pytest.mark.parametrize(
    ("model", "suffix"),
    [
        ("openai/my-local-model", "/v1"),
        ("ollama_chat/qwen2.5-coder", ""),
        ("huggingface/org/unlisted", ""),
    ],
)
def test_unknown_price_is_null_not_zero(server, task, model, suffix):
    provider = create_provider(
        ModelConfig(name="local", model=model, api_base=server.url + suffix, api_key="k"), FAST_RUN
    )
    assert provider.pricing() is None
    response = _generate(provider, task)
    assert response.ok
    assert response.cost_usd is None


def test_resolved_model_version_is_reported(server, task):
    server.script([Reply(text=CODE_REPLY, model="gpt-4o-2024-08-06")])
    provider = create_provider(
        ModelConfig(name="gpt", model="openai/gpt-4o", api_base=server.url + "/v1", api_key="k"),
        FAST_RUN,
    )
    assert _generate(provider, task).model_version == "gpt-4o-2024-08-06"


def test_missing_usage_gives_null_tokens_and_cost(server, task):
    server.script([Reply(text=CODE_REPLY, prompt_tokens=None)])
    provider = create_provider(
        ModelConfig(name="gpt", model="openai/gpt-4o", api_base=server.url + "/v1", api_key="k"),
        FAST_RUN,
    )
    response = _generate(provider, task)
    assert response.ok
    assert (response.prompt_tokens, response.completion_tokens, response.cost_usd) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    "reply",
    [
        "<think>\nI should use a loop.\n```python\ndef add(a, b): pass\n```\n</think>\n"
        "```python\ndef add(a, b):\n    return a + b\n```",
        "def add(a, b):\n    return a + b\n",
        "~~~py\ndef add(a, b):\n    return a + b\n~~~",
    ],
)
def test_reply_formats_through_the_wire(server, task, reply):
    server.script([Reply(text=reply)])
    provider = create_provider(
        ModelConfig(name="v", model="openai/local", api_base=server.url + "/v1", api_key="k"),
        FAST_RUN,
    )
    response = _generate(provider, task)
    assert response.code == extract_code(reply, "add")
    assert "return a + b" in response.code
    assert "pass" not in response.code


def test_params_reach_the_server(server, task):
    provider = create_provider(
        ModelConfig(
            name="v",
            model="openai/local",
            api_base=server.url + "/v1",
            api_key="k",
            params={"temperature": 0.2, "top_p": 0.9, "max_tokens": 77, "seed": 3},
        ),
        FAST_RUN,
    )
    _generate(provider, task)
    body = server.requests[0].body
    assert (body["temperature"], body["top_p"], body["max_tokens"], body["seed"]) == (
        0.2,
        0.9,
        77,
        3,
    )
    assert body["model"] == "local"
    assert [message["role"] for message in body["messages"]] == ["system", "user"]


def test_aclose_releases_clients_and_a_later_run_still_works(server, task):
    provider = create_provider(
        ModelConfig(name="v", model="openai/local", api_base=server.url + "/v1", api_key="k"),
        FAST_RUN,
    )

    async def call_then_close():
        response = await provider.generate(render_prompt(task), task)
        await provider.aclose()
        return response

    assert asyncio.run(call_then_close()).ok
    assert _generate(provider, task).ok
    assert server.count() == 2

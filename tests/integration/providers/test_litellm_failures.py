"""Failures over real HTTP: retries, Retry-After, timeouts, malformed replies, outages.

Backoff is shrunk through RunConfig (the same knobs a user has), never by patching.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bench.config import ModelConfig, RunConfig
from bench.providers import ErrorKind, create_provider, render_prompt
from bench.tasks import Task
from tests.factories import make_task
from tests.fakes.llm_server import FakeLLMServer, Reply

pytestmark = pytest.mark.integration

GOOD = Reply(text="```python\ndef add(a, b):\n    return a + b\n```")


def _run(**overrides) -> RunConfig:
    settings = {
        "request_timeout": 5,
        "max_retries": 3,
        "backoff_initial_s": 0.001,
        "backoff_max_s": 2.0,
    }
    return RunConfig(**{**settings, **overrides})


@pytest.fixture
def server():
    with FakeLLMServer(default=GOOD) as s:
        yield s


@pytest.fixture
def task() -> Task:
    return make_task(prompt="Write `add(a, b)`.")


def _provider(server, run: RunConfig, model: str = "openai/gpt-4o", suffix: str = "/v1"):
    config = ModelConfig(name="m", model=model, api_base=server.url + suffix, api_key="k")
    return create_provider(config, run)


def _generate(provider, task):
    return asyncio.run(provider.generate(render_prompt(task), task))


@pytest.mark.parametrize(
    ("model", "suffix"),
    [("openai/gpt-4o", "/v1"), ("anthropic/claude-sonnet-4-5", ""), ("ollama_chat/qwen", "")],
)
def test_429_is_retried_after_the_servers_retry_after(server, task, model, suffix):
    server.script([Reply(status=429, retry_after="0.4"), GOOD])
    started = time.perf_counter()
    response = _generate(_provider(server, _run(), model, suffix), task)
    elapsed = time.perf_counter() - started
    assert response.ok, response.error
    assert response.attempts == 2
    assert server.count() == 2
    assert elapsed >= 0.4  # the server's Retry-After, not our 1 ms backoff
    gap = server.requests[1].received_at - server.requests[0].received_at
    assert gap >= 0.4


def test_retry_after_is_capped_by_backoff_max(server, task):
    server.script([Reply(status=429, retry_after="30"), GOOD])
    started = time.perf_counter()
    response = _generate(_provider(server, _run(backoff_max_s=0.2)), task)
    assert response.ok
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "failure",
    [Reply(status=500), Reply(status=503), Reply(malformed=True), Reply(status=429)],
    ids=["500", "503", "malformed-json", "429-without-retry-after"],
)
def test_transient_failures_are_retried_until_success(server, task, failure):
    server.script([failure, failure, GOOD])
    response = _generate(_provider(server, _run()), task)
    assert response.ok, response.error
    assert response.attempts == 3
    assert server.count() == 3
    assert response.code.startswith("def add")


def test_retries_exhausted_gives_an_error_response_not_an_exception(server, task):
    server.script([], default=Reply(status=500))
    response = _generate(_provider(server, _run(max_retries=2)), task)
    assert not response.ok
    assert response.error_kind is ErrorKind.SERVER
    assert response.transient_error
    assert response.attempts == 3
    assert server.count() == 3
    assert "(after 3 attempts)" in response.error
    assert "\n" not in response.error
    assert response.code == ""


def test_no_hidden_retries_inside_litellm_or_the_sdk(server, task):
    server.script([], default=Reply(status=429))
    response = _generate(_provider(server, _run(max_retries=0)), task)
    assert response.error_kind is ErrorKind.RATE_LIMIT
    assert server.count() == 1


@pytest.mark.parametrize(
    ("status", "kind"), [(401, ErrorKind.AUTH), (400, ErrorKind.BAD_REQUEST), (404, None)]
)
def test_client_errors_are_not_retried(server, task, status, kind):
    server.script([], default=Reply(status=status))
    response = _generate(_provider(server, _run()), task)
    assert not response.ok
    assert not response.transient_error
    if kind is not None:
        assert response.error_kind is kind
    assert server.count() == 1


def test_hang_past_the_timeout_is_cut_and_retried(server, task):
    server.script([Reply(hang=True), GOOD])
    started = time.perf_counter()
    response = _generate(_provider(server, _run(request_timeout=0.5)), task)
    assert response.ok, response.error
    assert response.attempts == 2
    assert 0.5 <= time.perf_counter() - started < 3.5


def test_hang_every_time_gives_a_timeout_error(server, task):
    server.script([], default=Reply(hang=True))
    started = time.perf_counter()
    response = _generate(_provider(server, _run(request_timeout=0.3, max_retries=1)), task)
    assert response.error_kind is ErrorKind.TIMEOUT
    assert response.attempts == 2
    assert server.count() == 2
    assert time.perf_counter() - started < 4


def test_connection_refused_is_an_error_response(task):
    with FakeLLMServer() as gone:
        url = gone.url
    config = ModelConfig(name="m", model="openai/gpt-4o", api_base=url + "/v1", api_key="k")
    response = _generate(create_provider(config, _run(max_retries=1)), task)
    assert not response.ok
    assert response.transient_error
    assert response.attempts == 2


def _thirty_percent_failing(index: int, request) -> Reply:
    kinds = {
        0: Reply(status=429, retry_after="0"),
        3: Reply(status=500),
        6: Reply(malformed=True),
    }
    return kinds.get(index % 10, Reply(text=GOOD.text, latency_s=0.05))


def test_thirty_percent_failures_give_one_response_per_call(server, task):
    server.respond_with(_thirty_percent_failing)
    provider = _provider(server, _run(max_retries=0))

    async def many():
        return await asyncio.gather(
            *(provider.generate(render_prompt(task), task, sample=i) for i in range(50))
        )

    responses = asyncio.run(many())
    assert len(responses) == 50
    assert server.count() == 50
    failed = [r for r in responses if not r.ok]
    assert len(failed) == 15
    assert all(r.transient_error and r.error for r in failed)
    assert all(r.code.startswith("def add") for r in responses if r.ok)


def test_thirty_percent_failures_with_retries_all_succeed(server, task):
    server.respond_with(_thirty_percent_failing)
    provider = _provider(server, _run(max_retries=4))

    async def many():
        prompt = render_prompt(task)
        return await asyncio.gather(*(provider.generate(prompt, task) for _ in range(20)))

    responses = asyncio.run(many())
    assert all(r.ok for r in responses)
    assert server.count() > 20


def test_calls_run_concurrently(server, task):
    server.script([], default=Reply(text=GOOD.text, latency_s=0.3))
    provider = _provider(server, _run())

    async def many():
        prompt = render_prompt(task)
        return await asyncio.gather(*(provider.generate(prompt, task) for _ in range(20)))

    started = time.perf_counter()
    responses = asyncio.run(many())
    assert all(r.ok for r in responses)
    assert time.perf_counter() - started < 3.0  # serially it would take 6 s
    assert all(r.response_time_s >= 0.3 for r in responses)

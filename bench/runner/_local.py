"""Local models of a run: llama.cpp servers started before the first call, stopped after.

Every GGUF is resolved and checked before any server starts, so a missing file
fails the run before any work, in one line naming it. Servers stop on normal
exit, on errors and on Ctrl-C (the server processes also exit by themselves
when the runner dies).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from pydantic import SecretStr
from rich.console import Console

from bench.config import ModelConfig, PriceConfig, local_alias
from bench.localmodel import LocalModelServer, server_for, xllamacpp_version

LOCAL_API_KEY = "local"  # llama.cpp ignores it; litellm's OpenAI route wants one


@contextlib.contextmanager
def local_servers(
    models: list[ModelConfig], base_dir: Path | None, console: Console
) -> Iterator[list[ModelConfig]]:
    """Start a server per local model; yield the models with `api_base` filled in."""
    planned = [
        (model, server_for(model.local, local_alias(model.name), base_dir=base_dir))
        if model.local
        else (model, None)
        for model in models
    ]
    started: list[LocalModelServer] = []
    try:
        ready = []
        for model, server in planned:
            if server is None:
                ready.append(model)
                continue
            assert model.local is not None  # a server is planned only for a local model
            console.print(f"starting llama.cpp for {model.name} ({server.gguf.name}) ...")
            server.start(timeout=model.local.start_timeout)
            started.append(server)
            stats = server.stats()
            console.print(
                f"  {model.name} ready on {server.api_base} in {stats.start_s:.1f} s, "
                f"{stats.rss_mb:.0f} MiB, {stats.threads} thread(s), "
                f"xllamacpp {xllamacpp_version()}"
            )
            ready.append(_served(model, server))
        yield ready
    finally:
        for server in reversed(started):
            server.stop()


def _served(model: ModelConfig, server: LocalModelServer) -> ModelConfig:
    free = PriceConfig(input_per_mtok=0, output_per_mtok=0)
    return model.model_copy(
        update={
            "api_base": server.api_base,
            "api_key": model.api_key or SecretStr(LOCAL_API_KEY),
            "price": model.price or free,
        }
    )

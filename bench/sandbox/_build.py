"""`bench sandbox build`: connect to the engine and build the image, as a library call."""

from __future__ import annotations

from collections.abc import Callable

from bench.sandbox._image import DEFAULT_MIRROR, IMAGE_TAG, BuiltImage, build_image


def build_sandbox_image(
    offline: bool = False,
    tag: str = IMAGE_TAG,
    mirror: str = DEFAULT_MIRROR,
    log: Callable[[str], None] = print,
) -> BuiltImage:
    """Build the sandbox image; raises SandboxUnavailable (no engine) or ImageBuildError."""
    from bench.sandbox._docker import connect  # the docker SDK costs ~0.3 s to import

    return build_image(connect(), offline=offline, tag=tag, mirror=mirror, log=log)

"""`bench sandbox ...`: build the sandbox image and check its isolation."""

from __future__ import annotations

import click

from bench.cli._common import SandboxChoice
from bench.sandbox import (
    DEFAULT_MIRROR,
    IMAGE_TAG,
    ImageBuildError,
    SandboxUnavailable,
    build_sandbox_image,
    check_sandbox,
)


@click.group("sandbox")
def sandbox_group() -> None:
    """Build the Docker sandbox image and check what its isolation holds."""


@sandbox_group.command("build")
@click.option(
    "--offline", is_flag=True, help="Build from a debootstrapped Debian rootfs (no registry)."
)
@click.option("--tag", default=IMAGE_TAG, show_default=True, help="Image tag to build.")
@click.option(
    "--mirror", default=DEFAULT_MIRROR, show_default=True, help="Debian mirror (--offline)."
)
def build_command(offline: bool, tag: str, mirror: str) -> None:
    """Build the sandbox image (FROM python:3.11-slim, or --offline without a registry)."""
    try:
        built = build_sandbox_image(offline=offline, tag=tag, mirror=mirror, log=click.echo)
    except (SandboxUnavailable, ImageBuildError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"built {built.tag} ({built.image_id[:19]}) in {built.seconds:.0f}s")


@sandbox_group.command("check")
@click.option(
    "--sandbox",
    "kind",
    type=SandboxChoice(with_auto=False),
    default="docker",
    show_default=True,
    help="Which executor to probe.",
)
def check_command(kind: str) -> None:
    """Run probes inside the sandbox and print which isolation properties hold."""
    try:
        results = check_sandbox(kind)
    except SandboxUnavailable as error:
        raise click.ClickException(str(error)) from None
    for result in results:
        mark = "ok  " if result.holds else "FAIL"
        click.echo(f"{mark}  {result.name}" + (f"  ({result.detail})" if result.detail else ""))
    failed = [result for result in results if not result.holds]
    click.echo(f"{len(results) - len(failed)} of {len(results)} properties hold ({kind} sandbox)")
    if failed and kind == "docker":
        raise SystemExit(1)

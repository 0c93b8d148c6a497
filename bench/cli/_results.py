"""`bench results show`: Parquet as stable text (git's textconv for *.parquet)."""

from __future__ import annotations

import click

from bench.cli._common import UserError, user_errors
from bench.cli._gather import gather_command


@click.group("results")
def results_group() -> None:
    """Inspect stored results."""


results_group.add_command(gather_command)


@results_group.command("show")
@click.argument("path", type=click.Path(dir_okay=False))
@user_errors
def show_command(path: str) -> None:
    """Print a results Parquet file as sorted text rows (for `git diff`)."""
    from pathlib import Path

    from bench.results import render_parquet_text

    if not Path(path).exists():
        raise UserError(f"{path}: no such file")
    try:
        text = render_parquet_text(path)
    except Exception as error:  # a corrupt or foreign file: say which, no traceback
        raise UserError(
            f"{path}: not a readable results file ({type(error).__name__}: {error})"
        ) from None
    click.echo(text, nl=False)

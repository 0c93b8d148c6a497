"""The console runs print to: a terminal's width, or 120 columns for logs and CI."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console


def wide_console() -> Console:
    """A console for run output; logs and CI (no terminal) get 120 columns, not 80."""
    console = Console()
    return console if console.is_terminal else Console(width=120)


def warn_on(console: Console) -> Callable[[str], None]:
    """A one-sentence notice (e.g. `auto` falling back to the process sandbox), in yellow."""

    def warn(message: str) -> None:
        console.print(f"[yellow]{message}[/yellow]")

    return warn

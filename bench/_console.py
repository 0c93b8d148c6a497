"""The console runs print to: a terminal's width, or 120 columns for logs and CI."""

from __future__ import annotations

from rich.console import Console


def wide_console() -> Console:
    """A console for run output; logs and CI (no terminal) get 120 columns, not 80."""
    console = Console()
    return console if console.is_terminal else Console(width=120)

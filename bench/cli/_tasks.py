"""`bench tasks ...`: list, show, validate and import tasks."""

from __future__ import annotations

import click

@click.group("tasks")
def tasks_group() -> None:
    """List, show, validate and import benchmark tasks."""

"""The `bench` command line: one click group, one small module per command group."""

from __future__ import annotations

import importlib
import warnings
from typing import TextIO

import click

from bench import __version__

COMMANDS = {
    "tasks": "bench.cli._tasks:tasks_group",
    "run": "bench.cli._run:run_command",
    "evaluate": "bench.cli._run:evaluate_command",
    "rescore": "bench.cli._run:rescore_command",
    "leaderboard": "bench.cli._leaderboard:leaderboard_command",
    "diff": "bench.cli._leaderboard:diff_command",
    "results": "bench.cli._results:results_group",
    "models": "bench.cli._models:models_group",
    "sandbox": "bench.cli._sandbox:sandbox_group",
    "site": "bench.cli._site:site_group",
    "ci": "bench.cli._ci:ci_group",
    "human": "bench.cli._human:human_group",
}
"""Each command and where it lives, imported only when it is run or listed.

`bench evaluate` then starts without importing the validator, the site builder or the
human-preference code (about 0.1 s of the 0.4 s the whole CLI took to import).
"""


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use, from `COMMANDS`."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # click's own signature
        self._lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, without importing any of them."""
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its module the first time it is asked for."""
        if cmd_name in self._lazy and cmd_name not in self.commands:
            module_name, _, attribute = self._lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module_name), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bench")
def cli() -> None:
    """An open, reproducible benchmark of Python coding assistants."""


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Library warnings (e.g. the process sandbox's weaker isolation) as one plain line."""
    click.secho(f"warning: {message}", err=True, fg="yellow")


def main() -> None:
    """Console-script entry point."""
    warnings.showwarning = _show_warning
    cli()

"""Options and error handling shared by every command group."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click

from bench.tasks import Difficulty, TaskLoadError

tasks_dir_option = click.option(
    "--tasks-dir",
    type=click.Path(file_okay=False, path_type=str),
    default="tasks",
    show_default=True,
    help="Folder of task files.",
)
results_dir_option = click.option(
    "--results-dir",
    type=click.Path(file_okay=False, path_type=str),
    default="results",
    show_default=True,
    help="Folder of results (runs/<run_id>/...).",
)
difficulty_option = click.option(
    "--difficulty",
    type=click.Choice([tier.value for tier in Difficulty]),
    default=None,
    help="Only this difficulty tier.",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 2,
    show_default="CPUs",
    help="Sandboxes running at once.",
)


def sandbox_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--sandbox`, `auto` by default, for a command that runs code: `help_text` says what."""
    return click.option(
        "--sandbox", type=SandboxChoice(), default="auto", show_default=True, help=help_text
    )


class SandboxChoice(click.Choice):
    """`--sandbox` values read from the executor registry when the option is parsed.

    Not a fixed list: an executor registered with `register_executor` (or a plugin's
    `bench.executors` entry point) after this module was imported is a valid choice too,
    and the registry is loaded only when `--sandbox` is given or shown in `--help`.
    """

    name = "sandbox"

    def __init__(self, *, with_auto: bool = True) -> None:
        self.with_auto = with_auto
        super().__init__((), case_sensitive=True)

    @property  # a live view of the registry, not the tuple click stores
    def choices(self) -> tuple[str, ...]:
        """`auto` (unless left out) and every registered executor, in that order."""
        from bench.sandbox import available_executors, sandbox_choices

        return tuple(sandbox_choices() if self.with_auto else available_executors())

    @choices.setter
    def choices(self, _ignored: object) -> None:
        """Ignore what `click.Choice.__init__` stores: the registry is the only source."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """A registered name as is, without listing every choice (which reads plugins)."""
        from bench.sandbox import AUTO, is_executor

        if isinstance(value, str) and ((self.with_auto and value == AUTO) or is_executor(value)):
            return value
        return super().convert(value, param, ctx)


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line per problem, exit code 1."""

    def show(self, file: Any = None) -> None:
        for line in self.format_message().splitlines():
            click.secho(f"error: {line}", err=True, fg="red")


def _user_error_types() -> tuple[type[Exception], ...]:
    """Exceptions that mean "the user can fix this", imported only when one is raised."""
    from bench.config import ConfigError
    from bench.localmodel import LocalModelError
    from bench.runner import RunError
    from bench.sandbox import SandboxUnavailable

    return (ConfigError, LocalModelError, RunError, SandboxUnavailable)


def user_errors(function: Callable) -> Callable:
    """Turn the library's user-facing exceptions into `UserError`s (no tracebacks)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TaskLoadError as error:
            raise UserError(str(error)) from None
        except Exception as error:
            if isinstance(error, _user_error_types()):
                raise UserError(str(error)) from None
            raise

    return wrapper

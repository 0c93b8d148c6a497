"""The docs cover the CLI: docs/cli.md is generated from the commands and kept current."""

from __future__ import annotations

from bench.cli._reference import cli_reference_markdown
from tests.conftest import REPO_ROOT


def test_cli_reference_is_current():
    page = (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == cli_reference_markdown(), (
        "docs/cli.md is stale: run `python -m bench.cli._reference > docs/cli.md`"
    )


def test_every_command_has_help_text():
    import click

    from bench.cli import cli

    def walk(command, path):
        context = click.Context(command, info_name=path)
        assert (command.help or "").strip(), f"`{path}` has no help text"
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                walk(command.get_command(context, name), f"{path} {name}")

    walk(cli, "bench")

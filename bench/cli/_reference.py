"""The CLI reference page (docs/cli.md), generated from the click commands themselves.

`python -m bench.cli._reference > docs/cli.md` regenerates it; a test fails when
the page and the commands disagree, so the docs cannot drift from the code.
"""

from __future__ import annotations

import click

HEADER = """# Command-line reference

Generated from the commands themselves by `python -m bench.cli._reference > docs/cli.md`;
a test keeps it current. Every command exits 0 on success and 1 with a one-line message
on a mistake you can fix.
"""


def _sections(
    command: click.Command, path: list[str], parent: click.Context | None = None
) -> list[str]:
    """Each command's help as the CLI prints it.

    A subcommand's context is a child of its group's, so it inherits the group's
    settings (`-h` as well as `--help`), whatever click has cached on the commands.
    """
    if parent is None:
        context = click.Context(
            command,
            info_name=path[-1],
            terminal_width=88,
            max_content_width=88,
            **command.context_settings,
        )
    else:
        context = click.Context(command, info_name=path[-1], parent=parent)
    sections = [f"## `{' '.join(path)}`\n\n```\n{command.get_help(context)}\n```\n"]
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(context)):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                sections.extend(_sections(sub, [*path, name], context))
    return sections


def cli_reference_markdown() -> str:
    """The whole reference as Markdown, one section per command, in a stable order."""
    from bench.cli import cli

    return HEADER + "\n" + "\n".join(_sections(cli, ["bench"]))


if __name__ == "__main__":
    click.echo(cli_reference_markdown(), nl=False)

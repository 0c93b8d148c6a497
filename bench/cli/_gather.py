"""`bench results gather`: the shards of one run, made on separate machines, into one run.

The work is `bench.runner.gather_run`; this module only parses options and reports.
"""

from __future__ import annotations

from pathlib import Path

import click

from bench.cli._common import UserError, results_dir_option, user_errors


@click.command("gather")
@click.argument(
    "shard_folders", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path)
)
@results_dir_option
@click.option(
    "--expect-shards",
    type=click.IntRange(min=1),
    help="Fail unless exactly this many shard folders are given.",
)
@user_errors
def gather_command(
    shard_folders: tuple[Path, ...], results_dir: str, expect_shards: int | None
) -> None:
    """Gather the run folders of a sharded run's shards into one finished run."""
    from bench.runner import GatherError, gather_run

    try:
        gathered = gather_run(Path(results_dir), list(shard_folders), expect_shards)
    except GatherError as error:
        raise UserError(str(error)) from None
    click.echo(
        f"gathered {gathered.shards} shards, {gathered.attempts} attempts "
        f"({gathered.infra_errors} infrastructure errors) into {gathered.run_dir}; run finished"
    )

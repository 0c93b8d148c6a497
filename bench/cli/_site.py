"""`bench site build` and `bench site serve`: the static leaderboard site."""

from __future__ import annotations

import click

from bench.cli._common import UserError, results_dir_option, tasks_dir_option, user_errors

out_option = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=str),
    default="site",
    show_default=True,
    help="Folder of the built site (emptied first; must be new, empty or a previous site).",
)


@click.group("site")
def site_group() -> None:
    """Build or preview the static leaderboard site."""


@site_group.command("build")
@results_dir_option
@tasks_dir_option
@out_option
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@click.option(
    "--human-dir",
    type=click.Path(file_okay=False, path_type=str),
    default="human",
    show_default=True,
    help="Ballots (Vote pages) and votes (the human-preference rating).",
)
@click.option(
    "--repository",
    envvar="GITHUB_REPOSITORY",
    default=None,
    help="OWNER/NAME[@BRANCH] that Vote pages open a pull request in "
    "[default: $GITHUB_REPOSITORY, as set in GitHub Actions].",
)
@user_errors
def build_command(
    results_dir: str, tasks_dir: str, out: str, seed: int, human_dir: str, repository: str | None
) -> None:
    """Render the leaderboard, charts, task and model pages and the docs into --out."""
    from bench.human import HumanFileError
    from bench.site import RepositoryError, SiteBuildError, SiteSourceError, build_site

    try:
        report = build_site(
            results_dir, tasks_dir, out, seed=seed, human_dir=human_dir, repository=repository
        )
    except (SiteBuildError, SiteSourceError, HumanFileError, RepositoryError) as error:
        raise UserError(str(error)) from None
    click.echo(
        f"built {report.pages} pages ({report.task_pages} task pages) from {report.runs} runs "
        f"and {report.models} models into {out}/ in {report.seconds:.1f} s"
    )


@site_group.command("serve")
@out_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@user_errors
def serve_command(out: str, port: int, host: str) -> None:
    """Preview a built site at http://HOST:PORT/ until Ctrl-C."""
    from bench.site import SiteNotBuilt, make_server

    try:
        server = make_server(out, port, host)
    except SiteNotBuilt as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    click.echo(f"serving {out}/ at http://{host}:{server.server_address[1]}/ (Ctrl-C stops)")
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped")

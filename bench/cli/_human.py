"""`bench human ballot | validate | rating`: blind pairwise votes on answers."""

from __future__ import annotations

from pathlib import Path

import click

from bench.cli._common import UserError, results_dir_option, tasks_dir_option, user_errors

human_dir_option = click.option(
    "--human-dir",
    type=click.Path(file_okay=False, path_type=str),
    default="human",
    show_default=True,
    help="Folder of ballots/ and votes/.",
)


@click.group("human")
def human_group() -> None:
    """Human preference: draw ballots, check votes files, show the rating."""


@human_group.command("ballot")
@click.option("--pairs", type=click.IntRange(1, 999), required=True, help="Pairs to draw.")
@click.option("--seed", type=int, required=True, help="Same seed and results, same pairs.")
@click.option("--kind", default=None, help="Only tasks of this kind (function, debug, ...).")
@click.option("--baselines", is_flag=True, help="Also pair the offline baselines.")
@results_dir_option
@tasks_dir_option
@click.option(
    "--human-dir",
    "--out",
    "human_dir",
    type=click.Path(file_okay=False, path_type=str),
    default="human",
    show_default=True,
    help="Folder of ballots/ and votes/ (the ballot goes to ballots/<id>.json).",
)
@user_errors
def ballot_command(
    pairs: int,
    seed: int,
    kind: str | None,
    baselines: bool,
    results_dir: str,
    tasks_dir: str,
    human_dir: str,
) -> None:
    """Draw blind pairs (same task, two models' answers) from each model's latest run."""
    from bench.human import BallotError, draw_from_results, write_ballot

    try:
        ballot = draw_from_results(
            results_dir, tasks_dir, pairs=pairs, seed=seed, kind=kind, baselines=baselines
        )
    except BallotError as error:
        raise UserError(str(error)) from None
    path = write_ballot(ballot, human_dir)
    short = f" (only {len(ballot.pairs)} distinct pairs exist)" if len(ballot.pairs) < pairs else ""
    click.echo(f"wrote {path}: {len(ballot.pairs)} pairs{short}; `bench site build` adds its page")


@human_group.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@human_dir_option
@click.option("--author", default=None, help="Each file's voter must be this GitHub handle.")
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a Markdown summary (the pull request comment) here.",
)
@user_errors
def validate_command(
    files: tuple[Path, ...], human_dir: str, author: str | None, summary: Path | None
) -> None:
    """Check votes FILES (default: every file in human/votes/) as CI does."""
    from bench.human import HumanFileError, check_votes, load_ballots, summary_markdown, votes_paths

    try:
        ballots = load_ballots(human_dir)
    except HumanFileError as error:
        raise UserError(str(error)) from None
    committed = votes_paths(human_dir)
    check = check_votes(list(files) or committed, ballots, others=committed, author=author)
    if summary is not None:
        summary.write_text(summary_markdown(check, ballots), encoding="utf-8")
    if check.problems:
        raise UserError("\n".join(check.problems))
    votes = sum(len(item.votes.votes) for item in check.accepted)
    click.echo(f"{len(check.accepted)} votes files, {votes} votes: all valid")


@human_group.command("rating")
@human_dir_option
@results_dir_option
@tasks_dir_option
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@user_errors
def rating_command(human_dir: str, results_dir: str, tasks_dir: str, seed: int) -> None:
    """Print each model's human-preference rating and its agreement with the overall score."""
    from bench.human import HumanFileError, load_human, rating_lines, ratings_of

    try:
        ratings = ratings_of(load_human(human_dir), seed=seed)
    except HumanFileError as error:
        raise UserError(str(error)) from None
    if ratings is None:
        click.echo(f"no votes yet in {human_dir}/votes/")
        return
    for line in rating_lines(ratings, results_dir, tasks_dir, seed):
        click.echo(line)

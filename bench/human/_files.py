"""Reading and writing human/ballots/*.json and human/votes/*.yaml, with one-line errors.

A broken file is reported as `path: where: what` lines, one per problem, never as
a traceback: the reader is a reviewer who opened a pull request from a browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bench.human._model import Ballot, VotesFile

BALLOTS_FOLDER = "ballots"
VOTES_FOLDER = "votes"
VOTES_SUFFIXES = (".yaml", ".yml")
Model = TypeVar("Model", bound=BaseModel)


class HumanFileError(ValueError):
    """One or more files under human/ are malformed; each line of the message is one problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadedVotes:
    """A votes file and where it came from."""

    path: Path
    votes: VotesFile


def _where(location: tuple[Any, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "file"


def _problem(error: dict[str, Any]) -> str:
    """A pydantic error as a sentence a reviewer can act on."""
    kind, given = error["type"], error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{given!r} is not one of {expected.replace(chr(39), '')}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid value here"
    if kind == "extra_forbidden":
        return "unknown key (misspelt?)"
    if kind == "missing":
        return "missing"
    return str(error["msg"])


def validation_lines(path: Path, error: ValidationError) -> list[str]:
    """One `path: field: problem` line per pydantic error."""
    return [f"{path}: {_where(tuple(e['loc']))}: {_problem(dict(e))}" for e in error.errors()]


def _parse(path: Path, model: type[Model], document: Any) -> Model:
    if not isinstance(document, dict):
        found = type(document).__name__
        raise HumanFileError([f"{path}: expected a mapping at the top, got {found}"])
    try:
        return model.model_validate(document)
    except ValidationError as error:
        raise HumanFileError(validation_lines(path, error)) from None


def read_votes_file(path: Path) -> VotesFile:
    """Parse one votes file; raise `HumanFileError` naming the file on any problem."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise HumanFileError([f"{path}: cannot read: {error.strerror or error}"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        reason = getattr(error, "problem", None) or "syntax error"
        raise HumanFileError([f"{path}: not valid YAML{where}: {reason}"]) from None
    return _parse(path, VotesFile, document)


def read_ballot(path: Path) -> Ballot:
    """Parse one ballot file; raise `HumanFileError` naming the file on any problem."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise HumanFileError([f"{path}: cannot read: {error.strerror or error}"]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}"
        raise HumanFileError([f"{path}: not valid JSON ({where}): {error.msg}"]) from None
    ballot = _parse(path, Ballot, document)
    if path.stem != ballot.id:
        raise HumanFileError([f"{path}: id {ballot.id!r} differs from the file name"])
    return ballot


def load_ballots(human_dir: str | Path) -> dict[str, Ballot]:
    """Every ballot under `human_dir/ballots/`, by id; all problems at once."""
    folder = Path(human_dir) / BALLOTS_FOLDER
    ballots: dict[str, Ballot] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            ballot = read_ballot(path)
        except HumanFileError as error:
            problems.extend(error.problems)
            continue
        ballots[ballot.id] = ballot
    if problems:
        raise HumanFileError(problems)
    return ballots


def votes_paths(human_dir: str | Path) -> list[Path]:
    """The committed votes files, in name order."""
    folder = Path(human_dir) / VOTES_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in VOTES_SUFFIXES)


def write_ballot(ballot: Ballot, human_dir: str | Path) -> Path:
    """Write `human_dir/ballots/<id>.json` (stable key order, one pair per block)."""
    folder = Path(human_dir) / BALLOTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ballot.id}.json"
    text = json.dumps(ballot.model_dump(mode="json"), indent=2, ensure_ascii=False)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(path)
    return path

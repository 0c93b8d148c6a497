"""The Vote page of each open ballot: two answers side by side, keys, local progress.

Everything the page needs is in the page: the answers are highlighted and
escaped here, the ballot's pair ids and the (base64-wrapped) model names sit in
a `<script type="application/json">` block, and `assets/bench/vote.js` keeps
progress in the browser's local storage. So the page works opened from disk,
and a reviewer needs nothing but a browser to produce the votes file and open the
pull request on GitHub.

The names are wrapped only so that they do not catch the eye in the page source
before the reviewer has voted; the ballot file in the repository is public anyway.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from bench.human import Ballot
from bench.site._highlight import code_block
from bench.site._render import Renderer, SitePage

DEFAULT_BRANCH = "main"


class RepositoryError(ValueError):
    """`--repository` is not OWNER/NAME[@BRANCH]."""


@dataclass(frozen=True)
class Repository:
    """Where the "create new file" link opens: `owner/name`, on a branch."""

    name: str
    branch: str = DEFAULT_BRANCH

    @classmethod
    def parse(cls, text: str | None) -> Repository | None:
        """`owner/name` or `owner/name@branch` (or a github.com URL); None when not given."""
        if not text:
            return None
        text = text.strip().removeprefix("https://github.com/").removesuffix(".git").strip("/")
        name, _, branch = text.partition("@")
        if name.count("/") != 1 or not all(name.split("/")):
            raise RepositoryError(
                f"--repository {text!r}: expected OWNER/NAME or OWNER/NAME@BRANCH"
            )
        return cls(name, branch or DEFAULT_BRANCH)


def vote_page_uri(ballot_id: str) -> str:
    """Source path of a ballot's Vote page."""
    return f"vote/{ballot_id}.md"


def _names(ballot: Ballot) -> str:
    names = {pair.id: [pair.a.model, pair.b.model] for pair in ballot.pairs}
    return base64.b64encode(json.dumps(names, ensure_ascii=False).encode()).decode()


def vote_page(renderer: Renderer, ballot: Ballot, repository: Repository | None) -> SitePage:
    """One ballot's Vote page."""
    pairs = [
        {
            "pair": pair,
            "answer_a": code_block(pair.a.code),
            "answer_b": code_block(pair.b.code),
        }
        for pair in ballot.pairs
    ]
    data = {
        "ballot": ballot.id,
        "pairs": [pair.id for pair in ballot.pairs],
        "names": _names(ballot),
        "repository": repository.name if repository else None,
        "branch": repository.branch if repository else None,
    }
    return renderer.page(
        "vote.html",
        vote_page_uri(ballot.id),
        f"Vote {ballot.id}",
        hide=("toc", "navigation"),
        ballot=ballot,
        pairs=pairs,
        data=data,
        repository=repository,
    )

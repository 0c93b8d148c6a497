"""Downloadable files: the leaderboard as CSV, JSON and Markdown, and the latest run's Parquet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.leaderboard import LeaderboardRow, render_csv, render_json, render_markdown
from bench.results import MANIFEST_FILE, attempt_files, is_run_id, run_dir
from bench.site._render import Renderer, SitePage
from bench.site._slug import page_slug


@dataclass(frozen=True)
class SiteFile:
    """A file copied into the site as is: from memory (`content`) or from disk (`source`)."""

    path: str
    """Path inside the site, e.g. `downloads/leaderboard.csv`."""
    label: str
    content: bytes | None = None
    source: Path | None = None

    @property
    def size(self) -> str:
        """Human size for the downloads list."""
        if self.content is not None:
            count = len(self.content)
        elif self.source is not None:
            count = self.source.stat().st_size
        else:
            raise ValueError(f"site file {self.path} has neither content nor a source")
        return f"{count / 1024:.1f} KiB" if count >= 1024 else f"{count} bytes"


def leaderboard_files(rows: list[LeaderboardRow]) -> list[SiteFile]:
    """The three text exports of the overall leaderboard."""
    return [
        SiteFile("downloads/leaderboard.csv", "leaderboard.csv", render_csv(rows).encode()),
        SiteFile("downloads/leaderboard.json", "leaderboard.json", render_json(rows).encode()),
        SiteFile(
            "downloads/leaderboard.md",
            "leaderboard.md (Markdown table)",
            render_markdown(rows).encode(),
        ),
    ]


def run_files(results_dir: Path, run_id: str | None) -> list[SiteFile]:
    """The latest run's Parquet files, copied under `downloads/<run_id>/`."""
    if run_id is None:
        return []
    folder = run_dir(results_dir, run_id)
    sources = [folder / MANIFEST_FILE] if (folder / MANIFEST_FILE).exists() else []
    sources += attempt_files(folder)
    folder_name = run_id if is_run_id(run_id) else page_slug(run_id)
    return [
        SiteFile(f"downloads/{folder_name}/{path.name}", f"{run_id}/{path.name}", source=path)
        for path in sources
    ]


def downloads_page(
    renderer: Renderer, rows: list[LeaderboardRow], board: list[SiteFile], raw: list[SiteFile]
) -> SitePage:
    """`downloads.md`."""
    return renderer.page(
        "downloads.html",
        "downloads.md",
        "Downloads",
        board_files=board,
        run_files=raw,
        markdown=render_markdown(rows),
    )

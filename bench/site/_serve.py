"""`bench site serve`: preview a built site over HTTP on this machine."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path


class SiteNotBuilt(FileNotFoundError):
    """The folder holds no built site."""


def make_server(
    out: str | Path, port: int = 8000, host: str = "127.0.0.1"
) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the folder `out` (port 0 picks a free port); call `serve_forever`."""
    folder = Path(out)
    if not (folder / "index.html").is_file():
        raise SiteNotBuilt(
            f"{folder}/index.html not found: run `bench site build --out {folder}` first"
        )
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer((host, port), handler)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Logs only errors: a page load fetches dozens of files."""

    def log_message(self, format: str, *args: object) -> None:
        if args and str(args[1] if len(args) > 1 else "").startswith(("4", "5")):
            super().log_message(format, *args)


def serve_site(out: str | Path = "site", port: int = 8000, host: str = "127.0.0.1") -> None:
    """Serve `out` until interrupted (Ctrl-C)."""
    server = make_server(out, port, host)
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()

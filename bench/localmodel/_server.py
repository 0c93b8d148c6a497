"""`LocalModelServer`: one llama.cpp server process for one GGUF file, for the whole run.

The server lives in a child process (`bench.localmodel._serve`) so a native crash or an
out-of-memory kill never takes the runner down; the runner talks to it over HTTP through
litellm like to any OpenAI-compatible endpoint. Stopping is terminate-then-kill, and the
child also exits by itself when this process dies, so no llama.cpp process outlives a run.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from bench.localmodel._gguf import LocalModelError, check_gguf
from bench.localmodel._procinfo import MemoryUsage, memory_usage
from bench.localmodel._protocol import EXIT_START_FAILED, SERVE_MODULE
from bench.localmodel._spawning import (
    child_environment,
    first_error_line,
    health_ok,
    read_announcements,
)

logger = logging.getLogger("bench.localmodel")

INSTALL_HINT = "pip install 'bench[local]'"
"""What to run when xllamacpp is missing (the `local` extra pins it)."""

_POLL_S = 0.1


@dataclass(frozen=True)
class ServerStats:
    """What a run records about its local server."""

    start_s: float
    """Seconds from spawning the process to `/health` answering ok (model loaded)."""
    rss_mb: float | None
    """Resident memory of the server process now (at stop: just before it), MiB."""
    peak_rss_mb: float | None
    """Highest resident memory of the server process so far, MiB."""
    pid: int
    """Process id of the server (gone after `stop`)."""
    port: int
    """TCP port the server listens on."""
    threads: int
    """CPU threads llama.cpp was given."""


class LocalModelServer:
    """An OpenAI-compatible llama.cpp server for one GGUF file, in its own process.

    Use as a context manager, or call `start` and `stop` (also on errors and Ctrl-C):

        with LocalModelServer(path, alias="smollm2-135m") as server:
            litellm.completion(model=f"openai/{server.model_name}",
                               api_base=server.api_base, api_key="local", ...)

    Stop the clients (cancel in-flight requests) before `stop`: a killed server answers
    nothing more, and an in-flight request fails with a connection error.
    """

    def __init__(
        self,
        gguf: Path,
        alias: str,
        threads: int | None = None,
        ctx_size: int = 4096,
        parallel: int = 1,
        host: str = "127.0.0.1",
        port: int | None = None,
        *,
        log_file: Path | None = None,
    ) -> None:
        """Describe the server; nothing starts before `start`.

        Args:
            gguf: the model file (see `resolve_gguf` for aliases).
            alias: the model name the server answers to (`openai/<alias>` in litellm).
            threads: CPU threads for llama.cpp; None: `default_threads()` (half the cores).
            ctx_size: context window of each request, in tokens (prompt plus reply).
            parallel: requests served at once (llama.cpp slots); memory grows with it.
            host: interface to listen on; keep loopback unless others must reach it.
            port: TCP port; None picks a free one (the server binds port 0, no race).
            log_file: where llama.cpp's log goes; a temporary file (removed after a clean
                stop, kept and named in the error after a failure) when None.
        """
        if ctx_size < 1 or parallel < 1 or (threads is not None and threads < 1):
            raise ValueError("ctx_size, parallel and threads must be at least 1")
        self.gguf = Path(gguf)
        self.alias = alias
        self.threads = threads
        self.ctx_size = ctx_size
        self.parallel = parallel
        self.host = host
        self.port = port
        self._log_file = log_file
        self._log_path: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._ready: queue.Queue[dict] = queue.Queue()
        self._address: str | None = None
        self._start_s: float | None = None
        self._last_memory: MemoryUsage | None = None
        self._failed = False
        self._threads_used = threads or default_threads()

    # -- public API -------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        """Base URL for OpenAI-style clients, e.g. `http://127.0.0.1:PORT/v1`."""
        return f"{self._require_address()}/v1"

    @property
    def model_name(self) -> str:
        """The name to send as `model` (litellm: `openai/<model_name>`)."""
        return self.alias

    @property
    def log_path(self) -> Path | None:
        """The llama.cpp log file, once started."""
        return self._log_path

    @property
    def running(self) -> bool:
        """Whether the server process is alive (False before start, after stop or a crash)."""
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 120) -> None:
        """Spawn the server and return once `/health` answers ok.

        Raises:
            LocalModelError: one line naming the GGUF file: missing, not a GGUF, xllamacpp
                not installed, the server exited during start-up (with llama.cpp's first
                error line and the log's path), or not ready within `timeout` seconds.
        """
        if self._process is not None:
            raise LocalModelError(f"local model server for {self.gguf} is already started")
        gguf = check_gguf(self.gguf)
        if importlib.util.find_spec("xllamacpp") is None:
            raise LocalModelError(
                f"cannot serve {gguf}: the local model server needs xllamacpp: {INSTALL_HINT}"
            )
        began = time.monotonic()
        try:
            self._spawn(gguf)
            self._address = self._wait_until_ready(gguf, began + timeout, timeout)
            self._wait_until_healthy(gguf, began + timeout, timeout)
        except BaseException:
            self._failed = True
            self._terminate(timeout=5)
            raise
        self._start_s = time.monotonic() - began
        stats = self.stats()
        logger.info(
            "local model %s: server started in %.1f s at %s (pid %d, RSS %s MiB)",
            self.alias,
            stats.start_s,
            self._address,
            stats.pid,
            _mib(stats.rss_mb),
        )

    def stats(self) -> ServerStats:
        """Start time and memory of the server (memory as last seen once stopped)."""
        address = self._require_address()
        process = self._process
        assert process is not None and self._start_s is not None
        if process.poll() is None:
            self._last_memory = memory_usage(process.pid) or self._last_memory
        memory = self._last_memory
        return ServerStats(
            start_s=self._start_s,
            rss_mb=memory.rss_mb if memory else None,
            peak_rss_mb=memory.peak_rss_mb if memory else None,
            pid=process.pid,
            port=urlsplit(address).port or 0,
            threads=self._threads_used,
        )

    def stop(self, timeout: float = 10) -> None:
        """Stop the server: close its stdin, SIGTERM, and SIGKILL after `timeout` seconds.

        Idempotent; returns once the process is gone and reaped.
        """
        if self._process is None:
            return
        was_running = self.running
        self._terminate(timeout)
        if was_running and self._start_s is not None:
            logger.info(
                "local model %s: server stopped (peak RSS %s MiB)",
                self.alias,
                _mib(self._last_memory.peak_rss_mb if self._last_memory else None),
            )
        if self._log_file is None and not self._failed and self._log_path is not None:
            self._log_path.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- process handling -------------------------------------------------------------

    def _require_address(self) -> str:
        if self._address is None or self._start_s is None:
            raise LocalModelError(f"local model server for {self.gguf} is not started")
        return self._address

    def _spawn(self, gguf: Path) -> None:
        """Start the child in its own session, so a terminal's Ctrl-C reaches only us."""
        self._log_path = self._open_log_path()
        command = [
            sys.executable,
            "-m",
            SERVE_MODULE,
            f"--gguf={gguf}",
            f"--alias={self.alias}",
            f"--threads={self._threads_used}",
            f"--ctx-size={self.ctx_size}",
            f"--parallel={self.parallel}",
            f"--host={self.host}",
            f"--port={self.port or 0}",
            f"--parent-pid={os.getpid()}",
        ]
        with self._log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=child_environment(),
                start_new_session=True,
            )
        self._reader = threading.Thread(
            target=read_announcements,
            args=(self._process.stdout, self._ready),
            name=f"localmodel-{self.alias}-stdout",
            daemon=True,
        )
        self._reader.start()

    def _open_log_path(self) -> Path:
        if self._log_file is not None:
            self._log_file.parent.mkdir(parents=True, exist_ok=True)
            return self._log_file.absolute()
        handle, name = tempfile.mkstemp(prefix="bench-llama-", suffix=".log")
        os.close(handle)
        return Path(name)

    def _wait_until_ready(self, gguf: Path, deadline: float, timeout: float) -> str:
        """Wait for the child's ready line; fail fast if it exits first."""
        assert self._process is not None
        while True:
            try:
                return str(self._ready.get(timeout=_POLL_S)["address"])
            except queue.Empty:
                pass
            code = self._process.poll()
            if code is not None:
                raise LocalModelError(self._exit_message(gguf, code))
            if time.monotonic() > deadline:
                raise LocalModelError(
                    f"local model server for {gguf} did not load within {timeout:g} s "
                    f"(log: {self._log_path})"
                )

    def _wait_until_healthy(self, gguf: Path, deadline: float, timeout: float) -> None:
        """Poll `/health` until it answers ok (503 while the model is still loading)."""
        assert self._process is not None and self._address is not None
        while not health_ok(f"{self._address}/health"):
            code = self._process.poll()
            if code is not None:
                raise LocalModelError(self._exit_message(gguf, code))
            if time.monotonic() > deadline:
                raise LocalModelError(
                    f"local model server for {gguf} did not answer /health within {timeout:g} s "
                    f"(log: {self._log_path})"
                )
            time.sleep(_POLL_S)

    def _exit_message(self, gguf: Path, code: int) -> str:
        reason = first_error_line(self._log_path) if self._log_path else None
        what = "refused to start" if code == EXIT_START_FAILED else f"exited with code {code}"
        detail = f": {reason}" if reason else ""
        return f"local model server for {gguf} {what}{detail} (log: {self._log_path})"

    def _terminate(self, timeout: float) -> None:
        """Close stdin (the child exits on EOF), SIGTERM, then SIGKILL; reap the process."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            self._last_memory = memory_usage(process.pid) or self._last_memory
            for close in (process.stdin.close if process.stdin else None, process.terminate):
                try:
                    if close is not None:
                        close()
                except (OSError, ValueError):
                    pass
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if self._reader is not None:
            self._reader.join(timeout=1)


def xllamacpp_version() -> str | None:
    """The installed xllamacpp version, for the run manifest (output depends on it), or None.

    Read from the package metadata: importing xllamacpp would load llama.cpp in this process.
    """
    try:
        return importlib.metadata.version("xllamacpp")
    except importlib.metadata.PackageNotFoundError:
        return None


def default_threads() -> int:
    """Half the cores, at least one, for llama.cpp when the config does not say.

    llama.cpp's threads meet at a barrier for every layer, so one thread that loses its core
    (to the sandbox, the runner, another job) stalls all of them. Measured on 2 busy cores:
    16 generated tokens/s with 1 thread, 1.3 with 2.
    """
    return max(1, (os.cpu_count() or 2) // 2)


def _mib(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f}"

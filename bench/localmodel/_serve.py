"""The server process: `python -m bench.localmodel._serve --gguf FILE --alias NAME ...`.

Runs llama.cpp's OpenAI-compatible HTTP server (through xllamacpp) in a process of its own,
so a crash in native code never takes the runner down. Protocol with the parent:

- stdout: exactly one line `READY_PREFIX + JSON` once the server listens
  (`{"address": "http://127.0.0.1:PORT", "pid": N}`); llama.cpp logs go to stderr.
- stdin: kept open by the parent. End of file means the parent stopped us or died.
- the parent's pid is also polled: a killed parent (SIGKILL, crash) never leaves this
  process behind, whichever thread of the parent started it (unlike PR_SET_PDEATHSIG,
  which fires when the spawning *thread* exits).

SIGTERM keeps its default action (immediate exit): no Python handler waits for clients.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from bench.localmodel._protocol import EXIT_START_FAILED, READY_PREFIX

_PARENT_POLL_S = 0.25


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the child's command line (written by `LocalModelServer`, not by people)."""
    parser = argparse.ArgumentParser(prog="python -m bench.localmodel._serve")
    parser.add_argument("--gguf", required=True)
    parser.add_argument("--alias", required=True)
    parser.add_argument("--threads", type=int, default=0, help="0: llama.cpp's default")
    parser.add_argument("--ctx-size", type=int, required=True, help="context per slot")
    parser.add_argument("--parallel", type=int, default=1)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--parent-pid", type=int, required=True)
    return parser.parse_args(argv)


def build_params(args: argparse.Namespace) -> Any:
    """Translate our options into xllamacpp's `CommonParams`.

    `cache_ram_mib = 0` turns off llama.cpp's host-RAM prompt cache (8 GiB by default): it
    grows the process's memory and made temperature-0 output depend on earlier prompts.
    llama.cpp splits `n_ctx` across slots, so it is the per-slot size times the slots.
    """
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = args.gguf
    params.model_alias = {args.alias}
    params.n_parallel = args.parallel
    params.n_ctx = args.ctx_size * args.parallel
    params.cache_ram_mib = 0
    params.hostnames = [args.host]
    params.port = args.port
    if args.threads > 0:
        params.cpuparams.n_threads = args.threads
        params.cpuparams_batch.n_threads = args.threads
    return params


def watch_parent(parent_pid: int) -> None:
    """Exit this process at once when the parent goes away or closes our stdin."""

    def stdin_closed() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    def parent_gone() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=stdin_closed, name="stdin-watch", daemon=True).start()
    threading.Thread(target=parent_gone, name="parent-watch", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    """Start the server, announce its address, then serve until told to stop."""
    args = parse_arguments(argv)
    watch_parent(args.parent_pid)
    import xllamacpp

    try:
        server = xllamacpp.Server(build_params(args))
    except RuntimeError as error:
        print(f"E bench: llama.cpp server did not start: {error}", file=sys.stderr, flush=True)
        return EXIT_START_FAILED
    ready = {"address": server.listening_address, "pid": os.getpid()}
    sys.stdout.write(READY_PREFIX + json.dumps(ready) + "\n")
    sys.stdout.flush()
    threading.Event().wait()
    return 0


if __name__ == "__main__":
    exit_code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Not sys.exit: the stdin watcher holds stdin's lock, which would abort finalization.
    os._exit(exit_code)

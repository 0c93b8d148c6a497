"""One warm sandbox: a locked-down container whose PID 1 is the trusted supervisor.

The runner talks to the supervisor through the container's attached stdin/stdout
(Docker's multiplexed stream, carrying length-prefixed frames). The container is
created with `auto_remove` and `stdin_once`: when the runner dies, even by SIGKILL,
its end of the stream closes, the supervisor reads EOF and exits, and Docker removes
the container.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from typing import Any

import docker
import docker.errors
from docker.types import Ulimit

from bench.sandbox._bundle import CONTAINER_BOOT, container_bootstrap
from bench.sandbox._executor import SandboxLimits, parse_size
from bench.sandbox._harness.container import PYTHON

LABEL = "bench.sandbox"
"""Every sandbox container carries `bench.sandbox=1`; leftovers are found by it."""
OWNER_LABEL = "bench.sandbox.owner"
"""`host:pid:start` of the runner process that created the container."""
HEADROOM = 192 << 20
"""Container memory beyond the candidate's own limit: supervisor, spare, /tmp, outputs."""
FILE_SIZE_LIMIT = 16 << 20
"""Largest file (including stdout) the candidate may write, in bytes."""


class TransportError(RuntimeError):
    """The supervisor's stream broke or it answered nonsense."""


class BackstopExpired(RuntimeError):
    """The supervisor gave no answer within the runner's own deadline."""


def owner_label() -> str:
    """This process's identity, precise enough to tell a dead runner from a live one."""
    return f"{socket.gethostname()}:{os.getpid()}:{process_start(os.getpid())}"


def process_start(pid: int) -> str:
    """The start time of `pid` in clock ticks since boot ('' when unknown)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def container_options(image: str, limits: SandboxLimits) -> dict[str, Any]:
    """The `containers.create` arguments of a sandbox: every isolation setting in one place."""
    memory = limits.memory_bytes + HEADROOM + parse_size(limits.tmpfs)
    return {
        "image": image,
        "command": [PYTHON, "-I", "-S", "-B", "-c", CONTAINER_BOOT],
        "user": "65534:65534",
        "network_mode": "none",
        "network_disabled": True,
        "mem_limit": memory,
        "memswap_limit": memory,
        "nano_cpus": int(limits.cpus * 1e9),
        "pids_limit": limits.pids,
        "read_only": True,
        "tmpfs": {"/tmp": f"rw,nosuid,nodev,noexec,size={limits.tmpfs},mode=1777"},
        "shm_size": "16m",
        "ipc_mode": "private",
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "environment": {},
        "ulimits": [Ulimit(name="nofile", soft=256, hard=256), Ulimit(name="core", soft=0, hard=0)],
        "labels": {LABEL: "1", OWNER_LABEL: owner_label()},
        "hostname": "sandbox",
        "working_dir": "/tmp",
        "log_config": {"type": "none"},
        "stdin_open": True,  # with detach=False, Docker sets StdinOnce: EOF when we go
        "auto_remove": True,
    }


def sandbox_config(limits: SandboxLimits) -> dict[str, Any]:
    """What the supervisor inside needs: the candidate's rlimits and the output bound."""
    rlimits = {"RLIMIT_AS": limits.memory_bytes, "RLIMIT_FSIZE": FILE_SIZE_LIMIT, "RLIMIT_CORE": 0}
    return {"limits": rlimits, "output_limit": limits.output_limit, "python": PYTHON}


class WarmContainer:
    """A started sandbox container and the open stream to its supervisor."""

    def __init__(self, client: docker.DockerClient, image: str, limits: SandboxLimits) -> None:
        self._client = client
        self._limits = limits
        self._image = image
        self.container: Any = None
        self._socket: socket.socket | None = None
        self._raw = bytearray()
        self._stdout = bytearray()
        self._stderr = bytearray()
        self.served = 0
        self.started_s = 0.0

    def start(self, timeout: float = 60.0) -> WarmContainer:
        """Create, attach, start, send the harness; return once the supervisor is ready."""
        began = time.monotonic()
        self.container = self._client.containers.create(
            **container_options(self._image, self._limits)
        )
        params = {"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
        attached = self._client.api.attach_socket(self.container.id, params=params)
        self._socket = getattr(attached, "_sock", attached)
        self.container.start()
        self._send(container_bootstrap(sandbox_config(self._limits)))
        ready = self._receive(time.monotonic() + timeout)
        if not ready.get("ready"):
            raise TransportError(f"the supervisor did not start: {ready}")
        self.started_s = time.monotonic() - began
        return self

    def request(self, payload: bytes, timeout: float) -> dict[str, Any]:
        """Send one framed request; return the supervisor's reply."""
        self._send(len(payload).to_bytes(4, "big") + payload)
        reply = self._receive(time.monotonic() + timeout)
        self.served += 1
        return reply

    def _send(self, data: bytes) -> None:
        if self._socket is None:
            raise TransportError("not attached")
        try:
            self._socket.settimeout(30.0)
            self._socket.sendall(data)
        except OSError as error:
            raise TransportError(f"writing to the sandbox failed: {error}{self._tail()}") from error

    def _receive(self, deadline: float) -> dict[str, Any]:
        while len(self._stdout) < 4 or len(self._stdout) < 4 + int.from_bytes(
            self._stdout[:4], "big"
        ):
            self._pump(deadline)
        size = int.from_bytes(self._stdout[:4], "big")
        body = bytes(self._stdout[4 : 4 + size])
        del self._stdout[: 4 + size]
        try:
            reply = json.loads(body)
        except ValueError as error:
            raise TransportError(f"unreadable reply from the supervisor: {error}") from error
        if not isinstance(reply, dict):
            raise TransportError("the supervisor's reply is not an object")
        return reply

    def _pump(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise BackstopExpired("the sandbox did not answer in time")
        assert self._socket is not None
        try:
            self._socket.settimeout(remaining)
            chunk = self._socket.recv(1 << 18)
        except TimeoutError as error:
            raise BackstopExpired("the sandbox did not answer in time") from error
        except OSError as error:
            raise TransportError(
                f"reading from the sandbox failed: {error}{self._tail()}"
            ) from error
        if not chunk:
            raise TransportError(f"the sandbox's supervisor exited{self._tail()}")
        self._raw += chunk
        self._demultiplex()

    def _demultiplex(self) -> None:
        """Split Docker's 8-byte-header frames into stdout and (bounded) stderr."""
        while len(self._raw) >= 8:
            size = int.from_bytes(self._raw[4:8], "big")
            if len(self._raw) < 8 + size:
                return
            stream, payload = self._raw[0], self._raw[8 : 8 + size]
            del self._raw[: 8 + size]
            if stream == 1:
                self._stdout += payload
            elif len(self._stderr) < 16384:
                self._stderr += payload[: 16384 - len(self._stderr)]

    def _tail(self) -> str:
        text = bytes(self._stderr[-1500:]).decode("utf-8", "replace").strip()
        return f"; supervisor stderr: {text}" if text else ""

    def remove(self) -> None:
        """Close the stream and remove the container; never raises."""
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
            self._socket = None
        if self.container is not None:
            with contextlib.suppress(docker.errors.DockerException):  # auto_remove may be first
                self.container.remove(force=True)
            self.container = None

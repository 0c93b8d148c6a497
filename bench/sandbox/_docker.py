"""The Docker executor: a pool of warm, locked-down containers, one per worker.

Each container's PID 1 is the trusted supervisor (see `_harness/container.py`); a
task borrows one container, and a container that saw any misbehaviour (a timeout,
a crash, leftover processes) or served `recycle_after` tasks is replaced in the
background by a fresh one. Leftovers of a crashed runner are removed at the next
start (and by Docker itself, see `_container.py`).
"""

from __future__ import annotations

import atexit
import marshal
import queue
import socket
import threading
import weakref
from typing import Any

import docker
import docker.errors

from bench.sandbox._container import (
    LABEL,
    OWNER_LABEL,
    BackstopExpired,
    TransportError,
    WarmContainer,
    process_start,
)
from bench.sandbox._executor import (
    Executor,
    SandboxFault,
    SandboxLimits,
    SandboxUnavailable,
    register_executor,
)
from bench.sandbox._image import IMAGE_TAG, image_present

START_TIMEOUT = 120.0
"""Seconds an execution waits for a sandbox to become free or to start."""
BACKSTOP_SLACK = 10.0
"""Seconds the runner waits beyond an execution's budget before killing its container."""
_MISBEHAVIOUR = ("timeout", "crash", "flood")
_open_executors: weakref.WeakSet[DockerExecutor] = weakref.WeakSet()


def connect() -> docker.DockerClient:
    """A client of a Docker engine that answers, or SandboxUnavailable."""
    try:
        client = docker.from_env(timeout=30)
        client.ping()
    except docker.errors.DockerException as error:
        reason = str(error).split("(")[0].strip()[:120]
        raise SandboxUnavailable(
            f"no Docker engine answers ({reason}): "
            "start dockerd (see .ci/docker.sh) or use --sandbox process"
        ) from None
    return client


def sweep_leftovers(client: docker.DockerClient) -> int:
    """Remove sandbox containers whose runner is gone; return how many were removed."""
    host = socket.gethostname()
    removed = 0
    # sparse: no inspect per container, so one removed meanwhile (by its own runner) cannot
    # fail the listing with NotFound; labels and state come with the list itself.
    listed = client.containers.list(all=True, sparse=True, filters={"label": f"{LABEL}=1"})
    for container in listed:
        labels = container.attrs.get("Labels") or {}
        owner = labels.get(OWNER_LABEL, "::").split(":")
        same_host_dead = owner[0] == host and not _alive(
            owner[1], owner[2] if len(owner) > 2 else ""
        )
        if container.status != "running" or same_host_dead:
            try:
                container.remove(force=True)
                removed += 1
            except docker.errors.DockerException:
                pass
    return removed


def _alive(pid: str, start: str) -> bool:
    return pid.isdigit() and process_start(int(pid)) == start and start != ""


@register_executor("docker")
class DockerExecutor(Executor):
    """Warm Docker sandboxes; see the module docstring."""

    def __init__(self, limits: SandboxLimits) -> None:
        super().__init__(limits)
        self.client = connect()
        self.image = limits.image or IMAGE_TAG
        if not image_present(self.client, self.image):
            raise SandboxUnavailable(
                f"the sandbox image {self.image} is missing: run `bench sandbox build --offline` "
                "(or `bench sandbox build` where a registry is reachable)"
            )
        self.swept = sweep_leftovers(self.client)
        self._idle: queue.Queue[WarmContainer | BaseException] = queue.Queue()
        self._live: set[WarmContainer] = set()
        self._pending = 0
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False
        self.start_times: list[float] = []
        _open_executors.add(self)

    def __enter__(self) -> DockerExecutor:
        self.warm_up()
        return self

    def warm_up(self) -> None:
        """Start the missing warm containers in the background."""
        with self._lock:
            missing = self.limits.workers - len(self._live) - self._pending
            self._pending += max(0, missing)
        for _ in range(max(0, missing)):
            self._spawn_thread(self._start_one)

    def _spawn_thread(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="bench-sandbox")
        with self._lock:
            self._threads = [known for known in self._threads if known.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _start_one(self) -> None:
        sandbox = WarmContainer(self.client, self.image, self.limits)
        try:
            sandbox.start()
        except (docker.errors.DockerException, TransportError, BackstopExpired, OSError) as error:
            sandbox.remove()
            with self._lock:
                self._pending -= 1
            self._idle.put(error)
            return
        with self._lock:
            self._pending -= 1
            closed = self._closed
            if not closed:
                self._live.add(sandbox)
                self.start_times.append(sandbox.started_s)
        if closed:
            sandbox.remove()
        else:
            self._idle.put(sandbox)

    def _acquire(self) -> WarmContainer:
        if self._closed:
            raise SandboxFault("the executor is closed")
        self.warm_up()
        try:
            item = self._idle.get(timeout=START_TIMEOUT)
        except queue.Empty:
            raise SandboxFault(f"no sandbox became free within {START_TIMEOUT:g}s") from None
        if isinstance(item, BaseException):
            raise SandboxFault(f"a sandbox container could not start: {item}")
        return item

    def _release(self, sandbox: WarmContainer, recycle: bool) -> None:
        if recycle or sandbox.served >= self.limits.recycle_after or self._closed:
            with self._lock:
                self._live.discard(sandbox)
            self._spawn_thread(self._replace, sandbox)
        else:
            self._idle.put(sandbox)

    def _replace(self, sandbox: WarmContainer) -> None:
        sandbox.remove()
        if not self._closed:
            self.warm_up()

    def _run(self, request: dict[str, Any], budget_s: float) -> dict[str, Any]:
        payload = marshal.dumps(request, 4)
        failure: Exception | None = None
        for _attempt in range(2):  # a broken sandbox is replaced and the task retried once
            sandbox = self._acquire()
            try:
                reply = sandbox.request(payload, budget_s + BACKSTOP_SLACK)
            except BackstopExpired:
                self._release(sandbox, recycle=True)
                return _backstop_reply(budget_s + BACKSTOP_SLACK)
            except TransportError as error:
                self._release(sandbox, recycle=True)
                failure = error
                continue
            self._release(sandbox, recycle=_misbehaved(reply))
            return reply
        raise SandboxFault(f"the sandbox failed twice: {failure}")

    def container_ids(self) -> list[str]:
        """Ids of the warm containers this executor holds now."""
        with self._lock:
            return [sandbox.container.id for sandbox in self._live if sandbox.container is not None]

    def describe(self) -> dict[str, Any]:
        """The limits plus the image's tag and id."""
        try:
            image_id = self.client.images.get(self.image).id
        except docker.errors.DockerException:
            image_id = None
        return {**super().describe(), "image": self.image, "image_id": image_id}

    def close(self) -> None:
        """Remove every container this executor started; idempotent."""
        with self._lock:
            self._closed = True
            live, self._live = list(self._live), set()
            background = list(self._threads)
        threads = [threading.Thread(target=sandbox.remove, daemon=True) for sandbox in live]
        for thread in threads:
            thread.start()
        for thread in threads + background:  # starts in flight remove what they started
            if thread is not threading.current_thread():
                thread.join(timeout=60)
        while not self._idle.empty():
            item = self._idle.get_nowait()
            if isinstance(item, WarmContainer):
                item.remove()


def _misbehaved(reply: dict[str, Any]) -> bool:
    if not reply.get("ok") or reply.get("anomalies") or reply.get("children", 1) > 1:
        return True
    load = reply.get("load") or {}
    if load.get("timeout") or load.get("crash"):
        return True
    entries = [*(reply.get("results") or {}).values(), reply.get("check") or {}]
    return any(isinstance(entry, dict) and entry.get("kind") in _MISBEHAVIOUR for entry in entries)


def _backstop_reply(waited: float) -> dict[str, Any]:
    """The reply of a sandbox that stopped answering: every unreported test timed out."""
    return {
        "ok": True,
        "load": {"ok": True},
        "results": {},
        "budget_exhausted": True,
        "anomalies": [f"the sandbox stopped answering; its container was killed after {waited:g}s"],
        "exec_time_s": waited,
    }


@atexit.register
def _close_open_executors() -> None:
    for executor in list(_open_executors):
        executor.close()

"""Fixtures for tests that start real sandbox containers.

They skip only when no Docker engine (or no image) can be had, with a loud reason;
under CI they fail instead (tests/_support.py), because CI must run them
(`.ci/docker.sh` provides the engine and the image).
"""

from __future__ import annotations

import pytest

from bench.sandbox import SandboxUnavailable, make_executor
from bench.sandbox._container import LABEL
from tests._support import require


def docker_executor_or_skip(**limits):
    """make_executor("docker", ...) or skip loudly (fail under CI)."""
    try:
        return make_executor("docker", **limits)
    except SandboxUnavailable as error:
        require(False, f"no Docker engine or image for the sandbox tests: {error}")
        raise


def sandbox_containers() -> list:
    """Every container carrying the sandbox label, in any state."""
    from bench.sandbox._docker import connect

    # sparse: containers removed while we list them must not raise NotFound
    return connect().containers.list(all=True, sparse=True, filters={"label": f"{LABEL}=1"})


@pytest.fixture(scope="session", autouse=True)
def _no_container_left_behind():
    """After every Docker test of the session: `docker ps -a` shows no sandbox container."""
    yield
    try:
        left = sandbox_containers()
    except SandboxUnavailable:
        return  # no engine: the tests themselves skipped (or failed under CI)
    assert [container.short_id for container in left] == [], "sandbox containers left behind"


@pytest.fixture(scope="session")
def docker_executor():
    """Two warm sandboxes shared by the tests of a session; removed at its end."""
    executor = docker_executor_or_skip(workers=2, timeout=2.0, output_limit=4096)
    with executor:
        yield executor


@pytest.fixture(scope="session")
def solo_executor():
    """One sandbox, so consecutive executions land in the same container (or its replacement)."""
    executor = docker_executor_or_skip(workers=1, timeout=2.0, output_limit=4096)
    with executor:
        yield executor

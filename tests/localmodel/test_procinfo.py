"""Process memory and liveness from /proc."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from bench.localmodel import memory_usage, process_running

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs Linux /proc")


def test_memory_of_this_process_is_plausible():
    usage = memory_usage(os.getpid())
    assert usage is not None
    assert 5 < usage.rss_mb <= usage.peak_rss_mb < 64 * 1024


def test_memory_of_a_missing_process_is_none():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert memory_usage(child.pid) is None


def test_running_alive_reaped_and_zombie():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert process_running(child.pid)
    finally:
        child.kill()
    # Not reaped yet: a zombie holds no memory or threads, so it does not count as running.
    deadline = time.monotonic() + 10
    while process_running(child.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not process_running(child.pid)
    with open(f"/proc/{child.pid}/stat") as stat:
        assert stat.read().rpartition(")")[2].split()[0] == "Z"
    child.wait()
    assert not process_running(child.pid)

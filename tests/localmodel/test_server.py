"""The llama.cpp server process: start-up errors, port choice, shutdown and orphan cleanup.

These start the real server (xllamacpp) on the real embedded model: about a second each.
Each test that counts processes serves its own symlink to the model, so the `--gguf=` path
on a command line identifies that test's server and no other.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.localmodel import LocalModelError, LocalModelServer, process_running
from tests.conftest import REPO_ROOT
from tests.localmodel._support import SERVED_NAME, processes_serving, wait_until_gone

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="process checks need /proc")

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str) -> dict:
    with NO_PROXY.open(url, timeout=10) as response:
        return json.load(response)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_server(gguf: Path, tmp_path: Path, **options) -> LocalModelServer:
    options.setdefault("log_file", tmp_path / "llama.log")
    return LocalModelServer(gguf, SERVED_NAME, threads=1, ctx_size=512, **options)


@pytest.fixture
def own_gguf(tmp_path, embedded_gguf) -> Path:
    """A per-test path to the real model, so its server can be told apart in /proc."""
    link = tmp_path / "model-link.gguf"
    link.symlink_to(embedded_gguf)
    return link


@pytest.fixture(scope="module")
def shared_server(embedded_gguf, tmp_path_factory):
    server = make_server(embedded_gguf, tmp_path_factory.mktemp("shared"))
    server.start(timeout=120)
    yield server
    server.stop()


# -- start-up failures: one line naming the file, nothing left running ---------------------


def test_a_missing_file_fails_before_spawning(tmp_path):
    server = make_server(tmp_path / "nope.gguf", tmp_path)
    with pytest.raises(LocalModelError) as error:
        server.start()
    assert str(error.value) == f"GGUF file not found: {tmp_path / 'nope.gguf'}"
    assert not server.running
    assert not (tmp_path / "llama.log").exists()


def test_a_file_that_is_not_a_gguf_fails_before_spawning(tmp_path):
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b'\x08\x00\x00\x00\x00\x00\x00\x00{"a":1}')
    with pytest.raises(LocalModelError, match=r"^not a GGUF file .*model\.safetensors$"):
        make_server(weights, tmp_path).start()


def test_a_corrupt_gguf_is_reported_with_llama_cpp_s_reason(tmp_path, embedded_gguf):
    corrupt = tmp_path / "corrupt.gguf"
    corrupt.write_bytes(embedded_gguf.read_bytes()[:4096])  # right magic, truncated
    server = make_server(corrupt, tmp_path)
    with pytest.raises(LocalModelError) as error:
        server.start(timeout=60)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"local model server for {corrupt} refused to start: ")
    assert "gguf_init_from_reader" in message
    assert message.endswith(f"(log: {tmp_path / 'llama.log'})")
    assert not server.running
    assert processes_serving(corrupt) == []


def test_a_server_not_ready_in_time_is_killed(tmp_path, own_gguf):
    server = make_server(own_gguf, tmp_path)
    with pytest.raises(LocalModelError, match=r"did not load within 0\.05 s"):
        server.start(timeout=0.05)
    assert not server.running
    assert processes_serving(own_gguf) == []


def test_api_base_before_start_is_an_error(tmp_path, own_gguf):
    with pytest.raises(LocalModelError, match="is not started"):
        _ = make_server(own_gguf, tmp_path).api_base


def test_invalid_options_are_refused(tmp_path, own_gguf):
    with pytest.raises(ValueError):
        LocalModelServer(own_gguf, SERVED_NAME, parallel=0)


# -- port choice -----------------------------------------------------------------------------


def test_the_server_answers_on_the_port_it_reports(shared_server):
    stats = shared_server.stats()
    assert shared_server.api_base == f"http://127.0.0.1:{stats.port}/v1"
    assert get_json(f"http://127.0.0.1:{stats.port}/health") == {"status": "ok"}
    served = [model["id"] for model in get_json(f"{shared_server.api_base}/models")["data"]]
    assert served == [SERVED_NAME]
    assert shared_server.model_name == SERVED_NAME


def test_two_servers_get_two_free_ports(shared_server, tmp_path, own_gguf):
    with make_server(own_gguf, tmp_path) as second:
        assert second.stats().port != shared_server.stats().port
        assert get_json(f"http://127.0.0.1:{second.stats().port}/health")["status"] == "ok"
        assert get_json(f"http://127.0.0.1:{shared_server.stats().port}/health")["status"] == "ok"


def test_an_explicit_port_is_used(tmp_path, own_gguf):
    port = free_port()
    with make_server(own_gguf, tmp_path, port=port) as server:
        assert server.stats().port == port
        assert server.api_base == f"http://127.0.0.1:{port}/v1"


def test_a_busy_port_is_one_clear_error(tmp_path, own_gguf):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        server = make_server(own_gguf, tmp_path, port=port)
        with pytest.raises(LocalModelError) as error:
            server.start(timeout=60)
    message = str(error.value)
    assert message.startswith(f"local model server for {own_gguf} refused to start: ")
    assert f"couldn't bind HTTP server socket, hostname: 127.0.0.1, port: {port}" in message
    assert processes_serving(own_gguf) == []


# -- stats and shutdown ------------------------------------------------------------------------


def test_stats_report_start_time_and_memory(shared_server):
    stats = shared_server.stats()
    assert 0 < stats.start_s < 120
    assert stats.rss_mb is not None and stats.peak_rss_mb is not None
    # The 98 MB model is memory-mapped and touched while loading.
    assert 60 < stats.rss_mb <= stats.peak_rss_mb < 4096
    assert process_running(stats.pid)


def test_stop_leaves_no_process_and_is_idempotent(tmp_path, own_gguf):
    server = LocalModelServer(own_gguf, SERVED_NAME, threads=1, ctx_size=512)
    server.start()
    pid, log = server.stats().pid, server.log_path
    assert processes_serving(own_gguf) == [pid]
    assert log is not None and log.exists()
    server.stop()
    assert not server.running
    assert not process_running(pid)  # gone and reaped, not even a zombie
    assert processes_serving(own_gguf) == []
    assert not log.exists()  # a temporary log goes after a clean stop
    server.stop()
    assert server.stats().peak_rss_mb is not None  # last figures stay readable


def test_the_context_manager_stops_on_an_exception(tmp_path, own_gguf):
    with pytest.raises(RuntimeError, match="boom"), make_server(own_gguf, tmp_path) as server:
        pid = server.stats().pid
        raise RuntimeError("boom")
    assert not process_running(pid)
    assert processes_serving(own_gguf) == []


def test_stop_does_not_wait_for_a_request_in_flight(tmp_path, own_gguf):
    outcome: list[BaseException | dict] = []
    with make_server(own_gguf, tmp_path) as server:
        body = {
            "model": SERVED_NAME,
            "messages": [{"role": "user", "content": "Write a very long story about a robot."}],
            "max_tokens": 400,
            "temperature": 0,
        }
        request = urllib.request.Request(
            f"{server.api_base}/chat/completions",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )

        def call() -> None:
            try:
                with NO_PROXY.open(request, timeout=120) as response:
                    outcome.append(json.load(response))
            except (urllib.error.URLError, OSError) as error:
                outcome.append(error)

        client = threading.Thread(target=call)
        client.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
            slot.get("is_processing") for slot in get_json(f"{server.api_base[:-3]}/slots")
        ):
            time.sleep(0.05)
        pid = server.stats().pid
        began = time.monotonic()
        server.stop(timeout=3)
        stop_s = time.monotonic() - began
    client.join(30)
    assert stop_s < 5
    assert not process_running(pid)
    assert len(outcome) == 1 and isinstance(outcome[0], (urllib.error.URLError, OSError))


# -- no orphan when the parent goes away ---------------------------------------------------------

PARENT_SCRIPT = textwrap.dedent(
    """\
    import sys, time
    from pathlib import Path
    from bench.localmodel import LocalModelServer

    gguf, log, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    server = LocalModelServer(gguf, "smollm2-135m", threads=1, ctx_size=512, log_file=log)
    if mode == "with":
        with server:
            print(server.stats().pid, flush=True)
            time.sleep(120)
    else:
        server.start()
        print(server.stats().pid, flush=True)
        if mode == "sleep":
            time.sleep(120)
    """
)


def start_parent(tmp_path: Path, gguf: Path, mode: str) -> tuple[subprocess.Popen[str], int]:
    """Run a separate parent process that starts a server; return it and the server's pid."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT_SCRIPT)
    parent = subprocess.Popen(
        [sys.executable, str(script), str(gguf), str(tmp_path / "llama.log"), mode],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        start_new_session=True,  # its own process group, like a runner in a terminal
    )
    assert parent.stdout is not None
    line = parent.stdout.readline()
    assert line.strip().isdigit(), f"parent printed {line!r}"
    return parent, int(line)


def test_the_server_dies_with_a_killed_parent(tmp_path, own_gguf):
    parent, server_pid = start_parent(tmp_path, own_gguf, "sleep")
    assert process_running(server_pid)
    parent.kill()  # SIGKILL: no cleanup code runs in the parent
    parent.wait()
    assert wait_until_gone(server_pid, timeout=5)
    assert processes_serving(own_gguf) == []


def test_the_server_dies_when_the_parent_exits_without_stopping_it(tmp_path, own_gguf):
    parent, server_pid = start_parent(tmp_path, own_gguf, "exit")
    assert parent.wait(timeout=30) == 0
    assert wait_until_gone(server_pid, timeout=5)


def test_ctrl_c_in_the_parent_stops_the_server(tmp_path, own_gguf):
    parent, server_pid = start_parent(tmp_path, own_gguf, "with")
    os.killpg(parent.pid, signal.SIGINT)  # what a terminal sends to the foreground group
    assert parent.wait(timeout=30) != 0  # KeyboardInterrupt
    assert not process_running(server_pid)  # stopped by __exit__, before the parent ended
    assert processes_serving(own_gguf) == []

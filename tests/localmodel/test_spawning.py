"""Reading the server process's log and stdout."""

from __future__ import annotations

import io
import queue
import socket

from bench.localmodel._protocol import READY_PREFIX
from bench.localmodel._spawning import first_error_line, health_ok, read_announcements

LLAMA_LOG = """\
0.00.004.185 I srv          init: initializing ...
0.00.006.536 W srv          init: security: no API key is set and CORS allows all origins
0.00.011.048 E gguf_init_from_reader: this GGUF file is version 2021161080 but ...
0.00.011.112 E llama_model_load: error loading model
E bench: llama.cpp server did not start: Failed to init server
"""


def test_the_first_llama_cpp_error_line_is_the_reason(tmp_path):
    log = tmp_path / "llama.log"
    log.write_text(LLAMA_LOG)
    assert first_error_line(log) == (
        "gguf_init_from_reader: this GGUF file is version 2021161080 but ..."
    )


def test_without_an_error_line_the_last_line_is_the_reason(tmp_path):
    log = tmp_path / "llama.log"
    log.write_text("Traceback (most recent call last):\n  ...\nModuleNotFoundError: x\n\n")
    assert first_error_line(log) == "ModuleNotFoundError: x"
    log.write_text("")
    assert first_error_line(log) is None
    assert first_error_line(tmp_path / "absent.log") is None


def test_only_the_ready_line_is_passed_on():
    ready: queue.Queue[dict] = queue.Queue()
    stdout = io.BytesIO(
        b"some native chatter\n"
        + READY_PREFIX.encode()
        + b'{"address": "http://127.0.0.1:5", "pid": 7}\n'
        + b"more\n"
    )
    read_announcements(stdout, ready)
    assert ready.get_nowait() == {"address": "http://127.0.0.1:5", "pid": 7}
    assert ready.empty()


def test_health_is_false_where_nothing_listens():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert health_ok(f"http://127.0.0.1:{port}/health") is False

"""A fake LLM server on 127.0.0.1 that speaks the wire formats litellm calls.

Tests point litellm's `api_base` at it, so a request goes through litellm's real
routing, serialisation, HTTP client and response parsing, exactly as it would to
OpenAI, Anthropic, a Hugging Face TGI endpoint, Ollama or vLLM. Routes:

- `POST /v1/chat/completions` (and `/chat/completions`): OpenAI; also what vLLM,
  llama.cpp and litellm's `huggingface/` route (TGI's Messages API) are sent.
- `POST /v1/messages`: Anthropic Messages.
- `POST /api/chat`: Ollama chat.

Each request is answered by a `Reply` taken from a script (in order) or from a
`responder(index, request)` function; a `Reply` can add latency, fail with a
status (429 with `Retry-After`, 500, ...), hang past the client's timeout, or
send malformed JSON. Every request is recorded, so tests can count retries.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

OPENAI_PATHS = ("/v1/chat/completions", "/chat/completions")
ANTHROPIC_PATH = "/v1/messages"
OLLAMA_PATH = "/api/chat"


@dataclass(frozen=True)
class Reply:
    """How the server answers one request."""

    text: str = "```python\ndef solve():\n    return 1\n```"
    """The assistant message content of a successful reply."""
    status: int = 200
    """HTTP status; anything but 200 sends an error body in the route's format."""
    retry_after: str | None = None
    """Value of the `Retry-After` header (seconds), sent with any status."""
    latency_s: float = 0.0
    """Seconds to wait before answering."""
    hang: bool = False
    """Never answer (until the server stops): the client's timeout must fire."""
    malformed: bool = False
    """Send a 200 whose body is not valid JSON."""
    prompt_tokens: int | None = 25
    """Reported input tokens; None leaves usage out of the reply."""
    completion_tokens: int | None = 40
    """Reported output tokens."""
    model: str | None = None
    """The model id the server reports (a resolved version); default: the one asked for."""


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    body: Any
    received_at: float = field(default_factory=time.monotonic)


Responder = Callable[[int, RecordedRequest], Reply]


class FakeLLMServer:
    """A threaded HTTP server; use as a context manager or call start()/stop()."""

    def __init__(self, replies: Iterable[Reply] = (), default: Reply | None = None):
        self._lock = threading.Lock()
        self._script: list[Reply] = list(replies)
        self._default = default or Reply()
        self._responder: Responder | None = None
        self.requests: list[RecordedRequest] = []
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """Base URL, e.g. `http://127.0.0.1:53211` (no trailing slash)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeLLMServer:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests, stop serving and close the socket."""
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def script(self, replies: Iterable[Reply], default: Reply | None = None) -> None:
        """Answer the next requests with `replies` in order, then with `default`."""
        with self._lock:
            self._script = list(replies)
            if default is not None:
                self._default = default

    def respond_with(self, responder: Responder) -> None:
        """Answer every request with `responder(index, request)` (index counts from 0)."""
        with self._lock:
            self._responder = responder

    def count(self, path: str | None = None) -> int:
        """Requests received so far, optionally only those to `path`."""
        with self._lock:
            return sum(1 for r in self.requests if path is None or r.path == path)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            index = len(self.requests)
            self.requests.append(request)
            if self._responder is not None:
                return self._responder(index, request)
            return self._script.pop(0) if self._script else self._default

    def _wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`; False when the server is stopping."""
        return not self._stopping.wait(seconds)


def _openai_body(reply: Reply, model: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": "stop",
            }
        ],
    }
    if reply.prompt_tokens is not None:
        completion = reply.completion_tokens or 0
        body["usage"] = {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": reply.prompt_tokens + completion,
        }
    return body


def _anthropic_body(reply: Reply, model: str) -> dict[str, Any]:
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": reply.model or model,
        "content": [{"type": "text", "text": reply.text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": reply.prompt_tokens or 0,
            "output_tokens": reply.completion_tokens or 0,
        },
    }


def _ollama_body(reply: Reply, model: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": reply.model or model,
        "created_at": "2026-11-25T00:00:00Z",
        "message": {"role": "assistant", "content": reply.text},
        "done": True,
        "done_reason": "stop",
    }
    if reply.prompt_tokens is not None:
        body["prompt_eval_count"] = reply.prompt_tokens
        body["eval_count"] = reply.completion_tokens or 0
    return body


def _error_body(path: str, status: int) -> dict[str, Any]:
    message = f"fake server error {status}"
    if path == ANTHROPIC_PATH:
        kind = "rate_limit_error" if status == 429 else "api_error"
        return {"type": "error", "error": {"type": kind, "message": message}}
    if path == OLLAMA_PATH:
        return {"error": message}
    kind = "rate_limit_exceeded" if status == 429 else "server_error"
    return {"error": {"message": message, "type": kind, "code": kind}}


def _success_body(path: str, reply: Reply, model: str) -> dict[str, Any]:
    if path == ANTHROPIC_PATH:
        return _anthropic_body(reply, model)
    if path == OLLAMA_PATH:
        return _ollama_body(reply, model)
    return _openai_body(reply, model)


class _Handler(BaseHTTPRequestHandler):
    """Answers one connection's requests for the FakeLLMServer that owns the HTTP server."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms ACK stalls

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def do_POST(self) -> None:
        request = self._read_request()
        if request.path not in (*OPENAI_PATHS, ANTHROPIC_PATH, OLLAMA_PATH):
            self._send(404, {"error": f"no route {request.path}"}, None)
            return
        fake: FakeLLMServer = self.server.fake  # type: ignore[attr-defined]
        reply = fake._next_reply(request)
        if reply.hang:
            fake._wait(3600)
            return
        if reply.latency_s and not fake._wait(reply.latency_s):
            return
        self._answer(request, reply)

    def _read_request(self) -> RecordedRequest:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"null")
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        headers = {key.lower(): value for key, value in self.headers.items()}
        return RecordedRequest(self.path.split("?", 1)[0], headers, body)

    def _answer(self, request: RecordedRequest, reply: Reply) -> None:
        if reply.malformed:
            self._send_raw(200, b'{"id": "chatcmpl-fake", "choices": [', None)
        elif reply.status != 200:
            payload = _error_body(request.path, reply.status)
            self._send(reply.status, payload, reply.retry_after)
        else:
            body = request.body if isinstance(request.body, dict) else {}
            payload = _success_body(request.path, reply, str(body.get("model", "")))
            self._send(200, payload, reply.retry_after)

    def _send(self, status: int, payload: Any, retry_after: str | None) -> None:
        self._send_raw(status, json.dumps(payload).encode("utf-8"), retry_after)

    def _send_raw(self, status: int, data: bytes, retry_after: str | None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout fired): nothing to answer

"""Retry policy for model calls: which failures to retry and how long to wait.

Kept free of litellm so it can be tested and reasoned about on its own: errors
are classified by HTTP status and by exception class names, and waits follow
exponential backoff with jitter, or the server's own `Retry-After`.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bench.providers._base import ErrorKind

_TIMEOUT_CLASSES = {"Timeout", "APITimeoutError", "TimeoutException"}
_TRANSIENT_CLIENT_STATUSES = {408: ErrorKind.TIMEOUT, 409: ErrorKind.SERVER, 425: ErrorKind.SERVER}


def _class_names(error: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(error).__mro__}


def classify(error: BaseException) -> ErrorKind:
    """The kind of failure `error` is, from its status code or its exception classes."""
    names = _class_names(error)
    if isinstance(error, TimeoutError) or names & _TIMEOUT_CLASSES:
        return ErrorKind.TIMEOUT
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        if status == 429:
            return ErrorKind.RATE_LIMIT
        if status in (401, 403):
            return ErrorKind.AUTH
        if status in _TRANSIENT_CLIENT_STATUSES:
            return _TRANSIENT_CLIENT_STATUSES[status]
        if status >= 500:
            return ErrorKind.SERVER
        if status >= 400:
            return ErrorKind.BAD_REQUEST
    if isinstance(error, ConnectionError) or names & {"APIConnectionError", "ConnectError"}:
        return ErrorKind.CONNECTION
    return ErrorKind.OTHER


def response_headers(error: BaseException) -> Mapping[str, Any]:
    """The HTTP headers of the failed response, when the exception carries them."""
    for source in (getattr(error, "litellm_response_headers", None), _response_of(error)):
        if source:
            return {str(key).lower(): value for key, value in dict(source).items()}
    return {}


def _response_of(error: BaseException) -> Any:
    response = getattr(error, "response", None)
    return getattr(response, "headers", None)


def retry_after_seconds(headers: Mapping[str, Any], now: float | None = None) -> float | None:
    """Seconds the server asks to wait: `retry-after-ms`, else `retry-after` (seconds or date)."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter, capped; a server's Retry-After wins when given."""

    initial_s: float
    max_s: float

    def delay(self, retry: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry number `retry` (1 for the first retry).

        Without Retry-After: a uniform draw in [d/2, d] with d = initial * 2^(retry-1),
        capped at max_s, so concurrent callers spread out. With it: that wait
        (capped at max_s) plus up to 10% jitter.
        """
        if retry_after is not None:
            wait = min(retry_after, self.max_s)
            return wait * rng.uniform(1.0, 1.1)
        ceiling = min(self.max_s, self.initial_s * 2 ** (retry - 1))
        return rng.uniform(ceiling / 2, ceiling)

"""Retry policy: classification, Retry-After parsing, backoff bounds."""

from __future__ import annotations

import email.utils
import random

import pytest

from bench.providers import ErrorKind
from bench.providers._retry import Backoff, classify, response_headers, retry_after_seconds


class StatusError(Exception):
    def __init__(self, status_code):
        super().__init__(f"status {status_code}")
        self.status_code = status_code


class APIConnectionError(Exception):
    pass


class Timeout(Exception):
    status_code = 408


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (StatusError(429), ErrorKind.RATE_LIMIT),
        (StatusError(500), ErrorKind.SERVER),
        (StatusError(503), ErrorKind.SERVER),
        (StatusError(408), ErrorKind.TIMEOUT),
        (StatusError(409), ErrorKind.SERVER),
        (StatusError(401), ErrorKind.AUTH),
        (StatusError(403), ErrorKind.AUTH),
        (StatusError(400), ErrorKind.BAD_REQUEST),
        (StatusError(404), ErrorKind.BAD_REQUEST),
        (TimeoutError(), ErrorKind.TIMEOUT),
        (Timeout(), ErrorKind.TIMEOUT),
        (ConnectionRefusedError(), ErrorKind.CONNECTION),
        (APIConnectionError(), ErrorKind.CONNECTION),
        (ValueError("odd"), ErrorKind.OTHER),
    ],
)
def test_classify(error, kind):
    assert classify(error) is kind


def test_transient_kinds():
    transient = {kind for kind in ErrorKind if kind.transient}
    assert transient == {
        ErrorKind.RATE_LIMIT,
        ErrorKind.TIMEOUT,
        ErrorKind.SERVER,
        ErrorKind.CONNECTION,
    }


def test_retry_after_forms():
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    assert retry_after_seconds({"retry-after": "0.25"}) == 0.25
    assert retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert retry_after_seconds({"retry-after": "-4"}) == 0.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None
    date = email.utils.formatdate(1_000_030, usegmt=True)
    assert retry_after_seconds({"retry-after": date}, now=1_000_000) == pytest.approx(30)


def test_headers_are_read_from_litellm_or_the_response():
    error = StatusError(429)
    error.litellm_response_headers = {"Retry-After": "2"}
    assert response_headers(error) == {"retry-after": "2"}
    other = StatusError(429)
    other.response = type("R", (), {"headers": {"Retry-After-Ms": "10"}})()
    assert retry_after_seconds(response_headers(other)) == 0.01
    assert response_headers(ValueError()) == {}


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    backoff = Backoff(initial_s=1.0, max_s=10.0)
    rng = random.Random(0)
    for retry, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 10.0), (9, 10.0)]:
        waits = [backoff.delay(retry, None, rng) for _ in range(200)]
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
        assert max(waits) - min(waits) > ceiling / 4  # jitter spreads callers out


def test_retry_after_wins_and_is_capped():
    backoff = Backoff(initial_s=0.001, max_s=5.0)
    rng = random.Random(1)
    assert 3.0 <= backoff.delay(1, 3.0, rng) <= 3.3
    assert 5.0 <= backoff.delay(1, 120.0, rng) <= 5.5
    assert backoff.delay(1, 0.0, rng) == 0.0

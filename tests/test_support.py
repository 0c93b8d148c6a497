"""The skip-here-fail-under-CI rule (tests/_support.py)."""

from __future__ import annotations

import pytest

from tests._support import in_ci, require


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, False), ("", False), ("false", False), ("False", False), ("0", False),
     ("true", True), ("1", True), ("yes", True)],
)  # fmt: skip
def test_ci_is_any_value_but_empty_false_or_zero(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_require_skips_locally_and_fails_under_ci(monkeypatch):
    require(True, "never shown")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="no engine"):
        require(False, "no engine")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run this test, but: no engine"):
        require(False, "no engine")

from __future__ import annotations

from pathlib import Path

import pytest

from tests.localmodel._support import embedded_model_or_skip


@pytest.fixture(scope="session")
def embedded_gguf() -> Path:
    return embedded_model_or_skip()

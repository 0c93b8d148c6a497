"""Putting untrusted text into HTML where autoescaping does not reach.

Jinja's autoescape covers element text and attributes. Two places need more:
JSON inside `<script>` (where `</script>` ends the element whatever the JSON
quoting says) and page titles, which mkdocs-material writes into `<title>` and
the navigation without escaping.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from markupsafe import Markup

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_UNSAFE_PATTERN = re.compile("[<>&\u2028\u2029]")
_TITLE_UNSAFE = re.compile(r"[^\w .,:;/()+@#=~-]")
TITLE_LIMIT = 80


def _finite(value: Any) -> Any:
    """NaN and infinities become null: JSON has no spelling for them."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(key): _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def script_json(value: Any) -> Markup:
    r"""JSON that is safe inside `<script>`: `<`, `>`, `&` and line separators as \\u escapes.

    The result parses as the same JSON (the escapes are inside strings, where JSON
    allows them), and no byte sequence in it can close the script element or open
    a comment.
    """
    text = json.dumps(_finite(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(_SCRIPT_UNSAFE_PATTERN.sub(lambda match: _SCRIPT_UNSAFE[match.group()], text))


def plain_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """A page title without markup characters: letters, digits and harmless punctuation.

    mkdocs-material renders `page.title` unescaped (and after `striptags`, which
    decodes entities), so entity-escaping is not enough: characters that could
    form markup are replaced by `_`. The page's visible heading shows the exact,
    escaped name.
    """
    cleaned = _TITLE_UNSAFE.sub("_", " ".join(text.split()))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"

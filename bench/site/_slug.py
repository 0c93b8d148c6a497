"""Safe page names for things named by strangers (model names, task ids).

A model name may hold `/`, spaces, `..`, quotes or markup; the page name keeps
only lowercase ASCII letters, digits and dashes, and ends with a short hash of
the exact name, so `a/b` and `a-b` never share a page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_STEM = 48
HASH_DIGITS = 8


def page_slug(name: str) -> str:
    """A file-name-safe, collision-resistant slug: readable stem + 8 hex digits of sha256."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:HASH_DIGITS]
    return f"{stem}-{digest}" if stem else digest

"""The wire format for values that leave the candidate's process: tagged JSON, never pickle.

The candidate's process encodes what its function returned; the trusted side decodes
it. Decoding must never run candidate code, so the format is JSON, whose parser builds
only plain values, with one-key objects as tags for what JSON lacks:

    {"$tuple": [...]}  {"$set": [...]}  {"$frozenset": [...]}  {"$dict": [[k, v], ...]}
    {"$bytes": "<base64>"}  {"$bytearray": "<base64>"}  {"$float": "nan" | "inf" | "-inf"}
    {"$int": "<hex>"} (ints too long for decimal)  {"$complex": [re, im]}
    {"$opaque": [type name, repr]} (anything else: it never equals an expected value)

Every dict is tagged, so a plain JSON object is always a tag and a candidate's dict
can never pose as one. Subclasses of builtins are encoded through the base type's own
methods, so an overridden `__eq__`, `__iter__` or `__repr__` never reaches the judge.

Stdlib-only and free of `bench` imports: this file is shipped into the sandbox. The
encoder avoids the `json` module (which imports `re`) to keep the candidate's
interpreter start cheap.
"""

from __future__ import annotations

import binascii
import math
from typing import Any

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import encode_basestring_ascii as _quote

MAX_DEPTH = 100
"""Nesting deeper than this (or a cycle) is reported as opaque."""
BIG_INT_BITS = 12_000
"""Ints longer than this go as hex: decimal conversion is capped at 4300 digits."""
REPR_LIMIT = 300
"""Characters of repr kept for an opaque value."""


class WireError(ValueError):
    """Raised when encoded text is not a well-formed value of this format."""


class TooLarge(Exception):
    """Raised by the encoder when the encoding would exceed its byte budget."""


class Opaque:
    """A value the wire could not carry as data: equal only to itself.

    It keeps the type name and a bounded repr for display. `__eq__` is identity, so
    no expected value (which is plain data) ever equals it.
    """

    __slots__ = ("repr_text", "type_name")

    def __init__(self, type_name: str, repr_text: str) -> None:
        self.type_name = type_name
        self.repr_text = repr_text

    def __repr__(self) -> str:
        return self.repr_text

    def __hash__(self) -> int:
        return id(self)


def safe_repr(value: Any, limit: int = REPR_LIMIT) -> str:
    """repr(value) cut to `limit` characters; never raises."""
    try:
        text = repr(value)
        if type(text) is not str:
            text = str.__str__(text)
    except BaseException as error:  # the candidate's __repr__ may do anything
        text = f"<{type(value).__name__}: repr failed with {type(error).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def encode(value: Any, limit: int = 8 << 20) -> str:
    """The wire text of `value`; raises TooLarge past `limit` characters."""
    parts: list[str] = []
    budget = [limit]
    _encode(value, parts, budget, 0)
    return "".join(parts)


def encode_bounded(value: Any, limit: int = 8 << 20) -> str:
    """Like `encode`, but a value over budget becomes an opaque marker."""
    try:
        return encode(value, limit)
    except TooLarge:
        marker = f"<{type(value).__name__} too large: over {limit} bytes encoded>"
        return _opaque_text(type(value).__name__, marker)


def _emit(text: str, parts: list[str], budget: list[int]) -> None:
    budget[0] -= len(text)
    if budget[0] < 0:
        raise TooLarge
    parts.append(text)


def _opaque_text(type_name: str, repr_text: str) -> str:
    return '{"$opaque":[' + _quote(type_name) + "," + _quote(repr_text) + "]}"


def _encode(value: Any, parts: list[str], budget: list[int], depth: int) -> None:  # noqa: C901
    kind = type(value)
    if value is None:
        _emit("null", parts, budget)
    elif kind is bool:
        _emit("true" if value else "false", parts, budget)
    elif isinstance(value, int):
        _emit(_int_text(int.__int__(value)), parts, budget)
    elif isinstance(value, float):
        _emit(_float_text(float.__float__(value)), parts, budget)
    elif isinstance(value, str):
        _emit(_quote(str.__str__(value)), parts, budget)
    elif depth >= MAX_DEPTH:
        _emit(_opaque_text(kind.__name__, "<nested too deeply or cyclic>"), parts, budget)
    elif isinstance(value, list):
        _encode_items(list.__iter__(value), "[", "]", parts, budget, depth)
    elif isinstance(value, tuple):
        _encode_items(tuple.__iter__(value), '{"$tuple":[', "]}", parts, budget, depth)
    elif isinstance(value, dict):
        _encode_dict(value, parts, budget, depth)
    elif isinstance(value, set):
        _encode_items(set.__iter__(value), '{"$set":[', "]}", parts, budget, depth)
    elif isinstance(value, frozenset):
        _encode_items(frozenset.__iter__(value), '{"$frozenset":[', "]}", parts, budget, depth)
    elif isinstance(value, bytes | bytearray):
        tag = "$bytearray" if isinstance(value, bytearray) else "$bytes"
        data = binascii.b2a_base64(bytes(value), newline=False).decode("ascii")
        _emit('{"' + tag + '":"' + data + '"}', parts, budget)
    elif isinstance(value, complex):
        real, imag = _float_text(value.real), _float_text(value.imag)
        _emit('{"$complex":[' + real + "," + imag + "]}", parts, budget)
    else:
        _emit(_opaque_text(kind.__qualname__, safe_repr(value)), parts, budget)


def _int_text(number: int) -> str:
    if number.bit_length() > BIG_INT_BITS:
        return '{"$int":"' + hex(number) + '"}'
    return int.__repr__(number)


def _float_text(number: float) -> str:
    if math.isfinite(number):
        return float.__repr__(number)
    return '{"$float":"' + ("nan" if math.isnan(number) else float.__repr__(number)) + '"}'


def _encode_items(
    items: Any, opening: str, closing: str, parts: list[str], budget: list[int], depth: int
) -> None:
    _emit(opening, parts, budget)
    first = True
    for item in items:
        if not first:
            _emit(",", parts, budget)
        first = False
        _encode(item, parts, budget, depth + 1)
    _emit(closing, parts, budget)


def _encode_dict(value: dict, parts: list[str], budget: list[int], depth: int) -> None:
    _emit('{"$dict":[', parts, budget)
    first = True
    for key, item in dict.items(value):
        _emit("[" if first else ",[", parts, budget)
        first = False
        _encode(key, parts, budget, depth + 1)
        _emit(",", parts, budget)
        _encode(item, parts, budget, depth + 1)
        _emit("]", parts, budget)
    _emit("]}", parts, budget)


# -- decoding (trusted side) -------------------------------------------------------------


def decode(text: str, limit: int = 64 << 20) -> Any:
    """The value that `text` encodes; raises WireError on anything malformed.

    Only the trusted side calls this. It parses with `json` (which builds plain
    values only) and rebuilds tagged values; nothing in the text can run code.
    """
    import json

    if len(text) > limit:
        raise WireError(f"encoded value is over {limit} bytes")
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise WireError(f"not valid JSON: {error}") from None
    return from_json(parsed)


def from_json(node: Any) -> Any:
    """The value encoded by `node`, already parsed by `json.loads` (trusted side)."""
    try:
        return _decode(node, 0)
    except RecursionError:
        raise WireError("value nested too deeply") from None


def _decode(node: Any, depth: int) -> Any:
    if depth > MAX_DEPTH + 2:
        raise WireError("value nested too deeply")
    if isinstance(node, list):
        return [_decode(item, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node  # str, int, float, bool, None straight from JSON
    if len(node) != 1:
        raise WireError("an object must be a single tag")
    ((tag, body),) = node.items()
    decoder = _TAGS.get(tag)
    if decoder is None:
        raise WireError(f"unknown tag {tag!r}")
    try:
        return decoder(body, depth + 1)
    except WireError:
        raise
    except (TypeError, ValueError, binascii.Error) as error:
        raise WireError(f"bad {tag} value: {error}") from None


def _list_body(body: Any, depth: int) -> list[Any]:
    if not isinstance(body, list):
        raise WireError("tag body must be a list")
    return [_decode(item, depth) for item in body]


def _dict_body(body: Any, depth: int) -> dict[Any, Any]:
    pairs = _list_body(body, depth)
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
        raise WireError("$dict body must be a list of [key, value] pairs")
    return dict(pairs)


def _float_body(body: Any, depth: int) -> float:
    if body not in ("nan", "inf", "-inf"):
        raise WireError("$float body must be nan, inf or -inf")
    return float(body)


def _int_body(body: Any, depth: int) -> int:
    if not isinstance(body, str) or not body.lstrip("-").startswith("0x"):
        raise WireError("$int body must be a hex string")
    return int(body, 16)


def _bytes_body(body: Any, depth: int) -> bytes:
    if not isinstance(body, str):
        raise WireError("bytes body must be a base64 string")
    return binascii.a2b_base64(body.encode("ascii"))


def _complex_body(body: Any, depth: int) -> complex:
    real, imag = _list_body(body, depth)
    if not all(
        isinstance(part, int | float) and not isinstance(part, bool) for part in (real, imag)
    ):
        raise WireError("$complex body must be two numbers")
    return complex(real, imag)


def _opaque_body(body: Any, depth: int) -> Opaque:
    if not (isinstance(body, list) and len(body) == 2 and all(isinstance(s, str) for s in body)):
        raise WireError("$opaque body must be [type name, repr]")
    return Opaque(body[0][:200], body[1][:REPR_LIMIT])


_TAGS = {
    "$tuple": lambda body, depth: tuple(_list_body(body, depth)),
    "$set": lambda body, depth: set(_list_body(body, depth)),
    "$frozenset": lambda body, depth: frozenset(_list_body(body, depth)),
    "$dict": _dict_body,
    "$bytes": _bytes_body,
    "$bytearray": lambda body, depth: bytearray(_bytes_body(body, depth)),
    "$float": _float_body,
    "$int": _int_body,
    "$complex": _complex_body,
    "$opaque": _opaque_body,
}


def contains_opaque(value: Any, depth: int = 0) -> bool:
    """True when a decoded value holds an Opaque anywhere (it can then equal nothing)."""
    if isinstance(value, Opaque) or depth > MAX_DEPTH + 2:
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return any(contains_opaque(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return any(
            contains_opaque(key, depth + 1) or contains_opaque(item, depth + 1)
            for key, item in value.items()
        )
    return False

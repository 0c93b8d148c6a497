"""Reading review findings out of a model's reply, whatever shape the JSON came in.

Replies put the JSON list in a ```json block, in another block, bare, or inside
prose; some give one object instead of a list, wrap the list in an object
(`{"findings": [...]}`), leave a trailing comma, use Python literals, or are cut off
mid-list. The rule, in order:

1. Drop reasoning sections (as for code answers).
2. Look in the fenced blocks (```json ones first, later blocks before earlier ones),
   then in the text outside them; the first of these that holds findings wins.
3. Within one text: the whole text as JSON (then with trailing commas dropped, then
   as a Python literal); else every JSON value embedded in it, scanned left to
   right, of which the last that holds findings wins (a list that does not parse,
   as when the reply was cut off, counts with its complete leading objects).
4. Nothing holds findings: no findings, with the reason. Never an exception.

A value *holds findings* when it is a list of objects of which at least one has a
line (or is empty: "no findings" is an answer), an object with a line, or an
object with such a list under a key such as `findings` or `issues`.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

from bench._pyast import parse_python
from bench.kinds._extract import _fenced_blocks, strip_reasoning
from bench.kinds._review_judge import Finding
from bench.tasks import DefectCategory

MAX_REPLY_CHARS = 200_000
"""Longer replies are cut here before parsing (no review needs more)."""
MAX_MESSAGE_CHARS = 500
"""A finding's message is cut to this many characters in the stored answer."""
NOTE_KEY = "extraction_note"
"""Key of the stored answer's note when extraction was not clean."""

_LINE_KEYS = ("line", "line_number", "lineno", "line_no", "start_line", "lines")
_MESSAGE_KEYS = ("message", "description", "issue", "comment", "summary", "explanation")
_LIST_KEYS = ("findings", "issues", "defects", "problems", "comments", "review", "results")
_CATEGORIES = tuple(category.value for category in DefectCategory)
_FIRST_INT = re.compile(r"-?\d+")
_OPEN = re.compile(r"[\[{]")
_TRAILING_COMMA = re.compile(r",\s*[\]}]")
MAX_STARTS = 2_000
"""Embedded values tried per text (each `[` or `{`), so no reply makes reading slow."""
MAX_REPAIRS = 20
"""Of those, how many may be retried with trailing commas dropped (each costs a pass)."""
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class Extraction:
    """The findings read from a reply, and why extraction was not clean (None if it was)."""

    findings: tuple[Finding, ...]
    note: str | None = None

    def answer(self) -> str:
        """The canonical stored answer: a JSON list, or an object with the note."""
        findings = [finding.as_json() for finding in self.findings]
        if self.note is None:
            return json.dumps(findings, ensure_ascii=False)
        return json.dumps({"findings": findings, NOTE_KEY: self.note}, ensure_ascii=False)


def read_findings(text: str) -> Extraction:
    """The findings in `text` (a whole reply, or a stored answer); see the module rule."""
    text = strip_reasoning(text[:MAX_REPLY_CHARS]).strip()
    if not text:
        return Extraction((), "empty reply")
    blocks, outside = _fenced_blocks(text)
    ordered = [b.code for b in reversed(blocks) if b.info == "json"]
    ordered += [b.code for b in reversed(blocks) if b.info != "json"]
    for document in [*ordered, outside]:
        found = _findings_in(document)
        if found is not None:
            return found
    return Extraction((), "no JSON list of findings in the reply")


def _findings_in(document: str) -> Extraction | None:
    whole = _parse_whole(document)
    if whole is not None and (extraction := _extraction(whole)) is not None:
        return extraction
    last: Extraction | None = None
    for value, note in _embedded_values(document):
        extraction = _extraction(value, note)
        if extraction is not None and (extraction.findings or last is None):
            last = extraction
    return last


def _parse_whole(document: str) -> Any:
    for candidate in (document, drop_trailing_commas(document)):
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):
            pass
    try:
        return ast.literal_eval(parse_python(document.strip(), mode="eval"))
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        return None


def _embedded_values(document: str) -> list[tuple[Any, str | None]]:
    """Every JSON value starting at a `[` or `{`, left to right, not nested in another.

    A list that does not parse (cut off, or a missing comma) gives its complete
    leading objects instead, with a note saying so. At most MAX_STARTS starts are
    tried and MAX_REPAIRS repaired, which bounds the time a hostile reply can take.
    """
    values: list[tuple[Any, str | None]] = []
    position, repairs = 0, MAX_REPAIRS if _TRAILING_COMMA.search(document) else 0
    for _ in range(MAX_STARTS):
        opened = _OPEN.search(document, position)
        if opened is None:
            break
        start = opened.start()
        decoded: tuple[Any, str | None, int] | None
        decoded = _decode_at(document, start, repair=repairs > 0)
        if decoded is None and repairs > 0:
            repairs -= 1
        if decoded is None and document[start] == "[":
            decoded = _salvage_at(document, start)
        if decoded is None:
            position = start + 1
            continue
        value, note, position = decoded
        values.append((value, note))
    return values


def _decode_at(document: str, start: int, *, repair: bool) -> tuple[Any, None, int] | None:
    """The JSON value at `start` (trailing commas forgiven if `repair`) and where it ends."""
    try:
        value, end = _DECODER.raw_decode(document, start)
        return value, None, end
    except (json.JSONDecodeError, RecursionError):
        if not repair:
            return None
    repaired, removed = _repair(document[start:])
    try:
        value, used = _DECODER.raw_decode(repaired)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value, None, start + _original_length(used, removed)


def _salvage_at(document: str, start: int) -> tuple[list[Any], str, int] | None:
    """The complete objects at the head of the broken list at `start`, and where they end."""
    items: list[Any] = []
    position = start + 1
    while True:
        while position < len(document) and document[position] in " \t\r\n,":
            position += 1
        if document[position : position + 1] != "{":
            break
        try:
            item, position = _DECODER.raw_decode(document, position)
        except (json.JSONDecodeError, RecursionError):
            break
        items.append(item)
    if not items:
        return None
    note = f"a list did not parse (cut off?): kept its {len(items)} complete item(s)"
    return items, note, position


def _original_length(repaired_length: int, removed: list[int]) -> int:
    """How many chars of the original the first `repaired_length` of its repair stand for."""
    length = repaired_length
    for position in removed:
        if position >= length:
            break
        length += 1
    return length


def _extraction(value: Any, note: str | None = None) -> Extraction | None:
    """The findings `value` holds, or None when it holds none (see the module docstring)."""
    stored = value.get(NOTE_KEY) if isinstance(value, dict) else None
    items = _finding_objects(value)
    if items is None:
        return None
    findings = [finding for item in items if (finding := _finding(item)) is not None]
    dropped = len(items) - len(findings)
    notes = [text for text in (stored, note) if isinstance(text, str)]
    if dropped:
        notes.append(f"{dropped} finding(s) without a usable line number ignored")
    return Extraction(tuple(findings), "; ".join(notes) or None)


def _finding_objects(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        if not value:
            return []
        has_line = any(isinstance(item, dict) and _line_key(item) for item in value)
        return value if has_line else None
    if not isinstance(value, dict):
        return None
    if _line_key(value):
        return [value]
    lowered = {str(key).lower(): item for key, item in value.items()}
    for key in _LIST_KEYS:
        if key in lowered:
            return _finding_objects(lowered[key])
    lists = [item for item in value.values() if isinstance(item, list)]
    return _finding_objects(lists[0]) if len(lists) == 1 else None


def _line_key(item: dict[Any, Any]) -> str | None:
    return next((key for key in _LINE_KEYS if key in item), None)


def _finding(item: Any) -> Finding | None:
    if not isinstance(item, dict):
        return None
    key = _line_key(item)
    line = _line_number(item[key]) if key else None
    if line is None:
        return None
    return Finding(line, _category(item.get("category", item.get("type"))), _message(item))


def _line_number(value: Any) -> int | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and (match := _FIRST_INT.search(value)):
        return int(match.group())
    return None


def _category(value: Any) -> str:
    """One of the four categories when the reply names one (first word counts), else other."""
    text = str(value).strip().lower() if value is not None else ""
    for category in _CATEGORIES:
        if text == category or text.startswith(category):
            return category
    return "other"


def _message(item: dict[Any, Any]) -> str:
    for key in _MESSAGE_KEYS:
        if isinstance(item.get(key), str):
            return str(item[key])[:MAX_MESSAGE_CHARS]
    return ""


def drop_trailing_commas(text: str) -> str:
    """`text` without the commas that directly precede a `]` or `}` outside strings."""
    return _repair(text)[0]


def _repair(text: str) -> tuple[str, list[int]]:
    """`text` without trailing commas, and the (ascending) positions of those removed."""
    out: list[str] = []
    removed: list[int] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "," and _next_visible(text, index + 1) in ("]", "}"):
            removed.append(index)
            continue
        out.append(char)
    return "".join(out), removed


def _next_visible(text: str, index: int) -> str:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return text[index : index + 1]

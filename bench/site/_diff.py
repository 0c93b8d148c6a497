"""Side-by-side diffs of two pieces of code, as an escaped HTML table.

`difflib.HtmlDiff` marks up whole files and costs ~5 ms a pair; task pages
hold two diffs per answer, so hunks (changed lines with a little context) are
built from `SequenceMatcher` opcodes directly, with changed characters marked
inside lines that were edited rather than rewritten.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from itertools import zip_longest

from markupsafe import Markup, escape

CONTEXT_LINES = 3
INTRALINE_MAX_CHARS = 400
"""Lines longer than this are marked as wholly changed (character diffs grow quadratically)."""
MAX_DIFF_LINES = 2_000
"""Inputs longer than this (in lines) are not diffed: a note says so instead."""


@dataclass(frozen=True)
class Diff:
    """A rendered diff and its size."""

    html: Markup
    added: int
    removed: int

    @property
    def identical(self) -> bool:
        """Neither side has a line the other lacks."""
        return self.added == 0 and self.removed == 0


def _marked(line: str, spans: list[tuple[int, int]], tag: str) -> str:
    parts, position = [], 0
    for start, end in spans:
        parts.append(str(escape(line[position:start])))
        parts.append(f"<{tag}>{escape(line[start:end])}</{tag}>")
        position = end
    parts.append(str(escape(line[position:])))
    return "".join(parts)


def _intraline(old: str, new: str) -> tuple[str, str]:
    if len(old) > INTRALINE_MAX_CHARS or len(new) > INTRALINE_MAX_CHARS:
        return str(escape(old)), str(escape(new))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    old_spans, new_spans = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            if i2 > i1:
                old_spans.append((i1, i2))
            if j2 > j1:
                new_spans.append((j1, j2))
    return _marked(old, old_spans, "del"), _marked(new, new_spans, "ins")


def _row(old_no: int | None, old: str | None, new_no: int | None, new: str | None, tag: str) -> str:
    old_class = {"replace": "del", "delete": "del"}.get(tag, "")
    new_class = {"replace": "add", "insert": "add"}.get(tag, "")
    if tag == "replace" and old is not None and new is not None:
        old_html, new_html = _intraline(old, new)
    else:
        old_html = "" if old is None else str(escape(old))
        new_html = "" if new is None else str(escape(new))
    old_class = old_class if old is not None else "nil"
    new_class = new_class if new is not None else "nil"
    return (
        f'<tr><td class="ln">{old_no or ""}</td><td class="{old_class}">{old_html}</td>'
        f'<td class="ln">{new_no or ""}</td><td class="{new_class}">{new_html}</td></tr>'
    )


def _hunk_rows(old: list[str], new: list[str], group: list[tuple]) -> list[str]:
    rows = []
    for tag, i1, i2, j1, j2 in group:
        pairs = zip_longest(range(i1, i2), range(j1, j2))
        for i, j in pairs:
            rows.append(
                _row(
                    None if i is None else i + 1,
                    None if i is None else old[i],
                    None if j is None else j + 1,
                    None if j is None else new[j],
                    tag,
                )
            )
    return rows


def side_by_side(old_text: str, new_text: str, old_label: str, new_label: str) -> Diff:
    """Changed hunks of `old_text` against `new_text`; labels head the two columns."""
    old, new = old_text.splitlines(), new_text.splitlines()
    if len(old) > MAX_DIFF_LINES or len(new) > MAX_DIFF_LINES:
        note = f"Not diffed: more than {MAX_DIFF_LINES} lines."
        return Diff(Markup('<p class="bench-note">{}</p>').format(note), 0, 0)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed = added = 0
    body: list[str] = []
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        first, last = group[0], group[-1]
        body.append(
            f'<tr class="hunk"><td colspan="4">lines {first[1] + 1}-{last[2]} / '
            f"{first[3] + 1}-{last[4]}</td></tr>"
        )
        body.extend(_hunk_rows(old, new, group))
        for tag, i1, i2, j1, j2 in group:
            if tag != "equal":
                removed += i2 - i1
                added += j2 - j1
    if not body:
        return Diff(Markup('<p class="bench-note">Identical.</p>'), 0, 0)
    head = Markup(
        '<table class="bench-diff"><colgroup><col class="ln"><col><col class="ln"><col></colgroup>'
        '<thead><tr><th colspan="2">{}</th><th colspan="2">{}</th></tr></thead><tbody>'
    ).format(old_label, new_label)
    return Diff(head + Markup("".join(body)) + Markup("</tbody></table>"), added, removed)

"""Finding the code in a model's reply.

Replies come as one fenced block, several blocks (solution, usage, tests), bare
code, code wrapped in prose without fences, or any of these after a
`<think>...</think>` preamble. The rule, in order:

1. Drop reasoning: `<think>`/`<thinking>`/`<reasoning>` sections (an unclosed one
   runs to the end; a lone closing tag ends a preamble that began in the prompt).
2. Fenced blocks (``` or ~~~, any length, info `python`, `py`, `python3` or none;
   an unclosed block runs to the end of a truncated reply). Of the Python blocks
   (all blocks when none is labelled Python), take the last one that defines the
   entry point, preferring those that parse; else the longest.
3. No block defines it: a reply that parses as Python is bare code; otherwise the
   function and the imports/helpers just above it are cut out of the prose.
4. Nothing found: "" (the sandbox then reports that the entry point is missing).
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

from bench._pyast import parse_python

_REASONING_TAGS = "think|thinking|reasoning"
_CLOSED_REASONING = re.compile(rf"<({_REASONING_TAGS})>.*?</\1>", re.DOTALL | re.IGNORECASE)
_OPEN_REASONING = re.compile(rf"<(?:{_REASONING_TAGS})>", re.IGNORECASE)
_LONE_CLOSE = re.compile(rf"</(?:{_REASONING_TAGS})>", re.IGNORECASE)
_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
_PYTHON_INFOS = {"", "python", "py", "python3", "py3", "python 3"}
_CODE_ABOVE = re.compile(r"^(import\s|from\s+\S+\s+import\s|@|def\s|async\s+def\s|class\s|#|\s)")


@dataclass(frozen=True)
class _Block:
    info: str
    code: str

    @property
    def is_python(self) -> bool:
        return self.info in _PYTHON_INFOS


def strip_reasoning(text: str) -> str:
    """The reply without its reasoning sections."""
    text = _CLOSED_REASONING.sub("", text)
    opened = _OPEN_REASONING.search(text)
    if opened:
        text = text[: opened.start()]
    closes = list(_LONE_CLOSE.finditer(text))
    if closes:
        text = text[closes[-1].end() :]
    return text


def _fenced_blocks(text: str) -> tuple[list[_Block], str]:
    """Fenced blocks of `text`, and the text outside them."""
    blocks: list[_Block] = []
    outside: list[str] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opened = _FENCE_OPEN.match(lines[index])
        if not opened:
            outside.append(lines[index])
            index += 1
            continue
        fence = opened.group("fence")
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        body: list[str] = []
        index += 1
        while index < len(lines) and not closing.match(lines[index]):
            body.append(lines[index])
            index += 1
        index += 1  # past the closing fence (or the end of a truncated reply)
        info = opened.group("info").split("{")[0].strip().lower()
        blocks.append(_Block(info, textwrap.dedent("\n".join(body)).strip("\n")))
    return blocks, "\n".join(outside)


def _defines(code: str, entry_point: str) -> bool:
    pattern = rf"^\s*(?:async\s+)?def\s+{re.escape(entry_point)}\s*\(|^{re.escape(entry_point)}\s*="
    return re.search(pattern, code, re.MULTILINE) is not None


def _parses(code: str) -> bool:
    try:
        parse_python(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _function_end(lines: list[str], def_index: int) -> int:
    """One past the last line of the function starting at `def_index`, by indentation."""
    indent = len(lines[def_index]) - len(lines[def_index].lstrip())
    end = def_index + 1
    for index in range(def_index + 1, len(lines)):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        end = index + 1
    while end > def_index + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _code_in_prose(text: str, entry_point: str) -> str:
    """The entry point's function cut out of prose, with imports and helpers above it."""
    lines = text.split("\n")
    definition = re.compile(rf"^\s*(?:async\s+)?def\s+{re.escape(entry_point)}\s*\(")
    def_index = next((i for i, line in enumerate(lines) if definition.match(line)), None)
    if def_index is None:
        return ""
    end = _function_end(lines, def_index)
    start = def_index
    while start > 0 and (not lines[start - 1].strip() or _CODE_ABOVE.match(lines[start - 1])):
        start -= 1
    for first in (start, def_index):
        code = textwrap.dedent("\n".join(lines[first:end])).strip("\n")
        if _parses(code):
            return code
    return textwrap.dedent("\n".join(lines[def_index:end])).strip("\n")


def _pick_block(blocks: list[_Block], entry_point: str) -> str | None:
    candidates = [block for block in blocks if block.is_python] or blocks
    defining = [block.code for block in candidates if _defines(block.code, entry_point)]
    if defining:
        parsing = [code for code in defining if _parses(code)]
        return (parsing or defining)[-1]
    return None


def extract_code(text: str, entry_point: str) -> str:
    """The code in a model's reply that should define `entry_point` ("" when none)."""
    text = strip_reasoning(text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks, outside = _fenced_blocks(text)
    chosen = _pick_block(blocks, entry_point)
    if chosen is not None:
        return chosen
    bare = text.strip("\n") if not blocks else ""
    if bare and _parses(bare) and _defines(bare, entry_point):
        return textwrap.dedent(bare)
    from_prose = _code_in_prose(outside, entry_point)
    if from_prose:
        return from_prose
    if blocks:
        python = [block.code for block in blocks if block.is_python] or [b.code for b in blocks]
        return max(python, key=len)
    return textwrap.dedent(bare) if bare and _is_statement_code(bare) else ""


def _is_statement_code(text: str) -> bool:
    """True when `text` parses and is more than bare expressions (a lone word parses too)."""
    try:
        module = parse_python(textwrap.dedent(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return any(not isinstance(node, ast.Expr) for node in module.body)

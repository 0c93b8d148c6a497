"""Reading the files of a multi-file answer out of a model's reply, and writing them back.

The contract (docs/methodology.md, "multifile"): each changed or new file comes in
full in a fenced block whose opening fence names its path. Accepted, in order:

1. on the fence: ```` ```python path=shop/pricing.py ```` (also `file=`, `path:`),
   or the path alone after the language (```` ```python shop/pricing.py ````), or the
   path alone as the info (```` ```shop/pricing.py ````);
2. on the line just before the fence (blank lines between allowed): the last
   path-like word of it, decorations dropped (`**shop/pricing.py**`, `` `x.py` ``,
   `### File: shop/pricing.py:`);
3. a first-line comment inside the block naming the path (`# shop/pricing.py`).

Blocks naming no path (a usage example, a shell command) are left out. When a path
comes twice, the last block wins (a model correcting itself). Paths are kept as
written (only a leading `./` is dropped), so that the judge can refuse a bad one
with its reason instead of it vanishing here. The stored answer is `render_files`'
canonical text, which `read_files` reads back unchanged.
"""

from __future__ import annotations

import re

from bench.kinds._extract import strip_reasoning

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_EXTENSIONS = "py|pyi|txt|toml|cfg|ini|json|ya?ml|md|csv|rst"
_PATH_WORD = rf"[\w.\-/\\:]*[\w\-]+\.(?:{_EXTENSIONS})\b|[\w.\-]+(?:/[\w.\-]+)+"
_PATH_KEY = re.compile(r"(?:path|file|filename|name)\s*[=:]\s*[\"']?(?P<path>[^\s\"']+)", re.I)
_PATH_ALONE = re.compile(rf"^(?P<path>{_PATH_WORD})$")
_PATH_IN_LINE = re.compile(rf"(?P<path>{_PATH_WORD})")
_LANGUAGES = {"python", "py", "python3", "py3", "text", "txt", "toml", "ini", "json", "yaml", "cfg"}
_COMMENT_PATH = re.compile(rf"^#\s*(?:file(?:name)?\s*:\s*)?(?P<path>{_PATH_WORD})\s*$", re.I)


def _clean(path: str) -> str:
    path = path.strip().strip("`*'\":")
    while path.startswith("./"):
        path = path[2:]
    return path


def _path_from_info(info: str) -> str | None:
    keyed = _PATH_KEY.search(info)
    if keyed:
        return _clean(keyed.group("path"))
    words = info.split()
    if words and words[0].lower() in _LANGUAGES:
        words = words[1:]
    if len(words) == 1 and _PATH_ALONE.match(_clean(words[0])):
        return _clean(words[0])
    return None


def _path_from_line(line: str) -> str | None:
    text = line.strip().lstrip("#>*-").strip()
    if not text or len(text) > 200:
        return None
    found = [_clean(match.group("path")) for match in _PATH_IN_LINE.finditer(text)]
    return found[-1] if found else None


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}


def extract_files(text: str, reply: bool = True) -> dict[str, str]:
    """The files a reply gives, path -> full content, in reply order (last one wins).

    `reply` drops reasoning sections first (a stored answer has none to drop).
    """
    lines = (strip_reasoning(text) if reply else text).splitlines()
    files: dict[str, str] = {}
    index = 0
    while index < len(lines):
        opened = _FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        fence, info = opened.group("fence"), opened.group("info")
        end = index + 1
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1
        body = lines[index + 1 : end]
        path = _path_from_info(info) or _path_before(lines, index) or _path_inside(body)
        if path:
            files.pop(path, None)
            files[path] = _dedent(body, opened.group("indent"))
        index = end + 1
    return files


def _path_before(lines: list[str], index: int) -> str | None:
    above = index - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or _FENCE.match(lines[above]) or index - above > 2:
        return None
    return _path_from_line(lines[above])


def _path_inside(body: list[str]) -> str | None:
    if not body:
        return None
    matched = _COMMENT_PATH.match(body[0].strip())
    return _clean(matched.group("path")) if matched else None


def _dedent(body: list[str], indent: str) -> str:
    if indent:
        body = [line[len(indent) :] if line.startswith(indent) else line for line in body]
    text = "\n".join(body)
    return text + "\n" if text else ""


def fenced_bodies(text: str) -> list[str]:
    """The body of every fenced block of `text`, in order (the same fence grammar)."""
    lines = text.splitlines()
    bodies, index = [], 0
    while index < len(lines):
        opened = _FENCE.match(lines[index])
        if opened is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _closes(lines[end], opened.group("fence")):
            end += 1
        bodies.append(_dedent(lines[index + 1 : end], opened.group("indent")))
        index = end + 1
    return bodies


def render_files(files: dict[str, str]) -> str:
    """The canonical stored form of an answer: one fenced block per file, path on the fence.

    Each fence is longer than any backtick run in its file, so `read_files` gets the
    content back byte for byte (a final newline is added where missing).
    """
    parts = []
    for path, content in files.items():
        longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
        fence = "`" * max(3, longest + 1)
        body = content if content.endswith("\n") or not content else content + "\n"
        parts.append(f"{fence}python path={path}\n{body}{fence}\n")
    return "\n".join(parts)


def read_files(answer: str) -> dict[str, str]:
    """The files of a stored answer (`render_files`' form; any reply is read as well)."""
    return extract_files(answer, reply=False)

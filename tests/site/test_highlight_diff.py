import html
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pygments.lexers import PythonLexer
from pygments.token import STANDARD_TYPES

from bench.site._diff import side_by_side
from bench.site._highlight import code_block, highlight_spans
from bench.tasks import load_tasks

REPO = Path(__file__).resolve().parents[2]
TAG = re.compile(r'<span class="[a-z0-9]+">|</span>')


def _text_of(spans: str) -> str:
    return html.unescape(TAG.sub("", spans))


@given(st.text())
def test_highlighting_keeps_every_character_and_escapes_it(code):
    spans = highlight_spans(code)
    assert _text_of(spans) == code
    assert "<" not in TAG.sub("", spans) and ">" not in TAG.sub("", spans)


def test_payload_in_code_is_text():
    code = "x = '</script><script>alert(1)</script>'  # <img src=x onerror=alert(2)>\n"
    block = str(code_block(code))
    assert "<script>" not in block and "<img" not in block
    assert "&lt;img src=x onerror=alert(2)&gt;" in block


def _classes(code: str, spans: str) -> list[str]:
    """Per character of `code`, the class our scanner gave it ('' for none)."""
    out: list[str] = []
    for match in re.finditer(r'<span class="([a-z0-9]+)">(.*?)</span>|([^<]+)', spans, re.S):
        css, inner, plain = match.groups()
        text = html.unescape(inner if css else plain)
        out += [css or ""] * len(text)
    assert len(out) == len(code)
    return out


def _family(css: str) -> str:
    """Compare by token family: keyword, name kind, string, number, comment, operator."""
    if css in ("", "n", "w", "p", "nn", "nx"):
        return ""
    return {"ow": "o", "kn": "k", "kc": "k", "kd": "k", "sa": "s", "mh": "m"}.get(
        css, css[0] if css[0] in "kscmo" else css
    )


def test_agrees_with_pygments_on_the_suite_references():
    """The scanner colours the references as Pygments' Python lexer does, character by character."""
    tasks = load_tasks([REPO / "tasks"])
    assert tasks
    agree = total = 0
    for code in (getattr(task, "reference_solution", None) for task in tasks):
        if not code:
            continue
        ours = _classes(code, highlight_spans(code))
        theirs = []
        for token, text in PythonLexer().get_tokens(code):
            while token not in STANDARD_TYPES:
                token = token.parent
            theirs += [STANDARD_TYPES[token]] * len(text)
        theirs = theirs[: len(code)]
        for char, mine, reference in zip(code, ours, theirs, strict=True):
            if char.isspace():
                continue
            total += 1
            agree += _family(mine) == _family(reference)
    assert agree / total > 0.97, f"{agree}/{total}"


def test_code_block_numbers_lines_in_materials_markup():
    block = str(code_block("a = 1\nb = 2\n"))
    assert 'class="highlighttable"' in block and block.count('<span class="normal">') == 2


def test_identical_code_says_so():
    diff = side_by_side("a\nb\n", "a\nb\n", "old", "new")
    assert diff.identical and "Identical" in diff.html


def test_diff_counts_and_marks_changes():
    old = "\n".join(f"line {i}" for i in range(20))
    new = old.replace("line 5", "line five").replace("line 12\n", "") + "\nline 20"
    diff = side_by_side(old, new, "reference", "model")
    assert (diff.added, diff.removed) == (2, 2)
    assert "<del>5</del>" in diff.html and "<ins>five</ins>" in diff.html
    assert "line 0<" not in diff.html  # more than 3 lines from any change: not shown


def test_diff_escapes_both_sides_and_labels():
    payload = "<img src=x onerror=alert(2)>"
    diff = side_by_side(f"x = 1  # {payload}\n", "x = 2\n", payload, "</script>")
    assert "<img" not in diff.html and "</script>" not in diff.html
    assert "&lt;img src=x onerror=alert(2)&gt;" in diff.html

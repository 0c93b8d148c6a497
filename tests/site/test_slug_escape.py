import json
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bench.site import page_slug, plain_title, script_json
from bench.site._render import SitePage, prose_html, root_of

PAYLOADS = ("</script><script>alert(1)</script>", "<img src=x onerror=alert(2)>")


@pytest.mark.parametrize(
    "name",
    ["openai/gpt-4o", "a/b", "a-b", "../../etc/passwd", "", "   ", "日本語モデル", *PAYLOADS],
)
def test_slug_is_a_safe_file_name(name):
    slug = page_slug(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= 48 + 1 + 8


def test_slug_tells_apart_names_that_read_alike():
    names = ["a/b", "a-b", "a b", "A/B", "a//b"]
    assert len({page_slug(n) for n in names}) == len(names)
    assert page_slug("openai/gpt-4o") == page_slug("openai/gpt-4o")
    assert page_slug("openai/gpt-4o").startswith("openai-gpt-4o-")


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_script_json_round_trips_and_never_holds_markup(value):
    text = str(script_json(value))
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_script_json_cannot_close_the_script_element():
    text = str(script_json({"model": PAYLOADS[0], "reply": PAYLOADS[1]}))
    assert "</script" not in text.lower() and "<!--" not in text
    assert json.loads(text) == {"model": PAYLOADS[0], "reply": PAYLOADS[1]}


def test_script_json_turns_nan_and_infinity_into_null():
    assert json.loads(str(script_json([float("nan"), float("inf"), 1.5]))) == [None, None, 1.5]


@pytest.mark.parametrize("text", [*PAYLOADS, "a & b", 'say "hi"', "x' onload='y"])
def test_plain_title_has_no_markup_characters(text):
    title = plain_title(text)
    assert not set(title) & set("<>&\"'")


def test_plain_title_keeps_ordinary_model_names_and_cuts_long_ones():
    assert plain_title("openai/gpt-4o (beta) v1.2") == "openai/gpt-4o (beta) v1.2"
    assert len(plain_title("x" * 500)) == 80


def test_page_stub_front_matter_is_yaml_with_a_safe_title():
    page = SitePage("models/x.md", PAYLOADS[1] + "\n---\nhide: [x]", "<h1>x</h1>", "body")
    front = page.stub().split("---\n")[1]
    meta = yaml.safe_load(front)
    assert set(meta) == {"title", "hide"}
    assert "<" not in meta["title"] and meta["hide"] == ["toc"]


def test_root_of_counts_folders():
    assert root_of("index.md") == ""
    assert root_of("tasks/x.md") == "../"
    assert root_of("a/b/x.md") == "../../"


def test_prose_escapes_and_marks_only_code():
    html = str(prose_html(f"Write `f(x) -> int` {PAYLOADS[1]}\n\n```\nx = 1 < 2\n```\nend"))
    assert html == (
        "<p>Write <code>f(x) -&gt; int</code> &lt;img src=x onerror=alert(2)&gt;</p>"
        "<pre><code>x = 1 &lt; 2</code></pre><p>end</p>"
    )


@given(st.text())
def test_prose_never_emits_tags_of_its_own_text(text):
    html = str(prose_html(text))
    assert re.sub(r"</?(p|code|pre)>", "", html).count("<") == 0

"""`render_parquet_text`: stable, sorted, one line per row, long text hashed."""

from __future__ import annotations

import difflib

import pyarrow as pa
import pyarrow.parquet as pq

from bench.results import RunWriter, render_parquet_text, run_dir, write_manifest
from bench.results._show import format_value

from .conftest import CODE, RUN_ID, attempt, manifest


def _render(results_dir, records, name="attempts.parquet"):
    with RunWriter(results_dir, RUN_ID, autoflush=False) as writer:
        for record in records:
            writer.append(record)
    return render_parquet_text(run_dir(results_dir, RUN_ID) / name)


def test_one_line_per_row_sorted_by_key_whatever_the_write_order(tmp_path):
    records = [attempt(task_id=t, sample=s) for t in ("b", "a") for s in (10, 2, 9)]
    forward = _render(tmp_path / "one", records)
    backward = _render(tmp_path / "two", list(reversed(records)))
    assert forward == backward
    lines = forward.splitlines()
    assert lines[0] == f"# bench attempts schema v2 (attempts.parquet) run_id={RUN_ID}: 6 rows"
    keys = [line.split("  ")[:3] for line in lines[1:]]
    assert keys == [
        ['model="gpt-4o"', f'task_id="{t}"', f"sample={s}"] for t in "ab" for s in (2, 9, 10)
    ]


def test_row_line_content(results_dir):
    text = _render(results_dir, [attempt(error="ZeroDivisionError: division by zero")])
    line = text.splitlines()[1]
    assert "run_id=" not in line  # in the header, since every row shares it
    for part in (
        'status="passed"',
        "tests_passed=2",
        "speed=87.5",
        "cost_usd=0.0012",
        "prompt_tokens=120",
        'error="ZeroDivisionError: division by zero"',
        "started_at=2026-11-24T19:10:00Z",
        "test_verdicts=PP",
    ):
        assert part in line.split("  "), part
    assert CODE not in text and "\n    " not in text
    assert "generated_code=<sha256:" in line and "6 lines" in line


def test_a_changed_answer_is_a_one_line_diff(tmp_path):
    records = [attempt(task_id=t) for t in ("a", "b", "c")]
    changed = [*records[:2], attempt(task_id="c", generated_code=CODE + "# edited\n")]
    before = _render(tmp_path / "old", records).splitlines()
    after = _render(tmp_path / "new", changed).splitlines()
    diff = [d for d in difflib.unified_diff(before, after, lineterm="", n=0) if d[:1] in "+-"]
    assert len([d for d in diff if d.startswith("-") and not d.startswith("---")]) == 1
    assert 'task_id="c"' in diff[-1]


def test_manifest_is_a_block_of_lines(results_dir):
    folder = run_dir(results_dir, RUN_ID)
    write_manifest(folder, manifest())
    lines = render_parquet_text(folder / "run.parquet").splitlines()
    assert lines[0] == "# bench run schema v2 (run.parquet): 1 rows"
    assert f'run_id: "{RUN_ID}"' in lines
    assert "finished_at: null" in lines
    assert 'config_json: {"execution":{"sandbox":"docker"},"run":{"samples":1}}' in lines
    model_lines = [line for line in lines if line.startswith("models[")]
    assert len(model_lines) == 2
    assert 'model="openai/gpt-4o"' in model_lines[0] and "prices_date=2026-11-24" in model_lines[0]


def test_any_other_parquet_file(tmp_path):
    path = tmp_path / "scores.parquet"
    pq.write_table(pa.table({"name": ["b", "a"], "value": [2.0, 1.0]}), path)
    assert render_parquet_text(path) == (
        '# parquet file scores.parquet: 2 rows\nname="a"  value=1\nname="b"  value=2\n'
    )


def test_format_value_is_stable():
    assert format_value(None) == "null"
    assert format_value(True) == "true"
    assert format_value(1 / 3) == "0.333333"
    assert format_value(12345678.9) == "1.23457e+07"
    assert format_value("tab\there").startswith("<sha256:")
    assert format_value("x" * 81).startswith("<sha256:")
    assert format_value("x" * 80) == '"' + "x" * 80 + '"'
    assert format_value({"b": 1, "a": None}) == "{a=null b=1}"
    assert format_value([1, 2]) == "[1, 2]"


def test_a_foreign_file_named_like_ours_is_shown_as_plain_parquet(tmp_path):
    path = tmp_path / "attempts.parquet"
    pq.write_table(pa.table({"x": [1]}), path)
    assert render_parquet_text(path) == "# parquet file attempts.parquet: 1 rows\nx=1\n"

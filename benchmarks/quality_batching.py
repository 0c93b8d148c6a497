"""Measure quality scoring per snippet (one ruff process each) against the batch variant.

Run: .venv/bin/python benchmarks/quality_batching.py [N]
Snippets are N distinct ~25-line functions. Prints wall time per snippet for ruff
alone and for the full quality report (ruff + radon), both ways.
"""

from __future__ import annotations

import sys
import time

from bench.scoring import lint, lint_many, quality, quality_many


def _snippet(index: int) -> str:
    lines = [f"def solve_{index}(values, limit={index % 7}):", "    total = 0"]
    for step in range(10):
        lines += [f"    if len(values) > {step + index % 5}:", f"        total += values[{step}]"]
    lines += ["    for value in values:", "        if value == None:", "            continue"]
    lines += ["    return total if total < limit else limit"]
    return "\n".join(lines) + "\n"


def _per_snippet_ms(function, items) -> float:
    started = time.perf_counter()
    function(items)
    return (time.perf_counter() - started) * 1000 / len(items)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    codes = [_snippet(index) for index in range(count)]
    quality(codes[0])  # warm-up: imports radon, finds the ruff binary
    rows = [
        ("ruff, one process per snippet", lambda items: [lint(x) for x in items]),
        ("ruff, one process for all", lint_many),
        ("quality(), one by one", lambda items: [quality(x) for x in items]),
        ("quality_many(), batched", quality_many),
    ]
    print(f"{count} snippets of {codes[0].count(chr(10))} lines")
    for label, function in rows:
        print(f"{label:32} {_per_snippet_ms(function, codes):6.2f} ms/snippet")


if __name__ == "__main__":
    main()

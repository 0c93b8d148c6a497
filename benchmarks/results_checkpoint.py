"""Measure RunWriter's checkpoint cost as a run grows to 10,000 attempts.

Run: .venv/bin/python benchmarks/results_checkpoint.py [N] [EVERY]
Prints the time of one checkpoint at N rows, the total time spent writing a run of
N attempts checkpointed every EVERY attempts, and the file size. Attempts carry
realistic text: ~1.5 KB of code and ~2 KB of reply each, and 10 test verdicts.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo: tests' factories

from bench.results import RunWriter, TestVerdict
from tests.results.conftest import RUN_ID, attempt


def _code(rng: random.Random, index: int) -> str:
    lines = [f"def solve_{index}(values):"]
    for line in range(40):
        name = f"v{rng.randrange(1000)}"
        lines.append(f"    {name} = sum(x * {line} for x in values if x > {rng.randrange(99)})")
    lines.append("    return values")
    return "\n".join(lines) + "\n"


def _attempts(count: int) -> list:
    rng = random.Random(0)
    records = []
    for index in range(count):
        code = _code(rng, index)
        verdicts = [
            TestVerdict(name=f"t{k}", passed=rng.random() > 0.2, time_s=rng.random() / 100)
            for k in range(10)
        ]
        records.append(
            attempt(
                task_id=f"task-{index // 5:04d}",
                sample=index % 5,
                model=f"model-{index % 7}",
                generated_code=code,
                response_text="Here is my solution.\n```python\n" + code + "```\n" + code,
                test_verdicts=verdicts,
            )
        )
    return records


def _timed(writer: RunWriter, name: str, timings: list[float]) -> None:
    """Record the duration of each call of one of the writer's write steps."""
    method = getattr(writer, name)

    def wrapper(*args):
        before = time.perf_counter()
        method(*args)
        timings.append(time.perf_counter() - before)

    setattr(writer, name, wrapper)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    records = _attempts(count)
    parts: list[float] = []
    compactions: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        writer = RunWriter(folder, RUN_ID, checkpoint_every=every, autoflush=False)
        writer.append(records[0])
        writer.checkpoint()  # warm-up: pyarrow imports pandas on its first conversion
        _timed(writer, "_write_part", parts)
        _timed(writer, "_compact", compactions)
        started = time.perf_counter()
        for record in records[1:]:
            writer.append(record)
        writer.close()
        total = time.perf_counter() - started
        size = Path(writer.path).stat().st_size
        rewrite = []
        for _ in range(3):
            again = RunWriter(folder, RUN_ID, autoflush=False)
            before = time.perf_counter()
            again._compact()
            rewrite.append(time.perf_counter() - before)
            again.close()
    print(f"attempts: {count}, checkpoint every {every}; file {size / 1e6:.1f} MB")
    print(f"total time in append/checkpoint/close over the run: {total:.2f} s")
    print(f"part checkpoints: {len(parts)}, median {statistics.median(parts) * 1000:.1f} ms")
    print(
        f"compactions: {len(compactions)}, total {sum(compactions):.2f} s, "
        f"longest {max(compactions) * 1000:.0f} ms"
    )
    print(f"rewriting all {count} rows once: {min(rewrite) * 1000:.0f} ms")


if __name__ == "__main__":
    main()

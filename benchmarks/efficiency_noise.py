"""Measure efficiency's noise: the score of a solution timed against itself.

Run: .venv/bin/python benchmarks/efficiency_noise.py [TRIALS] [REPEATS]
Each trial starts a fresh process that times the same three tests (a light, a
medium and a heavy input) for a "candidate" and a "reference" that are the same
code, REPEATS times each, interleaved; efficiency() then compares the two. A
perfect timer gives 100 every time; the spread of the ratio is the noise. This
runs in a plain process, not the Docker sandbox, whose figures may differ.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import textwrap

from bench.scoring import efficiency

_CHILD = textwrap.dedent(
    """
    import json, sys, time
    def solve(values):
        return sorted(set(v * v % 1009 for v in values))
    inputs = [list(range(n)) for n in (100, 20_000, 300_000)]
    repeats = int(sys.argv[1])
    times = {"candidate": [[] for _ in inputs], "reference": [[] for _ in inputs]}
    for _ in range(repeats):
        for role in ("candidate", "reference"):
            for index, values in enumerate(inputs):
                start = time.perf_counter()
                solve(values)
                times[role][index].append(time.perf_counter() - start)
    print(json.dumps(times))
    """
)


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    ratios, scores = [], []
    for _ in range(trials):
        output = subprocess.run(
            [sys.executable, "-c", _CHILD, str(repeats)], capture_output=True, text=True, check=True
        ).stdout
        times = json.loads(output)
        total = {role: sum(statistics.median(t) for t in times[role]) for role in times}
        ratios.append(total["candidate"] / total["reference"])
        scores.append(efficiency(times["candidate"], times["reference"]))
    ratios.sort()
    print(f"{trials} trials x {repeats} repeats, same code as candidate and reference")
    print(
        f"ratio: min {ratios[0]:.3f}, median {statistics.median(ratios):.3f}, max {ratios[-1]:.3f}"
    )
    print(f"efficiency: min {min(scores):.1f}, mean {statistics.mean(scores):.2f}")
    print(f"trials scoring 100: {sum(s == 100.0 for s in scores)}/{trials}")


if __name__ == "__main__":
    main()

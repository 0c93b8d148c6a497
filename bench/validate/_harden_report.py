"""Hardening results as text: a line per task, then the totals a reviewer asks about."""

from __future__ import annotations

from collections import Counter

from bench.validate._harden import HardenReport


def harden_line(report: HardenReport) -> str:
    """`id: +N tests; mutants killed k/s; answers overturned m (model: n, ...)`."""
    if report.error is not None:
        return f"skip {report.task.id}: {report.error}"
    overturned = sum(report.overturned.values())
    answers = sum(report.answers.values())
    per_model = ", ".join(f"{model}: {count}" for model, count in sorted(report.overturned.items()))
    line = (
        f"{report.task.id}: +{len(report.added)} tests "
        f"({report.usable}/{report.candidates} inputs usable); "
        f"surviving mutants killed {len(report.killed)}/{len(report.survivors)}; "
        f"stored passing answers overturned {overturned}/{answers}"
    )
    if per_model:
        line += f" ({per_model})"
    for mutant in report.killed:
        line += f"\n  killed: line {mutant.line}: {mutant.description}"
    for test in report.added:
        line += f"\n  + {_cut(repr(test.input))} -> {_cut(repr(test.expected))}"
    return line


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def harden_summary(reports: list[HardenReport], seconds: float) -> str:
    """The totals: tests added, mutants newly killed, stored answers overturned per model."""
    overturned: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    for report in reports:
        overturned.update(report.overturned)
        answers.update(report.answers)
    lines = [
        f"{len(reports)} tasks in {seconds:.0f} s: {sum(len(r.added) for r in reports)} tests "
        f"added to {sum(bool(r.added) for r in reports)} tasks",
        f"mutants the current tests let through, now killed: "
        f"{sum(len(r.killed) for r in reports)} of {sum(len(r.survivors) for r in reports)} "
        f"(of {sum(r.mutants for r in reports)} mutants)",
    ]
    held = sum(len(r.held_out_survivors) for r in reports)
    if held:
        caught = sum(len(r.held_out_killed) for r in reports)
        lines.append(f"held-out surviving mutants caught by the added tests: {caught} of {held}")
    if answers:
        lines.append("previously passing stored answers now failing, per model:")
        lines += [
            f"  {model}: {overturned[model]} of {answers[model]}" for model in sorted(answers)
        ]
    else:
        lines.append("no stored passing answers of these task versions to check")
    return "\n".join(lines)

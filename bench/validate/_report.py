"""Strength results as text: one line per task for a terminal, a Markdown table for a PR."""

from __future__ import annotations

from bench.validate._strength import StrengthThresholds, TaskStrength


def _coverage_cells(report: TaskStrength) -> tuple[str, str]:
    coverage = report.coverage
    if coverage is None or coverage.error is not None:
        return "-", "-"
    lines = f"{coverage.line_percent:.0f}% ({len(coverage.covered_lines)}/{len(coverage.lines)})"
    branches = (
        f"{coverage.branch_percent:.0f}% "
        f"({len(coverage.covered_branches)}/{len(coverage.branches)})"
    )
    return lines, branches


def _mutant_cell(report: TaskStrength) -> str:
    killed, counted = report.killed
    if report.reference is None or report.reference.status != "passed" or not counted:
        return "-"
    return f"{killed}/{counted} ({report.mutation_percent:.0f}%)"


def strength_line(report: TaskStrength, thresholds: StrengthThresholds) -> str:
    """`PASS id  lines ..  branches ..  mutants ..`: a task's figures at a glance."""
    verdict = "PASS" if report.passed(thresholds) else "FAIL"
    lines, branches = _coverage_cells(report)
    if report.coverage is None and not report.mutants:
        # kinds judged otherwise (review, multifile, testgen): their reference and invariants
        line = f"{verdict} {report.task.id}  ({report.task.kind}: reference and kind invariants)"
    else:
        line = (
            f"{verdict} {report.task.id}  lines {lines}  branches {branches}  "
            f"mutants killed {_mutant_cell(report)}"
        )
    if report.overturned is not None:
        line += f"  stored passing answers a hardening pass overturns {report.overturned}"
    return line


def strength_markdown(reports: list[TaskStrength], thresholds: StrengthThresholds) -> str:
    """A Markdown summary: a table of every task, then the problems in a text block."""
    failing = [report for report in reports if not report.passed(thresholds)]
    head = (
        f"### Task validation: {len(reports) - len(failing)} of {len(reports)} tasks pass "
        f"`--strict`\n\nThresholds: lines >= {thresholds.line_coverage:g}%, branches >= "
        f"{thresholds.branch_coverage:g}%, mutants killed >= {thresholds.mutation_score:g}%, "
        f"prompt similarity < {thresholds.similarity:g}.\n\n"
        "| task | difficulty | lines | branches | mutants killed | result |\n"
        "|---|---|---|---|---|---|\n"
    )
    rows = []
    for report in reports:
        lines, branches = _coverage_cells(report)
        verdict = "pass" if report.passed(thresholds) else "**FAIL**"
        rows.append(
            f"| `{report.task.id}` | {report.task.difficulty.value} | {lines} | {branches} | "
            f"{_mutant_cell(report)} | {verdict} |\n"
        )
    problems = [line for report in failing for line in report.problems(thresholds)]
    tail = ""
    if problems:
        body = "\n".join(problems).replace("```", "'''")
        tail = f"\n<details><summary>Problems</summary>\n\n```text\n{body}\n```\n</details>\n"
    return head + "".join(rows) + tail

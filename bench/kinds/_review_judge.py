"""The trusted judge of review answers: findings against the true defects, no code runs.

A finding *hits* a defect when its line lies within the defect's lines with
`LINE_SLACK` lines of slack either side (a reviewer pointing at the line above a
two-line condition has still found it). Each defect is matched at most once and each
finding at most once, by a maximum bipartite matching, so a reply that repeats a
finding gains nothing and two findings on two neighbouring defects both count.

correctness = 100 x F1 of recall (matched defects / defects) and precision (matched
findings / findings), which is 100 x 2m / (defects + findings). A clean snippet
(no defects) scores 100 with no findings and 100 / (1 + false findings) otherwise,
so crying wolf on good code costs as it does on bad code.

Categories do not decide a match (the line does: a real problem found under the
"wrong" label is still found), but they are reported: per-category recall and how
many matches agree on the category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.tasks import Defect, DefectCategory

LINE_SLACK = 1
"""Lines of slack either side of a defect's lines within which a finding hits it."""


@dataclass(frozen=True)
class Finding:
    """One reported problem: where, what kind, and what the reviewer said."""

    line: int
    category: str
    """bug | security | performance | maintainability, or `other` when the reply gave none."""
    message: str

    def as_json(self) -> dict[str, Any]:
        """The canonical JSON object of this finding (the answer format)."""
        return {"line": self.line, "category": self.category, "message": self.message}


@dataclass(frozen=True)
class ReviewScore:
    """The outcome of judging findings against the defects of one snippet."""

    defects: int
    findings: int
    matches: tuple[tuple[int, int], ...]
    """(defect index, finding index) pairs, in defect order."""
    per_category: dict[str, tuple[int, int]]
    """Category -> (defects found, defects) for each category the snippet has."""
    category_agreements: int
    """Matches whose finding names the defect's own category."""

    @property
    def matched(self) -> int:
        """How many defects (equally, findings) were matched."""
        return len(self.matches)

    @property
    def false_findings(self) -> int:
        """Findings that hit no defect (or only one another finding already took)."""
        return self.findings - self.matched

    @property
    def recall(self) -> float | None:
        """Matched defects / defects; None for a clean snippet."""
        return self.matched / self.defects if self.defects else None

    @property
    def precision(self) -> float | None:
        """Matched findings / findings; None when nothing was reported."""
        return self.matched / self.findings if self.findings else None

    @property
    def f1(self) -> float:
        """2m / (defects + findings), the harmonic mean of recall and precision (0..1).

        Clean snippet: 1 / (1 + false findings), so no findings gives 1.
        """
        if not self.defects:
            return 1.0 / (1 + self.findings)
        return 2 * self.matched / (self.defects + self.findings)

    @property
    def correctness(self) -> float:
        """100 x F1: the figure the scorer reports."""
        return 100.0 * self.f1


def hits(finding: Finding, defect: Defect, slack: int = LINE_SLACK) -> bool:
    """True when `finding`'s line lies within `defect`'s lines, `slack` lines either side."""
    return defect.first - slack <= finding.line <= defect.last + slack


def match_findings(
    findings: Sequence[Finding], defects: Sequence[Defect]
) -> tuple[tuple[int, int], ...]:
    """A maximum one-to-one matching of defects to the findings that hit them.

    Kuhn's augmenting paths, defects in file order and each defect's candidates in
    a fixed order (same category first, then nearest line, then reply order), so
    the same answer always gets the same matching. Sizes are tens, so O(D x F^2)
    is nothing.
    """
    candidates = {
        index: sorted(
            (j for j, finding in enumerate(findings) if hits(finding, defect)),
            key=lambda j, d=defect: (  # type: ignore[misc]  # d=: binds this defect (B023)
                findings[j].category != d.category.value,
                min(abs(findings[j].line - d.first), abs(findings[j].line - d.last)),
                j,
            ),
        )
        for index, defect in enumerate(defects)
    }
    owner: dict[int, int] = {}  # finding -> defect

    def augment(defect: int, seen: set[int]) -> bool:
        for finding in candidates[defect]:
            if finding in seen:
                continue
            seen.add(finding)
            if finding not in owner or augment(owner[finding], seen):
                owner[finding] = defect
                return True
        return False

    for defect in sorted(candidates, key=lambda i: (defects[i].first, defects[i].last, i)):
        augment(defect, set())
    return tuple(sorted((defect, finding) for finding, defect in owner.items()))


def score_findings(findings: Sequence[Finding], defects: Sequence[Defect]) -> ReviewScore:
    """Judge `findings` against `defects` (see the module docstring for the rule)."""
    matches = match_findings(findings, defects)
    found = {defect for defect, _ in matches}
    per_category: dict[str, tuple[int, int]] = {}
    for category in DefectCategory:
        indices = [i for i, defect in enumerate(defects) if defect.category is category]
        if indices:
            per_category[category.value] = (sum(i in found for i in indices), len(indices))
    agreements = sum(
        findings[finding].category == defects[defect].category.value for defect, finding in matches
    )
    return ReviewScore(
        defects=len(defects),
        findings=len(findings),
        matches=matches,
        per_category=per_category,
        category_agreements=agreements,
    )


def score_details(
    score: ReviewScore, findings: Sequence[Finding], defects: Sequence[Defect]
) -> dict[str, Any]:
    """The per-attempt figures stored in `details_json` (and shown on model/task pages)."""
    matched_findings = {finding for _, finding in score.matches}
    return {
        "f1": round(score.f1, 6),
        "recall": _rounded(score.recall),
        "precision": _rounded(score.precision),
        "per_category_recall": {
            category: round(found / total, 6)
            for category, (found, total) in score.per_category.items()
        },
        "defects": score.defects,
        "findings": score.findings,
        "matched": [
            {
                "defect": defect,
                "lines": defects[defect].lines,
                "line": findings[finding].line,
                "category": defects[defect].category.value,
                "category_agrees": findings[finding].category == defects[defect].category.value,
            }
            for defect, finding in score.matches
        ],
        "missed": [i for i in range(score.defects) if i not in {d for d, _ in score.matches}],
        "false_findings": [
            {"line": finding.line, "category": finding.category}
            for j, finding in enumerate(findings)
            if j not in matched_findings
        ],
        "category_agreements": score.category_agreements,
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)

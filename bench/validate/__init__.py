"""Validating the task suite beyond its schema.

`check_references` executes each reference in the sandbox; `check_strength` (behind
`bench tasks validate --strict`) also asks whether the tests deserve to judge
models: coverage of the reference measured in the sandbox, mutants of the
reference killed, a ruff-clean reference, a prompt that shows the signature, and
no near-duplicate prompt in the suite.
"""

from bench.validate._coverage import CoverageReport, measure_coverage
from bench.validate._mutants import MutantOutcome, unique_mutants
from bench.validate._references import ReferenceCheck, check_references
from bench.validate._report import strength_line, strength_markdown
from bench.validate._scaffold import ScaffoldError, scaffold_task, template_kinds
from bench.validate._signature import signature_problems
from bench.validate._similarity import NearDuplicate, near_duplicates
from bench.validate._strength import StrengthThresholds, TaskStrength, check_strength

__all__ = [
    "CoverageReport",
    "MutantOutcome",
    "NearDuplicate",
    "ReferenceCheck",
    "ScaffoldError",
    "StrengthThresholds",
    "TaskStrength",
    "check_references",
    "check_strength",
    "measure_coverage",
    "near_duplicates",
    "scaffold_task",
    "signature_problems",
    "strength_line",
    "strength_markdown",
    "template_kinds",
    "unique_mutants",
]

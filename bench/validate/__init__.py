"""Validating the task suite beyond its schema.

`check_references` executes each reference in the sandbox; `check_strength` (behind
`bench tasks validate --strict`) also asks whether the tests deserve to judge
models: coverage of the reference measured in the sandbox, mutants of the
reference killed, a ruff-clean reference, a prompt that shows the signature, and
no near-duplicate prompt in the suite. `harden_files` (`bench tasks harden`)
proposes tests that catch what a task's tests let through.
"""

from bench.validate._coverage import CoverageReport, measure_coverage
from bench.validate._harden import HardenOptions, HardenReport, harden_task, harden_tasks
from bench.validate._harden_report import harden_line, harden_summary
from bench.validate._harden_write import harden_files, write_hardened
from bench.validate._mutants import MutantOutcome, mutant_stages, plan_mutants, unique_mutants
from bench.validate._references import ReferenceCheck, check_references, judge_reference
from bench.validate._report import strength_line, strength_markdown
from bench.validate._scaffold import ScaffoldError, scaffold_task, template_kinds
from bench.validate._signature import signature_problems
from bench.validate._similarity import NearDuplicate, near_duplicates
from bench.validate._stored import StoredAnswer, stored_passing_answers
from bench.validate._strength import StrengthThresholds, TaskStrength, check_strength

__all__ = [
    "CoverageReport",
    "HardenOptions",
    "HardenReport",
    "MutantOutcome",
    "NearDuplicate",
    "ReferenceCheck",
    "ScaffoldError",
    "StoredAnswer",
    "StrengthThresholds",
    "TaskStrength",
    "check_references",
    "check_strength",
    "harden_files",
    "harden_line",
    "harden_summary",
    "harden_task",
    "harden_tasks",
    "judge_reference",
    "measure_coverage",
    "mutant_stages",
    "near_duplicates",
    "plan_mutants",
    "scaffold_task",
    "signature_problems",
    "stored_passing_answers",
    "strength_line",
    "strength_markdown",
    "template_kinds",
    "unique_mutants",
    "write_hardened",
]

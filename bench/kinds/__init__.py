"""Task kinds: what each kind of task shows the model, how answers are read and judged.

`kind_of(task)` gives the `TaskKind` that handles a task; kinds register with
`@register_kind` (one module each: function, debug, refactor, ...). The answer-reading
helpers shared by kinds (code extraction, the mutation engine, the null stub) live
here too, below the providers that use them.
"""

from bench.kinds._base import (
    BaselineAnswer,
    BaselineRole,
    Judgement,
    TaskKind,
    available_kinds,
    get_kind,
    kind_of,
    register_kind,
)
from bench.kinds._extract import extract_code, strip_reasoning
from bench.kinds._function import SYSTEM_PROMPT, prompt_is_code
from bench.kinds._mutation import Mutant, all_single_mutants, choose_mutant
from bench.kinds._stub import null_stub

PROMPT_TEMPLATE_VERSION = "2"
"""Version of every kind's prompt templates, recorded with each run; change it whenever
any template's text changes (v2: task kinds; the function template is v1's)."""

__all__ = [
    "PROMPT_TEMPLATE_VERSION",
    "SYSTEM_PROMPT",
    "BaselineAnswer",
    "BaselineRole",
    "Judgement",
    "Mutant",
    "TaskKind",
    "all_single_mutants",
    "available_kinds",
    "choose_mutant",
    "extract_code",
    "get_kind",
    "kind_of",
    "null_stub",
    "prompt_is_code",
    "register_kind",
    "strip_reasoning",
]

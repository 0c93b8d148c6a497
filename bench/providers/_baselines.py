"""Offline baselines: reference points that need no network, labelled as baselines.

- `baseline/reference`: the task's reference solution. It should pass every
  task; when it does not, the harness (or the task) is broken, not a model.
- `baseline/null`: a stub that defines the entry point with the reference's
  parameters and returns None. It should pass almost nothing; what it passes
  shows which tests a do-nothing answer gets for free.
- `baseline/mutant`: the reference with one seeded single AST mutation (see
  `_mutation`). A deterministic imperfect solver, between the two: it shows the
  scoring separates good code from subtly wrong code.

They cost nothing and report the time they took to produce their code.
"""

from __future__ import annotations

import ast
import asyncio
import copy
import time
from abc import abstractmethod

from bench._pyast import parse_python
from bench.providers._base import ModelProvider, ModelResponse, Pricing
from bench.providers._mutation import choose_mutant
from bench.providers._registry import register_provider
from bench.tasks import Task

_FREE = Pricing(input_per_mtok=0.0, output_per_mtok=0.0, source="baseline")


def _entry_function(module: ast.Module, entry_point: str) -> ast.FunctionDef | None:
    functions = [
        node
        for node in module.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == entry_point
    ]
    return functions[-1] if functions else None  # type: ignore[return-value]


def _literal_or_none(default: ast.expr | None) -> ast.expr | None:
    if default is None:
        return None
    try:
        ast.literal_eval(default)
    except ValueError:
        return ast.Constant(value=None)
    return default


def null_stub(reference: str, entry_point: str) -> str:
    """A function named `entry_point` with the reference's parameters that returns None.

    Annotations are dropped (they may name types the stub does not define), and
    defaults that are not literals become None, so the stub always imports.
    """
    function = _entry_function(parse_python(reference), entry_point)
    if function is None:
        return f"def {entry_point}(*args, **kwargs):\n    return None\n"
    arguments = copy.deepcopy(function.args)
    for argument in (
        *arguments.posonlyargs,
        *arguments.args,
        *arguments.kwonlyargs,
        arguments.vararg,
        arguments.kwarg,
    ):
        if argument is not None:
            argument.annotation = None
    arguments.defaults = [_literal_or_none(value) for value in arguments.defaults]  # type: ignore[misc]
    arguments.kw_defaults = [_literal_or_none(value) for value in arguments.kw_defaults]
    kind = ast.AsyncFunctionDef if isinstance(function, ast.AsyncFunctionDef) else ast.FunctionDef
    stub = kind(
        name=entry_point,
        args=arguments,
        body=[ast.Return(value=ast.Constant(value=None))],
        decorator_list=[],
        returns=None,
        type_params=[],
    )
    return ast.unparse(ast.fix_missing_locations(ast.Module(body=[stub], type_ignores=[]))) + "\n"


class BaselineProvider(ModelProvider):
    """Shared behaviour of the baselines: free, instant, no tokens, no network."""

    is_baseline = True
    kind = "baseline"

    def pricing(self) -> Pricing | None:
        """Baselines cost nothing."""
        return _FREE

    def count_prompt_tokens(self, prompt: str) -> int | None:
        """Baselines read no prompt."""
        return 0

    @abstractmethod
    def solve(self, task: Task, sample: int) -> tuple[str, str]:
        """The code and a one-line description of it."""

    def _timed_solve(self, task: Task, sample: int) -> tuple[str, str, float]:
        started = time.perf_counter()
        code, description = self.solve(task, sample)
        return code, description, time.perf_counter() - started

    async def generate(self, prompt: str, task: Task, *, sample: int = 0) -> ModelResponse:
        """The baseline's code for `task`, timed; made in a thread so the event loop runs on."""
        code, description, seconds = await asyncio.to_thread(self._timed_solve, task, sample)
        return ModelResponse(
            code=code,
            text=description,
            response_time_s=seconds,
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            model_version=self.model,
            attempts=0,
        )


@register_provider("baseline/reference")
class ReferenceBaseline(BaselineProvider):
    """The task's own reference solution: the harness's sanity line."""

    def solve(self, task: Task, sample: int) -> tuple[str, str]:
        """The reference, unchanged."""
        return task.reference_solution, "baseline: the task's reference solution"


@register_provider("baseline/null")
class NullBaseline(BaselineProvider):
    """A stub with the right signature that returns None."""

    def solve(self, task: Task, sample: int) -> tuple[str, str]:
        """The stub for the task's entry point."""
        return (
            null_stub(task.reference_solution, task.entry_point),
            "baseline: a stub that returns None",
        )


@register_provider("baseline/mutant")
class MutantBaseline(BaselineProvider):
    """The reference with one seeded single AST mutation.

    The mutation is chosen from `(run.seed, task id)` for sample 0, and from
    `(run.seed, task id, sample)` for later samples, so every run with the
    same seed gives the same code.
    """

    def solve(self, task: Task, sample: int) -> tuple[str, str]:
        """The mutated reference, and which mutation it carries."""
        key = task.id if sample == 0 else f"{task.id}#{sample}"
        mutant = choose_mutant(task.reference_solution, self.run.seed, key)
        if mutant is None:
            return task.reference_solution, "baseline: no mutation point, reference unchanged"
        return mutant.source, f"baseline: mutant, {mutant.description} at line {mutant.line}"

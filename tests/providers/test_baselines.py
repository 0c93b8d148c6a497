"""Offline baselines: labelled, free, timed, deterministic; the stub and mutant are valid code."""

from __future__ import annotations

import asyncio
import sys

import pytest

from bench.config import ModelConfig, RunConfig
from bench.providers import (
    MutantBaseline,
    NullBaseline,
    ReferenceBaseline,
    all_single_mutants,
    create_provider,
    null_stub,
    render_prompt,
)
from bench.tasks import Task, load_tasks
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def example_task() -> Task:
    return load_tasks([REPO_ROOT / "tasks/easy/run-length-encode.yaml"])[0]


def _provider(model: str, seed: int = 0):
    return create_provider(ModelConfig(name=model, model=model), RunConfig(seed=seed))


def _generate(provider, task, sample=0):
    return asyncio.run(provider.generate(render_prompt(task), task, sample=sample))


@pytest.mark.parametrize(
    ("model", "cls"),
    [
        ("baseline/reference", ReferenceBaseline),
        ("baseline/null", NullBaseline),
        ("baseline/mutant", MutantBaseline),
    ],
)
def test_baselines_are_labelled_free_and_timed(example_task, model, cls):
    provider = _provider(model)
    assert type(provider) is cls
    assert provider.is_baseline and provider.kind == "baseline"
    pricing = provider.pricing()
    assert (pricing.input_per_mtok, pricing.output_per_mtok, pricing.source) == (0, 0, "baseline")
    response = _generate(provider, example_task)
    assert response.ok
    assert response.cost_usd == 0.0
    assert response.prompt_tokens == 0 and response.completion_tokens == 0
    assert response.response_time_s is not None and 0 <= response.response_time_s < 1
    assert response.text.startswith("baseline:")
    assert response.model_version == model


def test_reference_returns_the_reference(example_task):
    response = _generate(_provider("baseline/reference"), example_task)
    assert response.code == example_task.reference_solution


def test_null_stub_keeps_the_signature_and_returns_none(example_task):
    code = _generate(_provider("baseline/null"), example_task).code
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["run_length_encode"]("aab") is None
    assert code == "def run_length_encode(text):\n    return None\n"


def test_null_stub_handles_every_parameter_kind():
    reference = (
        "from typing import Sequence\n"
        "Grid = list[list[int]]\n"
        "def solve(a: Grid, /, b: int = 2, *rest: int, key=str.lower, flag: bool = False,"
        " **options: Sequence) -> Grid:\n"
        "    return a\n"
    )
    stub = null_stub(reference, "solve")
    signature = "def solve(a, /, b=2, *rest, key=None, flag=False, **options):"
    assert stub == signature + "\n    return None\n"
    namespace: dict = {}
    exec(stub, namespace)
    assert namespace["solve"]([[1]], 3, 4, flag=True, other=1) is None


def test_null_stub_without_the_function_in_the_reference():
    stub = null_stub("solve = lambda x: x\n", "solve")
    namespace: dict = {}
    exec(stub, namespace)
    assert namespace["solve"](1, 2, k=3) is None


def test_null_stub_of_an_async_entry_point():
    assert null_stub("async def go(x):\n    return x\n", "go").startswith("async def go(x):")


def test_mutant_is_one_of_the_references_single_mutants(example_task):
    response = _generate(_provider("baseline/mutant"), example_task)
    mutants = {m.source: m for m in all_single_mutants(example_task.reference_solution)}
    assert response.code in mutants
    mutant = mutants[response.code]
    assert response.text == f"baseline: mutant, {mutant.description} at line {mutant.line}"


def test_mutant_is_reproducible_per_seed_and_varies_across_seeds_and_samples(example_task):
    first = _generate(_provider("baseline/mutant", seed=7), example_task).code
    assert _generate(_provider("baseline/mutant", seed=7), example_task).code == first
    by_seed = {
        _generate(_provider("baseline/mutant", seed=seed), example_task).code for seed in range(12)
    }
    assert len(by_seed) > 2
    provider = _provider("baseline/mutant", seed=7)
    by_sample = {_generate(provider, example_task, sample=s).code for s in range(12)}
    assert len(by_sample) > 2


def test_every_suite_task_has_a_mutant_that_differs_from_the_reference():
    from bench.kinds import BaselineRole, kind_of

    tasks = load_tasks([REPO_ROOT / "tasks"])
    provider = _provider("baseline/mutant")
    for task in tasks:
        response = _generate(provider, task)
        reference = kind_of(task).baseline(BaselineRole.REFERENCE, task, 0, task.id).answer
        assert response.code != reference, task.id
        if task.kind in ("function", "debug", "refactor"):
            compile(response.code, task.id, "exec")


def test_importing_providers_and_running_baselines_does_not_import_litellm(tmp_path):
    import subprocess

    script = (
        "import asyncio, sys\n"
        "from bench.config import ModelConfig\n"
        "from bench.providers import create_provider\n"
        "from bench.tasks import load_tasks\n"
        f"task = load_tasks([{str(REPO_ROOT / 'tasks/easy/run-length-encode.yaml')!r}])[0]\n"
        "for m in ('baseline/reference', 'baseline/null', 'baseline/mutant'):\n"
        "    p = create_provider(ModelConfig(name=m, model=m))\n"
        "    asyncio.run(p.generate('', task))\n"
        "print('litellm' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"

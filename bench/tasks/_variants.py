"""Robustness variants: the same function task, reworded without changing its meaning.

A model that solves a prompt should solve it reworded (ReCode's finding is that many
do not). `make_variants(task, n, seed)` gives `n` seeded rewordings, each a new Task
whose prompt, entry point and reference agree with each other:

- `rename-function`: the entry point gets another name in the prompt, the reference
  (definition and recursive calls) and hence in what the tests call;
- `rename-arguments`: the entry point's parameters get other names in the reference
  and in the prompt's code (backtick spans, fenced blocks, a code prompt);
- `reorder`: the items of a bullet list in the prose are shuffled (a list of rules is
  a set: its order carries no meaning);
- `context`: one harmless, irrelevant sentence is put before the specification;
- `typos`: two letters swapped inside a few long prose words, never inside code
  spans, fenced blocks or identifiers.

Each variant applies two or three of these (chosen by `(seed, task id, index)`), and
records which in `variant_description`. Input/expected tests pass positional
arguments, so renames never touch them; a `check(candidate)` receives the function
whatever its name. The runner still checks every variant before use: the renamed
reference must pass all the variant's tests in the sandbox.
"""

from __future__ import annotations

import ast
import random
import re
from collections.abc import Callable

from bench._pyast import parse_python
from bench.tasks._model import Task

_CODE_SEGMENT = re.compile(r"(```.*?```|`[^`\n]+`)", re.DOTALL)
_WORD = re.compile(r"\b[A-Za-z]{6,}\b")
_BULLET = re.compile(r"^(\s*)[-*] ", re.MULTILINE)
_FUNCTION_NAMES = ("{name}_result", "compute_{name}", "{name}_value", "find_{name}", "do_{name}")
_ARGUMENT_NAMES = ("{name}_in", "given_{name}", "{name}_arg", "input_{name}")
_CONTEXT = (
    "This helper is part of a larger code base maintained by a small team.",
    "The function will be reviewed by a colleague before it is merged.",
    "Our service calls this code from several places, so it matters that it is right.",
    "You are working on an internal tool; the rest of the tool is already written.",
)


class _Renamer(ast.NodeTransformer):
    """Rename identifiers (definitions, parameters, names) by a mapping."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.name = self.names.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self.names.get(node.arg, node.arg)
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self.names.get(node.id, node.id)
        return node


def _entry_function(module: ast.Module, name: str) -> ast.FunctionDef | None:
    found = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == name]
    return found[-1] if found else None


def _rename_in_code(text: str, names: dict[str, str], whole: bool) -> str:
    """Rename identifiers in the prompt's code: all of it when `whole`, else its code segments."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def rename(segment: str) -> str:
        return pattern.sub(lambda match: names[match.group(1)], segment)

    if whole:
        return rename(text)
    parts = _CODE_SEGMENT.split(text)
    return "".join(rename(part) if index % 2 else part for index, part in enumerate(parts))


def _prose_parts(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the prose between code segments only."""
    parts = _CODE_SEGMENT.split(text)
    return "".join(part if index % 2 else change(part) for index, part in enumerate(parts))


def _is_code_prompt(task: Task) -> bool:
    try:
        module = parse_python(task.prompt.rstrip() + "\n    pass\n")
    except SyntaxError:
        return False
    return _entry_function(module, task.entry_point) is not None


def _renamed(task: Task, names: dict[str, str]) -> Task | None:
    """The task with identifiers renamed in its reference and prompt (None when unsafe)."""
    try:
        module = parse_python(task.reference_solution)
    except SyntaxError:
        return None
    taken = {node.id for node in ast.walk(module) if isinstance(node, ast.Name)}
    taken |= {node.name for node in ast.walk(module) if isinstance(node, ast.FunctionDef)}
    taken |= {node.arg for node in ast.walk(module) if isinstance(node, ast.arg)}
    if any(new in taken for new in names.values()):
        return None  # the new name is already used: renaming could capture it
    reference = ast.unparse(ast.fix_missing_locations(_Renamer(names).visit(module))) + "\n"
    prompt = _rename_in_code(task.prompt, names, whole=_is_code_prompt(task))
    entry_point = names.get(task.entry_point, task.entry_point)
    return task.model_copy(
        update={"reference_solution": reference, "prompt": prompt, "entry_point": entry_point}
    )


def rename_function(task: Task, rng: random.Random) -> Task | None:
    """The entry point under another name, everywhere it appears."""
    new = rng.choice(_FUNCTION_NAMES).format(name=task.entry_point)
    return _renamed(task, {task.entry_point: new})


def rename_arguments(task: Task, rng: random.Random) -> Task | None:
    """The entry point's positional parameters under other names."""
    try:
        function = _entry_function(parse_python(task.reference_solution), task.entry_point)
    except SyntaxError:
        return None
    if function is None:
        return None
    parameters = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    parameters = [name for name in parameters if name not in ("self", "cls")]
    if not parameters:
        return None
    template = rng.choice(_ARGUMENT_NAMES)
    return _renamed(task, {name: template.format(name=name) for name in parameters})


def reorder(task: Task, rng: random.Random) -> Task | None:
    """The items of one bullet list of the prose, shuffled (None without such a list)."""
    if _is_code_prompt(task):
        return None
    lines = task.prompt.split("\n")
    runs: list[list[int]] = []
    for index, line in enumerate(lines):
        if _BULLET.match(line) and "`" not in line.split(" ", 2)[-1][:1]:
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
    runs = [run for run in runs if len(run) >= 2]
    if not runs:
        return None
    run = rng.choice(runs)
    items = [lines[i] for i in run]
    order = items[:]
    while order == items:
        rng.shuffle(order)
    for position, line in zip(run, order, strict=True):
        lines[position] = line
    return task.model_copy(update={"prompt": "\n".join(lines)})


def add_context(task: Task, rng: random.Random) -> Task | None:
    """One harmless sentence before the specification (prose prompts only)."""
    if _is_code_prompt(task):
        return None
    return task.model_copy(update={"prompt": f"{rng.choice(_CONTEXT)}\n\n{task.prompt}"})


def typos(task: Task, rng: random.Random) -> Task | None:
    """Two adjacent letters swapped in up to three long prose words (never in code)."""
    if _is_code_prompt(task):
        return None
    identifiers = {task.entry_point}
    words = [
        match
        for part in _CODE_SEGMENT.split(task.prompt)[::2]
        for match in _WORD.findall(part)
        if match not in identifiers and match.islower()
    ]
    if not words:
        return None
    chosen = set(rng.sample(sorted(set(words)), min(3, len(set(words)))))

    def misspell(word: str) -> str:
        position = 1 + (sum(map(ord, word)) % (len(word) - 3))
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]

    def change(prose: str) -> str:
        return _WORD.sub(
            lambda match: misspell(match.group(0)) if match.group(0) in chosen else match.group(0),
            prose,
        )

    return task.model_copy(update={"prompt": _prose_parts(task.prompt, change)})


PERTURBATIONS: dict[str, Callable[[Task, random.Random], Task | None]] = {
    "rename-function": rename_function,
    "rename-arguments": rename_arguments,
    "reorder": reorder,
    "context": add_context,
    "typos": typos,
}
"""Every meaning-preserving rewording, by name, in the order they are applied."""


def make_variant(task: Task, index: int, seed: int) -> tuple[Task, list[str]] | None:
    """Variant `index` (from 1) of a function task and the rewordings applied, or None."""
    rng = random.Random(f"{seed}:{task.id}:{index}")
    names = list(PERTURBATIONS)
    count = rng.randint(2, 3)
    chosen = set(rng.sample(names, count))
    variant, applied = task, list[str]()
    for name in names:
        if name not in chosen:
            continue
        changed = PERTURBATIONS[name](variant, rng)
        if changed is not None:
            variant, applied = changed, [*applied, name]
    if not applied:
        return None
    return variant, applied


def make_variants(task: Task, count: int, seed: int) -> list[tuple[int, Task, list[str]]]:
    """Up to `count` variants of `task`: (index from 1, variant task, rewordings applied).

    Only plain function tasks have variants. A variant keeps the task's id and shares
    its version (it is derived from the task, the seed and its index, all recorded),
    so its attempts count against the task's current version.
    """
    if type(task) is not Task or count <= 0:
        return []
    variants = []
    for index in range(1, count + 1):
        made = make_variant(task, index, seed)
        if made is None:
            continue
        variant, applied = made
        variant.mark_variant(index, task.version, ", ".join(applied))
        variants.append((index, variant, applied))
    return variants

"""New test inputs by type-aware mutation of a task's own inputs, seeded and reproducible.

The idea is EvalPlus's: a task's inputs already have the right shapes, so small
changes that respect each value's type reach the corners hand-written tests miss
(zero, one, boundaries, empty and grown lists, repeated and reordered elements,
edited strings) while staying calls the function is meant to accept. Each new input
changes one or two arguments of a seed input; a value is replaced either by a mutation
of itself or by another seed's value at the same position (crossover).

Inputs stay in the domain the seeds show, unless `wide`: an int or float argument
whose seeds are all >= 1 (or >= 0) stays so, and a string keeps to the characters its
seeds use (Unicode, whitespace and case changes only where the seeds already have
them). The expected values of generated tests come from the reference, and a
reference's answer on an input the specification rules out is arbitrary: a test there
would overturn correct answers, so domain-widening mutations are opt-in.
"""

from __future__ import annotations

import ast
import copy
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bench._pyast import parse_python

MAX_ITEMS = 40
"""Elements a grown list or string may have beyond its seed's size."""
_UNICODE = "éßÄ中ﬁ🙂\u00a0İ"
_WHITESPACE = " \t\n"


@dataclass
class Domain:
    """What the seeds show about the values at one argument position (recursively)."""

    min_number: float | None = None
    """The least number seen anywhere in this position's values."""
    alphabet: set[str] = field(default_factory=set)
    """Every character of every string seen."""
    values: list[Any] = field(default_factory=list)
    """The seeds' values at this position (for crossover)."""

    def observe(self, value: Any) -> None:
        """Fold one value (and everything nested in it) into the domain."""
        for leaf in _leaves(value):
            if isinstance(leaf, str):
                self.alphabet.update(leaf)
            elif isinstance(leaf, int | float) and not isinstance(leaf, bool):
                low = self.min_number
                self.min_number = leaf if low is None else min(low, leaf)

    def floor(self) -> float | None:
        """The least number a mutation may produce: 1, 0, or None (any sign)."""
        if self.min_number is None or self.min_number < 0:
            return None
        return 1 if self.min_number >= 1 else 0


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(key)
            yield from _leaves(item)
    else:
        yield value


class InputMutator:
    """Mutates argument lists like the seeds'; one instance per task and seed."""

    def __init__(
        self,
        seeds: list[list[Any]],
        seed: int | str,
        wide: bool = False,
        constants: list[int] | None = None,
    ) -> None:
        self.seeds = [list(arguments) for arguments in seeds]
        self.rng = random.Random(f"bench-harden:{seed}")
        self.wide = wide
        self.constants = sorted(set(constants or []))
        """Ints from the code under test: its boundaries (n and n +- 1) are worth trying."""
        width = max((len(arguments) for arguments in self.seeds), default=0)
        self.domains = [Domain() for _ in range(width)]
        for arguments in self.seeds:
            for position, value in enumerate(arguments):
                self.domains[position].observe(value)
                self.domains[position].values.append(value)

    def generate(self, count: int, exclude: list[list[Any]] | None = None) -> list[list[Any]]:
        """Up to `count` new distinct argument lists, none equal to a seed or to `exclude`."""
        seen = {_key(arguments) for arguments in [*self.seeds, *(exclude or [])]}
        found: list[list[Any]] = []
        for _ in range(count * 20):
            if len(found) >= count or not self.seeds:
                break
            candidate = self.mutate(self.rng.choice(self.seeds))
            key = _key(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
        return found

    def mutate(self, arguments: list[Any]) -> list[Any]:
        """A copy of `arguments` with one or two of them changed."""
        result = copy.deepcopy(arguments)
        if not result:
            return result
        for position in self.rng.sample(range(len(result)), k=min(len(result), self._changes())):
            domain = self.domains[position]
            if len(domain.values) > 1 and self.rng.random() < 0.15:
                result[position] = copy.deepcopy(self.rng.choice(domain.values))
            else:
                result[position] = self.value(result[position], domain, depth=0)
        return result

    def _changes(self) -> int:
        return 1 if self.rng.random() < 0.7 else 2

    def value(self, value: Any, domain: Domain, depth: int) -> Any:
        """A mutation of `value` of the same type (bools stay bools, None stays None)."""
        if isinstance(value, bool) or value is None:
            return (not value) if isinstance(value, bool) else None
        if isinstance(value, int):
            return self._int(value, domain)
        if isinstance(value, float):
            return self._float(value, domain)
        if isinstance(value, str):
            return self._string(value, domain)
        if isinstance(value, list) and depth < 4:
            return self._list(value, domain, depth)
        if isinstance(value, dict) and depth < 4:
            return self._dict(value, domain, depth)
        return value

    def _bounded(self, number: float, domain: Domain) -> float:
        floor = None if self.wide else domain.floor()
        return number if floor is None else max(floor, abs(number))

    def _int(self, value: int, domain: Domain) -> int:
        biggest = max((abs(int(v)) for v in _numbers(domain.values)), default=10)
        choices = [
            value + 1, value - 1, 0, 1, -1, -value, value * 2, value // 2,
            biggest + 1, biggest * 10 + 7, self.rng.randint(-biggest - 1, biggest + 1),
        ]  # fmt: skip
        if self.constants and self.rng.random() < 0.3:
            choices = [c + self.rng.choice((-1, 0, 0, 1)) for c in self.constants]
        return int(self._bounded(self.rng.choice(choices), domain))

    def _float(self, value: float, domain: Domain) -> float:
        choices = [value + 0.5, value - 0.5, 0.0, -value, value * 10, value / 3, round(value)]
        choices += [value + 1e-7, float(int(value)) + 0.5]
        return float(self._bounded(self.rng.choice(choices), domain))

    def _string(self, value: str, domain: Domain) -> str:
        alphabet = sorted(domain.alphabet) or list("ab")
        rng = self.rng
        position = rng.randint(0, len(value))
        operations = [
            lambda: "",
            lambda: value[::-1],
            lambda: value + value,
            lambda: value[:position] + value[position + 1 :],
            lambda: value[:position] + rng.choice(alphabet) + value[position:],
            lambda: value[:position],
            lambda: value[:position] + rng.choice(alphabet) + value[position + 1 :],
            lambda: rng.choice(alphabet),
            lambda: "".join(rng.sample(value, len(value))),
        ]
        letters = [c for c in alphabet if c.isalpha()]
        if self.wide or (any(c.isupper() for c in letters) and any(c.islower() for c in letters)):
            operations += [value.swapcase, value.upper, value.lower]
        if self.wide or any(c in _WHITESPACE for c in alphabet):
            operations += [lambda: f" {value} ", lambda: value.replace(" ", "  ")]
        if self.wide or any(ord(c) > 127 for c in alphabet):
            operations += [lambda: value[:position] + rng.choice(_UNICODE) + value[position:]]
        return rng.choice(operations)()[: len(value) + MAX_ITEMS]

    def _list(self, value: list[Any], domain: Domain, depth: int) -> list[Any]:
        rng = self.rng
        items = list(value)
        operations = ["empty", "reverse", "double", "grow", "drop", "shuffle", "sort", "element"]
        operation = rng.choice(operations if items else ["empty", "grow"])
        if operation == "empty":
            return []
        if operation == "reverse":
            return items[::-1]
        if operation == "double":
            return (items + items)[: len(value) + MAX_ITEMS]
        if operation == "grow":
            return items + [
                self._new_element(items, domain, depth) for _ in range(rng.randint(1, 3))
            ]
        if operation == "drop":
            del items[rng.randrange(len(items))]
            return items
        if operation == "shuffle":
            rng.shuffle(items)
            return items
        if operation == "sort":
            try:
                return sorted(items)
            except TypeError:
                return items[::-1]
        index = rng.randrange(len(items))
        items[index] = self.value(items[index], domain, depth + 1)
        return items

    def _new_element(self, items: list[Any], domain: Domain, depth: int) -> Any:
        if items:
            return self.value(copy.deepcopy(self.rng.choice(items)), domain, depth + 1)
        model = next((x for v in domain.values if isinstance(v, list) for x in v), None)
        return 0 if model is None else self.value(model, domain, depth + 1)

    def _dict(self, value: dict[Any, Any], domain: Domain, depth: int) -> dict[Any, Any]:
        items = dict(value)
        if not items:
            return items
        key = self.rng.choice(list(items))
        operation = self.rng.choice(["value", "drop", "add", "empty"])
        if operation == "value":
            items[key] = self.value(items[key], domain, depth + 1)
        elif operation == "drop":
            del items[key]
        elif operation == "add":
            items[self.value(key, domain, depth + 1)] = self.value(items[key], domain, depth + 1)
        else:
            return {}
        return items


def int_constants(source: str) -> list[int]:
    """The small int literals of a program (its thresholds and sizes), for `constants`."""
    try:
        tree = parse_python(source)
    except SyntaxError:
        return []
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) is int and abs(node.value) <= 10_000
    ]


def _numbers(values: list[Any]) -> Iterator[float]:
    for leaf in (leaf for value in values for leaf in _leaves(value)):
        if isinstance(leaf, int | float) and not isinstance(leaf, bool):
            yield leaf


def _key(arguments: list[Any]) -> str:
    """Type-sensitive identity of an argument list (1, 1.0 and True differ)."""
    return repr(arguments)

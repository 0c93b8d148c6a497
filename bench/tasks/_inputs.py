"""Turning a test's `input` or `input_code` into the argument list of one call.

Stdlib-only and free of `bench` imports, like `_compare`: the sandbox's trusted
supervisor runs this source to build arguments the candidate then receives.
"""

from __future__ import annotations

import math
import random
import string
from typing import Any


def build_arguments(input_value: list[Any] | None, input_code: str | None) -> list[Any]:
    """The positional arguments of a test call.

    `input_code` is evaluated with a fresh `random.Random(0)` as `rng`, so the same
    task always produces the same arguments on every machine.
    """
    if input_code is None:
        return list(input_value or [])
    scope = {"rng": random.Random(0), "math": math, "string": string}
    arguments = eval(compile(input_code, "<input_code>", "eval"), scope)  # trusted task code
    if not isinstance(arguments, list | tuple):
        raise TypeError(f"input_code must give a list of arguments, got {type(arguments).__name__}")
    return list(arguments)

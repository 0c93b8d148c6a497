"""pass@k: the chance that at least one of k samples passes, estimated without bias."""

from __future__ import annotations

import operator


def _as_int(name: str, value: object) -> int:
    """Accept Python and numpy integers (pandas hands out the latter), not floats or bools."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer (got {value!r})")
    try:
        return operator.index(value)  # type: ignore[arg-type]  # its TypeError is the check
    except TypeError:
        raise TypeError(f"{name} must be an integer (got {value!r})") from None


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimator of pass@k from n samples of which c passed (Chen et al., 2021).

    pass@k = 1 - C(n - c, k) / C(n, k): one minus the chance that k samples drawn
    without replacement from the n are all failures. Computed as the product
    `1 - prod_{i = n-c+1}^{n} (1 - k / i)`, which never forms the huge binomial
    coefficients (C(200, 100) overflows a float) and loses no precision.

    Raises:
        ValueError: unless 0 <= c <= n and 1 <= k <= n.
    """
    n, c, k = (_as_int(name, value) for name, value in (("n", n), ("c", c), ("k", k)))
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n (got n={n}, c={c})")
    if not 1 <= k <= n:
        raise ValueError(f"need 1 <= k <= n (got n={n}, k={k})")
    if n - c < k:
        return 1.0  # every k-subset contains a passing sample
    all_fail = 1.0
    for i in range(n - c + 1, n + 1):
        all_fail *= 1.0 - k / i
    return 1.0 - all_fail

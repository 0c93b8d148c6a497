"""From attempts to a ranked leaderboard, with intervals and paired tests.

Every figure is computed per task first (a task asked N times counts once),
then over tasks; intervals are bootstrap intervals over tasks, so they say how
much a ranking depends on which tasks happen to be in the suite. When the tasks
are of several kinds, every figure is the mean over kinds of the per-kind means
(`kind_balanced`), so a kind with many tasks does not drown the others.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from itertools import pairwise

import pandas as pd

from bench.leaderboard._first_sample import first_samples
from bench.leaderboard._robustness import Robustness, robustness, split_variants
from bench.results import INFRA_STATUSES
from bench.scoring import bootstrap_ci, mcnemar_test, paired_bootstrap, pass_at_k

DIMENSION_COLUMNS = ("overall", "correctness", "speed", "quality", "efficiency")
SIGNIFICANCE = 0.05


@dataclass
class HumanPreference:
    """A model's human-preference rating (bench.human), shown beside the automatic scores."""

    rating: float
    """Bradley-Terry rating on the Elo scale (1000 = geometric mean of the rated models)."""
    rating_ci: list[float]
    """95% bootstrap interval over votes."""
    votes: int
    """Counted votes (not skips) on pairs with this model."""


@dataclass
class LeaderboardRow:
    """One model's line: the fields `bench leaderboard --format json` prints."""

    model: str
    rank: int = 0
    rank_ci: list[int] = field(default_factory=list)
    overall: float | None = None
    overall_ci: list[float | None] = field(default_factory=list)
    correctness: float | None = None
    speed: float | None = None
    quality: float | None = None
    efficiency: float | None = None
    pass_rate: float | None = None
    pass_rate_ci: list[float | None] = field(default_factory=list)
    pass_at_k: dict[str, float] = field(default_factory=dict)
    tasks: int = 0
    tasks_solved: int = 0
    attempts: int = 0
    cost_usd: float | None = None
    cost_per_task_usd: float | None = None
    cost_per_solved_usd: float | None = None
    mean_response_time_s: float | None = None
    p90_response_time_s: float | None = None
    infra_errors: int = 0
    p_vs_next: float | None = None
    mcnemar_p_vs_next: float | None = None
    tied_with_next: bool = False
    run_id: str | None = None
    provider: str | None = None
    robustness: Robustness | None = None
    """Set only when the run asked rewordings (`--variants`); absent otherwise."""
    human_preference: HumanPreference | None = None
    """Set only when votes exist (`bench.human.attach_ratings`); absent, not zero, otherwise."""

    def as_dict(self) -> dict:
        """JSON-ready, with NaN turned into null; `human_preference` only when there are votes."""
        values = {key: _clean(value) for key, value in asdict(self).items()}
        for optional in ("human_preference", "robustness"):
            if values.get(optional) is None:
                values.pop(optional, None)
        return values


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


@dataclass
class ModelTaskTable:
    """Per model, per task: the mean of each dimension and the pass counts."""

    per_task: pd.DataFrame

    def values(self, model: str, column: str) -> dict[str, float]:
        """task_id -> value for one model, tasks with a defined value only."""
        frame = self.per_task[self.per_task["model"] == model]
        series = frame.set_index("task_id")[column].dropna()
        return {str(key): float(value) for key, value in series.items()}

    def balanced(self, model: str, column: str) -> dict[str, float]:
        """`values`, rescaled so that their plain mean is the mean over task kinds.

        Each value is multiplied by `N / (K x n_k)` (N values, K kinds among them,
        n_k of its kind), so every kind weighs the same in a mean, an interval or a
        paired test however many tasks it has. With one kind, nothing changes.
        """
        values = self.values(model, column)
        kinds = self.kinds(model)
        return kind_balanced(values, {task: kinds.get(task, "function") for task in values})

    def kinds(self, model: str) -> dict[str, str]:
        """task_id -> kind, for the tasks one model attempted."""
        frame = self.per_task[self.per_task["model"] == model]
        if "kind" not in frame:
            return {}
        pairs = zip(frame["task_id"], frame["kind"], strict=True)
        return {str(task): str(kind) for task, kind in pairs}


def kind_balanced(values: dict[str, float], kinds: dict[str, str]) -> dict[str, float]:
    """Per-task values rescaled so their mean is the mean of per-kind means (see above)."""
    counts: dict[str, int] = {}
    for task in values:
        counts[kinds[task]] = counts.get(kinds[task], 0) + 1
    if len(counts) <= 1:
        return dict(values)
    scale = len(values) / len(counts)
    return {task: value * scale / counts[kinds[task]] for task, value in values.items()}


def per_task_table(judged: pd.DataFrame) -> ModelTaskTable:
    """Collapse samples: one row per (model, task)."""
    judged = judged.assign(passed=(judged["status"] == "passed").astype(float))
    if "kind" not in judged:
        judged = judged.assign(kind="function")
    grouped = judged.groupby(["model", "task_id"], sort=True)
    table = grouped[list(DIMENSION_COLUMNS)].mean()
    table["kind"] = grouped["kind"].first()
    table["pass_fraction"] = grouped["passed"].mean()
    table["n"] = grouped["passed"].size()
    table["c"] = grouped["passed"].sum()
    firsts = first_samples(judged).set_index(["model", "task_id"])["first_passed"]
    table["first_passed"] = firsts.reindex(table.index, fill_value=False).astype(bool)
    return ModelTaskTable(table.reset_index())


def _interval(values: dict[str, float], seed: int, resamples: int) -> list[float | None]:
    if len(values) < 2:
        return [None, None]
    low, high = bootstrap_ci(list(values.values()), n_resamples=resamples, seed=seed)
    return [low, high]


def _row(
    model: str, attempts: pd.DataFrame, table: ModelTaskTable, seed: int, resamples: int
) -> LeaderboardRow:
    mine = attempts[attempts["model"] == model]
    judged = mine[~mine["status"].isin(list(INFRA_STATUSES))]
    tasks = table.per_task[table.per_task["model"] == model]
    row = LeaderboardRow(model=model, attempts=len(judged), infra_errors=len(mine) - len(judged))
    row.run_id = str(mine["run_id"].max()) if len(mine) else None
    row.provider = str(mine["provider"].iloc[0]) if len(mine) else None
    row.tasks = len(tasks)
    if not row.tasks:
        return row
    for column in DIMENSION_COLUMNS:
        defined = table.balanced(model, column)
        setattr(row, column, _mean(defined))
    overall_values = table.balanced(model, "overall")
    pass_values = table.balanced(model, "pass_fraction")
    row.overall_ci = _interval(overall_values, seed, resamples)
    row.pass_rate = 100 * (_mean(pass_values) or 0.0)
    row.pass_rate_ci = [
        None if v is None else 100 * v for v in _interval(pass_values, seed, resamples)
    ]
    row.tasks_solved = int((tasks["c"] > 0).sum())
    smallest_n = int(tasks["n"].min())
    kinds = table.kinds(model)
    row.pass_at_k = {}
    for k in sorted({1, 5, 10, smallest_n}):
        if k > smallest_n:
            continue
        per_task = {
            str(task): pass_at_k(int(n), int(c), k)
            for task, n, c in zip(tasks["task_id"], tasks["n"], tasks["c"], strict=True)
        }
        balanced = kind_balanced(per_task, {t: kinds.get(t, "function") for t in per_task})
        row.pass_at_k[str(k)] = 100 * (_mean(balanced) or 0.0)
    _costs(row, judged)
    return row


def _mean(values: dict[str, float]) -> float | None:
    """The plain mean of `values` (None when empty)."""
    return sum(values.values()) / len(values) if values else None


def _costs(row: LeaderboardRow, judged: pd.DataFrame) -> None:
    costs = judged["cost_usd"].dropna()
    row.cost_usd = float(costs.sum()) if len(costs) else None
    if row.cost_usd is not None:
        row.cost_per_task_usd = row.cost_usd / row.tasks
        solved_attempts = int((judged["status"] == "passed").sum())
        row.cost_per_solved_usd = row.cost_usd / solved_attempts if solved_attempts else None
    times = judged["response_time_s"].dropna()
    if len(times):
        row.mean_response_time_s = float(times.mean())
        row.p90_response_time_s = float(times.quantile(0.9))


def build_leaderboard(
    attempts: pd.DataFrame, seed: int = 0, resamples: int = 2000
) -> list[LeaderboardRow]:
    """Rank the models in `attempts` (already selected), best first.

    Attempts at rewordings (`variant` > 0) count only for the robustness figures;
    every other figure is over the tasks as written.
    """
    if attempts.empty:
        return []
    robust = robustness(attempts, seed=seed, resamples=resamples)
    attempts, _ = split_variants(attempts)
    judged = attempts[~attempts["status"].isin(list(INFRA_STATUSES))]
    table = (
        per_task_table(judged)
        if len(judged)
        else ModelTaskTable(
            pd.DataFrame(
                columns=[
                    "model",
                    "task_id",
                    *DIMENSION_COLUMNS,
                    "pass_fraction",
                    "n",
                    "c",
                    "first_passed",
                ]
            )
        )
    )
    rows = [
        _row(model, attempts, table, seed, resamples)
        for model in sorted(attempts["model"].unique())
    ]
    for row in rows:
        row.robustness = robust.get(row.model)
    rows.sort(key=lambda row: (-(row.overall if row.overall is not None else -1), row.model))
    _rank(rows)
    _compare_neighbours(rows, table, seed, resamples)
    return rows


def _confidently_better(a: LeaderboardRow, b: LeaderboardRow) -> bool:
    """A's interval lies wholly above B's."""
    a_low = a.overall_ci[0] if a.overall_ci else None
    b_high = b.overall_ci[1] if b.overall_ci else None
    if None in a.overall_ci or None in b.overall_ci or a_low is None or b_high is None:
        return a.overall is not None and (b.overall is None)
    return a_low > b_high


def _rank(rows: list[LeaderboardRow]) -> None:
    """Rank = 1 + models better with confidence; rank_ci spans the ranks the intervals allow."""
    for row in rows:
        better = sum(_confidently_better(other, row) for other in rows if other is not row)
        worse = sum(_confidently_better(row, other) for other in rows if other is not row)
        row.rank = 1 + better
        row.rank_ci = [1 + better, len(rows) - worse]


def _compare_neighbours(
    rows: list[LeaderboardRow], table: ModelTaskTable, seed: int, resamples: int
) -> None:
    for upper, lower in pairwise(rows):
        a, b = table.balanced(upper.model, "overall"), table.balanced(lower.model, "overall")
        if not set(a) & set(b):
            continue
        upper.p_vs_next = paired_bootstrap(a, b, n_resamples=resamples, seed=seed).p_value
        passes_a = {k: bool(v) for k, v in table.values(upper.model, "first_passed").items()}
        passes_b = {k: bool(v) for k, v in table.values(lower.model, "first_passed").items()}
        if set(passes_a) & set(passes_b):
            upper.mcnemar_p_vs_next = mcnemar_test(passes_a, passes_b).p_value
        upper.tied_with_next = upper.p_vs_next >= SIGNIFICANCE

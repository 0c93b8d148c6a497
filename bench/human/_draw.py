"""Drawing a ballot: reproducible blind pairs from the committed runs.

A pair is one task answered by two different models in their latest runs
(current task version, judged, non-empty and different answers). Pairs are drawn
without replacement with weights that favour information: two models close on
the automatic leaderboard, and tasks both solved (where tests cannot tell the
answers apart and a human's judgement adds the most). The draw, the A/B order and
the pair ids depend only on the seed and the results, so anyone can re-draw it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from bench.human._model import Ballot, BallotAnswer, BallotPair
from bench.results import INFRA_STATUSES

BASELINE_PREFIX = "baseline/"
BOTH_PASSED_WEIGHT = 2.0
SCORE_GAP_SCALE = 10.0
"""Overall points at which a pair's weight halves for the models' distance."""


class BallotError(ValueError):
    """No ballot can be drawn from these results (the message says why)."""


@dataclass(frozen=True)
class _Candidate:
    task_id: str
    first: dict
    second: dict
    weight: float


def _answer_text(row: dict) -> str:
    for column in ("generated_code", "response_text"):
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _eligible(attempts: pd.DataFrame, kind: str | None, baselines: bool) -> pd.DataFrame:
    frame = attempts[~attempts["status"].isin([str(s) for s in INFRA_STATUSES])]
    kinds = frame["kind"] if "kind" in frame.columns else pd.Series("function", index=frame.index)
    frame = frame.assign(kind=kinds.fillna("function"))
    if kind:
        frame = frame[frame["kind"] == kind]
    if not baselines:
        frame = frame[~frame["provider"].fillna("").str.startswith(BASELINE_PREFIX)]
    frame = frame.assign(answer=[_answer_text(row) for row in frame.to_dict("records")])
    frame = frame[frame["answer"] != ""]
    return frame.sort_values(["task_id", "model", "sample"]).drop_duplicates(["task_id", "model"])


def _candidates(frame: pd.DataFrame) -> list[_Candidate]:
    means = frame.groupby("model")["overall"].mean()
    found = []
    for task_id, group in frame.groupby("task_id", sort=True):
        rows = sorted(group.to_dict("records"), key=lambda row: row["model"])
        for first, second in combinations(rows, 2):
            if first["answer"].strip() == second["answer"].strip():
                continue
            gap = abs(means.get(first["model"], 0.0) - means.get(second["model"], 0.0))
            gap = 0.0 if pd.isna(gap) else float(gap)
            both = first["status"] == "passed" and second["status"] == "passed"
            weight = (BOTH_PASSED_WEIGHT if both else 1.0) / (1.0 + gap / SCORE_GAP_SCALE)
            found.append(_Candidate(str(task_id), first, second, weight))
    return found


def _answer(row: dict) -> BallotAnswer:
    overall = row.get("overall")
    return BallotAnswer(
        model=str(row["model"]),
        run_id=str(row["run_id"]),
        sample=int(row["sample"]),
        status=str(row["status"]),
        overall=None if overall is None or pd.isna(overall) else round(float(overall), 3),
        code=row["answer"],
    )


def _task_text(task: object | None, task_id: str) -> tuple[str, str]:
    if task is None:
        return task_id, f"(task {task_id} is no longer in the suite)"
    prompt = str(getattr(task, "prompt", ""))
    code = getattr(task, "code", None)
    if isinstance(code, str) and code.strip():
        prompt += f"\n\n```python\n{code.rstrip()}\n```\n"
    return str(getattr(task, "title", task_id)), prompt


def draw_ballot(
    attempts: pd.DataFrame,
    tasks: dict[str, object],
    *,
    pairs: int,
    seed: int,
    kind: str | None = None,
    baselines: bool = False,
    today: dt.date | None = None,
) -> Ballot:
    """Draw up to `pairs` blind pairs from each model's latest, current attempts."""
    frame = _eligible(attempts, kind, baselines)
    candidates = _candidates(frame)
    if not candidates:
        what = f" of kind {kind}" if kind else ""
        raise BallotError(
            f"no task{what} has non-empty, different answers from two "
            f"{'' if baselines else 'non-baseline '}models in the results"
        )
    rng = random.Random(seed)
    keyed = sorted(
        ((rng.random() ** (1.0 / c.weight), index) for index, c in enumerate(candidates)),
        reverse=True,
    )
    chosen = []
    for number, (_, index) in enumerate(keyed[:pairs], start=1):
        candidate = candidates[index]
        a, b = candidate.first, candidate.second
        if rng.random() < 0.5:
            a, b = b, a
        title, prompt = _task_text(tasks.get(candidate.task_id), candidate.task_id)
        chosen.append(
            BallotPair(
                id=f"p{number:03d}",
                task_id=candidate.task_id,
                task_hash=str(a["task_hash"]),
                kind=str(a["kind"]),
                difficulty=str(a["difficulty"]),
                title=title,
                prompt=prompt,
                a=_answer(a),
                b=_answer(b),
            )
        )
    day = today or dt.datetime.now(dt.UTC).date()
    content = json.dumps([pair.model_dump(mode="json") for pair in chosen], sort_keys=True)
    digest = hashlib.sha256(f"{seed}:{content}".encode()).hexdigest()[:6]
    return Ballot(
        id=f"b-{day.isoformat()}-{digest}",
        created=day,
        seed=seed,
        kind=kind,
        runs=sorted({pair.a.run_id for pair in chosen} | {pair.b.run_id for pair in chosen}),
        pairs=chosen,
    )


def draw_from_results(
    results_dir: str | Path,
    tasks_dir: str | Path | None,
    *,
    pairs: int,
    seed: int,
    kind: str | None = None,
    baselines: bool = False,
    today: dt.date | None = None,
) -> Ballot:
    """`draw_ballot` over each model's latest run in `results_dir`, current task versions."""
    from bench.leaderboard import Selection, latest_run_per_model, load_results, select_attempts
    from bench.tasks import load_tasks

    suite = load_tasks([Path(tasks_dir)]) if tasks_dir and Path(tasks_dir).is_dir() else []
    attempts = load_results(results_dir)
    if attempts.empty:
        raise BallotError(f"no results in {results_dir}/runs/ (run `bench run` first)")
    current = select_attempts(latest_run_per_model(attempts), suite or None, Selection())
    by_id: dict[str, object] = {task.id: task for task in suite}
    return draw_ballot(
        current, by_id, pairs=pairs, seed=seed, kind=kind, baselines=baselines, today=today
    )

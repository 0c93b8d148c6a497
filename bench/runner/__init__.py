"""Orchestration of benchmark runs: plan, call models, execute, score, record.

Also the steps around a run that are not a command line's business: which tasks it
covers (`select_tasks`), gathering a sharded run's folders (`gather_run`) and
rehearsing the weekly workflow on one machine (`rehearse`).
"""

from bench.runner._attempt import AttemptScorer, ScoringSettings
from bench.runner._gather import GatheredRun, GatherError, gather_run
from bench.runner._orchestrate import BatchOutcome, BatchRunner, Budget, ModelLane
from bench.runner._plan import Shard, WorkItem, plan_items
from bench.runner._ratelimit import RequestPacer
from bench.runner._rehearse import (
    REHEARSAL_MODELS,
    Rehearsal,
    RehearsalError,
    RehearsalOutcome,
    rehearse,
)
from bench.runner._rescore import StoredReplyProvider, rescore_run
from bench.runner._selection import select_tasks
from bench.runner._session import (
    RunError,
    RunOutcome,
    RunRequest,
    run_benchmark,
    wide_console,
)

__all__ = [
    "REHEARSAL_MODELS",
    "AttemptScorer",
    "BatchOutcome",
    "BatchRunner",
    "Budget",
    "GatherError",
    "GatheredRun",
    "ModelLane",
    "Rehearsal",
    "RehearsalError",
    "RehearsalOutcome",
    "RequestPacer",
    "RunError",
    "RunOutcome",
    "RunRequest",
    "ScoringSettings",
    "Shard",
    "StoredReplyProvider",
    "WorkItem",
    "gather_run",
    "plan_items",
    "rehearse",
    "rescore_run",
    "run_benchmark",
    "select_tasks",
    "wide_console",
]

"""Orchestration of benchmark runs: plan, call models, execute, score, record."""

from bench.runner._attempt import AttemptScorer, ScoringSettings
from bench.runner._orchestrate import BatchOutcome, BatchRunner, Budget, ModelLane
from bench.runner._plan import Shard, WorkItem, plan_items
from bench.runner._ratelimit import RequestPacer
from bench.runner._rescore import StoredReplyProvider, rescore_run
from bench.runner._session import RunError, RunOutcome, RunRequest, run_benchmark

__all__ = [
    "AttemptScorer",
    "BatchOutcome",
    "BatchRunner",
    "Budget",
    "ModelLane",
    "RequestPacer",
    "RunError",
    "RunOutcome",
    "RunRequest",
    "ScoringSettings",
    "Shard",
    "StoredReplyProvider",
    "WorkItem",
    "plan_items",
    "rescore_run",
    "run_benchmark",
]

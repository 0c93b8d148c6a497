"""Records of the results store: one pydantic model per row kind.

Each field is one Parquet column (same name, same order as `_schema.py`; a test
holds them together), so a record can be validated before it is written and a
row read back is the same record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bench import __version__
from bench.results._schema import SCHEMA_VERSION, AttemptStatus

_RECORD_CONFIG = ConfigDict(
    extra="forbid", frozen=True, allow_inf_nan=False, use_attribute_docstrings=True
)

Score = float | None


def _utc(value: dt.datetime) -> dt.datetime:
    """Refuse naive datetimes: a local time written as UTC shifts a run by hours."""
    if value.tzinfo is None:
        raise ValueError("must be timezone-aware (use datetime.now(timezone.utc))")
    return value.astimezone(dt.UTC)


class TestVerdict(BaseModel):
    """The outcome of one test of one attempt."""

    __test__ = False  # not a pytest class
    model_config = _RECORD_CONFIG

    name: str
    """The test's name, or its index as a string when the task gives none."""
    passed: bool
    """Whether the returned value (or raised exception) matched."""
    time_s: float | None = None
    """Seconds the call took inside the sandbox (median of repeats when repeated)."""
    message: str | None = None
    """Why it failed (exception, mismatch, timeout), cut short by the sandbox."""


class Attempt(BaseModel):
    """One row of `attempts*.parquet`: one (model, task, sample) of a run."""

    model_config = _RECORD_CONFIG

    run_id: str
    """The run this attempt belongs to (see `new_run_id`)."""
    model: str
    """The model's leaderboard name from bench.yaml (e.g. `gpt-4o`, `baseline/reference`)."""
    provider: str
    """The litellm model string or baseline id that answered (e.g. `openai/gpt-4o`)."""
    task_id: str
    """The task's id (its file name)."""
    task_hash: str
    """The task's content hash (`Task.version`) when attempted; old versions never mix."""
    difficulty: str
    """easy | medium | hard | extreme."""
    kind: str = "function"
    """The task's kind: function, debug, refactor, multifile, review, testgen."""
    sample: int = Field(ge=0)
    """Sample index, 0..N-1, when a task is asked N times."""
    variant: int = Field(default=0, ge=0)
    """0 = the task as written; 1..N = a robustness rewording (`bench run --variants`)."""
    status: AttemptStatus
    """passed, failed, timeout, error, provider_error or sandbox_error."""
    tests_passed: int = Field(ge=0)
    """Number of tests that passed (0 when nothing ran)."""
    tests_total: int = Field(ge=0)
    """Number of tests of the task."""
    correctness: Score = Field(default=None, ge=0, le=100)
    """Weighted pass rate, 0-100; null when nothing was executed."""
    speed: Score = Field(default=None, ge=0, le=100)
    """Response time against the configured baseline, 0-100; null without a response."""
    quality: Score = Field(default=None, ge=0, le=100)
    """Lint findings, complexity and maintainability of the code, 0-100."""
    efficiency: Score = Field(default=None, ge=0, le=100)
    """Test runtime against the reference's, 0-100; null unless every test passed."""
    overall: Score = Field(default=None, ge=0, le=100)
    """Weighted mean of the defined dimensions, 0-100."""
    response_time_s: float | None = Field(default=None, ge=0)
    """Seconds from request to complete reply."""
    exec_time_s: float | None = Field(default=None, ge=0)
    """Seconds the sandbox spent running the tests."""
    peak_memory_mb: float | None = Field(default=None, ge=0)
    """Peak resident memory of the candidate's process, MiB."""
    cost_usd: float | None = Field(default=None, ge=0)
    """What the call cost; null when the price is unknown (never a guessed 0)."""
    prompt_tokens: int | None = Field(default=None, ge=0)
    """Input tokens reported by the provider."""
    completion_tokens: int | None = Field(default=None, ge=0)
    """Output tokens reported by the provider."""
    generated_code: str | None = None
    """The code extracted from the reply and executed."""
    response_text: str | None = None
    """The raw reply, kept so a rescore needs no model call."""
    error: str | None = None
    """A one-paragraph reason for a non-passed status."""
    details_json: str | None = None
    """Kind-specific figures as JSON: changed lines (debug), quality before/after
    (refactor), recall/precision/per-category recall (review), mutants killed and
    coverage (testgen)."""
    started_at: dt.datetime
    """When the attempt started (UTC)."""
    test_verdicts: list[TestVerdict] | None = None
    """Per-test outcomes in the task's order; null when nothing ran."""

    @field_validator("started_at")
    @classmethod
    def _check_started_at(cls, value: dt.datetime) -> dt.datetime:
        return _utc(value)

    @model_validator(mode="after")
    def _passed_within_total(self) -> Attempt:
        if self.tests_passed > self.tests_total:
            raise ValueError(f"tests_passed {self.tests_passed} > tests_total {self.tests_total}")
        return self

    @property
    def key(self) -> tuple[str, str, int, int]:
        """(model, task_id, sample, variant): unique within a run (`ATTEMPT_KEY`)."""
        return (self.model, self.task_id, self.sample, self.variant)


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, so equal settings give equal text and hash.

    Non-ASCII stays UTF-8 (not escaped to ASCII), as every stored `params_json` and
    `params_hash` was written; a value JSON cannot hold (a YAML date) is written as text.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def params_hash(params: dict[str, Any]) -> str:
    """Short SHA-256 of a model's generation parameters, to spot a silent settings change.

    The one definition: the manifest's `params_hash` column and the config's
    `params_hash` (in `config_json`) both come from here, so they always agree.
    """
    return hashlib.sha256(canonical_json(params).encode()).hexdigest()[:16]


class ModelManifest(BaseModel):
    """One model as the run used it: what answered, with which settings and prices."""

    model_config = _RECORD_CONFIG

    name: str
    """Leaderboard name from bench.yaml."""
    model: str
    """The litellm model string (or baseline id)."""
    resolved_version: str | None = None
    """The version the provider reported answering (e.g. `gpt-4o-2024-08-06`), if any."""
    params_json: str = "{}"
    """Generation parameters (temperature, max_tokens, ...) as canonical JSON."""
    params_hash: str = ""
    """`params_hash(params)`; filled from `params_json` when left empty."""
    input_per_mtok: float | None = Field(default=None, ge=0)
    """USD per million input tokens used for cost_usd; null when unknown."""
    output_per_mtok: float | None = Field(default=None, ge=0)
    """USD per million output tokens used for cost_usd; null when unknown."""
    price_source: str | None = None
    """Where the prices came from: `config`, `litellm`, or null when unknown."""
    prices_date: dt.date | None = None
    """The day those prices were read (litellm's map changes over time)."""

    @model_validator(mode="before")
    @classmethod
    def _from_params(cls, data: Any) -> Any:
        """Accept `params={...}` and store it canonically; compute its hash."""
        if isinstance(data, dict):
            data = dict(data)
            if "params" in data:
                data["params_json"] = canonical_json(data.pop("params"))
            params = json.loads(data.get("params_json", "{}"))
            data["params_json"] = canonical_json(params)
            if not data.get("params_hash"):
                data["params_hash"] = params_hash(params)
        return data

    @property
    def params(self) -> dict[str, Any]:
        """The generation parameters as a dict."""
        return json.loads(self.params_json)


class RunManifest(BaseModel):
    """The one row of `run.parquet`: everything needed to reproduce or audit a run."""

    model_config = _RECORD_CONFIG

    run_id: str
    """The run's id, equal to its folder name."""
    started_at: dt.datetime
    """When the run started (UTC)."""
    finished_at: dt.datetime | None = None
    """When it finished; null while running. A finished run's folder is immutable."""
    harness_version: str = __version__
    """`bench.__version__` of the harness that ran it."""
    schema_version: int = SCHEMA_VERSION
    """The results schema version the run was written with."""
    git_commit: str | None = None
    """Commit of the benchmark repository (tasks and harness), if in a git checkout."""
    task_set_hash: str
    """`task_set_hash` of the selected tasks."""
    config_json: str
    """The effective configuration, secrets removed, as JSON."""
    sandbox: str
    """Executor used: `docker` or `process`."""
    image: str | None = None
    """Sandbox image id or digest (null for the process executor)."""
    models: list[ModelManifest] = Field(default_factory=list)
    """Each model of the run with its settings and prices."""
    source_run_id: str | None = None
    """For `bench rescore`: the run whose stored responses were re-scored."""
    prompt_template_version: str | None = None
    """Version (or hash) of the prompt template the models were sent."""

    @field_validator("started_at", "finished_at")
    @classmethod
    def _check_times(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _utc(value)

    @field_validator("config_json")
    @classmethod
    def _check_json(cls, value: str) -> str:
        json.loads(value)
        return value

    @property
    def finished(self) -> bool:
        """A run is finished when its manifest records finished_at."""
        return self.finished_at is not None

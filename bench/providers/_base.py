"""The provider contract: what a model call returns, what it costs, and the ABC.

A provider turns a task into code. Remote models, offline baselines and
precomputed samples all answer through the same `ModelProvider.generate`, so the
runner treats them alike; failures come back as a `ModelResponse` with `error`
set, never as an exception, so one bad call can never crash a run.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from bench.config import ModelConfig, RunConfig
from bench.tasks import TaskBase


class ErrorKind(StrEnum):
    """Why a call failed; decides whether another try may succeed."""

    RATE_LIMIT = "rate_limit"
    TIMEOUT = "timeout"
    SERVER = "server"
    CONNECTION = "connection"
    AUTH = "auth"
    BAD_REQUEST = "bad_request"
    NO_SAMPLE = "no_sample"
    OTHER = "other"

    @property
    def transient(self) -> bool:
        """True for infrastructure failures that a later try may get past."""
        return self in {
            ErrorKind.RATE_LIMIT,
            ErrorKind.TIMEOUT,
            ErrorKind.SERVER,
            ErrorKind.CONNECTION,
        }


class ModelResponse(BaseModel):
    """The outcome of one `generate` call: the code to run, or why there is none."""

    model_config = ConfigDict(frozen=True)

    code: str = ""
    """The answer read from the reply by the task kind's extraction: code for most kinds,
    the files for multifile, the findings (JSON) for review ("" when there was none)."""
    text: str = ""
    """The raw reply text (for baselines: a one-line description of what they return)."""
    response_time_s: float | None = None
    """Seconds the successful call took (retries' waits excluded); for a failure, the
    whole time spent including retries; None when unknown (precomputed samples)."""
    prompt_tokens: int | None = None
    """Input tokens as reported by the provider; None when it reports none."""
    completion_tokens: int | None = None
    """Output tokens as reported by the provider."""
    cost_usd: float | None = None
    """Cost of the call in dollars (all attempts that were billed); None when unknown."""
    model_version: str | None = None
    """The model id the provider says answered (e.g. `gpt-4o-2024-08-06`), when reported."""
    error: str | None = None
    """One line saying why the call failed after its retries; None on success."""
    error_kind: ErrorKind | None = None
    """The class of failure; `transient` kinds are infrastructure, not the model's fault."""
    attempts: int = Field(default=1, ge=0)
    """HTTP calls made, retries included (0 for providers that make none)."""

    @property
    def ok(self) -> bool:
        """True when the call produced a reply."""
        return self.error is None

    @property
    def transient_error(self) -> bool:
        """True when the call failed for a reason a later run may get past (outage, 429)."""
        return self.error_kind is not None and self.error_kind.transient


class Pricing(BaseModel):
    """Prices in dollars per million tokens, and where they came from."""

    model_config = ConfigDict(frozen=True)

    input_per_mtok: float = Field(ge=0)
    """Dollars per million prompt tokens."""
    output_per_mtok: float = Field(ge=0)
    """Dollars per million completion tokens."""
    source: str
    """`config`, `baseline`, or `litellm <version> cost map (<key>)`."""
    as_of: dt.date | None = None
    """The day the prices were read, when known."""

    def cost(self, prompt_tokens: int | None, completion_tokens: int | None) -> float | None:
        """Dollars for one call; None when the token counts are unknown."""
        if prompt_tokens is None or completion_tokens is None:
            return None
        dollars = prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok
        return dollars / 1e6


class ModelProvider(ABC):
    """Produces code for tasks. Subclasses register with `@register_provider`.

    Instances are shared by all of a model's concurrent calls: `generate` must
    be safe to await many times at once.
    """

    is_baseline: ClassVar[bool] = False
    """True for the offline baselines, which are labelled as such everywhere."""
    kind: ClassVar[str] = "model"
    """Short label of the provider family, written to the attempts' `provider` column."""

    def __init__(self, config: ModelConfig, run: RunConfig | None = None):
        self.config = config
        self.run = run or RunConfig()

    @property
    def name(self) -> str:
        """The leaderboard name of the model."""
        return self.config.name

    @property
    def model(self) -> str:
        """The model string from the config (`openai/gpt-4o`, `baseline/null`, ...)."""
        return self.config.model

    @abstractmethod
    async def generate(self, prompt: str, task: TaskBase, *, sample: int = 0) -> ModelResponse:
        """Answer `prompt` (from `render_prompt(task)`) for `task`; `sample` counts from 0.

        Never raises for a failed call: the failure is the response's `error`.
        """

    def pricing(self) -> Pricing | None:
        """The prices this provider charges, or None when unknown."""
        return None

    def count_prompt_tokens(self, prompt: str) -> int | None:
        """An estimate of the tokens `prompt` costs as input, for projecting spend."""
        return None

    async def aclose(self) -> None:
        """Release connections or files; the runner calls it once at the end."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, model={self.model!r})"

"""bench.yaml as typed, validated settings: models, execution limits, scoring, run options.

Every section forbids unknown fields, so a typo fails loudly instead of being
ignored. Secrets come from the environment through `${VAR}` in `api_key` (and
`api_base`), read once when the file is loaded; an unset variable is recorded,
not fatal, because only the models selected for a run need their keys
(`check_credentials`). Secrets never appear in `repr()`, in `model_dump()` or in
`manifest_view()`, the form written into a run's reproducibility manifest.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bench.localmodel import LocalServerOptions
from bench.results import params_hash
from bench.sandbox import AUTO, SandboxLimits, is_executor, sandbox_choices
from bench.scoring import DEFAULT_SPEED_BASELINE_S
from bench.tasks import Difficulty

ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
RESERVED_PARAMS = frozenset(
    {"model", "messages", "api_base", "base_url", "api_key", "timeout", "num_retries",
     "max_retries", "stream"}
)  # fmt: skip
"""Call options the harness sets itself; in `params` they would silently fight it."""
INTERPOLATED_FIELDS = ("api_key", "api_base")


class ConfigError(Exception):
    """A problem with the configuration; `str()` gives one line per problem."""


class CredentialsError(ConfigError):
    """A selected model lacks the key it needs; raised before any work starts."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PriceConfig(_Section):
    """Price of a model in US dollars per million tokens."""

    input_per_mtok: float = Field(ge=0)
    """Dollars per million prompt (input) tokens."""
    output_per_mtok: float = Field(ge=0)
    """Dollars per million completion (output) tokens."""
    as_of: dt.date | None = None
    """The day these prices were read from the vendor's page, recorded in the manifest."""


def interpolate_env(text: str, environ: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """Replace each `${VAR}` in `text` by its value.

    Returns the result and the names of unset (or empty) variables; when any is
    unset the result is None, since a half-filled key or URL is never useful.
    """
    missing = [name for name in ENV_REFERENCE.findall(text) if not environ.get(name)]
    if missing:
        return None, missing
    return ENV_REFERENCE.sub(lambda match: environ[match.group(1)], text), []


def local_alias(name: str) -> str:
    """The alias a local model is served under: its name, made URL- and litellm-safe."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "local"


class ModelConfig(_Section):
    """One model on the leaderboard and how to call it."""

    name: str = Field(min_length=1)
    """The name shown on the leaderboard; unique within the file."""
    model: str = Field(min_length=1)
    """A litellm model string (`openai/gpt-4o`, `anthropic/claude-sonnet-4-5`,
    `ollama_chat/qwen2.5-coder`, ...) or an offline baseline: `baseline/reference`,
    `baseline/null`, `baseline/mutant`."""
    api_base: str | None = None
    """Endpoint URL for self-hosted or OpenAI-compatible servers (vLLM, Ollama, TGI).
    May contain `${VAR}`."""
    api_key: SecretStr | None = None
    """The key, usually `${VAR}` read from the environment at load time. Never printed."""
    params: dict[str, Any] = Field(default_factory=dict)
    """Generation parameters passed to the model (temperature, max_tokens, top_p, ...)."""
    price: PriceConfig | None = None
    """Overrides litellm's price map; without it and without a map entry, cost is null."""
    concurrency: int = Field(default=4, ge=1)
    """Calls in flight at once for this model."""
    rpm: int | None = Field(default=None, ge=1)
    """Requests per minute allowed for this model; None means no limit."""
    knowledge_cutoff: dt.date | None = None
    """Training-data cutoff; tasks added later cannot have been seen in training."""
    local: LocalServerOptions | None = None
    """Serve a GGUF file with llama.cpp on 127.0.0.1 for the run (docs/local-models.md);
    `model` then defaults to `openai/<name>` and `api_base` is filled in at start."""

    _missing_env: tuple[str, ...] = PrivateAttr(default=())
    _api_key_source: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _interpolate(cls, data: Any, handler: Any, info: ValidationInfo) -> ModelConfig:
        if not isinstance(data, dict):
            return handler(data)
        environ = (info.context or {}).get("environ", os.environ)
        data, missing = dict(data), []
        if data.get("local") is not None and not data.get("model"):
            data["model"] = f"openai/{local_alias(str(data.get('name', 'local')))}"
        key_source = data.get("api_key") if isinstance(data.get("api_key"), str) else None
        for field in INTERPOLATED_FIELDS:
            if isinstance(data.get(field), str):
                data[field], unset = interpolate_env(data[field], environ)
                missing.extend(unset)
        model = handler(data)
        model._missing_env = tuple(dict.fromkeys(missing))
        model._api_key_source = key_source
        return model

    @field_validator("params")
    @classmethod
    def _no_reserved_params(cls, params: dict[str, Any]) -> dict[str, Any]:
        reserved = sorted(RESERVED_PARAMS & params.keys())
        if reserved:
            raise ValueError(
                f"{', '.join(reserved)} cannot be set here: use the model's own fields or `run:`"
            )
        return params

    @property
    def missing_env(self) -> tuple[str, ...]:
        """Environment variables named by `${VAR}` that were unset at load time."""
        return self._missing_env

    @property
    def params_hash(self) -> str:
        """`bench.results.params_hash(params)`: the hash the run manifest records too."""
        return params_hash(self.params)

    def manifest_view(self) -> dict[str, Any]:
        """This entry as JSON-ready data with the key redacted.

        A key given as `${VAR}` shows as that reference (which names the variable,
        not its value); a key written literally shows as `<redacted>`.
        """
        view = self.model_dump(mode="json", exclude={"api_key"})
        if self.api_key is None and not self._missing_env:
            view["api_key"] = None
        elif self._api_key_source and ENV_REFERENCE.fullmatch(self._api_key_source):
            view["api_key"] = self._api_key_source
        else:
            view["api_key"] = "<redacted>"
        view["api_base"] = _strip_userinfo(self.api_base)
        view["params_hash"] = self.params_hash
        return view


def _strip_userinfo(url: str | None) -> str | None:
    """Drop `user:password@` from a URL: credentials may hide there too."""
    if url is None:
        return None
    return re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", r"\1<redacted>@", url)


class ExecutionConfig(SandboxLimits):
    """Where generated code runs, within the sandbox's own limits.

    The limit fields (workers, memory, cpus, timeout, image, ...) are inherited from
    `bench.sandbox.SandboxLimits`, not copied, so their defaults, units, meaning and
    checks have one home; only the choice of sandbox belongs to the config. They stay
    at the top level of `execution:`, so existing bench.yaml files keep working.
    """

    sandbox: str = AUTO
    """`auto` (Docker when an engine answers, else the weaker process sandbox), `docker`,
    `process`, or the name of any executor registered with `register_executor`."""

    @field_validator("sandbox")
    @classmethod
    def _registered_sandbox(cls, value: str) -> str:
        if value != AUTO and not is_executor(value):
            choices = ", ".join(sandbox_choices())
            raise ValueError(f"unknown sandbox {value!r}; choose one of {choices}")
        return value

    @property
    def limits(self) -> SandboxLimits:
        """The limit fields alone, as the executors take them."""
        return SandboxLimits(**self.model_dump(include=set(SandboxLimits.model_fields)))


class WeightsConfig(_Section):
    """Weights of the overall score; they must sum to 1."""

    correctness: float = Field(default=0.40, ge=0)
    """Weight of the weighted test pass rate."""
    speed: float = Field(default=0.20, ge=0)
    """Weight of the response-time score."""
    quality: float = Field(default=0.25, ge=0)
    """Weight of the static code-quality score."""
    efficiency: float = Field(default=0.15, ge=0)
    """Weight of the runtime against the reference's."""

    @model_validator(mode="after")
    def _sum_to_one(self) -> WeightsConfig:
        total = self.correctness + self.speed + self.quality + self.efficiency
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise ValueError(f"weights must sum to 1 (they sum to {total:g})")
        return self


class SpeedConfig(_Section):
    """The response times the speed score is measured against."""

    baseline_s: float = Field(default=DEFAULT_SPEED_BASELINE_S, gt=0)
    """Reference response time in seconds (docs/methodology.md gives the mapping)."""
    by_difficulty: dict[Difficulty, float] = Field(default_factory=dict)
    """Per-tier reference times that replace `baseline_s` for that tier."""

    @field_validator("by_difficulty")
    @classmethod
    def _positive(cls, value: dict[Difficulty, float]) -> dict[Difficulty, float]:
        for tier, seconds in value.items():
            if seconds <= 0:
                raise ValueError(f"{tier.value}: must be > 0 (got {seconds})")
        return value


class ScoringConfig(_Section):
    """How attempts are scored."""

    weights: WeightsConfig = Field(default_factory=WeightsConfig)
    """Weights of the four dimensions in the overall score."""
    speed: SpeedConfig = Field(default_factory=SpeedConfig)
    """Reference response times of the speed score."""


class RunConfig(_Section):
    """How a run calls models."""

    samples: int = Field(default=1, ge=1)
    """Attempts per (model, task); pass@k needs more than one."""
    variants: int = Field(default=0, ge=0)
    """Robustness rewordings asked of each function task besides the task as written
    (`bench run --variants N`); each is checked before use (its reference must pass)."""
    seed: int = 0
    """Seeds everything random in a run (task sampling, the mutant baseline)."""
    request_timeout: float = Field(default=120.0, gt=0)
    """Seconds one model call may take before it is abandoned (and retried)."""
    max_retries: int = Field(default=4, ge=0)
    """Retries of a failed call (429, 5xx, timeout, connection, malformed reply)."""
    backoff_initial_s: float = Field(default=1.0, ge=0)
    """Wait before the first retry; doubles with each retry, with jitter."""
    backoff_max_s: float = Field(default=60.0, ge=0)
    """Longest wait between retries; also caps a server's `Retry-After`."""
    concurrency: int | None = Field(default=None, ge=1)
    """Model calls in flight across all models; None means the sum of the models' own."""
    max_cost_usd: float | None = Field(default=None, ge=0)
    """Refuse to start above this projected spend, and stop calling models once reached."""


class BenchConfig(_Section):
    """The whole of bench.yaml."""

    models: list[ModelConfig] = Field(default_factory=list)
    """The models a run may call; `--models` picks some by name."""
    execution: ExecutionConfig = Field(default_factory=ExecutionConfig)
    """Sandbox and its limits."""
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)
    """Scoring weights and speed references."""
    run: RunConfig = Field(default_factory=RunConfig)
    """Samples, seed, timeouts and retries of model calls."""

    _source_dir: Path | None = PrivateAttr(default=None)

    @property
    def source_dir(self) -> Path | None:
        """The folder of the file this config came from (relative GGUF paths start there)."""
        return self._source_dir

    @field_validator("models")
    @classmethod
    def _unique_names(cls, models: list[ModelConfig]) -> list[ModelConfig]:
        names = [model.name for model in models]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"duplicate model names: {', '.join(duplicates)}")
        return models

    def select(self, names: Iterable[str] | None = None) -> list[ModelConfig]:
        """The models called `names` (all models when None), in the file's order.

        Raises ConfigError naming any unknown name and listing the known ones.
        """
        if names is None:
            return list(self.models)
        wanted = list(dict.fromkeys(names))
        known = {model.name for model in self.models}
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise ConfigError(
                f"unknown model {', '.join(map(repr, unknown))}; "
                f"the config has: {', '.join(model.name for model in self.models) or 'none'}"
            )
        return [model for model in self.models if model.name in wanted]

    def manifest_view(self) -> dict[str, Any]:
        """The configuration as JSON-ready data for the run manifest, with keys redacted."""
        view = self.model_dump(mode="json", exclude={"models"})
        view["models"] = [model.manifest_view() for model in self.models]
        return view


def check_credentials(models: Iterable[ModelConfig]) -> None:
    """Fail before any work when a selected model's `${VAR}` was unset at load time.

    Raises CredentialsError with one line per model and variable.
    """
    problems = [
        f"model {model.name!r} ({model.model}) needs ${{{name}}}, which is not set: "
        f"export {name}=... or leave the model out with --models"
        for model in models
        for name in model.missing_env
    ]
    if problems:
        raise CredentialsError("\n".join(problems))


def _location(loc: tuple[Any, ...], document: Any) -> str:
    """`models[1] (gpt-4o).price.input_per_mtok` from pydantic's error location."""
    parts: list[str] = []
    node = document
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
            node = node[item] if isinstance(node, list) and item < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("name"), str):
                parts.append(f" ({node['name']})")
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _describe(detail: Mapping[str, Any]) -> str:
    if detail["type"] == "missing":
        return "missing required field"
    if detail["type"] == "extra_forbidden":
        return "unknown field (check its spelling)"
    message = str(detail["msg"]).removeprefix("Value error, ")
    value = detail.get("input")
    shows_value = detail["type"].endswith(("_type", "_parsing", "literal_error", "enum"))
    if shows_value and not isinstance(value, dict | list):
        message += f" (got {value!r})"
    return message


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConfigError(f"{path}: invalid YAML{where}: {reason}") from None


def load_config(path: str | Path, environ: Mapping[str, str] | None = None) -> BenchConfig:
    """Read and validate a config file, resolving `${VAR}` from `environ` (default os.environ).

    Raises ConfigError with one line per problem, each naming the file and field.
    An empty file gives the defaults with no models.
    """
    path = Path(path)
    document = _read_yaml(path)
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: the top level must be a mapping (models, execution, ...)")
    context = {"environ": os.environ if environ is None else environ}
    try:
        config = BenchConfig.model_validate(document, context=context)
    except ValidationError as error:
        lines = [
            f"{path}: {_location(tuple(detail['loc']), document)}: {_describe(detail)}"
            for detail in error.errors()
        ]
        raise ConfigError("\n".join(lines)) from None
    config._source_dir = path.resolve().parent
    return config

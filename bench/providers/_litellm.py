"""Every hosted or self-hosted model through litellm.

OpenAI, Anthropic, Hugging Face, Ollama, vLLM, any OpenAI-compatible `api_base`.

litellm is imported when the first such provider is created, never at
`import bench.providers` (the import takes seconds). Retries are ours, not
litellm's: litellm's `num_retries` and the OpenAI SDK's `max_retries` are forced to
0 so a 429 is never retried twice over, and our loop honours `Retry-After`.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
import warnings
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import Any

from bench.config import ConfigError, CredentialsError, ModelConfig, RunConfig
from bench.kinds import kind_of
from bench.providers._base import ErrorKind, ModelProvider, ModelResponse, Pricing
from bench.providers._prompt import build_messages
from bench.providers._registry import register_provider
from bench.providers._retry import Backoff, classify, response_headers, retry_after_seconds
from bench.tasks import TaskBase

PROVIDER_ALIASES = {"ollama_chat": "ollama", "hosted_vllm": "hosted_vllm"}
"""litellm route prefixes whose prices are filed under another provider name."""
KEY_ALIASES = {"HUGGINGFACE_API_KEY": ("HF_TOKEN",)}
"""Variables litellm also accepts in place of the one its environment check names."""
TIMEOUT_GRACE_S = 1.0
"""A hard stop this long after `request_timeout`, for routes that time reads, not calls."""
_MAX_ERROR_CHARS = 400


def import_litellm() -> ModuleType:
    """litellm, configured for unattended offline use (local price map, quiet)."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    # litellm's TypedDicts make pydantic warn (at import and at first calls); noise for users
    warnings.filterwarnings(
        "ignore", message=r".*the `ReadOnly` qualifier", category=UserWarning, module="pydantic"
    )
    try:
        import litellm
    except ImportError:
        raise ConfigError(
            "remote models need litellm, which is not installed: pip install 'litellm>=1.50'"
        ) from None
    litellm.suppress_debug_info = True
    return litellm


def _litellm_version() -> str:
    try:
        return version("litellm")
    except PackageNotFoundError:
        return "unknown"


def cost_map_pricing(litellm: ModuleType, model: str) -> Pricing | None:
    """Prices from litellm's cost map, only when the map has an entry for this model.

    litellm answers 0 for models it merely knows the provider of; 0 would be a
    made-up price, so without a real entry the answer is None.
    """
    prefix, _, rest = model.partition("/")
    provider = PROVIDER_ALIASES.get(prefix, prefix) if rest else None
    candidates = [model] if not rest else [model, rest, f"{provider}/{rest}"]
    for key in candidates:
        entry = litellm.model_cost.get(key)
        if not entry or "input_cost_per_token" not in entry or "output_cost_per_token" not in entry:
            continue
        if provider is not None and entry.get("litellm_provider") not in (provider, prefix):
            continue
        return Pricing(
            input_per_mtok=round(entry["input_cost_per_token"] * 1e6, 9),
            output_per_mtok=round(entry["output_cost_per_token"] * 1e6, 9),
            source=f"litellm {_litellm_version()} cost map ({key})",
        )
    return None


def _one_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = lines[0] if lines else ""
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text[:_MAX_ERROR_CHARS]


def _usage(response: Any, text: str) -> tuple[int | None, int | None]:
    """Reported token counts; None where the server reported none.

    litellm fills a missing `usage` with zeros, but a prompt is never 0 tokens and
    a non-empty reply never 0 either: such zeros mean "not reported".
    """
    usage = getattr(response, "usage", None)
    prompt = getattr(usage, "prompt_tokens", None) or None
    completion = getattr(usage, "completion_tokens", None)
    if completion == 0 and text:
        completion = None
    return prompt, completion


@register_provider(default=True)
class LiteLLMProvider(ModelProvider):
    """A model called through `litellm.acompletion`, with our own retries and cost."""

    kind = "litellm"

    def __init__(self, config: ModelConfig, run: RunConfig | None = None):
        super().__init__(config, run)
        self._litellm = import_litellm()
        self._backoff = Backoff(self.run.backoff_initial_s, self.run.backoff_max_s)
        self._rng = random.Random()
        self._pricing = self._resolve_pricing()
        self._check_environment()

    def _resolve_pricing(self) -> Pricing | None:
        price = self.config.price
        if price is not None:
            return Pricing(
                input_per_mtok=price.input_per_mtok,
                output_per_mtok=price.output_per_mtok,
                source="config",
                as_of=price.as_of,
            )
        return cost_map_pricing(self._litellm, self.model)

    def _check_environment(self) -> None:
        """Fail now, not at the first call, when litellm's route needs a key that is unset."""
        if self.config.api_key is not None or self.config.api_base is not None:
            return
        try:
            report = self._litellm.validate_environment(model=self.model)
        except Exception:  # litellm cannot tell for this route: the first call will say
            return
        missing = [
            key
            for key in report.get("missing_keys", [])
            if not key.endswith("_API_BASE")  # a default local endpoint is not a credential
            and not any(os.environ.get(alias) for alias in KEY_ALIASES.get(key, ()))
        ]
        if missing:
            raise CredentialsError(
                f"model {self.name!r} ({self.model}) needs {', '.join(missing)}, which is not "
                f"set: export it, or give api_key: ${{{missing[0]}}} (or api_base) in the config"
            )

    async def aclose(self) -> None:
        """Close litellm's cached HTTP clients (shared by all litellm models).

        Call once, after the run's last model call, in the run's event loop.
        """
        await self._litellm.close_litellm_async_clients()

    def pricing(self) -> Pricing | None:
        """Config override, else litellm's map entry for this model, else None."""
        return self._pricing

    def count_prompt_tokens(self, prompt: str) -> int | None:
        """Prompt tokens by litellm's default tokenizer: an offline estimate for any model."""
        return int(self._litellm.token_counter(messages=build_messages(prompt)))

    def _call_arguments(self, prompt: str, task: TaskBase) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            **self.config.params,
            "model": self.model,
            "messages": build_messages(prompt, kind_of(task).system_prompt),
            "timeout": self.run.request_timeout,
            "num_retries": 0,
            "max_retries": 0,
        }
        if self.config.api_base is not None:
            arguments["api_base"] = self.config.api_base
        if self.config.api_key is not None:
            arguments["api_key"] = self.config.api_key.get_secret_value()
        return arguments

    async def _call_once(self, arguments: dict[str, Any]) -> Any:
        async with asyncio.timeout(self.run.request_timeout + TIMEOUT_GRACE_S):
            return await self._litellm.acompletion(**arguments)

    async def generate(self, prompt: str, task: TaskBase, *, sample: int = 0) -> ModelResponse:
        """One completion, retried on transient failures; failures come back as `error`."""
        arguments = self._call_arguments(prompt, task)
        started = time.perf_counter()
        attempt = 0
        while True:
            attempt += 1
            call_started = time.perf_counter()
            try:
                response = await self._call_once(arguments)
            except Exception as error:  # litellm raises many types; all are this call's failure
                kind = classify(error)
                if not kind.transient or attempt > self.run.max_retries:
                    return self._failure(error, kind, attempt, time.perf_counter() - started)
                wait = self._backoff.delay(
                    attempt, retry_after_seconds(response_headers(error)), self._rng
                )
                await asyncio.sleep(wait)
                continue
            seconds = time.perf_counter() - call_started
            try:
                return self._success(response, task, attempt, seconds)
            except (AttributeError, IndexError, KeyError, TypeError) as error:  # no usable reply
                return self._failure(error, ErrorKind.OTHER, attempt, seconds)

    def _success(
        self, response: Any, task: TaskBase, attempts: int, seconds: float
    ) -> ModelResponse:
        text = response.choices[0].message.content or ""
        prompt_tokens, completion_tokens = _usage(response, text)
        cost = self._pricing.cost(prompt_tokens, completion_tokens) if self._pricing else None
        return ModelResponse(
            code=kind_of(task).extract(text, task),
            text=text,
            response_time_s=seconds,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
            model_version=getattr(response, "model", None) or None,
            attempts=attempts,
        )

    def _failure(
        self, error: BaseException, kind: ErrorKind, attempts: int, seconds: float
    ) -> ModelResponse:
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        message = _one_line(error)
        if kind is ErrorKind.TIMEOUT and ":" not in message:
            message += f": no reply within {self.run.request_timeout:g} s"
        return ModelResponse(
            error=message + tries,
            error_kind=kind,
            response_time_s=seconds,
            attempts=attempts,
        )

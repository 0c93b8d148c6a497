"""Projecting a run's spend before the first call, so a cap can refuse to start."""

from __future__ import annotations

from bench.config import ModelConfig
from bench.providers import ModelProvider, render_prompt
from bench.runner._plan import WorkItem

DEFAULT_MAX_OUTPUT_TOKENS = 2048
CHARS_PER_TOKEN = 4
SYSTEM_OVERHEAD_TOKENS = 60


def project_cost(
    items: list[WorkItem], providers: dict[str, ModelProvider], models: list[ModelConfig]
) -> float | None:
    """An upper estimate of the spend: every prompt in full, every reply at max_tokens.

    Prompt tokens come from the provider's tokenizer where it has one, else
    characters / 4. None when a priced-by-the-call model has no known price.
    """
    by_name = {model.name: model for model in models}
    total = 0.0
    for item in items:
        provider = providers[item.model]
        if provider.is_baseline:
            continue
        pricing = provider.pricing()
        if pricing is None:
            return None
        prompt = render_prompt(item.task)
        prompt_tokens = provider.count_prompt_tokens(prompt) or (
            len(prompt) // CHARS_PER_TOKEN + SYSTEM_OVERHEAD_TOKENS
        )
        max_tokens = int(by_name[item.model].params.get("max_tokens", DEFAULT_MAX_OUTPUT_TOKENS))
        total += pricing.cost(prompt_tokens, max_tokens) or 0.0
    return total

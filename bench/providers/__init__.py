"""Model providers: what turns a task into code.

`create_provider(model_config, run_config)` picks the class registered for the
model string: the offline baselines (`baseline/reference`, `baseline/null`,
`baseline/mutant`), or litellm for everything else. Precomputed samples files
are served by `SamplesProvider.from_file`. litellm itself is imported only when
a litellm provider is created, never by importing this package.
"""

from bench.kinds import Mutant, all_single_mutants, choose_mutant, extract_code, null_stub
from bench.providers._base import ErrorKind, ModelProvider, ModelResponse, Pricing
from bench.providers._baselines import (
    BaselineProvider,
    MutantBaseline,
    NullBaseline,
    ReferenceBaseline,
)
from bench.providers._litellm import LiteLLMProvider
from bench.providers._prompt import (
    PROMPT_TEMPLATE_VERSION,
    SYSTEM_PROMPT,
    build_messages,
    prompt_is_code,
    render_prompt,
    system_prompt,
)
from bench.providers._registry import (
    create_provider,
    provider_class,
    register_provider,
    registered_models,
)
from bench.providers._samples import SamplesError, SamplesProvider, read_samples

__all__ = [
    "PROMPT_TEMPLATE_VERSION",
    "SYSTEM_PROMPT",
    "BaselineProvider",
    "ErrorKind",
    "LiteLLMProvider",
    "ModelProvider",
    "ModelResponse",
    "Mutant",
    "MutantBaseline",
    "NullBaseline",
    "Pricing",
    "ReferenceBaseline",
    "SamplesError",
    "SamplesProvider",
    "all_single_mutants",
    "build_messages",
    "choose_mutant",
    "create_provider",
    "extract_code",
    "null_stub",
    "prompt_is_code",
    "provider_class",
    "read_samples",
    "register_provider",
    "registered_models",
    "render_prompt",
    "system_prompt",
]

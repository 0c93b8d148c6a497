"""Which provider class serves a model string, by registration decorator.

Built-in providers register through the same decorator a third party uses; a
third-party package can also expose its module under the `bench.providers`
entry-point group, which is imported the first time a model string is looked up.
Keys are exact model strings (`baseline/null`) or prefixes ending in `/`
(`myvendor/`); the default provider (litellm) takes everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from bench.config import ConfigError, ModelConfig, RunConfig, check_credentials
from bench.providers._base import ModelProvider

ENTRY_POINT_GROUP = "bench.providers"

_registry: dict[str, type[ModelProvider]] = {}
_default: list[type[ModelProvider]] = []
_entry_points_loaded = False


def register_provider(
    *keys: str, default: bool = False
) -> Callable[[type[ModelProvider]], type[ModelProvider]]:
    """Class decorator: serve the model strings `keys` (exact, or prefixes ending in `/`).

    With `default=True` the class serves every model string no key matches.
    """

    def decorate(cls: type[ModelProvider]) -> type[ModelProvider]:
        for key in keys:
            _registry[key] = cls
        if default:
            _default[:] = [cls]
        return cls

    return decorate


def _load_entry_points() -> None:
    """Import third-party provider modules once; their decorators register them."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry_point.load()
        if isinstance(loaded, type) and issubclass(loaded, ModelProvider):
            _registry.setdefault(entry_point.name, loaded)


def registered_models() -> list[str]:
    """Registered keys (exact model strings and prefixes), sorted."""
    _load_entry_points()
    return sorted(_registry)


def provider_class(model: str) -> type[ModelProvider]:
    """The class serving `model`: exact key, else longest prefix key, else the default.

    A model string in a namespace that has exact keys (like `baseline/`) but
    matches none of them is a typo, not a litellm model: ConfigError.
    """
    _load_entry_points()
    if model in _registry:
        return _registry[model]
    prefixes = [key for key in _registry if key.endswith("/") and model.startswith(key)]
    if prefixes:
        return _registry[max(prefixes, key=len)]
    namespace = model.split("/", 1)[0] + "/"
    siblings = sorted(key for key in _registry if key.startswith(namespace))
    if siblings:
        known = ", ".join(siblings)
        raise ConfigError(f"unknown model {model!r}; known under {namespace}: {known}")
    if not _default:
        raise ConfigError(f"no provider serves {model!r}")
    return _default[0]


def create_provider(config: ModelConfig, run: RunConfig | None = None) -> ModelProvider:
    """A provider for one configured model, checked before any work starts.

    Raises CredentialsError when the model's `${VAR}` key was unset or its
    provider lacks a key it needs, and ConfigError for an unknown model string.
    """
    check_credentials([config])
    return provider_class(config.model)(config, run or RunConfig())

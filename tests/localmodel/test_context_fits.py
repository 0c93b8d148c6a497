"""The embedded model's context holds the longest prompt of the suite, every kind included.

A prompt longer than the context is cut or refused by llama.cpp, and the model would
be scored on a task it never saw whole. Prompts are counted with litellm's offline
tokenizer (cl100k) and given 50% headroom, since SmolLM2's vocabulary splits code
into more tokens.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.config import load_config
from bench.kinds import kind_of
from bench.providers import build_messages
from bench.tasks import load_tasks

REPO = Path(__file__).resolve().parents[2]
HEADROOM = 1.5


def test_the_local_models_context_holds_every_prompt_and_its_reply():
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    config = load_config(REPO / "bench.yaml")
    (local,) = [model for model in config.models if model.local is not None]
    reply = int(local.params.get("max_tokens", 0))
    longest = 0
    for task in load_tasks([REPO / "tasks"]):
        kind = kind_of(task)
        messages = build_messages(kind.render_prompt(task), kind.system_prompt)
        longest = max(longest, int(litellm.token_counter(messages=messages)))
    assert longest * HEADROOM + reply <= local.local.ctx_size, (longest, local.local.ctx_size)

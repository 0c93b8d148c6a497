"""Is a task a near-duplicate of another? Normalised prompt similarity against the suite.

Prompts are normalised (lower case, words and numbers only, so reflowing,
punctuation and Markdown do not matter), then compared three ways; the largest
wins:

- difflib's ratio of the two word sequences (a reworded copy keeps most words in
  order: changing every fifth word still scores about 0.8);
- Jaccard similarity of the sets of overlapping 3-word shingles;
- containment: the share of the smaller prompt's shingles found in the larger (a
  copy with a paragraph added stays a copy).

Renaming the function alone changes a few words only, so a renamed copy is still
caught. On the 2026-11 suite, unrelated prompts score at most 0.33 (two tasks
about ticket counters); the default limit is 0.6. difflib runs only where its
cheap upper bound (its `quick_ratio`, from word counts) reaches the limit, so the
check stays fast on thousands of tasks.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.tasks import TaskBase

SHINGLE_WORDS = 3


@dataclass(frozen=True)
class Prompt:
    """A prompt, normalised for comparison."""

    words: tuple[str, ...]
    shingles: frozenset[tuple[str, ...]]
    counts: Counter[str] = field(compare=False)

    @classmethod
    def of(cls, text: str) -> Prompt:
        """Normalise `text`: its lower-case words and their `SHINGLE_WORDS`-word runs."""
        words = tuple(re.findall(r"[a-z0-9]+", text.lower()))
        size = min(SHINGLE_WORDS, len(words))
        runs = (
            frozenset(words[i : i + size] for i in range(len(words) - size + 1))
            if words
            else frozenset()
        )
        return cls(words, runs, Counter(words))


def similarity(left: Prompt, right: Prompt, limit: float = 0.0) -> float:
    """0..1: the largest of word-sequence ratio, shingle Jaccard and shingle containment.

    The word-sequence ratio is computed only when it could reach `limit`; below, the
    result may understate it (never overstate), which is all a threshold test needs.
    """
    if not left.words or not right.words:
        return 0.0
    shared = len(left.shingles & right.shingles)
    score = max(
        shared / len(left.shingles | right.shingles),
        shared / min(len(left.shingles), len(right.shingles)),
    )
    if _ratio_bound(left, right) >= max(limit, score):
        matcher = difflib.SequenceMatcher(None, left.words, right.words, autojunk=False)
        score = max(score, matcher.ratio())
    return score


def _ratio_bound(left: Prompt, right: Prompt) -> float:
    """The `quick_ratio` of difflib (an upper bound of `ratio`) from precomputed word counts."""
    small, large = sorted((left.counts, right.counts), key=len)
    shared = sum(min(count, large[word]) for word, count in small.items() if word in large)
    return 2.0 * shared / (len(left.words) + len(right.words))


@dataclass(frozen=True)
class NearDuplicate:
    """A task whose prompt is too close to another's."""

    task_id: str
    other_id: str
    score: float
    """similarity(), 0..1, rounded to 3 digits."""


def near_duplicates(
    tasks: Sequence[TaskBase], suite: Sequence[TaskBase], limit: float
) -> list[NearDuplicate]:
    """Pairs (task in `tasks`, other task in `suite`) whose prompts reach `limit`.

    A task is never compared with itself (same id), nor with a task of another kind:
    the same specification asked as a function and as a testgen task (`from_task`) is
    two different jobs, not a duplicate. `suite` is usually every task under
    --tasks-dir, so a new task is checked against the whole benchmark.
    """
    others = [(other.id, other.kind, Prompt.of(other.prompt)) for other in suite]
    found = []
    for task in tasks:
        mine = Prompt.of(task.prompt)
        for other_id, other_kind, theirs in others:
            if other_id == task.id or other_kind != task.kind:
                continue
            score = similarity(mine, theirs, limit)
            if score >= limit:
                found.append(NearDuplicate(task.id, other_id, round(score, 3)))
    return found

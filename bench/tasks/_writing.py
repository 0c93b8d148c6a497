"""Writing tasks back to YAML, readable by people (block scalars for code and prose)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.tasks._model import TaskBase


class _TaskDumper(yaml.SafeDumper):
    """A dumper that writes multi-line strings as `|` blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_TaskDumper.add_representer(str, _represent_str)

_FIELD_ORDER = (
    "id",
    "kind",
    "difficulty",
    "title",
    "prompt",
    "entry_point",
    "tests",
    "test_code",
    "compare",
    "tolerance",
    "reference_solution",
    "efficiency",
    "metadata",
)
"""The documented order; a kind's own fields follow the shared ones, in model order."""


def task_to_yaml(task: TaskBase) -> str:
    """The task as YAML, fields in the documented order, defaults left out."""
    data = task.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("metadata", {})["added"] = task.metadata.added.isoformat()
    for test, written in zip(getattr(task, "tests", []), data.get("tests", []), strict=False):
        if test.raises is None and "expected" not in written:
            written["expected"] = None  # `expected: null` is a value, not a default to drop
    ordered = {key: data[key] for key in _FIELD_ORDER if key in data}
    ordered.update({key: value for key, value in data.items() if key not in ordered})
    return yaml.dump(ordered, Dumper=_TaskDumper, sort_keys=False, allow_unicode=True, width=100)


def write_task(task: TaskBase, out_dir: str | Path) -> Path:
    """Write `task` to `out_dir/<difficulty>/<id>.yaml` and return the path."""
    path = Path(out_dir) / task.difficulty.value / f"{task.id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(task_to_yaml(task), encoding="utf-8")
    return path

"""`bench tasks new`: a task file from its kind's template, valid from the start.

Each kind ships a template (`bench/kinds/templates/<kind>.yaml`, placeholders
`$task_id`, `$difficulty`, `$function`, `$today`, `$path`) that is a working task:
it loads, and its reference passes, so an author can run `bench tasks validate
--strict` on it at once and watch the checks go from the template's answers to
theirs. Every place to edit says TODO; docs/adding-tasks.md explains each field.
"""

from __future__ import annotations

import datetime as dt
import keyword
import string
from pathlib import Path

from bench.kinds import available_kinds
from bench.tasks import Difficulty, is_kebab_id, load_task_file

TEMPLATES = Path(__file__).resolve().parent.parent / "kinds" / "templates"
"""One `<kind>.yaml` template per task kind."""


class ScaffoldError(ValueError):
    """The task cannot be scaffolded (bad id, file exists); the message says why."""


def template_kinds() -> list[str]:
    """The kinds `bench tasks new --kind` can write (registered, with a template)."""
    return [kind for kind in available_kinds() if (TEMPLATES / f"{kind}.yaml").is_file()]


def scaffold_task(
    task_id: str, difficulty: Difficulty, tasks_dir: Path, kind: str = "function"
) -> Path:
    """Write `<tasks_dir>/<difficulty>/<task_id>.yaml` from `kind`'s template; return its path."""
    if kind not in template_kinds():
        raise ScaffoldError(f"no template for kind {kind!r}; one of {', '.join(template_kinds())}")
    if not is_kebab_id(task_id):
        raise ScaffoldError(f"task id {task_id!r} must be kebab-case, e.g. merge-intervals")
    path = tasks_dir / difficulty.value / f"{task_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} exists; choose another id or edit that file")
    function = task_id.replace("-", "_")
    if not function.isidentifier() or keyword.iskeyword(function):
        function = f"solve_{function}"
    template = string.Template((TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8"))
    text = template.substitute(
        path=path.as_posix(),
        task_id=task_id,
        difficulty=difficulty.value,
        function=function,
        today=dt.date.today().isoformat(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    load_task_file(path)  # the template must stay a valid task
    return path

"""The `multifile` kind: change a small project (several modules) as asked.

The model sees the change request and every file of the project; it answers with each
file it changes or adds, in full (see `_files_extract` for the accepted forms). Paths
are checked in the trusted process before anything runs: a bad one makes the attempt
`error` with the reason, never a sandbox fault. The sandbox lays out `files` updated
with the answer and runs the task's trusted `test_code`; each top-level `test_*` is
one verdict with its weight. Quality is scored on the changed and added Python files.
"""

from __future__ import annotations

import ast
import hashlib
from typing import Any, ClassVar

from bench._pyast import parse_python
from bench.kinds._base import BaselineAnswer, BaselineRole, Judgement, TaskKind, register_kind
from bench.kinds._debug import changed_lines
from bench.kinds._files_extract import extract_files, read_files, render_files
from bench.kinds._mutation import all_single_mutants
from bench.sandbox import ExecutionResult, Executor, TestVerdict, run_project
from bench.tasks import MAX_PROJECT_FILE_BYTES, MAX_PROJECT_FILES, MultifileTask
from bench.tasks import check_project_path as _check_path

SYSTEM_PROMPT = (
    "You are an expert Python programmer working in an existing project. Make the change "
    "the request asks for, across whichever modules it needs, keeping the project's style "
    "and the public names other modules and tests use. Reply with every file you change or "
    "add, each in full (not a diff) in its own fenced block whose opening fence names the "
    "file's path relative to the project root, like ```python path=pkg/module.py . Use "
    "only the standard library. Do not include tests, example usage, input() or print()."
)

_USER = (
    "Change request:\n\n{request}\n\nThe project ({count} files):\n\n{files}\n\n"
    "Reply with each file you change or add, in full, each in a block opening with "
    "```python path=<path> (for example ```python path={example}). Leave out the files "
    "you do not change."
)


def answer_problem(files: dict[str, str], task: MultifileTask) -> str | None:
    """Why the answer's files cannot be laid out (a path or size refused), or None."""
    project = task.project_with(files)
    if len(project) > MAX_PROJECT_FILES:
        return f"the project would hold {len(project)} files, at most {MAX_PROJECT_FILES}"
    for path, content in files.items():
        try:
            _check_path(path)
        except ValueError as error:
            return f"refused path: {error}"
        if len(content.encode("utf-8", "surrogatepass")) > MAX_PROJECT_FILE_BYTES:
            return f"{path} is over {MAX_PROJECT_FILE_BYTES} bytes"
    folders: set[str] = set()
    for path in project:
        parts = path.split("/")
        folders.update("/".join(parts[:end]) for end in range(1, len(parts)))
    clashes = sorted(path for path in project if path in folders)
    if clashes:
        return f"refused path: {clashes[0]} is both a file and a folder (a link or a clash)"
    return None


def _project_import(node: ast.Import | ast.ImportFrom, tops: set[str]) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] in tops
    return any(alias.name.split(".")[0] in tops for alias in node.names)


def combined_python(files: dict[str, str], project: dict[str, str]) -> str:
    """The Python files as one module for the quality score: imports first, then bodies.

    The score's linter reads one module, so the imports of every file are hoisted (no
    import-order findings of the joining's own), and imports of the project's own
    modules are dropped (joined, they would redefine the names they import).
    """
    tops = {path.split("/")[0].removesuffix(".py") for path in project}
    imports: list[str] = []
    bodies: list[str] = []
    for path in sorted(p for p in files if p.endswith(".py")):
        lines = files[path].splitlines()
        try:
            tree = parse_python(files[path])
        except (SyntaxError, ValueError):
            bodies.append(files[path])
            continue
        taken: set[int] = set()
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom) and node.end_lineno is not None:
                span = range(node.lineno - 1, node.end_lineno)
                if not _project_import(node, tops):
                    imports.extend(line for line in (lines[i] for i in span) if line not in imports)
                taken.update(span)
        bodies.append("\n".join(line for i, line in enumerate(lines) if i not in taken).strip())
    header = "\n".join(imports) + "\n\n\n" if imports else ""
    return header + "\n\n\n".join(body for body in bodies if body) + "\n"


def file_changes(files: dict[str, str], task: MultifileTask) -> dict[str, Any]:
    """What the answer did to the project: files changed, added, and changed lines."""
    changed = sorted(p for p, text in files.items() if p in task.files and task.files[p] != text)
    added = sorted(path for path in files if path not in task.files)
    lines = sum(changed_lines(task.files.get(path, ""), files[path]) for path in changed + added)
    return {"files_changed": changed, "files_added": added, "changed_lines": lines}


@register_kind
class MultifileKind(TaskKind[MultifileTask]):
    """Change a small project across modules; judged by the task's trusted tests."""

    name: ClassVar[str] = "multifile"
    model: ClassVar[type[MultifileTask]] = MultifileTask
    system_prompt: ClassVar[str] = SYSTEM_PROMPT

    def render_prompt(self, task: MultifileTask) -> str:
        """The request, then every file with its path on the fence, then the answer format."""
        blocks = "\n\n".join(
            render_files({path: content}).rstrip("\n") for path, content in task.files.items()
        )
        example = next(iter(task.reference_files))
        return _USER.format(
            request=task.prompt.strip("\n"), count=len(task.files), files=blocks, example=example
        )

    def extract(self, text: str, task: MultifileTask) -> str:
        """The files of the reply, in the canonical stored form ("" when it names none)."""
        files = extract_files(text)
        return render_files(files) if files else ""

    def judge(
        self, answer: str, task: MultifileTask, executor: Executor, repeats: int
    ) -> Judgement:
        """Check the paths, lay out the project with the answer, run the trusted tests."""
        files = read_files(answer)
        details: dict[str, Any] = file_changes(files, task)
        problem = answer_problem(files, task)
        if problem is not None:
            return Judgement(self._refused(task, problem, executor.name), details=details)
        result = self.run_tests(task.project_with(files), task, executor)
        python = {path: files[path] for path in details["files_changed"] + details["files_added"]}
        code = (
            combined_python(python, task.project_with(files))
            if any(p.endswith(".py") for p in python)
            else None
        )
        return Judgement(result=result, details=details, quality_code=code)

    def run_tests(
        self, project: dict[str, str], task: MultifileTask, executor: Executor
    ) -> ExecutionResult:
        """The task's tests over `project` (checked paths) in one sandbox run."""
        weights = {name: task.test_weight(name) for name in task.test_functions}
        return run_project(executor, project, task.test_code, weights, task.timeout)[0].result

    def _refused(self, task: MultifileTask, problem: str, sandbox: str) -> ExecutionResult:
        """Every test `error`, not run: the answer could not be laid out."""
        verdicts = [
            TestVerdict(
                index=index,
                name=name,
                verdict="error",
                weight=task.test_weight(name),
                error_type="RefusedAnswer",
                error_message=f"not run: {problem}",
            )
            for index, name in enumerate(task.test_functions)
        ]
        total = sum(verdict.weight for verdict in verdicts)
        return ExecutionResult(
            status="error", tests=verdicts, total_weight=total, error=problem, sandbox=sandbox
        )

    def tests_total(self, task: MultifileTask) -> int:
        """One verdict per top-level test function."""
        return len(task.test_functions)

    def baseline(
        self, role: BaselineRole, task: MultifileTask, seed: int, key: str
    ) -> BaselineAnswer:
        """Reference: the reference files; null: no file changed; mutant: one seeded fault."""
        if role is BaselineRole.REFERENCE:
            return BaselineAnswer(render_files(task.reference_files), "baseline: reference files")
        if role is BaselineRole.NULL:
            return BaselineAnswer("", "baseline: no file changed")
        return mutant_files(task, seed, key)

    def page_parts(self, answer: str, task: MultifileTask) -> dict[str, Any]:
        """The answer's files (path -> content) and the project's, for the file tree and diffs."""
        return {"files": read_files(answer), "project": task.files}

    def strict_problems(self, task: MultifileTask, executor: Executor) -> list[str]:
        """`files` alone fail a test; `files` + `reference_files` pass every test."""
        problems = []
        before = self.run_tests(task.files, task, executor)
        after = self.run_tests(task.project_with(task.reference_files), task, executor)
        for label, result in (("files", before), ("files + reference_files", after)):
            if result.status == "sandbox_error":
                problems.append(f"{label}: the sandbox failed: {result.error}")
        if before.status == "passed":
            problems.append("files: pass every test, so the request asks for nothing tested")
        if after.status not in ("passed", "sandbox_error"):
            failing = [t.name for t in after.tests if t.verdict != "passed"]
            problems.append(f"files + reference_files: fail {failing or after.error}")
        return problems


def mutant_files(task: MultifileTask, seed: int, key: str) -> BaselineAnswer:
    """The reference files with one seeded mutation in one Python file (chosen by seed, key)."""
    sites = [
        (path, mutant)
        for path in sorted(task.reference_files)
        if path.endswith(".py")
        for mutant in _mutants(task.reference_files[path])
    ]
    if not sites:
        answer = render_files(task.reference_files)
        return BaselineAnswer(answer, "baseline: no mutation point, reference files unchanged")
    digest = hashlib.sha256(f"{seed}\0{key}".encode()).digest()
    path, mutant = sites[int.from_bytes(digest[:8], "big") % len(sites)]
    files = {**task.reference_files, path: mutant.source}
    return BaselineAnswer(
        render_files(files),
        f"baseline: mutant, {mutant.description} at {path} line {mutant.line}",
    )


def _mutants(source: str) -> list[Any]:
    try:
        return all_single_mutants(source)
    except SyntaxError:
        return []

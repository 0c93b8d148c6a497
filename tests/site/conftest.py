"""A small synthetic results folder with markup in every field a stranger controls, built once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.site import BuildReport, build_site
from tests.site.synthetic import (
    synthetic_model_names,
    write_synthetic_results,
    write_synthetic_tasks,
)

PAYLOADS = ("</script><script>alert(1)</script>", "<img src=x onerror=alert(2)>")


@dataclass
class BuiltSite:
    """A built site and what it was built from."""

    results: Path
    tasks: Path
    out: Path
    report: BuildReport
    models: list[str]


@pytest.fixture(scope="session")
def xss_site(tmp_path_factory) -> BuiltSite:
    """3 weekly runs of 5 models on 12 tasks; two models are named by the payloads."""
    root = tmp_path_factory.mktemp("xss-site")
    tasks = write_synthetic_tasks(root / "tasks", 12, seed=3, payloads=PAYLOADS)
    models = [*synthetic_model_names(3), *PAYLOADS]
    write_synthetic_results(root / "results", tasks, models, runs=3, payload="".join(PAYLOADS))
    report = build_site(root / "results", root / "tasks", root / "site", workers=2)
    return BuiltSite(root / "results", root / "tasks", root / "site", report, models)

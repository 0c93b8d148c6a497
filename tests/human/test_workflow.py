"""votes.yml never runs pull-request code in its privileged context."""

from __future__ import annotations

import yaml

from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "votes.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_trigger_and_permissions_are_narrow():
    workflow = _workflow()
    trigger = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert list(trigger) == ["pull_request_target"]
    assert trigger["pull_request_target"]["paths"] == ["human/votes/**"]
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_no_checkout_of_the_pull_request_and_no_secrets():
    (job,) = _workflow()["jobs"].values()
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text
    for step in job["steps"]:
        if str(step.get("uses", "")).startswith("actions/checkout"):
            assert step["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in step.get("run", ""), f"interpolation in a script: {step.get('name')}"
    validate = next(s for s in job["steps"] if s.get("id") == "validate")
    assert validate["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert '--author "$AUTHOR"' in validate["run"]

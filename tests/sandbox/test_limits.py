import pytest

from bench.sandbox import SandboxLimits, SandboxUnavailable, available_executors, make_executor
from bench.sandbox._executor import parse_size


@pytest.mark.parametrize(
    ("text", "size"),
    [("512m", 512 << 20), ("1g", 1 << 30), ("64k", 64 << 10), ("1000", 1000), ("1.5g", 3 << 29)],
)
def test_parse_size(text, size):
    assert parse_size(text) == size


def test_parse_size_rejects_nonsense():
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")


def test_limits_defaults_match_the_design():
    limits = SandboxLimits()
    assert (limits.workers, limits.memory, limits.cpus, limits.timeout) == (2, "512m", 1.0, 5.0)


def test_unknown_executor_is_a_one_line_error():
    with pytest.raises(
        SandboxUnavailable, match="unknown sandbox 'vm'; choose one of docker, process"
    ):
        make_executor("vm")
    assert available_executors() == ["docker", "process"]


def test_docker_without_an_engine_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    with pytest.raises(SandboxUnavailable) as raised:
        make_executor("docker")
    message = str(raised.value)
    assert "no Docker engine answers" in message and "\n" not in message
    assert "--sandbox process" in message

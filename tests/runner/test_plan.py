from __future__ import annotations

import pytest

from bench.runner import Shard, plan_items
from bench.tasks import Task
from tests.factories import make_tasks


def tasks(n: int) -> list[Task]:
    return make_tasks(n)


def test_shard_parse_and_errors():
    assert Shard.parse("2/3") == Shard(2, 3)
    for bad in ("0/3", "4/3", "a/b", "3"):
        with pytest.raises(ValueError, match="K/N"):
            Shard.parse(bad)


def test_shards_partition_the_run():
    suite = tasks(7)
    whole = {item.key for item in plan_items(["a", "b"], suite, 3)}
    assert len(whole) == 2 * 7 * 3
    parts = [
        {item.key for item in plan_items(["a", "b"], suite, 3, Shard(k, 4))} for k in (1, 2, 3, 4)
    ]
    assert set().union(*parts) == whole
    assert sum(len(part) for part in parts) == len(whole)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_done_items_are_skipped():
    suite = tasks(2)
    done = {("a", "task-0", 0, 0)}
    keys = [item.key for item in plan_items(["a"], suite, 1, done=done)]
    assert keys == [("a", "task-1", 0, 0)]

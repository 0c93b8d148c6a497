from __future__ import annotations

import datetime as dt

import pytest

from bench.results import RUN_ID_PATTERN, is_run_id, new_run_id


def test_format_matches_design():
    now = dt.datetime(2026, 11, 24, 19, 10, 42, tzinfo=dt.UTC)
    assert new_run_id(now, suffix="3fa2c1") == "2026-11-24T1910Z-3fa2c1"


def test_other_time_zones_are_converted_to_utc():
    paris = dt.timezone(dt.timedelta(hours=1))
    now = dt.datetime(2026, 11, 24, 20, 10, tzinfo=paris)
    assert new_run_id(now, suffix="000000") == "2026-11-24T1910Z-000000"


def test_ids_sort_by_time():
    times = [dt.datetime(2026, month, 1, 9, 5, tzinfo=dt.UTC) for month in (11, 2, 10, 1)]
    ids = [new_run_id(t) for t in times]
    assert [ids[i] for i in (3, 1, 2, 0)] == sorted(ids)


def test_random_suffixes_differ_and_validate():
    ids = {new_run_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(RUN_ID_PATTERN.match(run_id) and is_run_id(run_id) for run_id in ids)
    assert not is_run_id("my-run")


def test_naive_time_and_bad_suffix_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        new_run_id(dt.datetime(2026, 11, 24, 19, 10))
    with pytest.raises(ValueError, match="six lowercase hex"):
        new_run_id(dt.datetime(2026, 11, 24, tzinfo=dt.UTC), suffix="XYZ")

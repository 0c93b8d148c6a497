"""The site draws every status and tier the enums define, from the enums themselves."""

from __future__ import annotations

from bench.results import INFRA_STATUSES, AttemptStatus
from bench.site._render import KNOWN_STATUSES, KNOWN_TIERS
from bench.site._suite_pages import CELL_CLASSES
from bench.tasks import Difficulty


def test_known_values_are_the_enums():
    assert {status.value for status in AttemptStatus} == KNOWN_STATUSES
    assert {tier.value for tier in Difficulty} == KNOWN_TIERS


def test_every_status_has_a_matrix_cell_and_infra_shares_one():
    assert set(CELL_CLASSES) == set(AttemptStatus)
    assert {CELL_CLASSES[status] for status in INFRA_STATUSES} == {"i"}
    assert CELL_CLASSES["passed"] == "p"  # rows read from Parquet hold plain strings

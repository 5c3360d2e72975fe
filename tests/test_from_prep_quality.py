"""`--from-prep` on simulated candidates with seeded weak points (a fast subset of
benchmarks/prep_aim.py): the weakest points are asked first, and the report's readiness agrees
with what was seeded."""

import os

import pytest

from tests.prep_simulation import (
    Verdicts,
    first_questions_share,
    seeded_interview,
    share_profiles,
)
from tests.simulated_candidates import load_scripts

SEEDS = range(4)


@pytest.fixture(autouse=True)
def _home(isolated_home):
    return isolated_home


@pytest.fixture(scope="module")
def verdicts() -> Verdicts:
    found = Verdicts()
    saved_fsync, os.fsync = os.fsync, lambda fd: None  # measures the interviews, not the disk
    try:
        for script in load_scripts():
            for seed in SEEDS:
                seeded_interview(script, seed, found)
    finally:
        os.fsync = saved_fsync
    return found


def _share(aimed: bool) -> float:
    pairs = [first_questions_share(p, seed, aimed) for _, p in share_profiles() for seed in SEEDS]
    return sum(hit for hit, _ in pairs) / sum(wanted for _, wanted in pairs)


def test_the_weakest_points_are_tested_within_the_first_three_questions():
    aimed, plain = _share(True), _share(False)
    assert aimed == 1.0
    assert plain <= 0.8  # without the aim, a third of them wait or are never asked


def test_a_point_seeded_weak_is_reported_still_thin(verdicts):
    agreeing, total = verdicts.agreeing("weak")
    assert total >= 40 and agreeing / total >= 0.85
    for way in ("no_example", "we_not_i", "dodge"):
        agreeing, total = verdicts.agreeing("weak", way=way)
        assert total and agreeing == total, way


def test_a_point_seeded_strong_is_mostly_reported_ready(verdicts):
    agreeing, total = verdicts.agreeing("strong")
    assert total >= 40 and agreeing / total >= 0.65


def test_every_aimed_point_is_reached_and_judged(verdicts):
    assert {r.said for r in verdicts.rows} <= {"ready", "thin"}

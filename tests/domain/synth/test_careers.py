"""The career model: episodes and the spells cut from them."""

from __future__ import annotations

import numpy as np
import pytest

from doorstroom.domain.synth import careers
from doorstroom.domain.synth.parameters import IM_START, LDE_DECREE, CareerParameters
from doorstroom.domain.synth.timeline import EXTRACTION, HISTORY_START, OPEN, YEAR


@pytest.fixture(scope="module")
def chunk() -> tuple[careers.Episodes, careers.Spells]:
    rng = np.random.default_rng(42)
    episodes = careers.simulate_careers(4_000, rng)
    return episodes, careers.expand_spells(episodes, rng)


def test_same_generator_state_gives_the_same_careers() -> None:
    first = careers.simulate_careers(500, np.random.default_rng(3))
    second = careers.simulate_careers(500, np.random.default_rng(3))
    for name in ("person", "kind", "start", "end", "same_employer"):
        assert np.array_equal(getattr(first, name), getattr(second, name))


def test_episodes_follow_each_other(
    chunk: tuple[careers.Episodes, careers.Spells],
) -> None:
    episodes, _ = chunk
    assert np.array_equal(np.unique(episodes.person), np.arange(4_000))
    same_person = episodes.person[1:] == episodes.person[:-1]
    assert np.all(episodes.start[1:][same_person] > episodes.end[:-1][same_person])
    assert np.all(episodes.start <= EXTRACTION)
    assert np.all(
        (episodes.end >= episodes.start)
        & ((episodes.end <= EXTRACTION) | (episodes.end == OPEN))
    )
    # everyone has a WOP dossier; IM exists only once it is in force
    has_dossier = np.zeros(4_000, dtype=bool)
    has_dossier[episodes.person[episodes.kind <= careers.IM]] = True
    assert has_dossier.all()
    assert np.all(episodes.start[episodes.kind == careers.IM] >= IM_START)
    lde = episodes.kind == careers.LDE
    assert np.all(episodes.start[lde] < IM_START)
    after_decree = lde & (episodes.start >= LDE_DECREE) & (episodes.end != OPEN)
    assert np.all(
        episodes.end[after_decree] - episodes.start[after_decree] < 5 * YEAR + 1
    )
    # a renewal or IM-to-regular move keeps the employer, and only follows a dossier
    kept = np.flatnonzero(episodes.same_employer)
    assert np.all(episodes.person[kept - 1] == episodes.person[kept])
    assert np.all(episodes.kind[kept - 1] <= careers.IM)


def test_spells_tile_their_episodes(
    chunk: tuple[careers.Episodes, careers.Spells],
) -> None:
    episodes, spells = chunk
    assert np.all(spells.end >= spells.start)
    assert np.all(spells.end >= HISTORY_START)
    assert np.array_equal(spells.person, episodes.person[spells.episode])
    first = np.r_[True, spells.episode[1:] != spells.episode[:-1]]
    last = np.r_[spells.episode[1:] != spells.episode[:-1], True]
    assert np.array_equal(spells.start[first], episodes.start)
    assert np.array_equal(spells.end[last], episodes.end)
    following = ~first
    gap = spells.start[following] - spells.end[np.flatnonzero(following) - 1]
    interim = episodes.kind[spells.episode[following]] == careers.INTERIM
    assert np.all(gap[~interim] == 1)  # contracts follow each other day by day
    assert np.all(
        (gap[interim] >= 1) & (gap[interim] <= CareerParameters().interim_gap_max + 1)
    )


def test_hours_are_realistic(chunk: tuple[careers.Episodes, careers.Spells]) -> None:
    _, spells = chunk
    known = spells.hours[~np.isnan(spells.hours)]
    assert set(np.unique(known)) <= {19.0, 22.8, 24.0, 28.5, 30.4, 36.0, 38.0, 40.0}
    assert 0.005 < np.isnan(spells.hours).mean() < 0.03
    assert 0.2 < (known < 38).mean() < 0.7  # part-time is common

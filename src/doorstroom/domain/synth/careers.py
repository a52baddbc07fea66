"""Vectorised career model: who works where, from when to when.

A career is a sequence of *episodes*: a WOP dossier (CM, LDE or IM: the employment
with one employer under one work support package), a regular NEC job, a run of
interim jobs, or a period without work (not recorded). Persons move between
episodes by the probabilities of :class:`~doorstroom.domain.synth.parameters.
CareerParameters`. All persons of a chunk advance one episode per step, with numpy
arrays, so a chunk of 50,000 careers takes a few dozen array operations per step.

Episodes are then cut into employment *spells*: a dossier or a regular job into
consecutive contracts (hours or contract changes), an interim run into short
contracts with gaps of a few days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorstroom.domain.synth.parameters import (
    IM_START,
    LDE_DECREE,
    CareerParameters,
)
from doorstroom.domain.synth.timeline import EXTRACTION, HISTORY_START, OPEN, YEAR

#: Episode kinds. The first three are WOP dossiers.
CM, LDE, IM, NEC, INTERIM = 0, 1, 2, 3, 4
#: Model states that are not recorded as episodes.
UNEMPLOYED, DONE = 5, 6

#: Instrument code of each dossier kind.
INSTRUMENTS = ("CM", "LDE", "IM")

#: Upper bound on episodes per person (a safety net: careers end well before it).
MAX_STEPS = 60

#: Weekly hours of a contract, per kind, with their probabilities. A full-time week
#: is 38 hours; 30.4 is four fifths, 22.8 three fifths, 19 half time.
HOURS = {
    CM: ((38.0, 30.4, 28.5, 22.8, 19.0), (0.42, 0.24, 0.08, 0.14, 0.12)),
    LDE: ((38.0, 30.4, 22.8, 19.0), (0.30, 0.30, 0.20, 0.20)),
    IM: ((38.0, 30.4, 22.8, 19.0), (0.35, 0.30, 0.20, 0.15)),
    NEC: ((38.0, 40.0, 36.0, 30.4, 24.0, 19.0), (0.38, 0.08, 0.06, 0.22, 0.12, 0.14)),
    INTERIM: ((38.0, 40.0, 19.0, 30.4), (0.55, 0.15, 0.10, 0.20)),
}

#: Share of spells whose hours are unknown (empty in the CSV).
HOURS_UNKNOWN_SHARE = 0.015


@dataclass(frozen=True)
class Episodes:
    """Episodes of the careers of one chunk, sorted by person and start.

    Attributes
    ----------
    person
        Index of the person within the chunk.
    kind
        ``CM``, ``LDE``, ``IM``, ``NEC`` or ``INTERIM``.
    start, end
        Day numbers; ``end`` is ``OPEN`` for an episode running at extraction.
    same_employer
        The episode is with the employer of the person's previous episode (a
        renewed dossier, or an IM worker kept on without WOP).
    """

    person: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    end: np.ndarray
    same_employer: np.ndarray

    def __len__(self) -> int:
        return int(self.person.size)


@dataclass(frozen=True)
class Spells:
    """Employment spells of one chunk, sorted by person and start.

    Attributes
    ----------
    person
        Index of the person within the chunk.
    episode
        Index of the episode the spell belongs to.
    start, end
        Day numbers; ``end`` is ``OPEN`` for a spell running at extraction.
    hours
        Hours per week, ``nan`` when unknown.
    """

    person: np.ndarray
    episode: np.ndarray
    start: np.ndarray
    end: np.ndarray
    hours: np.ndarray

    def __len__(self) -> int:
        return int(self.person.size)


def _choose(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """Draw one outcome index per row of ``probabilities`` (rows add up to one)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(probabilities.shape[0])[:, None]
    return np.minimum((draws >= cumulative).sum(axis=1), probabilities.shape[1] - 1)


def _rows(probabilities: tuple[float, ...], size: int) -> np.ndarray:
    return np.broadcast_to(
        np.asarray(probabilities, dtype=float), (size, len(probabilities))
    )


def _days(values: np.ndarray) -> np.ndarray:
    return np.maximum(np.rint(values), 1).astype(np.int64)


def _se_kind(
    rng: np.random.Generator, starts: np.ndarray, lde_share: float
) -> np.ndarray:
    """Kind of a new SE dossier starting on ``starts``: LDE (IM once it replaced
    LDE) with probability ``lde_share``, else CM."""
    other = np.where(starts >= IM_START, IM, LDE)
    return np.where(rng.random(starts.size) < lde_share, other, CM).astype(np.int8)


def _nec_kind(rng: np.random.Generator, size: int, interim_share: float) -> np.ndarray:
    return np.where(rng.random(size) < interim_share, INTERIM, NEC).astype(np.int8)


class _Recorder:
    """Collects episodes step by step."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(
        self,
        person: np.ndarray,
        kind: np.ndarray | int,
        start: np.ndarray,
        end: np.ndarray,
        same: np.ndarray | bool,
    ) -> None:
        size = person.size
        self.parts.append(
            (
                person.astype(np.int64),
                np.broadcast_to(np.asarray(kind, dtype=np.int8), (size,)).copy(),
                start.astype(np.int64),
                end.astype(np.int64),
                np.broadcast_to(np.asarray(same, dtype=bool), (size,)).copy(),
            )
        )

    def episodes(self) -> Episodes:
        columns = [np.concatenate(part) for part in zip(*self.parts, strict=True)]
        person, kind, start, end, same = columns
        order = np.lexsort((start, person))
        return Episodes(
            person[order], kind[order], start[order], end[order], same[order]
        )


def _prehistory(
    recorder: _Recorder,
    persons: np.ndarray,
    entry: np.ndarray,
    rng: np.random.Generator,
    params: CareerParameters,
) -> None:
    """Short NEC jobs before a newcomer's first dossier, walking back from entry."""
    counts = rng.poisson(params.prehistory_mean, persons.size)
    total = int(counts.sum())
    if total == 0:
        return
    owner = np.repeat(np.arange(persons.size), counts)
    gap = _days(1 + rng.exponential(75.0, total))
    length = _days(rng.exponential(120.0, total) + 6)
    step = gap + length
    first = np.repeat(np.cumsum(counts) - counts, counts)
    before = np.cumsum(step) - step
    before -= before[first]
    end = entry[owner] - (before + gap)
    start = end - length + 1
    keep = start >= HISTORY_START
    kind = _nec_kind(rng, total, params.interim_share)
    recorder.add(persons[owner[keep]], kind[keep], start[keep], end[keep], False)


def simulate_careers(
    size: int, rng: np.random.Generator, params: CareerParameters | None = None
) -> Episodes:
    """Simulate the careers of ``size`` persons from 2010 to the extraction date.

    Parameters
    ----------
    size
        Number of persons.
    rng
        The random generator (consumed in a fixed order, so the result is
        deterministic for a given generator state).
    params
        Model parameters; the calibrated defaults when omitted.

    Returns
    -------
    Episodes
        All recorded episodes, sorted by person and start.
    """
    p = params or CareerParameters()
    recorder = _Recorder()
    draw = rng.random(size)
    stock_cm = draw < p.stock_cm_share
    stock_lde = ~stock_cm & (draw < p.stock_cm_share + p.stock_lde_share)
    newcomer = ~(stock_cm | stock_lde)

    state = np.full(size, DONE, dtype=np.int8)
    when = np.zeros(size, dtype=np.int64)
    forced_end = np.full(size, -1, dtype=np.int64)
    same = np.zeros(size, dtype=bool)
    jobs_since_se = np.zeros(size, dtype=np.int64)

    # Stock on 2010-01-01: a running dossier, with the residual length of a long stay.
    idx = np.flatnonzero(stock_cm)
    tenure = _days(rng.uniform(0, p.stock_cm_max_tenure_years * YEAR, idx.size))
    state[idx], when[idx] = CM, HISTORY_START - tenure
    forced_end[idx] = HISTORY_START + _days(rng.exponential(p.cm_long_mean, idx.size))
    idx = np.flatnonzero(stock_lde)
    tenure = _days(rng.uniform(0, p.stock_lde_max_tenure_years * YEAR, idx.size))
    state[idx], when[idx] = LDE, HISTORY_START - tenure
    residual = rng.lognormal(np.log(p.lde_median * 0.6), p.lde_sigma, idx.size)
    forced_end[idx] = HISTORY_START + _days(np.minimum(residual, 6 * YEAR))

    # Newcomers: a first dossier some day in 2010-2024, after some NEC jobs.
    idx = np.flatnonzero(newcomer)
    entry = HISTORY_START + rng.integers(0, EXTRACTION - 90 - HISTORY_START, idx.size)
    share = np.where(entry >= IM_START, p.entry_im_share, p.entry_lde_share)
    other = np.where(entry >= IM_START, IM, LDE)
    state[idx] = np.where(rng.random(idx.size) < share, other, CM)
    when[idx] = entry
    _prehistory(recorder, idx, entry, rng, p)

    for _ in range(MAX_STEPS):
        live = np.flatnonzero(state != DONE)
        late = live[when[live] > EXTRACTION]
        state[late] = DONE
        live = live[when[live] <= EXTRACTION]
        if live.size == 0:
            break
        groups = [(kind, live[state[live] == kind]) for kind in range(DONE)]
        for kind, idx in groups:
            if idx.size == 0:
                continue
            if kind in (CM, LDE, IM):
                _dossier_step(
                    kind,
                    idx,
                    state,
                    when,
                    forced_end,
                    same,
                    jobs_since_se,
                    recorder,
                    rng,
                    p,
                )
            elif kind in (NEC, INTERIM):
                _job_step(kind, idx, state, when, same, jobs_since_se, recorder, rng, p)
            else:
                _unemployment_step(idx, state, when, same, jobs_since_se, rng, p)
    return recorder.episodes()


def _dossier_length(
    kind: int, start: np.ndarray, rng: np.random.Generator, p: CareerParameters
) -> np.ndarray:
    size = start.size
    if kind == CM:
        short = rng.random(size) < p.cm_short_share
        mean = np.where(short, p.cm_short_mean, p.cm_long_mean)
        return _days(rng.exponential(1.0, size) * mean + np.where(short, 60, 365))
    if kind == LDE:
        length = rng.lognormal(np.log(p.lde_median), p.lde_sigma, size)
        cap = np.where(start >= LDE_DECREE, 5 * YEAR, 8 * YEAR)
        return _days(np.clip(length, 90, cap))
    return _days(rng.exponential(p.im_mean, size) + 90)


def _dossier_step(
    kind: int,
    idx: np.ndarray,
    state: np.ndarray,
    when: np.ndarray,
    forced_end: np.ndarray,
    same: np.ndarray,
    jobs_since_se: np.ndarray,
    recorder: _Recorder,
    rng: np.random.Generator,
    p: CareerParameters,
) -> None:
    start = when[idx]
    end = start + _dossier_length(kind, start, rng, p) - 1
    forced = forced_end[idx] >= 0
    end[forced] = forced_end[idx][forced]
    forced_end[idx] = -1
    running = end >= EXTRACTION
    recorder.add(idx, kind, start, np.where(running, OPEN, end), same[idx])
    state[idx[running]] = DONE
    idx, end = idx[~running], end[~running]
    jobs_since_se[idx] = 0
    size = idx.size
    if kind == IM:
        outcome = _choose(rng, _rows(p.im_exit, size))
        # 0 kept on without WOP, 1 other NEC job, 2 to CM, 3 unemployed, 4 leaves
        next_kind = np.select(
            [outcome == 0, outcome == 1, outcome == 2, outcome == 3],
            [NEC, _nec_kind(rng, size, p.interim_share), CM, UNEMPLOYED],
            DONE,
        )
        gap = np.where(
            outcome == 1, _days(1 + rng.exponential(p.job_gap_mean, size)), 1
        )
        gap = np.where(
            outcome == 2, _days(1 + rng.exponential(p.transfer_gap_mean, size)), gap
        )
        state[idx] = next_kind
        when[idx] = end + gap
        same[idx] = outcome == 0
        return
    exits = p.cm_exit if kind == CM else p.lde_exit
    outcome = _choose(rng, _rows(exits, size))
    # 0 doorstroom, 1 renewal, 2 transfer, 3 unemployed, 4 leaves
    direct = rng.random(size) < p.doorstroom_direct_share
    door_gap = np.where(
        direct, 1, _days(1 + rng.exponential(p.doorstroom_gap_mean, size))
    )
    door_gap = np.minimum(door_gap, 700)
    transfer_gap = _days(1 + rng.exponential(p.transfer_gap_mean, size))
    gap = np.select(
        [outcome == 0, outcome == 1, outcome == 2], [door_gap, 1, transfer_gap], 1
    )
    next_start = end + gap
    transfer_kind = _se_kind(rng, next_start, 0.15 if kind == CM else 0.3)
    next_kind = np.select(
        [outcome == 0, outcome == 1, outcome == 2, outcome == 3],
        [
            _nec_kind(rng, size, p.interim_share),
            kind,  # a renewal keeps instrument and employer
            transfer_kind,
            UNEMPLOYED,
        ],
        DONE,
    )
    state[idx] = next_kind
    when[idx] = next_start
    same[idx] = outcome == 1


def _job_step(
    kind: int,
    idx: np.ndarray,
    state: np.ndarray,
    when: np.ndarray,
    same: np.ndarray,
    jobs_since_se: np.ndarray,
    recorder: _Recorder,
    rng: np.random.Generator,
    p: CareerParameters,
) -> None:
    size = idx.size
    start = when[idx]
    if kind == NEC:
        short = rng.random(size) < p.nec_short_share
        mean = np.where(short, p.nec_short_mean, p.nec_long_mean)
        length = _days(rng.exponential(1.0, size) * mean + 14)
    else:
        length = _days(rng.exponential(p.interim_mean, size) + 14)
    end = start + length - 1
    running = end >= EXTRACTION
    recorder.add(idx, kind, start, np.where(running, OPEN, end), same[idx])
    state[idx[running]] = DONE
    keep = ~running
    idx, end, length = idx[keep], end[keep], length[keep]
    size = idx.size
    first = jobs_since_se[idx] == 0
    probabilities = np.where(
        first[:, None],
        np.where(
            (length < YEAR)[:, None],
            _rows(p.nec_exit_first_short, size),
            _rows(p.nec_exit_first_long, size),
        ),
        _rows(p.nec_exit_later, size),
    )
    outcome = _choose(rng, probabilities)
    jobs_since_se[idx] += 1
    # 0 next NEC job, 1 return to SE, 2 unemployed, 3 leaves
    gap = np.where(
        outcome == 1,
        _days(1 + rng.exponential(p.return_gap_mean, size)),
        _days(1 + rng.exponential(p.job_gap_mean, size)),
    )
    next_start = end + gap
    next_kind = np.select(
        [outcome == 0, outcome == 1, outcome == 2],
        [
            _nec_kind(rng, size, p.interim_share),
            _se_kind(rng, next_start, 0.25),
            UNEMPLOYED,
        ],
        DONE,
    )
    state[idx] = next_kind
    when[idx] = next_start
    same[idx] = False


def _unemployment_step(
    idx: np.ndarray,
    state: np.ndarray,
    when: np.ndarray,
    same: np.ndarray,
    jobs_since_se: np.ndarray,
    rng: np.random.Generator,
    p: CareerParameters,
) -> None:
    size = idx.size
    end = when[idx] + _days(rng.exponential(p.unemployment_mean, size) + 30)
    after_job = (jobs_since_se[idx] > 0)[:, None]
    outcome = _choose(
        rng,
        np.where(
            after_job,
            _rows(p.unemployment_exit_after_job, size),
            _rows(p.unemployment_exit, size),
        ),
    )
    # 0 NEC job, 1 SE dossier, 2 leaves
    next_kind = np.select(
        [outcome == 0, outcome == 1],
        [_nec_kind(rng, size, p.interim_share), _se_kind(rng, end, 0.3)],
        DONE,
    )
    state[idx] = next_kind
    when[idx] = end
    same[idx] = False
    jobs_since_se[idx] = np.where(outcome == 1, 0, jobs_since_se[idx])


def expand_spells(
    episodes: Episodes, rng: np.random.Generator, params: CareerParameters | None = None
) -> Spells:
    """Cut episodes into employment spells.

    Dossiers and regular jobs become consecutive contracts (each starts the day after
    the previous one ends); interim runs become short contracts separated by gaps of
    up to ``interim_gap_max`` days. The last spell of an open episode is open.
    Episodes that started before 2010 are cut into contracts from 2010 on only.

    Parameters
    ----------
    episodes
        The episodes of a chunk.
    rng
        The random generator.
    params
        Model parameters; the calibrated defaults when omitted.

    Returns
    -------
    Spells
        The spells, sorted by person and start.
    """
    p = params or CareerParameters()
    size = len(episodes)
    last = np.where(episodes.end == OPEN, EXTRACTION, episodes.end)
    # A dossier running since before 2010 keeps its start, but is cut into contracts
    # from 2010 on only: the histories hold no spell that ended before 2010.
    origin = np.maximum(episodes.start, HISTORY_START)
    length = last - origin + 1
    interim = episodes.kind == INTERIM
    mean = np.select(
        [episodes.kind <= IM, episodes.kind == NEC],
        [p.sec_spell_mean, p.nec_spell_mean],
        p.interim_spell_mean,
    )
    extra = rng.poisson(np.maximum(length - np.where(interim, 20, 0), 0) / mean)
    count = 1 + np.minimum(extra, np.where(interim, 40, 12))
    count = np.minimum(count, np.maximum(length // np.where(interim, 8, 30), 1))
    owner = np.repeat(np.arange(size), count)
    first = np.repeat(np.cumsum(count) - count, count)
    position = np.arange(owner.size) - first
    total = owner.size

    weight = rng.exponential(1.0, total)
    gap = np.where(
        interim[owner] & (position > 0),
        rng.integers(0, p.interim_gap_max + 1, total),
        0,
    )
    gap_sum = np.bincount(owner, weights=gap, minlength=size).astype(np.int64)
    room = length - gap_sum - count
    too_tight = room < 0
    if too_tight.any():
        gap[too_tight[owner]] = 0
        room = np.where(too_tight, length - count, room)
    weight_sum = np.bincount(owner, weights=weight, minlength=size)
    piece = 1 + np.floor(weight / weight_sum[owner] * room[owner]).astype(np.int64)
    # Each spell starts after the previous pieces and gaps of its episode.
    step = piece + gap
    before = np.cumsum(step) - step
    before -= before[first]
    start = origin[owner] + before + gap
    end = start + piece - 1
    start[position == 0] = episodes.start[owner[position == 0]]
    is_last = position == count[owner] - 1
    end[is_last] = np.where(
        episodes.end[owner[is_last]] == OPEN, OPEN, last[owner[is_last]]
    )

    hours = _hours(episodes.kind, owner, position, rng)
    return Spells(episodes.person[owner], owner, start, end, hours)


def _hours(
    kind: np.ndarray, owner: np.ndarray, position: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Weekly hours: a base per episode, changed at some contract renewals."""
    total = owner.size
    base = np.empty(kind.size)
    fresh = np.empty(total)
    spell_kind = kind[owner]
    for code, (values, probabilities) in HOURS.items():
        values_arr = np.asarray(values)
        cumulative = np.cumsum(probabilities)
        mask = kind == code
        base[mask] = values_arr[
            np.minimum(
                np.searchsorted(cumulative, rng.random(mask.sum())), len(values) - 1
            )
        ]
        mask = spell_kind == code
        fresh[mask] = values_arr[
            np.minimum(
                np.searchsorted(cumulative, rng.random(mask.sum())), len(values) - 1
            )
        ]
    changed = (position > 0) & (rng.random(total) < 0.3)
    hours = np.where(changed, fresh, base[owner])
    hours[rng.random(total) < HOURS_UNKNOWN_SHARE] = np.nan
    return hours

"""The monitoring definitions, on one chunk of careers, with numpy.

The generator needs a few of the monitoring engine's figures *while* it generates:
which dossiers have doorstroom, which dossiers are returns to the social economy, and
where a person works on a given day. It uses them to give persons a province in the
proportions of the seeds, and to pick the persons behind the advices and trajectories
of the seeds. The definitions are those of ``shared/spec/monitoring.md`` §3 (the
monitoring engine itself computes the published figures); persons never share events,
so a chunk can be evaluated on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorstroom.domain.synth import careers
from doorstroom.domain.synth.careers import Episodes, Spells
from doorstroom.domain.synth.timeline import OPEN, add_months

#: Status codes at a date (spec §3, status_at_as_of), in order of precedence.
NEC_WITHOUT_WOP, NEC_WITH_WOP, SEC, NOT_WORKING = 0, 1, 2, 3
STATUS_NAMES = ("nec_zonder_wop", "nec_met_wop", "sec", "niet_aan_het_werk")


@dataclass(frozen=True)
class ChunkTables:
    """Dossiers and spells of a chunk, with local employer keys.

    Attributes
    ----------
    d_person, d_start, d_end, d_kind, d_employer
        One entry per WOP dossier (``d_kind`` is ``CM``, ``LDE`` or ``IM``), sorted
        by person and start, which is also the order of their ids.
    s_person, s_start, s_end, s_nec, s_dossier, s_employer
        One entry per spell: ``s_nec`` for an NEC employer (IM and regular or interim
        jobs), ``s_dossier`` the index of the spell's dossier or -1.
    employer_kind
        Kind of each local employer key (``CM``, ``LDE``, ``NEC`` or ``INTERIM``; an
        IM dossier's employer is an ``NEC`` employer).
    """

    d_person: np.ndarray
    d_start: np.ndarray
    d_end: np.ndarray
    d_kind: np.ndarray
    d_employer: np.ndarray
    d_episode: np.ndarray
    s_person: np.ndarray
    s_start: np.ndarray
    s_end: np.ndarray
    s_nec: np.ndarray
    s_dossier: np.ndarray
    s_employer: np.ndarray
    employer_kind: np.ndarray


def build_tables(episodes: Episodes, spells: Spells) -> ChunkTables:
    """Derive dossiers, spell links and local employer keys from the episodes.

    Parameters
    ----------
    episodes, spells
        The careers of one chunk.

    Returns
    -------
    ChunkTables
        The chunk in the shape of the contract's tables (with indices for ids).
    """
    new_employer = ~episodes.same_employer
    episode_employer = np.cumsum(new_employer) - 1
    employer_kind = episodes.kind[new_employer].copy()
    employer_kind[employer_kind == careers.IM] = careers.NEC
    is_dossier = episodes.kind <= careers.IM
    dossier_of_episode = np.where(is_dossier, np.cumsum(is_dossier) - 1, -1)
    d_episode = np.flatnonzero(is_dossier)
    return ChunkTables(
        d_person=episodes.person[d_episode],
        d_start=episodes.start[d_episode],
        d_end=episodes.end[d_episode],
        d_kind=episodes.kind[d_episode],
        d_employer=episode_employer[d_episode],
        d_episode=d_episode,
        s_person=spells.person,
        s_start=spells.start,
        s_end=spells.end,
        s_nec=episodes.kind[spells.episode] >= careers.IM,
        s_dossier=dossier_of_episode[spells.episode],
        s_employer=episode_employer[spells.episode],
        employer_kind=employer_kind,
    )


def pairs_by_person(
    left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """All index pairs ``(i, j)`` with ``left[i] == right[j]``; ``right`` sorted.

    Examples
    --------
    >>> i, j = pairs_by_person(np.array([0, 2]), np.array([0, 0, 1, 2]))
    >>> i.tolist(), j.tolist()
    ([0, 0, 1], [0, 1, 3])
    """
    low = np.searchsorted(right, left, "left")
    counts = np.searchsorted(right, left, "right") - low
    left_index = np.repeat(np.arange(left.size), counts)
    offset = np.arange(left_index.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return left_index, np.repeat(low, counts) + offset


def doorstroom_dates(tables: ChunkTables, as_of: int) -> np.ndarray:
    """Doorstroom date of each dossier as known on ``as_of``, -1 if none (yet).

    A dossier ended on ``e <= as_of`` has doorstroom when the person has an NEC
    spell without WOP with a day in ``e+1 .. e+24 months``; its date is the first
    such day, counted only when it is not after ``as_of``.
    """
    result = np.full(tables.d_person.size, -1, dtype=np.int64)
    closed = np.flatnonzero((tables.d_end != OPEN) & (tables.d_end <= as_of))
    candidate = np.flatnonzero(
        tables.s_nec & (tables.s_dossier < 0) & (tables.s_start <= as_of)
    )
    if closed.size == 0 or candidate.size == 0:
        return result
    i, j = pairs_by_person(tables.d_person[closed], tables.s_person[candidate])
    dossier, spell = closed[i], candidate[j]
    end = tables.d_end[dossier]
    window_end = add_months(end, 24)
    start = tables.s_start[spell]
    hit = (start <= window_end) & (tables.s_end[spell] > end)
    first = np.full(tables.d_person.size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, dossier[hit], np.maximum(start[hit], end[hit] + 1))
    found = (first != np.iinfo(np.int64).max) & (first <= as_of)
    result[found] = first[found]
    return result


def returns(
    tables: ChunkTables, dates: np.ndarray, period_from: int, period_to: int, as_of: int
) -> np.ndarray:
    """Which dossiers count as SEC_NEC_SEC returns in the period (spec §3).

    A dossier ``d2`` with an SEC employer, started in the period (and not after
    ``as_of``), counts when another dossier of the person has a doorstroom date
    before ``d2``'s start. ``dates`` are the doorstroom dates at ``as_of``.
    """
    result = np.zeros(tables.d_person.size, dtype=bool)
    second = np.flatnonzero(
        (tables.d_kind != careers.IM)
        & (tables.d_start >= period_from)
        & (tables.d_start <= min(period_to, as_of))
    )
    first = np.flatnonzero(dates >= 0)
    if second.size == 0 or first.size == 0:
        return result
    i, j = pairs_by_person(tables.d_person[second], tables.d_person[first])
    hit = dates[first[j]] < tables.d_start[second[i]]
    result[second[i[hit]]] = True
    return result


def status_at(
    tables: ChunkTables, size: int, date: int
) -> tuple[np.ndarray, np.ndarray]:
    """Where each person works on ``date`` (spec §3, status_at_as_of).

    Returns
    -------
    tuple of numpy.ndarray
        The status code per person (``NEC_WITHOUT_WOP`` ... ``NOT_WORKING``), and
        whether a spell of that kind is with the employer of the person's latest
        dossier started on or before ``date``.
    """
    active = (tables.s_start <= date) & (tables.s_end >= date)
    kinds = np.where(
        tables.s_nec,
        np.where(tables.s_dossier < 0, NEC_WITHOUT_WOP, NEC_WITH_WOP),
        SEC,
    )
    status = np.full(size, NOT_WORKING, dtype=np.int8)
    np.minimum.at(status, tables.s_person[active], kinds[active].astype(np.int8))

    started = np.flatnonzero(tables.d_start <= date)
    latest = np.full(size, -1, dtype=np.int64)
    # Dossiers are sorted by person, start and id: take each person's last one.
    owner = tables.d_person[started]
    last = (
        np.append(owner[1:] != owner[:-1], True) if owner.size else owner.astype(bool)
    )
    latest[owner[last]] = tables.d_employer[started[last]]
    person = tables.s_person[active]
    match = (kinds[active] == status[person]) & (
        tables.s_employer[active] == latest[person]
    )
    same = np.zeros(size, dtype=bool)
    same[person[match]] = True
    same &= status != NOT_WORKING
    return status, same

"""Fill advice and trajectory slots with persons whose careers fit.

An advice of instrument ``X`` in year ``Y`` goes to a person with an ``X`` dossier
running for at least half a year at the advice date; a ``doorstroomklaar`` advice
preferably to a person whose situation at the seed's measuring date matches the wished
status (same employer, another employer, not at work). A trajectory goes to a person
in a CM or LDE dossier at its start; one ending with ``werk_nec`` to a person who
moves from that dossier to an NEC job without WOP, ending on the job's first day. The
age band of a slot is honoured by choosing among persons for whom a birth date in
the band is compatible with their career (18 or older at their first job, at most 66
at their last), and the birth date is drawn later inside that range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from doorstroom.domain.synth import careers, events, timeline
from doorstroom.domain.synth.events import ChunkTables
from doorstroom.domain.synth.parameters import CALIBRATION_AS_OF, DIMONA_2019
from doorstroom.domain.synth.quotas import AdviceSlot, TrajectorySlot
from doorstroom.domain.synth.timeline import EXTRACTION, MISSING, OPEN, add_years

#: Status classes used to match advice slots.
STATUS_CLASSES = ("same", "other", "none")

#: Minimum time in a dossier before a VDAB evaluation or a trajectory.
SETTLING_DAYS = 180
TRAJECTORY_SETTLING_DAYS = 90


@dataclass
class PersonFacts:
    """What selection needs to know about each person of a chunk.

    Attributes
    ----------
    birth_low, birth_high
        Birth dates compatible with the career (18 at the first spell, at most 66 at
        the last day at work).
    status_dimona, status_as_of
        Status class index (``STATUS_CLASSES``) at the end of November 2019 and on the
        calibration date.
    used
        Already chosen for a slot.
    """

    birth_low: np.ndarray
    birth_high: np.ndarray
    status_dimona: np.ndarray
    status_as_of: np.ndarray
    used: np.ndarray


@dataclass
class Placed:
    """Advices and trajectories placed in a chunk, and what they fix of persons.

    Advices of unknown date have date ``MISSING``, running trajectories end
    ``OPEN``.
    """

    advice_person: list[int] = field(default_factory=list)
    advice_date: list[int] = field(default_factory=list)
    advice_instrument: list[str] = field(default_factory=list)
    advice_result: list[str] = field(default_factory=list)
    trajectory_person: list[int] = field(default_factory=list)
    trajectory_partner: list[str] = field(default_factory=list)
    trajectory_start: list[int] = field(default_factory=list)
    trajectory_end: list[int] = field(default_factory=list)
    trajectory_reason: list[str] = field(default_factory=list)
    trajectory_stage: list[str] = field(default_factory=list)
    unplaced: int = 0
    band_dropped: int = 0


def career_facts(tables: ChunkTables, size: int) -> PersonFacts:
    """Birth date range and status classes of every person of a chunk."""
    first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, tables.s_person, tables.s_start)
    last = np.zeros(size, dtype=np.int64)
    np.maximum.at(last, tables.s_person, np.minimum(tables.s_end, EXTRACTION))
    classes = []
    for date in (DIMONA_2019, CALIBRATION_AS_OF):
        status, same = events.status_at(tables, size, date)
        classes.append(np.where(status == events.NOT_WORKING, 2, np.where(same, 0, 1)))
    return PersonFacts(
        birth_low=add_years(last, -66),
        birth_high=add_years(first, -18),
        status_dimona=classes[0],
        status_as_of=classes[1],
        used=np.zeros(size, dtype=bool),
    )


def band_range(band: str, date: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Birth dates that put a person in ``band`` on ``date``, two days' margin.

    Examples
    --------
    >>> low, high = band_range("<25", np.array([timeline.day("2020-06-15")]))
    >>> timeline.to_date(low[0]), timeline.to_date(high[0])
    (datetime.date(1995, 6, 18), datetime.date(2002, 6, 13))
    """
    date = np.asarray(date, dtype=np.int64)
    bounds = {"<25": (25, 18), "25-54": (55, 25), "55+": (67, 55)}[band]
    return add_years(date, -bounds[0]) + 3, add_years(date, -bounds[1]) - 2


def _fits(
    facts: PersonFacts, person: np.ndarray, band: str, *dates: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    low = facts.birth_low[person].copy()
    high = facts.birth_high[person].copy()
    for date in dates:
        band_low, band_high = band_range(band, date)
        low = np.maximum(low, band_low)
        high = np.minimum(high, band_high)
    return low, high


def _uniform(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return low + np.floor(rng.random(np.shape(low)) * (high - low + 1)).astype(np.int64)


def place_advices(
    slots: list[AdviceSlot],
    tables: ChunkTables,
    facts: PersonFacts,
    province: np.ndarray,
    birth_range: np.ndarray,
    placed: Placed,
    rng: np.random.Generator,
) -> None:
    """Give each advice slot a person and a date (see the module docstring)."""
    groups: dict[tuple[str, int | None], list[AdviceSlot]] = {}
    for slot in slots:
        groups.setdefault((slot.instrument, slot.year), []).append(slot)
    kind_of = {"CM": careers.CM, "LDE": careers.LDE}
    for (instrument, year), members in sorted(
        groups.items(), key=lambda item: (item[0][0], item[0][1] or 0)
    ):
        if year is None:
            window = (timeline.day("2018-01-01"), DIMONA_2019)
        else:
            window = (
                timeline.year_start(year),
                min(timeline.year_end(year), EXTRACTION),
            )
        dossier = np.flatnonzero(tables.d_kind == kind_of[instrument])
        low = np.maximum(tables.d_start[dossier] + SETTLING_DAYS, window[0])
        high = np.minimum(np.minimum(tables.d_end[dossier], EXTRACTION), window[1])
        ok = low <= high
        dossier, low, high = dossier[ok], low[ok], high[ok]
        person, first = np.unique(tables.d_person[dossier], return_index=True)
        date = _uniform(rng, low[first], high[first])
        looked_at_2019 = year is None or year <= 2019
        status = (facts.status_dimona if looked_at_2019 else facts.status_as_of)[person]
        extra = (np.full(person.size, CALIBRATION_AS_OF),) if year is None else ()
        ranges = {
            band: _fits(facts, person, band, date, *extra)
            for band in sorted({slot.band for slot in members})
        }
        for slot in members:
            band_low, band_high = ranges[slot.band]
            free = ~facts.used[person]
            fits = free & (band_low <= band_high)
            wanted = fits & (status == STATUS_CLASSES.index(slot.status))
            choice = wanted if wanted.any() else fits
            if not choice.any():
                placed.band_dropped += 1
                choice = free
            if not choice.any():
                placed.unplaced += 1
                continue
            pick = int(rng.choice(np.flatnonzero(choice)))
            who = int(person[pick])
            facts.used[who] = True
            province[who] = slot.province
            if band_low[pick] <= band_high[pick]:
                birth_range[who] = (band_low[pick], band_high[pick])
            placed.advice_person.append(who)
            placed.advice_date.append(MISSING if year is None else int(date[pick]))
            placed.advice_instrument.append(instrument)
            placed.advice_result.append(slot.result)


@dataclass(frozen=True)
class _Candidates:
    person: np.ndarray
    dossier_start: np.ndarray
    dossier_end: np.ndarray
    event: np.ndarray


def _trajectory_candidates(
    tables: ChunkTables, doorstroom: np.ndarray
) -> dict[str, _Candidates]:
    se = np.flatnonzero(tables.d_kind <= careers.LDE)
    end = np.minimum(tables.d_end, EXTRACTION)
    result = {
        "stop": _Candidates(tables.d_person[se], tables.d_start[se], end[se], end[se]),
        "open": _Candidates(
            tables.d_person[se],
            tables.d_start[se],
            end[se],
            np.where(tables.d_end[se] == OPEN, OPEN, -1),
        ),
    }
    moving = se[doorstroom[se] >= 0]
    result["nec"] = _Candidates(
        tables.d_person[moving], tables.d_start[moving], end[moving], doorstroom[moving]
    )
    # A move to another SE employer: the person's next dossier starts within 60 days.
    current, following = se[:-1], se[1:]
    following = following[following == current + 1] if following.size else following
    current = following - 1
    move = (
        (tables.d_person[current] == tables.d_person[following])
        & (tables.d_end[current] != OPEN)
        & (tables.d_start[following] - tables.d_end[current] <= 60)
        & (tables.d_employer[current] != tables.d_employer[following])
    )
    current, following = current[move], following[move]
    result["sec"] = _Candidates(
        tables.d_person[current],
        tables.d_start[current],
        end[current],
        tables.d_start[following],
    )
    return result


def _trajectory_window(
    slot: TrajectorySlot, pool: _Candidates, facts: PersonFacts
) -> tuple[np.ndarray, ...]:
    """Which candidates fit a kind of slot, and their start and birth date ranges."""
    year_low = timeline.year_start(slot.year)
    year_high = min(timeline.year_end(slot.year), slot.start_before)
    low = np.maximum(pool.dossier_start + TRAJECTORY_SETTLING_DAYS, year_low)
    if slot.outcome in ("nec", "sec"):
        low = np.maximum(low, pool.event - 600)
        high = np.minimum(np.minimum(year_high, pool.event - 45), pool.dossier_end)
        if slot.aftercare:
            ok = pool.event <= slot.end_before
        else:
            ok = (pool.event >= slot.end_after) & (pool.event <= slot.end_before)
    elif slot.outcome == "stop":
        last_end = np.minimum(pool.dossier_end, slot.end_before)
        low = np.maximum(low, slot.end_after - 400)
        high = np.minimum(year_high, last_end - 60)
        ok = last_end >= slot.end_after
    else:
        high = np.full(low.size, min(year_high, EXTRACTION - 1))
        ok = pool.event == OPEN
    ok &= low <= high
    middle = (low + high) // 2
    band_low = np.ones(low.size, dtype=np.int64)
    band_high = np.zeros(low.size, dtype=np.int64)
    inside = np.flatnonzero(ok)
    band_low[inside], band_high[inside] = _fits(
        facts, pool.person[inside], slot.band, middle[inside]
    )
    return ok, low, high, middle, band_low, band_high


def place_trajectories(
    slots: list[TrajectorySlot],
    tables: ChunkTables,
    doorstroom: np.ndarray,
    facts: PersonFacts,
    province: np.ndarray,
    birth_range: np.ndarray,
    placed: Placed,
    rng: np.random.Generator,
) -> None:
    """Give each trajectory slot a person, a start and an end (module docstring).

    ``doorstroom`` holds each dossier's doorstroom date as known at extraction.
    """
    candidates = _trajectory_candidates(tables, doorstroom)
    windows: dict[tuple[object, ...], tuple[np.ndarray, ...]] = {}
    for slot in slots:
        pool = candidates[slot.outcome]
        key = (
            slot.outcome,
            slot.year,
            slot.end_after,
            slot.end_before,
            slot.start_before,
            slot.aftercare,
            slot.band,
        )
        if key not in windows:
            windows[key] = _trajectory_window(slot, pool, facts)
        ok, low, high, middle, band_low, band_high = windows[key]
        ok = ok & ~facts.used[pool.person]
        choice = ok & (band_low <= band_high)
        if not choice.any():
            placed.band_dropped += int(ok.any())
            choice = ok
        if not choice.any():
            placed.unplaced += 1
            continue
        pick = int(rng.choice(np.flatnonzero(choice)))
        who = int(pool.person[pick])
        start = int(_uniform(rng, low[pick], high[pick]))
        span_low, span_high = _fits(
            facts, pool.person[pick : pick + 1], slot.band, np.array([start])
        )
        if span_low[0] > span_high[0]:
            start = int(middle[pick])
            span_low, span_high = band_low[pick : pick + 1], band_high[pick : pick + 1]
        if slot.outcome in ("nec", "sec"):
            end = int(pool.event[pick])
            if slot.aftercare:
                end = max(
                    end + int(rng.integers(60, 181)),
                    slot.end_after,
                    timeline.day("2020-01-06"),
                )
        elif slot.outcome == "stop":
            first_end = max(start + 60, slot.end_after)
            last_end = min(start + 400, int(pool.dossier_end[pick]), slot.end_before)
            end = int(
                _uniform(rng, np.array(first_end), np.array(max(first_end, last_end)))
            )
        else:
            end = OPEN
        facts.used[who] = True
        province[who] = slot.province
        if span_low[0] <= span_high[0]:
            birth_range[who] = (span_low[0], span_high[0])
        placed.trajectory_person.append(who)
        placed.trajectory_partner.append(slot.partner)
        placed.trajectory_start.append(start)
        placed.trajectory_end.append(min(end, OPEN))
        placed.trajectory_reason.append(slot.end_reason)
        placed.trajectory_stage.append(slot.stage)

"""``generate``: write a synthetic population as the six CSV files of the contract.

Persons are generated and written in chunks of ``CHUNK_SIZE``; memory use depends
on the chunk size, not on the population. Per chunk:

1. simulate slightly more careers than needed (``OVERSAMPLE``) and keep a subset whose
   doorstroom events and SEC_NEC_SEC returns in the calibration period match the
   seeds' totals pro rata (the chunk's share of 2,627 and 487 at the default size);
2. place the chunk's share of the advice and trajectory slots on fitting persons;
3. give provinces (in 001's proportions for persons with events), birth dates, sex
   and education;
4. pick employers from the run's pool and append the rows to the CSV files.

Every chunk draws from its own random stream (``seed``, chunk number), so the output
depends only on the population size and the seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from doorstroom.domain.synth import (
    careers,
    demography,
    employers,
    events,
    geography,
    names,
    quotas,
    seeds,
    selection,
)
from doorstroom.domain.synth.careers import Episodes, Spells
from doorstroom.domain.synth.parameters import (
    CALIBRATION_AS_OF,
    CALIBRATION_FROM,
    CALIBRATION_TO,
    CHUNK_SIZE,
    DEFAULT_PERSONS,
    CareerParameters,
)
from doorstroom.domain.synth.timeline import EXTRACTION, MISSING
from doorstroom.domain.synth.writer import (
    CONTRACT_COLUMNS,
    EXTRA_COLUMNS,
    CsvSink,
    dates,
    ids,
    take_ids,
    texts,
)

#: Careers simulated per person kept, so that the calibrated subset can be chosen.
OVERSAMPLE = 1.15

#: Widths of the numbers in identifiers.
ID_WIDTH = {"P": 8, "D": 9, "S": 10, "A": 8, "T": 7}


@dataclass(frozen=True)
class SynthSummary:
    """Rows written per file.

    Attributes
    ----------
    persons, employers, wop_dossiers, employment, advices, trajectories
        Rows in each contract file.
    extras
        Rows in each ``--app-extras`` file (empty without them).
    unplaced_slots
        Advice or trajectory slots for which no fitting person was found (expected
        to be 0 at realistic sizes).
    """

    persons: int
    employers: int
    wop_dossiers: int
    employment: int
    advices: int
    trajectories: int
    extras: dict[str, int] = field(default_factory=dict)
    unplaced_slots: int = 0

    def counts(self) -> dict[str, int]:
        """Rows per file name, contract files first."""
        base = {name: getattr(self, name) for name in CONTRACT_COLUMNS}
        return {**base, **self.extras}


@dataclass
class _Chunk:
    size: int
    birth: np.ndarray
    sex: np.ndarray
    province: np.ndarray
    education: np.ndarray
    tables: events.ChunkTables
    spell_hours: np.ndarray
    employer_of_key: np.ndarray
    placed: selection.Placed


def _chunk_sizes(total: int) -> list[int]:
    return [min(CHUNK_SIZE, total - start) for start in range(0, total, CHUNK_SIZE)]


def _pro_rata(total: int, offset: int, size: int) -> int:
    """The chunk's share of a seed total (exact over all chunks at the default size)."""
    return round(total * (offset + size) / DEFAULT_PERSONS) - round(
        total * offset / DEFAULT_PERSONS
    )


def calibration_events(
    tables: events.ChunkTables, size: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per person: doorstroom events and SEC_NEC_SEC returns in the calibration period.

    Parameters
    ----------
    tables
        A chunk.
    size
        Persons in the chunk.

    Returns
    -------
    tuple of numpy.ndarray
        Event counts per person, as the report ``--from 2019-01-01 --to 2022-12-31
        --as-of 2024-06-30`` counts them.
    """
    door = events.doorstroom_dates(tables, CALIBRATION_AS_OF)
    counted = (door >= CALIBRATION_FROM) & (door <= CALIBRATION_TO)
    back = events.returns(
        tables, door, CALIBRATION_FROM, CALIBRATION_TO, CALIBRATION_AS_OF
    )
    return (
        np.bincount(tables.d_person[counted], minlength=size),
        np.bincount(tables.d_person[back], minlength=size),
    )


def _fill(
    members: np.ndarray, weights: np.ndarray, target: int, room: int
) -> np.ndarray:
    """Members, in order, whose weights add up to ``target`` (or as close below as
    they allow), at most ``room`` of them: the longest prefix that fits, then single
    members that fit the remainder."""
    reached = np.cumsum(weights[members])
    count = min(int(np.searchsorted(reached, max(target, 0), side="right")), room)
    chosen = list(members[:count])
    remainder = max(target, 0) - int(weights[members[:count]].sum())
    for member in members[count:]:
        if remainder <= 0 or len(chosen) >= room:
            break
        if weights[member] <= remainder:
            chosen.append(member)
            remainder -= int(weights[member])
    return np.array(chosen, dtype=np.int64)


def calibrated_subset(
    doorstroom_events: np.ndarray,
    return_events: np.ndarray,
    size: int,
    doorstroom_target: int,
    return_target: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Choose ``size`` of the simulated persons so that event totals hit the targets.

    Persons with returns are taken (in random order) until their returns reach
    ``return_target``, then persons with doorstroom events (but no returns) until all
    doorstroom events reach ``doorstroom_target``, then persons without events fill
    the chunk. Without enough persons of a kind the totals fall short, never over.

    Returns
    -------
    numpy.ndarray
        Sorted indices of the persons kept.

    Examples
    --------
    >>> door, back = np.array([1, 0, 2, 0, 1, 1]), np.array([0, 0, 1, 0, 0, 0])
    >>> keep = calibrated_subset(door, back, 4, 3, 1, np.random.default_rng(0))
    >>> keep.size, int(door[keep].sum()), int(back[keep].sum())
    (4, 3, 1)
    """
    order = rng.permutation(doorstroom_events.size)
    returning = order[return_events[order] > 0]
    moving = order[(return_events[order] == 0) & (doorstroom_events[order] > 0)]
    others = order[(return_events[order] == 0) & (doorstroom_events[order] == 0)]
    taken = _fill(returning, return_events, return_target, size)
    remaining = doorstroom_target - int(doorstroom_events[taken].sum())
    taken = np.concatenate(
        [taken, _fill(moving, doorstroom_events, remaining, size - taken.size)]
    )
    chosen = [taken, others[: size - taken.size]]
    short = size - taken.size - min(size - taken.size, others.size)
    if short > 0:  # too few persons without events: fill up with the other ones
        spare = np.setdiff1d(
            np.concatenate([moving, returning]), taken, assume_unique=True
        )
        chosen.append(spare[:short])
    return np.sort(np.concatenate(chosen))


def _subset(
    episodes: Episodes, spells: Spells, keep: np.ndarray, total: int
) -> tuple[Episodes, Spells]:
    wanted = np.zeros(total, dtype=bool)
    wanted[keep] = True
    new_person = np.cumsum(wanted) - 1
    kept_episode = wanted[episodes.person]
    new_episode = np.cumsum(kept_episode) - 1
    kept_spell = wanted[spells.person]
    episodes = Episodes(
        new_person[episodes.person[kept_episode]],
        episodes.kind[kept_episode],
        episodes.start[kept_episode],
        episodes.end[kept_episode],
        episodes.same_employer[kept_episode],
    )
    spells = Spells(
        new_person[spells.person[kept_spell]],
        new_episode[spells.episode[kept_spell]],
        spells.start[kept_spell],
        spells.end[kept_spell],
        spells.hours[kept_spell],
    )
    return episodes, spells


def _simulate_chunk(
    seed: int,
    index: int,
    offset: int,
    size: int,
    advice_slots: list[quotas.AdviceSlot],
    trajectory_slots: list[quotas.TrajectorySlot],
    pool: employers.EmployerPool,
    params: CareerParameters,
) -> _Chunk:
    rng = np.random.default_rng([seed, 2, index])
    simulated = math.ceil(size * OVERSAMPLE) + 1000
    episodes = careers.simulate_careers(simulated, rng, params)
    spells = careers.expand_spells(episodes, rng, params)
    door, back = calibration_events(events.build_tables(episodes, spells), simulated)
    keep = calibrated_subset(
        door,
        back,
        size,
        _pro_rata(seeds.DOORSTROOM_TOTAL, offset, size),
        _pro_rata(seeds.RETURNS_TOTAL, offset, size),
        rng,
    )
    episodes, spells = _subset(episodes, spells, keep, simulated)
    tables = events.build_tables(episodes, spells)
    door, back = calibration_events(tables, size)

    facts = selection.career_facts(tables, size)
    fixed = np.full(size, None, dtype=object)
    birth_range = np.full((size, 2), MISSING, dtype=np.int64)
    placed = selection.Placed()
    final_doorstroom = events.doorstroom_dates(tables, EXTRACTION)
    selection.place_trajectories(
        trajectory_slots,
        tables,
        final_doorstroom,
        facts,
        fixed,
        birth_range,
        placed,
        rng,
    )
    selection.place_advices(
        advice_slots, tables, facts, fixed, birth_range, placed, rng
    )

    province = demography.assign_provinces(fixed, door, back, rng)
    first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, tables.s_person, tables.s_start)
    birth = demography.birth_dates(
        first, facts.birth_low, facts.birth_high, birth_range, rng
    )
    sex = demography.categorical(demography.SEX_SHARES, size, rng)
    education = demography.categorical(demography.EDUCATION_SHARES, size, rng)

    key_person = episodes.person[~episodes.same_employer]
    employer_of_key = employers.assign_employers(
        pool, tables.employer_kind, province[key_person], rng
    )
    return _Chunk(
        size,
        birth,
        sex,
        province,
        education,
        tables,
        spells.hours,
        employer_of_key,
        placed,
    )


def _ordered(values: list[str], order: np.ndarray) -> pa.Array:
    """Strings in the given order (empty ones as empty fields)."""
    return texts(np.array(values, dtype=object)[order])


def _write_chunk(
    chunk: _Chunk,
    counters: dict[str, int],
    sinks: dict[str, CsvSink],
    employer_ids: pa.Array,
) -> pa.Array:
    tables = chunk.tables
    person_ids = ids("P", counters["P"] + 1, chunk.size, ID_WIDTH["P"])
    sinks["persons"].write(
        person_id=person_ids,
        birth_date=dates(chunk.birth),
        sex=texts(chunk.sex),
        province=texts(chunk.province),
        education=texts(chunk.education),
    )
    dossier_count = tables.d_person.size
    dossier_ids = ids("D", counters["D"] + 1, dossier_count, ID_WIDTH["D"])
    sinks["wop_dossiers"].write(
        dossier_id=dossier_ids,
        person_id=take_ids(person_ids, tables.d_person),
        employer_id=take_ids(employer_ids, chunk.employer_of_key[tables.d_employer]),
        instrument=pa.array(np.array(careers.INSTRUMENTS, dtype=object)[tables.d_kind]),
        start_date=dates(tables.d_start),
        end_date=dates(tables.d_end),
    )
    spell_count = tables.s_person.size
    sinks["employment"].write(
        spell_id=ids("S", counters["S"] + 1, spell_count, ID_WIDTH["S"]),
        person_id=take_ids(person_ids, tables.s_person),
        employer_id=take_ids(employer_ids, chunk.employer_of_key[tables.s_employer]),
        start_date=dates(tables.s_start),
        end_date=dates(tables.s_end),
        hours_per_week=pa.array(chunk.spell_hours, from_pandas=True),
        wop_dossier_id=take_ids(dossier_ids, tables.s_dossier),
    )
    placed = chunk.placed
    person = np.array(placed.advice_person, dtype=np.int64)
    when = np.array(placed.advice_date, dtype=np.int64)
    order = np.lexsort((when, person))
    sinks["advices"].write(
        advice_id=ids("A", counters["A"] + 1, person.size, ID_WIDTH["A"]),
        person_id=take_ids(person_ids, person[order]),
        date=dates(when[order]),
        instrument=_ordered(placed.advice_instrument, order),
        result=_ordered(placed.advice_result, order),
    )
    person = np.array(placed.trajectory_person, dtype=np.int64)
    start = np.array(placed.trajectory_start, dtype=np.int64)
    order = np.lexsort((start, person))
    sinks["trajectories"].write(
        trajectory_id=ids("T", counters["T"] + 1, person.size, ID_WIDTH["T"]),
        person_id=take_ids(person_ids, person[order]),
        partner_id=_ordered(placed.trajectory_partner, order),
        start_date=dates(start[order]),
        end_date=dates(np.array(placed.trajectory_end, dtype=np.int64)[order]),
        end_reason=_ordered(placed.trajectory_reason, order),
        stage=_ordered(placed.trajectory_stage, order),
    )
    counters["P"] += chunk.size
    counters["D"] += dossier_count
    counters["S"] += spell_count
    counters["A"] += len(placed.advice_person)
    counters["T"] += len(placed.trajectory_person)
    return person_ids


def _write_identities(
    chunk: _Chunk, person_ids: pa.Array, sink: CsvSink, rng: np.random.Generator
) -> None:
    first, last = names.person_names(chunk.sex, rng)
    postcode, municipality = geography.pick_municipalities(chunk.province, rng)
    sink.write(
        person_id=person_ids,
        first_name=pa.array(first, type=pa.string()),
        last_name=pa.array(last, type=pa.string()),
        postcode=texts(postcode),
        municipality=texts(municipality),
    )


def _write_partners(sink: CsvSink, rng: np.random.Generator) -> None:
    provinces = np.array(seeds.FLEMISH_PROVINCES, dtype=object)[
        rng.integers(0, 5, len(quotas.PARTNERS))
    ]
    sink.write(
        partner_id=pa.array(list(quotas.PARTNERS), type=pa.string()),
        name=pa.array(
            [names.partner_name(n) for n in range(1, len(quotas.PARTNERS) + 1)],
            type=pa.string(),
        ),
        province=pa.array(provinces, type=pa.string()),
        kind=pa.array(["doorstroompartner"] * len(quotas.PARTNERS), type=pa.string()),
    )


def _write_organisations(pool: employers.EmployerPool, sink: CsvSink) -> None:
    kinds = np.array(
        [employers.KIND_NAMES[int(kind)] for kind in pool.kind], dtype=object
    )
    sink.write(
        employer_id=pa.array(pool.ids, type=pa.string()),
        name=pa.array(pool.name, type=pa.string()),
        kind=pa.array(kinds, type=pa.string()),
        postcode=texts(pool.postcode),
        municipality=texts(pool.municipality),
    )


def generate(
    out_dir: Path,
    persons: int | None = None,
    seed: int = 1,
    app_extras: bool = False,
    *,
    params: CareerParameters | None = None,
) -> SynthSummary:
    """Write a synthetic population as the six CSV files of the monitoring contract.

    Parameters
    ----------
    out_dir
        Folder to write to (created if needed; existing files are overwritten).
    persons
        Population size; ``DEFAULT_PERSONS`` (Flanders' own size, calibrated on the
        seeds) when omitted. Figures scale about linearly with it.
    seed
        Random seed: the same size and seed give byte-identical files.
    app_extras
        Also write ``identities.csv``, ``partners.csv`` and ``organisations.csv``
        for the web app's demo (not read by the monitoring engine). They do not
        change the contract files.
    params
        Career model parameters (the calibrated defaults when omitted).

    Returns
    -------
    SynthSummary
        Rows written per file.

    Raises
    ------
    ValueError
        If ``persons`` is below 1.
    """
    size = DEFAULT_PERSONS if persons is None else int(persons)
    if size < 1:
        raise ValueError("persons must be at least 1")
    params = params or CareerParameters()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = _chunk_sizes(size)

    pool = employers.build_pool(size, np.random.default_rng([seed, 0]))
    slot_rng = np.random.default_rng([seed, 1])
    advice_slots = quotas.advice_slots(size, slot_rng)
    trajectory_slots = quotas.trajectory_slots(size, slot_rng)
    advice_parts = quotas.deal(len(advice_slots), sizes, slot_rng)
    trajectory_parts = quotas.deal(len(trajectory_slots), sizes, slot_rng)

    sinks = {
        name: CsvSink(out_dir / f"{name}.csv", columns)
        for name, columns in CONTRACT_COLUMNS.items()
    }
    if app_extras:
        sinks.update(
            {
                name: CsvSink(out_dir / f"{name}.csv", columns)
                for name, columns in EXTRA_COLUMNS.items()
            }
        )
    unplaced = 0
    try:
        employer_ids = pa.array(pool.ids, type=pa.string())
        sinks["employers"].write(
            employer_id=employer_ids,
            name=pa.array(pool.name, type=pa.string()),
            circuit=pa.array(
                np.where(pool.kind <= careers.LDE, "SEC", "NEC").astype(object),
                type=pa.string(),
            ),
            nace=texts(pool.nace),
            province=texts(pool.province),
        )
        counters = dict.fromkeys(ID_WIDTH, 0)
        offset = 0
        for index, chunk_size in enumerate(sizes):
            chunk = _simulate_chunk(
                seed,
                index,
                offset,
                chunk_size,
                [advice_slots[i] for i in advice_parts[index]],
                [trajectory_slots[i] for i in trajectory_parts[index]],
                pool,
                params,
            )
            person_ids = _write_chunk(chunk, counters, sinks, employer_ids)
            if app_extras:
                _write_identities(
                    chunk,
                    person_ids,
                    sinks["identities"],
                    np.random.default_rng([seed, 3, index]),
                )
            unplaced += chunk.placed.unplaced
            offset += chunk_size
        if app_extras:
            _write_partners(sinks["partners"], np.random.default_rng([seed, 4]))
            _write_organisations(pool, sinks["organisations"])
    finally:
        for sink in sinks.values():
            sink.close()
    return SynthSummary(
        persons=sinks["persons"].rows,
        employers=sinks["employers"].rows,
        wop_dossiers=sinks["wop_dossiers"].rows,
        employment=sinks["employment"].rows,
        advices=sinks["advices"].rows,
        trajectories=sinks["trajectories"].rows,
        extras={name: sinks[name].rows for name in EXTRA_COLUMNS if name in sinks},
        unplaced_slots=unplaced,
    )

"""Slots: the advices and trajectories the population must contain.

The seeds publish advices and trajectories as small tables (003). The generator turns
them into *slots*, one per advice or trajectory, each with the attributes the tables
fix (instrument, year, province, age band, partner, outcome), scaled to the requested
population size. The slots are shuffled, dealt out over the chunks, and in each chunk
filled with a person whose career fits (see ``selection``).

For years the seeds do not cover, volumes are model assumptions (``LATER_READY``,
``NOT_READY``, ``LATER_TRAJECTORIES``), documented in ``docs/synth.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np

from doorstroom.domain.synth import seeds, timeline
from doorstroom.domain.synth.parameters import DEFAULT_PERSONS, DIMONA_2019
from doorstroom.domain.synth.timeline import EXTRACTION, OPEN

#: ``doorstroomklaar`` advices per year after the seeds, at the default size.
LATER_READY = {
    2021: {"LDE": 70, "CM": 16},
    2022: {"LDE": 68, "CM": 17},
    2023: {"LDE": 40, "CM": 18},
    2024: {"LDE": 25, "CM": 20},
}
#: ``niet_doorstroomklaar`` advices per year (``None``: date unknown) and the LDE
#: share. 2018, 2019 and unknown: 003's 357 evaluations less its doorstroomklaar ones.
NOT_READY = {
    2018: (11, 0.6),
    2019: (212, 0.6),
    None: (13, 0.6),
    2020: (190, 0.6),
    2021: (195, 0.6),
    2022: (195, 0.55),
    2023: (170, 0.45),
    2024: (150, 0.3),
}
#: Trajectories started per year after ESF call 432's first two years.
LATER_TRAJECTORIES = {2020: 85, 2021: 95, 2022: 95, 2023: 100, 2024: 100}
#: Partners: DP01-DP18 took part in the call of 003; DP19-DP24 join later calls.
PARTNERS = tuple(f"DP{number:02d}" for number in range(1, 25))

#: Status at the status date wished for the person behind an advice.
READY_STATUS_LATER = {"same": 0.80, "other": 0.12, "none": 0.08}
NOT_READY_STATUS = {"same": 0.85, "other": 0.07, "none": 0.08}

#: Trajectory outcomes once the trajectory ends: (outcome, end_reason, chance).
CLOSED_OUTCOMES = (
    ("nec", "werk_nec", 0.34),
    ("sec", "werk_sec", 0.04),
    ("stop", "stopzetting_werknemer", 0.24),
    ("stop", "stopzetting_partner", 0.08),
    ("stop", "ziekte", 0.17),
    ("stop", "andere", 0.13),
)
#: Stage chances by outcome: geen, BVS, TBS, enclave.
STAGES = ("geen", "BVS", "TBS", "enclave")
STAGE_CHANCES = {
    "nec": (0.25, 0.30, 0.35, 0.10),
    "sec": (0.25, 0.30, 0.35, 0.10),
    "stop": (0.60, 0.20, 0.12, 0.08),
    "open": (0.55, 0.20, 0.20, 0.05),
}
#: Share of trajectories started in the extraction year still running at extraction.
OPEN_SHARE_LAST_YEAR = 0.6


@dataclass(frozen=True)
class AdviceSlot:
    """One advice to place: ``year`` None means the date is unknown."""

    instrument: str
    year: int | None
    result: str
    province: str
    band: str
    status: str


@dataclass(frozen=True)
class TrajectorySlot:
    """One trajectory to place.

    ``outcome`` is ``nec`` (ends when the person starts an NEC job without WOP),
    ``sec`` (ends with a move to another SE employer), ``stop`` or ``open`` (no end
    date). The end date must lie in ``end_after .. end_before`` and the start on or
    before ``start_before``; ``aftercare`` moves the end of an ``nec`` trajectory a
    few months past the job start.
    """

    partner: str
    year: int
    province: str
    band: str
    outcome: str
    end_reason: str
    stage: str
    end_after: int
    end_before: int
    aftercare: bool = False
    start_before: int = OPEN


def scaled_counts(
    counts: np.ndarray, scale: float, rng: np.random.Generator
) -> np.ndarray:
    """Scale integer counts, keeping them integers with the right expected total.

    The integer parts are kept, the fractions are rounded by systematic sampling, so
    ``scale=1`` returns the counts unchanged and the total stays within one of
    ``scale * sum(counts)``.

    Examples
    --------
    >>> scaled_counts(np.array([3, 1]), 1.0, np.random.default_rng(0)).tolist()
    [3, 1]
    >>> int(scaled_counts(np.array([5, 5]), 2.0, np.random.default_rng(0)).sum())
    20
    """
    raw = np.asarray(counts, dtype=float) * scale
    whole = np.floor(raw + 1e-9)
    fraction = np.clip(raw - whole, 0, None)
    if fraction.sum() > 1e-9:
        cumulative = np.cumsum(fraction)
        points = rng.random() + np.arange(int(np.ceil(cumulative[-1] + 1)))
        hits = np.searchsorted(
            cumulative, points[points < cumulative[-1]], side="right"
        )
        whole += np.bincount(hits, minlength=raw.size)
    return whole.astype(np.int64)


def _labels(counts: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    return [
        label
        for label, count in zip(labels, counts.tolist(), strict=True)
        for _ in range(count)
    ]


def _margins(
    total: int,
    province_counts: np.ndarray,
    age_counts: np.ndarray,
    rng: np.random.Generator,
) -> list[tuple[str, str]]:
    """``total`` (province, band) pairs whose margins follow the given counts."""
    pairs = []
    for counts, labels in (
        (province_counts, seeds.FLEMISH_PROVINCES),
        (age_counts, seeds.AGE_BANDS),
    ):
        shares = counts / counts.sum()
        exact = shares * total
        whole = np.floor(exact).astype(np.int64)
        order = np.argsort(
            -(exact - whole) + rng.random(whole.size) * 1e-6, kind="stable"
        )
        whole[order[: total - whole.sum()]] += 1
        values = _labels(whole, labels)
        rng.shuffle(values)
        pairs.append(values)
    return list(zip(pairs[0], pairs[1], strict=True))


def _statuses(
    total: int, chances: dict[str, float], rng: np.random.Generator
) -> list[str]:
    labels = tuple(chances)
    exact = np.array([chances[label] for label in labels]) * total
    whole = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - whole), kind="stable")
    whole[order[: total - whole.sum()]] += 1
    values = _labels(whole, labels)
    rng.shuffle(values)
    return values


def advice_slots(persons: int, rng: np.random.Generator) -> list[AdviceSlot]:
    """All advices of a population of ``persons``.

    At the default size the ``doorstroomklaar`` advices of 2018-2020 and of unknown
    date are exactly 003's table (per instrument and year, its province and age
    margins); other sizes scale it.
    """
    scale = persons / DEFAULT_PERSONS
    slots: list[AdviceSlot] = []
    columns = list(seeds.READY_BY_PROVINCE)
    totals = scaled_counts(
        np.array([sum(seeds.READY_BY_PROVINCE[column]) for column in columns]),
        scale,
        rng,
    )
    early: list[tuple[str, int | None, str, str]] = []
    for (instrument, year), total in zip(columns, totals.tolist(), strict=True):
        provinces = np.array(seeds.READY_BY_PROVINCE[(instrument, year)], dtype=float)
        ages = np.array(seeds.READY_BY_AGE[(instrument, year)], dtype=float)
        for province, band in _margins(total, provinces, ages, rng):
            early.append((instrument, year, province, band))
    # 003 looked at the workers of 2018, 2019 and unknown date in November 2019; the
    # 2020 advices are looked at later, like the advices after the seeds.
    looked_at_2019 = [slot for slot in early if slot[1] != 2020]
    ready_2019 = {k: v / seeds.READY_TOTAL for k, v in seeds.READY_STATUS_2019.items()}
    statuses = iter(_statuses(len(looked_at_2019), ready_2019, rng))
    later = iter(_statuses(len(early) - len(looked_at_2019), READY_STATUS_LATER, rng))
    for instrument, year, province, band in early:
        status = next(later) if year == 2020 else next(statuses)
        slots.append(
            AdviceSlot(instrument, year, "doorstroomklaar", province, band, status)
        )

    pooled = {}
    for instrument in ("LDE", "CM"):
        pooled[instrument] = (
            np.add(
                *(
                    np.array(seeds.READY_BY_PROVINCE[(instrument, y)], dtype=float)
                    for y in (2019, 2020)
                )
            ),
            np.add(
                *(
                    np.array(seeds.READY_BY_AGE[(instrument, y)], dtype=float)
                    for y in (2019, 2020)
                )
            ),
        )
    for year, volumes in LATER_READY.items():
        for instrument, volume in volumes.items():
            total = int(scaled_counts(np.array([volume]), scale, rng)[0])
            statuses = _statuses(total, READY_STATUS_LATER, rng)
            pairs = _margins(total, *pooled[instrument], rng)
            for (province, band), status in zip(pairs, statuses, strict=True):
                slots.append(
                    AdviceSlot(
                        instrument, year, "doorstroomklaar", province, band, status
                    )
                )

    evaluated_provinces = np.add.reduce(
        [np.array(v, dtype=float) for v in seeds.EVALUATED_BY_PROVINCE.values()]
    )
    evaluated_ages = np.add.reduce(
        [np.array(v, dtype=float) for v in seeds.EVALUATED_BY_AGE.values()]
    )
    for year, (volume, lde_share) in NOT_READY.items():
        total = int(scaled_counts(np.array([volume]), scale, rng)[0])
        if year in seeds.EVALUATED_BY_PROVINCE:
            provinces = np.array(seeds.EVALUATED_BY_PROVINCE[year], dtype=float)
            ages = np.array(seeds.EVALUATED_BY_AGE[year], dtype=float)
        else:
            provinces, ages = evaluated_provinces, evaluated_ages
        statuses = _statuses(total, NOT_READY_STATUS, rng)
        instruments = np.where(rng.random(total) < lde_share, "LDE", "CM")
        pairs = _margins(total, provinces, ages, rng)
        for (province, band), status, instrument in zip(
            pairs, statuses, instruments, strict=True
        ):
            slots.append(
                AdviceSlot(
                    str(instrument),
                    year,
                    "niet_doorstroomklaar",
                    province,
                    band,
                    status,
                )
            )
    return slots


def _esf_rows() -> list[dict[str, str]]:
    source = resources.files("doorstroom.domain.synth").joinpath(
        "esf_call_trajectories.csv"
    )
    with source.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _stage(
    outcome: str, rng: np.random.Generator, *, with_stage: bool | None = None
) -> str:
    chances = np.array(STAGE_CHANCES[outcome])
    if with_stage is True:
        chances = chances * np.array([0, 1, 1, 1])
    elif with_stage is False:
        chances = np.array([1.0, 0, 0, 0])
    return STAGES[int(rng.choice(4, p=chances / chances.sum()))]


def _closed_outcome(
    rng: np.random.Generator, *, stop_only: bool = False
) -> tuple[str, str]:
    rows = [row for row in CLOSED_OUTCOMES if not stop_only or row[0] == "stop"]
    chances = np.array([row[2] for row in rows])
    outcome, reason, _ = rows[int(rng.choice(len(rows), p=chances / chances.sum()))]
    return outcome, reason


#: End reasons of the 17 trajectories of 003 that ended without a stage.
_NO_STAGE_REASONS = (
    ("stopzetting_werknemer",) * 7
    + ("stopzetting_partner",) * 4
    + ("ziekte",) * 3
    + ("andere",) * 3
)


def trajectory_slots(persons: int, rng: np.random.Generator) -> list[TrajectorySlot]:
    """All trajectories of a population of ``persons``.

    At the default size the trajectories started in 2018-2019 are exactly those of
    ESF call 432 in 003 (per partner, year, province and age band, with the 30 ended
    by the end of 2019, 17 of them without a stage, and the 12 persons at work without
    WOP in November 2019); later years follow ``LATER_TRAJECTORIES``.
    """
    scale = persons / DEFAULT_PERSONS
    rows = _esf_rows()
    copies = np.full(len(rows), int(np.floor(scale + 1e-9)))
    extra = int(round((scale - copies[0]) * len(rows)))
    if extra > 0:
        copies[rng.choice(len(rows), size=extra, replace=False)] += 1
    no_stage_reasons = list(_NO_STAGE_REASONS)
    rng.shuffle(no_stage_reasons)
    end_2018 = timeline.year_end(2018)
    dimona = DIMONA_2019
    after_2019 = timeline.year_start(2020)
    slots: list[TrajectorySlot] = []
    no_stage_seen = 0
    for row, count in zip(rows, copies.tolist(), strict=True):
        for _ in range(count):
            year = int(row["start_year"])
            base = (row["partner_id"], year, row["province"], row["age_band"])
            # 003 counted the call's trajectories in November 2019.
            start_before = dimona if year == 2019 else OPEN
            group = row["group"]
            if group.startswith("ended_no_stage"):
                reason = no_stage_reasons[no_stage_seen % len(no_stage_reasons)]
                no_stage_seen += 1
                before = end_2018 if group.endswith("2018") else dimona
                after = timeline.year_start(2019) if group.endswith("2019") else 0
                slot = TrajectorySlot(*base, "stop", reason, "geen", after, before)
            elif group == "working_ended":
                stage = _stage("nec", rng, with_stage=True)
                slot = TrajectorySlot(*base, "nec", "werk_nec", stage, 0, dimona)
            elif group == "working_aftercare":
                stage = _stage("nec", rng, with_stage=True)
                slot = TrajectorySlot(
                    *base, "nec", "werk_nec", stage, 0, dimona, aftercare=True
                )
            elif group == "ended_stage":
                _, reason = _closed_outcome(rng, stop_only=True)
                stage = _stage("stop", rng, with_stage=True)
                slot = TrajectorySlot(*base, "stop", reason, stage, 0, dimona)
            else:
                outcome, reason = _closed_outcome(rng)
                stage = _stage(outcome, rng)
                slot = TrajectorySlot(
                    *base, outcome, reason, stage, after_2019, EXTRACTION
                )
            slots.append(replace(slot, start_before=start_before))

    esf_2019 = [row for row in rows if row["start_year"] == "2019"]
    provinces = np.array(
        [
            sum(row["province"] == code for row in esf_2019)
            for code in seeds.FLEMISH_PROVINCES
        ],
        dtype=float,
    )
    ages = np.array(
        [sum(row["age_band"] == band for row in esf_2019) for band in seeds.AGE_BANDS],
        dtype=float,
    )
    partner_weights = 1.0 / (np.arange(len(PARTNERS)) % 9 + 2.0)
    partner_weights /= partner_weights.sum()
    last_year = timeline.year_of(np.array([EXTRACTION]))[0]
    for year, volume in LATER_TRAJECTORIES.items():
        total = int(scaled_counts(np.array([volume]), scale, rng)[0])
        partners = rng.choice(len(PARTNERS), size=total, p=partner_weights)
        for (province, band), partner in zip(
            _margins(total, provinces, ages, rng), partners, strict=True
        ):
            if year == last_year and rng.random() < OPEN_SHARE_LAST_YEAR:
                outcome, reason, before = "open", "", OPEN
            else:
                (outcome, reason), before = _closed_outcome(rng), EXTRACTION
            stage = _stage(outcome, rng)
            slots.append(
                TrajectorySlot(
                    PARTNERS[partner],
                    year,
                    province,
                    band,
                    outcome,
                    reason,
                    stage,
                    0,
                    before,
                )
            )
    return slots


def deal(
    count: int, chunk_sizes: list[int], rng: np.random.Generator
) -> list[np.ndarray]:
    """Shuffle ``count`` slot indices and deal them out over chunks by size.

    Examples
    --------
    >>> [part.size for part in deal(10, [50, 50, 20], np.random.default_rng(0))]
    [4, 4, 2]
    """
    order = rng.permutation(count)
    bounds = np.rint(
        np.cumsum([0, *chunk_sizes]) / max(sum(chunk_sizes), 1) * count
    ).astype(int)
    return [np.sort(order[bounds[i] : bounds[i + 1]]) for i in range(len(chunk_sizes))]

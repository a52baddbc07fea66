"""Province, birth date, sex and education of the persons.

None of these drives the career model, so they are given *after* the careers are
known. That is what lets the generator calibrate them: the persons with doorstroom
events in the calibration period get provinces in the proportions of 001 (weighted by
their number of events), the persons with a return to the social economy in the
proportions of 001's SEC_NEC_SEC table, the others a general distribution. The
assignment is systematic (a shuffled list cut by cumulative weight), so a chunk's
shares are exact up to one person per province.
"""

from __future__ import annotations

import numpy as np

from doorstroom.domain.synth import seeds
from doorstroom.domain.synth.timeline import MISSING, YEAR

#: Share of doorstroom events with an unknown province of residence.
UNKNOWN_PROVINCE_DOORSTROOM = 0.003
#: Province of residence of the other persons (the last entry: unknown).
BACKGROUND_PROVINCES = (0.27, 0.15, 0.22, 0.10, 0.24, 0.006, 0.006, 0.008)
#: Sex: M, V, X, unknown.
SEX_SHARES = (("M", 0.60), ("V", 0.385), ("X", 0.003), ("", 0.012))
#: Education: laag, midden, hoog, unknown.
EDUCATION_SHARES = (("laag", 0.56), ("midden", 0.31), ("hoog", 0.06), ("", 0.07))
#: Share of persons (outside the advice and trajectory slots) without a birth date.
UNKNOWN_BIRTH_SHARE = 0.004
#: Age at the first recorded job: 18 plus a gamma(shape, scale) number of years.
FIRST_AGE_SHAPE, FIRST_AGE_SCALE = 2.2, 8.0


def _shares(table: dict[str, int], unknown: float) -> np.ndarray:
    counts = np.array(
        [table.get(code, 0) for code in seeds.PROVINCES[:-1]], dtype=float
    )
    return np.append(counts / counts.sum() * (1 - unknown), unknown)


def _systematic(
    weights: np.ndarray, shares: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Province index per person so that weighted totals follow ``shares``."""
    result = np.zeros(weights.size, dtype=np.int64)
    if weights.size == 0 or shares.sum() <= 0:
        return result
    order = rng.permutation(weights.size)
    weight = weights[order].astype(float)
    cumulative = np.cumsum(weight)
    middle = (cumulative - weight / 2) / cumulative[-1]
    bounds = np.cumsum(shares) / shares.sum()
    result[order] = np.minimum(
        np.searchsorted(bounds, middle, side="right"), shares.size - 1
    )
    return result


def assign_provinces(
    fixed: np.ndarray,
    doorstroom_events: np.ndarray,
    return_events: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Province code of every person of a chunk.

    Parameters
    ----------
    fixed
        Province per person fixed by an advice or trajectory slot, ``None`` if free.
    doorstroom_events, return_events
        Per person, the doorstroom events and SEC_NEC_SEC returns in the calibration
        period.
    rng
        The random generator.

    Returns
    -------
    numpy.ndarray
        Province codes (``""`` unknown), object array.
    """
    codes = np.array(seeds.PROVINCES, dtype=object)
    province = fixed.copy()
    free = np.array([value is None for value in fixed])

    def totals(weights: np.ndarray, done: np.ndarray) -> np.ndarray:
        known = province[done]
        return np.array(
            [weights[done][known == code].sum() for code in codes], dtype=float
        )

    returning = free & (return_events > 0)
    target = _shares(seeds.RETURNS_BY_PROVINCE, 0.0) * return_events.sum()
    need = np.clip(target - totals(return_events, ~free), 0, None)
    province[returning] = codes[_systematic(return_events[returning], need, rng)]
    free &= ~returning

    moving = free & (doorstroom_events > 0)
    target = (
        _shares(seeds.DOORSTROOM_BY_PROVINCE, UNKNOWN_PROVINCE_DOORSTROOM)
        * doorstroom_events.sum()
    )
    need = np.clip(target - totals(doorstroom_events, ~free), 0, None)
    province[moving] = codes[_systematic(doorstroom_events[moving], need, rng)]
    free &= ~moving

    province[free] = codes[
        _systematic(np.ones(int(free.sum())), np.array(BACKGROUND_PROVINCES), rng)
    ]
    return province


def birth_dates(
    first_start: np.ndarray,
    birth_low: np.ndarray,
    birth_high: np.ndarray,
    fixed_range: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Birth date (day number, ``MISSING`` if unknown) of every person of a chunk.

    A free person's age at the first recorded job is 18 plus a gamma-distributed
    number of years, kept within the career's bounds (``birth_low .. birth_high``:
    at least 18 at the first job, at most 66 at the last); a person behind an advice
    or trajectory slot gets a day drawn in the slot's range ``fixed_range``.
    """
    size = first_start.size
    age = 18 + rng.gamma(FIRST_AGE_SHAPE, FIRST_AGE_SCALE, size)
    birth = first_start - np.rint(age * YEAR).astype(np.int64)
    birth = np.minimum(np.maximum(birth, birth_low), birth_high)
    fixed = fixed_range[:, 0] > MISSING
    span = fixed_range[:, 1] - fixed_range[:, 0] + 1
    drawn = fixed_range[:, 0] + np.floor(rng.random(size) * np.maximum(span, 1)).astype(
        np.int64
    )
    birth = np.where(fixed, drawn, birth)
    unknown = ~fixed & (rng.random(size) < UNKNOWN_BIRTH_SHARE)
    return np.where(unknown, MISSING, birth)


def categorical(
    table: tuple[tuple[str, float], ...], size: int, rng: np.random.Generator
) -> np.ndarray:
    """Draw ``size`` codes from ``(code, share)`` pairs (object array)."""
    codes = np.array([code for code, _ in table], dtype=object)
    shares = np.array([share for _, share in table])
    return codes[rng.choice(codes.size, size=size, p=shares / shares.sum())]

"""The employers: maatwerkbedrijven, LDE initiatives, NEC employers, interim offices.

The pool is drawn once per run, with a size proportional to the population, and
written to ``employers.csv`` before the persons. Each employment episode then gets an
employer of the right kind, mostly in the worker's own province, with a few large
employers taking many workers (a Zipf-like weight).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorstroom.domain.synth import careers, geography, names
from doorstroom.domain.synth.parameters import DEFAULT_PERSONS
from doorstroom.domain.synth.seeds import FLEMISH_PROVINCES

#: Employers per kind at the default population size.
POOL_SIZE = {careers.CM: 90, careers.LDE: 300, careers.NEC: 9_000, careers.INTERIM: 40}

#: Kind names in ``organisations.csv``.
KIND_NAMES = {
    careers.CM: "maatwerkbedrijf",
    careers.LDE: "lde_initiatief",
    careers.NEC: "nec_employer",
    careers.INTERIM: "interim",
}

#: Province of the employers of each kind.
_PROVINCE_SHARES = {
    careers.CM: {"ANT": 0.27, "LIM": 0.15, "OVL": 0.22, "VBR": 0.11, "WVL": 0.25},
    careers.LDE: {"ANT": 0.28, "LIM": 0.14, "OVL": 0.23, "VBR": 0.12, "WVL": 0.23},
    careers.NEC: {
        "ANT": 0.27,
        "LIM": 0.13,
        "OVL": 0.21,
        "VBR": 0.13,
        "WVL": 0.20,
        "BRU": 0.04,
        "BUI": 0.015,
        "": 0.005,
    },
    careers.INTERIM: {
        "ANT": 0.26,
        "LIM": 0.13,
        "OVL": 0.22,
        "VBR": 0.13,
        "WVL": 0.21,
        "BRU": 0.05,
    },
}

#: NACE-BEL codes per kind, with weights.
_NACE = {
    careers.CM: (
        ("82.920", 5),
        ("81.300", 4),
        ("38.321", 2),
        ("96.011", 2),
        ("17.219", 1),
        ("25.620", 1),
        ("10.890", 1),
        ("31.090", 1),
    ),
    careers.LDE: (
        ("81.210", 4),
        ("81.300", 3),
        ("56.101", 2),
        ("88.910", 2),
        ("96.012", 2),
        ("95.290", 1),
        ("49.390", 1),
        ("88.101", 2),
    ),
    careers.NEC: (
        ("47.111", 4),
        ("47.112", 2),
        ("47.113", 2),
        ("47.190", 2),
        ("47.520", 1),
        ("56.101", 4),
        ("56.102", 2),
        ("56.290", 2),
        ("55.100", 1),
        ("81.210", 5),
        ("81.220", 1),
        ("81.300", 3),
        ("49.410", 3),
        ("52.100", 4),
        ("52.290", 2),
        ("10.711", 2),
        ("10.130", 1),
        ("43.210", 2),
        ("43.320", 1),
        ("41.201", 2),
        ("87.101", 2),
        ("87.301", 2),
        ("88.101", 2),
        ("01.130", 2),
        ("01.410", 1),
        ("25.620", 1),
        ("22.220", 1),
        ("45.200", 1),
        ("46.390", 1),
        ("84.114", 1),
    ),
    careers.INTERIM: (("78.200", 1),),
}


@dataclass(frozen=True)
class EmployerPool:
    """All employers of a run (index ``i`` has id ``ids[i]``).

    Attributes
    ----------
    ids, kind, province, nace, name, postcode, municipality
        One entry per employer; ``kind`` is ``CM``, ``LDE``, ``NEC`` or ``INTERIM``.
    weight
        Relative chance of being picked among employers of the same kind.
    """

    ids: np.ndarray
    kind: np.ndarray
    province: np.ndarray
    nace: np.ndarray
    name: np.ndarray
    postcode: np.ndarray
    municipality: np.ndarray
    weight: np.ndarray

    def __len__(self) -> int:
        return int(self.ids.size)


def _allocate(total: int, shares: dict[str, float], minimum: int) -> dict[str, int]:
    """Split ``total`` over provinces by largest remainder, with a floor per
    Flemish province."""
    codes = list(shares)
    raw = np.array([shares[code] for code in codes]) * total
    counts = np.floor(raw).astype(int)
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    result = dict(zip(codes, counts.tolist(), strict=True))
    for code in FLEMISH_PROVINCES:
        if code in result:
            result[code] = max(result[code], minimum)
    return result


def _format_nace(codes: np.ndarray, rng: np.random.Generator, kind: int) -> np.ndarray:
    """Write NACE codes in the mixed formats of real registers."""
    draw = rng.random(codes.size)
    out = codes.copy()
    undotted = np.array([code.replace(".", "") for code in codes], dtype=object)
    group = np.array([code[:4] for code in codes], dtype=object)
    class_ = np.array([code[:5] for code in codes], dtype=object)
    division = np.array([code[:2] for code in codes], dtype=object)
    if kind == careers.INTERIM:
        return np.where(draw < 0.3, undotted, out)
    out = np.where(draw < 0.2, undotted, out)
    out = np.where((draw >= 0.2) & (draw < 0.25), group, out)
    out = np.where((draw >= 0.25) & (draw < 0.28), class_, out)
    out = np.where((draw >= 0.28) & (draw < 0.3), division, out)
    return np.where(draw >= 0.95, "", out)


def build_pool(persons: int, rng: np.random.Generator) -> EmployerPool:
    """Draw the employers for a population of ``persons``.

    Parameters
    ----------
    persons
        Population size; pools scale with it (at least one employer of each SE kind
        per Flemish province).
    rng
        The random generator.

    Returns
    -------
    EmployerPool
        The employers, SE ones first, with ids ``E0000001`` upwards.
    """
    scale = persons / DEFAULT_PERSONS
    kinds, provinces = [], []
    for kind, size in POOL_SIZE.items():
        total = max(int(round(size * scale)), 5)
        for code, count in _allocate(total, _PROVINCE_SHARES[kind], 1).items():
            kinds.append(np.full(count, kind, dtype=np.int8))
            provinces.append(np.full(count, code, dtype=object))
    kind = np.concatenate(kinds)
    province = np.concatenate(provinces)
    size = kind.size
    nace = np.empty(size, dtype=object)
    weight = np.empty(size)
    for code, options in _NACE.items():
        mask = kind == code
        values = np.array([option[0] for option in options], dtype=object)
        chances = np.array([option[1] for option in options], dtype=float)
        picked = values[
            rng.choice(values.size, size=int(mask.sum()), p=chances / chances.sum())
        ]
        nace[mask] = _format_nace(picked, rng, code)
        rank = rng.permutation(int(mask.sum()))
        weight[mask] = 1.0 / (rank + 3.0) ** 0.9
    postcode, municipality = geography.pick_municipalities(province, rng)
    division = [str(code)[:2] for code in nace]
    name = np.array(
        [
            names.organisation_name(KIND_NAMES[int(k)], i + 1, str(m), d, rng)
            for i, (k, m, d) in enumerate(
                zip(kind, municipality, division, strict=True)
            )
        ],
        dtype=object,
    )
    ids = np.array([f"E{i + 1:07d}" for i in range(size)], dtype=object)
    return EmployerPool(ids, kind, province, nace, name, postcode, municipality, weight)


def assign_employers(
    pool: EmployerPool,
    kinds: np.ndarray,
    provinces: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Pick an employer for each local employer key.

    Parameters
    ----------
    pool
        The employer pool.
    kinds
        Kind of each key (``CM``, ``LDE``, ``NEC``, ``INTERIM``).
    provinces
        Province of the worker behind each key.
    rng
        The random generator.

    Returns
    -------
    numpy.ndarray
        Index into the pool per key.
    """
    local = np.isin(provinces, FLEMISH_PROVINCES) & (rng.random(kinds.size) < 0.82)
    # Brussels residents work in Brussels or in Vlaams-Brabant around it.
    brussels = (provinces == "BRU") & (rng.random(kinds.size) < 0.6)
    target = np.where(local, provinces, "*")
    se = kinds <= careers.LDE
    target = np.where(brussels, np.where(se, "VBR", "BRU"), target)
    result = np.empty(kinds.size, dtype=np.int64)
    for kind in np.unique(kinds):
        of_kind = np.flatnonzero(pool.kind == kind)
        for code in np.unique(target[kinds == kind]):
            keys = np.flatnonzero((kinds == kind) & (target == code))
            members = (
                of_kind if code == "*" else of_kind[pool.province[of_kind] == code]
            )
            if members.size == 0:
                members = of_kind
            cumulative = np.cumsum(pool.weight[members])
            picks = np.searchsorted(
                cumulative, rng.random(keys.size) * cumulative[-1], side="right"
            )
            result[keys] = members[np.minimum(picks, members.size - 1)]
    return result

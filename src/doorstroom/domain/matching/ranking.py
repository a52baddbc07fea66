"""Ranking: vacancies for a person, candidates for a vacancy, vectorised with NumPy.

The per-pair fit is exactly the fit of
:func:`doorstroom.domain.competences.distance` (``fit = 1 - Σ w·g / Σ w·(r-1)``
over the competences with a known level), computed for all pairs at once with
matrix products. The trick: required levels ``r`` are whole numbers 1-4, so the
gap splits into steps::

    g = max(0, r - a) = Σ_{k=2..4} [k <= r] · clip(k - a, 0, 1)

and ``Σ_c w·g`` becomes ``H @ A.T`` with ``H[p, (c,k)] = clip(k - a_pc, 0, 1)``
(0 when unknown) and ``A[v, (c,k)] = w_vc · [k <= r_vc]``. Likewise the
denominator is ``K @ S.T`` (``K`` = known mask, ``S = w·(r-1)``) and the number of
blockers ``Σ_c [a_pc < cut_vc]`` is ``Bm @ Cm.T`` with
``Bm[p, (c,k)] = [a_pc < k]`` and ``Cm[v, (c,k)] = [cut_vc = k]``.

Hard constraints are evaluated for all pairs too: shifts, physical demands,
language and sector are bits of one ``uint64`` (a pair passes when the vacancy
needs no bit the person does not offer), travel is a per-person table over
(place, travel-mode set) gathered per vacancy, hours are two comparisons.

**Order.** Feasible pairs without a blocking competence first, then feasible
pairs with one, each by fit (highest first; a fit that is unknown because no
required competence has a level counts as 0). Fits are rounded to 1e-9 so that
mathematically equal fits tie exactly, and ties go to the lowest vacancy id (or
person id). Infeasible pairs are never listed. Persons and vacancies are sorted
by id first, so the input order does not matter.

Group attributes (sex, age, origin, health) cannot reach this module: the
persons are :class:`~doorstroom.domain.matching.persons.MatchPerson` values, which
have no such fields, and no function here takes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from doorstroom.domain.competences import DistanceResult, Framework, distance
from doorstroom.domain.matching.constraints import (
    ConstraintReport,
    ConstraintSettings,
    check_constraints,
)
from doorstroom.domain.matching.geo import MODES, Gazetteer, allowed_km
from doorstroom.domain.matching.persons import MatchPerson
from doorstroom.domain.matching.terms import LanguageLevel, PhysicalDemand, Shift
from doorstroom.domain.matching.vacancies import Vacancy

#: Fits are rounded to this many units per 1.0 before ranking.
FIT_RESOLUTION = 1_000_000_000
BLOCKED_OFFSET = 2 * FIT_RESOLUTION
_INFEASIBLE = -(2**40)
_STEPS = (2, 3, 4)
_SHIFTS = tuple(Shift)
_DEMANDS = tuple(PhysicalDemand)
_LANGUAGES = tuple(LanguageLevel)
_SECTOR_BIT0 = len(_SHIFTS) + len(_DEMANDS) + len(_LANGUAGES)
#: Most distinct sectors the bit encoding holds.
MAX_SECTORS = 64 - _SECTOR_BIT0


@dataclass(frozen=True)
class TopK:
    """Top-k lists, one row per person (or vacancy).

    Attributes
    ----------
    ids:
        Ids of the row owners, sorted.
    indices:
        ``(rows, k)`` positions into the other side's sorted ids, ``-1`` where
        fewer than k feasible pairs exist.
    fits:
        ``(rows, k)`` fits (rounded to 1e-9), NaN where no entry.
    blocked:
        ``(rows, k)`` whether a competence blocks.
    other_ids:
        The other side's sorted ids (what ``indices`` point into).
    """

    ids: tuple[str, ...]
    indices: np.ndarray
    fits: np.ndarray
    blocked: np.ndarray
    other_ids: tuple[str, ...]

    def lists(self) -> dict[str, list[str]]:
        """``{owner id: [other ids, best first]}``."""
        return {
            owner: [self.other_ids[i] for i in row if i >= 0]
            for owner, row in zip(self.ids, self.indices.tolist(), strict=True)
        }


class MatchIndex:
    """Persons and vacancies encoded as matrices for fast ranking both ways.

    Parameters
    ----------
    persons:
        Persons to match (group attributes do not exist on them).
    vacancies:
        Vacancies to match.
    gazetteer:
        Postcode lookup for the travel constraint.
    chunk_size:
        Persons per block; memory grows with ``chunk_size × vacancies``.
    """

    def __init__(
        self,
        persons: Sequence[MatchPerson],
        vacancies: Sequence[Vacancy],
        gazetteer: Gazetteer,
        *,
        chunk_size: int = 1024,
    ) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.persons = tuple(sorted(persons, key=lambda p: p.id))
        self.vacancies = tuple(sorted(vacancies, key=lambda v: v.id))
        self.person_ids = tuple(p.id for p in self.persons)
        self.vacancy_ids = tuple(v.id for v in self.vacancies)
        for ids, what in ((self.person_ids, "person"), (self.vacancy_ids, "vacancy")):
            if len(set(ids)) != len(ids):
                raise ValueError(f"duplicate {what} ids")
        self.chunk_size = chunk_size
        self._encode_competences()
        self._encode_constraints(gazetteer)

    # --- encoding ---------------------------------------------------------

    def _encode_competences(self) -> None:
        competences = sorted(
            {r.competence_id for v in self.vacancies for r in v.profile.requirements}
        )
        self.competence_ids = tuple(competences)
        column = {c: i for i, c in enumerate(competences)}
        n_c = len(competences)
        levels = np.full((len(self.persons), n_c), np.nan)
        for row, person in enumerate(self.persons):
            for competence, value in person.levels.items():
                if value is not None and competence in column:
                    levels[row, column[competence]] = float(value)
        if np.any((levels < 1) | (levels > 4)):
            raise ValueError("person levels must lie between 1 and 4")
        known = ~np.isnan(levels)
        filled = np.where(known, levels, 4.0)
        steps = np.array(_STEPS, dtype=float)
        # H[p, c, k] = clip(k - a, 0, 1); Bm[p, c, k] = [a < k]; both 0 when unknown.
        self._steps = np.clip(
            steps[None, None, :] - filled[:, :, None], 0.0, 1.0
        ).reshape(len(self.persons), n_c * len(_STEPS))
        self._below = (
            (filled[:, :, None] < steps[None, None, :])
            .astype(float)
            .reshape(len(self.persons), n_c * len(_STEPS))
        )
        self._known = known.astype(float)
        # Unknown levels as 4: no gap and never below a cut-off; `known` masks the span.
        self._levels_filled = filled
        n_v = len(self.vacancies)
        weights = np.zeros((n_v, n_c))
        required = np.ones((n_v, n_c))
        cutoff = np.zeros((n_v, n_c))
        for row, vacancy in enumerate(self.vacancies):
            for requirement in vacancy.profile.requirements:
                col = column[requirement.competence_id]
                weights[row, col] = requirement.weight
                required[row, col] = int(requirement.required)
                if requirement.cutoff is not None:
                    cutoff[row, col] = int(requirement.cutoff)
        self._step_weights = (
            weights[:, :, None] * (steps[None, None, :] <= required[:, :, None])
        ).reshape(n_v, n_c * len(_STEPS))
        self._span = weights * (required - 1.0)
        self._weights = weights
        self._required = required
        self._cutoff = cutoff
        self._asked = (weights > 0).astype(float)
        self._cut = (
            (cutoff[:, :, None] == steps[None, None, :])
            .astype(float)
            .reshape(n_v, n_c * len(_STEPS))
        )

    def _encode_constraints(self, gazetteer: Gazetteer) -> None:
        sectors = sorted({v.sector for v in self.vacancies})
        if len(sectors) > MAX_SECTORS:
            raise ValueError(f"at most {MAX_SECTORS} distinct sectors can be ranked")
        sector_bit = {s: _SECTOR_BIT0 + i for i, s in enumerate(sectors)}
        shift_bit = {s: i for i, s in enumerate(_SHIFTS)}
        demand_bit = {d: len(_SHIFTS) + i for i, d in enumerate(_DEMANDS)}
        language_bit0 = len(_SHIFTS) + len(_DEMANDS)

        def bits(positions: Any) -> int:
            value = 0
            for position in positions:
                value |= 1 << position
            return value

        needs = np.array(
            [
                bits(shift_bit[s] for s in v.shifts)
                | bits(demand_bit[d] for d in v.physical_demands)
                | (1 << (language_bit0 + int(v.language_level) - 1))
                | (1 << sector_bit[v.sector])
                for v in self.vacancies
            ],
            dtype=np.uint64,
        )
        lacks = []
        for p in self.persons:
            allowed_sectors = [
                s
                for s in sectors
                if s not in p.no_go_sectors
                and (not p.wished_sectors or s in p.wished_sectors)
            ]
            offers = (
                bits(shift_bit[s] for s in p.shifts)
                | bits(demand_bit[d] for d in _DEMANDS if d not in p.physical_limits)
                | bits(language_bit0 + i for i in range(int(p.language_level)))
                | bits(sector_bit[s] for s in allowed_sectors)
            )
            lacks.append(~offers & 0xFFFFFFFFFFFFFFFF)
        self._needs = needs
        self._lacks = np.array(lacks, dtype=np.uint64)
        self._hours = np.array([v.hours for v in self.vacancies])
        self._hours_min = np.array([p.hours_min for p in self.persons])
        self._hours_max = np.array([p.hours_max for p in self.persons])
        # Travel: place index (last = unknown), mode set per vacancy.
        postcodes = gazetteer.postcodes
        place = {pc: i for i, pc in enumerate(postcodes)}
        unknown = len(postcodes)
        distances = np.full((unknown + 1, unknown + 1), -np.inf)
        distances[:unknown, :unknown] = gazetteer.distance_matrix()
        self._distances = distances
        self._person_place = np.array(
            [place.get(p.postcode or "", unknown) for p in self.persons], dtype=np.intp
        )
        vacancy_place = np.array(
            [place.get(v.postcode, unknown) for v in self.vacancies], dtype=np.intp
        )
        mode_sets = np.array(
            [bits(MODES.index(m) for m in v.reachable_by) for v in self.vacancies],
            dtype=np.intp,
        )
        n_sets = 1 << len(MODES)
        self._vacancy_code = vacancy_place * n_sets + mode_sets
        self._code_order = np.argsort(self._vacancy_code, kind="stable")
        used, starts, counts = np.unique(
            self._vacancy_code[self._code_order], return_index=True, return_counts=True
        )
        self._code_ranges = (used, starts, counts)
        # reach[p, s]: straight km person p may travel to a workplace with mode set s.
        per_mode = np.full((len(self.persons), len(MODES)), -np.inf)
        for column, mode in enumerate(MODES):
            has_mode = np.array(
                [mode in p.travel_modes for p in self.persons], dtype=bool
            )
            minutes = np.array(
                [p.max_travel_minutes for p in self.persons], dtype=float
            )
            per_mode[has_mode, column] = [
                allowed_km(t, mode) for t in minutes[has_mode]
            ]
        reach = np.full((len(self.persons), n_sets), -np.inf)
        for mode_set in range(1, n_sets):
            usable = [i for i in range(len(MODES)) if mode_set >> i & 1]
            reach[:, mode_set] = per_mode[:, usable].max(axis=1)
        self._reach = reach
        self._consent = np.array([p.consent_matching for p in self.persons], dtype=bool)
        employer_columns: dict[str, list[int]] = {}
        for col, v in enumerate(self.vacancies):
            employer_columns.setdefault(v.employer.id, []).append(col)
        self._no_go: dict[int, np.ndarray] = {}
        for row, p in enumerate(self.persons):
            cols = [c for e in p.no_go_employers for c in employer_columns.get(e, [])]
            if cols:
                self._no_go[row] = np.array(sorted(cols), dtype=np.intp)

    # --- per block --------------------------------------------------------

    def _blocks(self) -> Iterator[slice]:
        for start in range(0, len(self.persons), self.chunk_size):
            yield slice(start, min(start + self.chunk_size, len(self.persons)))

    def block_fits(self, rows: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fit, blocked and known-anything matrices for a block of persons.

        Returns
        -------
        fit:
            ``(n, V)`` fit as in :func:`~doorstroom.domain.competences.distance`,
            NaN where no required competence has a known level.
        blocked:
            ``(n, V)`` whether a known level is below a cut-off.
        any_known:
            ``(n, V)`` whether some required competence has a known level.
        """
        gap = self._steps[rows] @ self._step_weights.T
        span = self._known[rows] @ self._span.T
        any_known = (self._known[rows] @ self._asked.T) > 0.5
        blocked = (self._below[rows] @ self._cut.T) > 0.5
        with np.errstate(divide="ignore", invalid="ignore"):
            fit = np.where(span > 0, 1.0 - gap / span, 1.0)
        np.clip(fit, 0.0, 1.0, out=fit)
        fit[~any_known] = np.nan
        return fit, blocked, any_known

    def block_feasible(self, rows: slice) -> np.ndarray:
        """``(n, V)`` whether every hard constraint holds, for a block of persons."""
        feasible = (self._lacks[rows, None] & self._needs[None, :]) == 0
        feasible &= self._hours[None, :] >= self._hours_min[rows, None]
        feasible &= self._hours[None, :] <= self._hours_max[rows, None]
        # Per person: reachable[(place, mode set)], then gathered per vacancy.
        dist = self._distances[self._person_place[rows]]  # (n, places)
        reach = self._reach[rows]  # (n, sets)
        table = dist[:, :, None] <= reach[:, None, :]
        feasible &= table.reshape(table.shape[0], -1)[:, self._vacancy_code]
        for row in range(rows.start, rows.stop):
            cols = self._no_go.get(row)
            if cols is not None:
                feasible[row - rows.start, cols] = False
        return feasible

    def block_keys(self, rows: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Quantised scores for a block: ``q`` (int64), fit, blocked.

        ``q`` is ``round(fit * 1e9)`` (unknown fit = 0), minus ``2e9`` when
        blocked, and a large negative sentinel when infeasible.
        """
        fit, blocked, _ = self.block_fits(rows)
        feasible = self.block_feasible(rows)
        q = np.rint(np.nan_to_num(fit, nan=0.0) * FIT_RESOLUTION).astype(np.int64)
        q -= blocked * np.int64(BLOCKED_OFFSET)
        q[~feasible] = _INFEASIBLE
        return q, fit, blocked

    # --- whole index ------------------------------------------------------

    def fit_matrix(self) -> np.ndarray:
        """All ``(P, V)`` fits (NaN = unknown). For tests and small sets."""
        if not self.persons:
            return np.zeros((0, len(self.vacancies)))
        return np.vstack([self.block_fits(rows)[0] for rows in self._blocks()])

    def feasible_matrix(self) -> np.ndarray:
        """All ``(P, V)`` hard-constraint results. For tests and small sets."""
        if not self.persons:
            return np.zeros((0, len(self.vacancies)), dtype=bool)
        return np.vstack([self.block_feasible(rows) for rows in self._blocks()])

    def block_pairs(self, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        """Feasible pairs of a block of persons, without a dense matrix.

        Travel is checked per (place, mode set) code, and only the vacancies of
        reachable codes are expanded into pairs; the other constraints are then
        checked on those pairs. Gives the same pairs as :meth:`block_feasible`.

        Returns
        -------
        (person_rows, vacancy_columns)
            Grouped by person row (rows ascending).
        """
        codes, starts, counts = self._code_ranges
        dist = self._distances[self._person_place[rows]]
        reach = self._reach[rows]
        n_sets = reach.shape[1]
        reachable = dist[:, codes // n_sets] <= reach[:, codes % n_sets]
        block_row, code_index = np.nonzero(reachable)
        sizes = counts[code_index]
        total = int(sizes.sum())
        offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
        within = np.arange(total, dtype=np.intp) - offsets
        cols = self._code_order[np.repeat(starts[code_index], sizes) + within]
        prow = np.repeat(block_row + rows.start, sizes)
        keep = (self._lacks[prow] & self._needs[cols]) == 0
        hours = self._hours[cols]
        keep &= (hours >= self._hours_min[prow]) & (hours <= self._hours_max[prow])
        prow, cols = prow[keep], cols[keep]
        if self._no_go:
            bad = np.zeros(prow.size, dtype=bool)
            for row, no_go in self._no_go.items():
                if rows.start <= row < rows.stop:
                    bad |= (prow == row) & np.isin(cols, no_go)
            prow, cols = prow[~bad], cols[~bad]
        return prow, cols

    def pair_keys(self, prow: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Quantised scores ``q`` of given pairs (see :meth:`block_keys`).

        Works on the levels directly (``Σ w·max(0, r - a)``), which reads fewer
        numbers per pair than the step matrices of :meth:`block_fits`; both give
        the fit of :func:`~doorstroom.domain.competences.distance` up to rounding
        in the last bits.
        """
        levels = self._levels_filled[prow]
        known = self._known[prow]
        weights = self._weights[cols]
        shortfall = self._required[cols]
        shortfall -= levels
        np.maximum(shortfall, 0.0, out=shortfall)
        gap = np.einsum("ij,ij->i", weights, shortfall)
        span = np.einsum("ij,ij->i", known, self._span[cols])
        any_known = np.einsum("ij,ij->i", known, self._asked[cols]) > 0.5
        blocked = (levels < self._cutoff[cols]).any(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            fit = np.where(span > 0, 1.0 - gap / span, 1.0)
        np.clip(fit, 0.0, 1.0, out=fit)
        fit[~any_known] = 0.0
        q = np.rint(fit * FIT_RESOLUTION).astype(np.int64)
        q -= blocked * np.int64(BLOCKED_OFFSET)
        return q

    def top_both(self, k: int = 10) -> tuple[TopK, TopK]:
        """Top-k vacancies per person and top-k consenting candidates per vacancy.

        One pass over the persons computes both, on the feasible pairs only.

        Returns
        -------
        (TopK, TopK)
            Per person (into vacancies) and per vacancy (into persons).
        """
        n_p, n_v = len(self.persons), len(self.vacancies)
        m_v = np.int64(1 << max(1, int(n_v - 1).bit_length()))
        m_p = np.int64(1 << max(1, int(n_p - 1).bit_length()))
        person_rows, person_keys = [], []
        vacancy_cols, vacancy_keys = [], []
        for rows in self._blocks():
            prow, cols = self.block_pairs(rows)
            if prow.size == 0:
                continue
            q = self.pair_keys(prow, cols)
            keys = q * m_v + (m_v - 1 - cols)
            kept = _top_per_group(prow, keys, k)
            person_rows.append(prow[kept])
            person_keys.append(keys[kept])
            consent = self._consent[prow]
            keys = q[consent] * m_p + (m_p - 1 - prow[consent])
            kept = _top_per_group(cols[consent], keys, k)
            vacancy_cols.append(cols[consent][kept])
            vacancy_keys.append(keys[kept])
        by_person = _assemble(person_rows, person_keys, n_p, k)
        vcols = np.concatenate(vacancy_cols) if vacancy_cols else np.zeros(0, np.intp)
        vkeys = np.concatenate(vacancy_keys) if vacancy_keys else np.zeros(0, np.int64)
        kept = _top_per_group(vcols, vkeys, k)
        by_vacancy = _assemble([vcols[kept]], [vkeys[kept]], n_v, k)
        return (
            _decode(by_person, m_v, self.person_ids, self.vacancy_ids),
            _decode(by_vacancy, m_p, self.vacancy_ids, self.person_ids),
        )

    def top_vacancies(self, k: int = 10) -> TopK:
        """Top-k vacancies per person (see the module docstring for the order)."""
        return self.top_both(k)[0]

    def top_candidates(self, k: int = 10) -> TopK:
        """Top-k candidates per vacancy among persons who consented."""
        return self.top_both(k)[1]


def _top_per_group(groups: np.ndarray, keys: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest keys per group value (keys are unique per group)."""
    if groups.size == 0:
        return np.zeros(0, dtype=np.intp)
    order = np.lexsort((-keys, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    rank = np.arange(order.size) - np.repeat(starts, np.diff(np.r_[starts, order.size]))
    return order[rank < k]


def _assemble(
    groups: list[np.ndarray], keys: list[np.ndarray], n_groups: int, k: int
) -> np.ndarray:
    """``(n_groups, k)`` keys, best first; missing entries are the int64 minimum."""
    table = np.full((n_groups, k), np.iinfo(np.int64).min, dtype=np.int64)
    if not groups:
        return table
    group = np.concatenate(groups)
    key = np.concatenate(keys)
    if group.size == 0:
        return table
    order = np.lexsort((-key, group))
    group, key = group[order], key[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    rank = np.arange(group.size) - np.repeat(starts, np.diff(np.r_[starts, group.size]))
    keep = rank < k
    table[group[keep], rank[keep]] = key[keep]
    return table


def _decode(
    keys: np.ndarray,
    modulus: np.int64,
    ids: tuple[str, ...],
    other_ids: tuple[str, ...],
) -> TopK:
    bits = int(modulus).bit_length() - 1
    valid = keys != np.iinfo(np.int64).min
    q = keys >> np.int64(bits)
    indices = np.where(valid, modulus - 1 - (keys & (modulus - 1)), -1)
    is_blocked = valid & (q < 0)
    value = np.where(is_blocked, q + BLOCKED_OFFSET, q) / FIT_RESOLUTION
    fits = np.where(valid, value, np.nan)
    return TopK(ids, indices, fits, is_blocked, other_ids)


@dataclass(frozen=True)
class RankedMatch:
    """One entry of a ranked list."""

    rank: int
    person_id: str
    vacancy_id: str
    fit: float
    blocked: bool


def rank_vacancies(
    person: MatchPerson,
    vacancies: Sequence[Vacancy],
    gazetteer: Gazetteer,
    *,
    k: int = 10,
) -> list[RankedMatch]:
    """The best ``k`` feasible vacancies for one person, best first.

    Parameters
    ----------
    person:
        The person (only matching data; no group attributes exist on it).
    vacancies:
        Vacancies to choose from.
    gazetteer:
        Postcode lookup.
    k:
        List length.
    """
    top = MatchIndex([person], vacancies, gazetteer).top_vacancies(k)
    return _entries(top, person_side=True)[person.id]


def rank_candidates(
    vacancy: Vacancy,
    persons: Sequence[MatchPerson],
    gazetteer: Gazetteer,
    *,
    k: int = 10,
) -> list[RankedMatch]:
    """The best ``k`` feasible candidates for one vacancy among persons who consented."""
    top = MatchIndex(persons, [vacancy], gazetteer).top_candidates(k)
    return _entries(top, person_side=False)[vacancy.id]


def _entries(top: TopK, *, person_side: bool) -> dict[str, list[RankedMatch]]:
    result: dict[str, list[RankedMatch]] = {}
    for row, owner in enumerate(top.ids):
        entries = []
        for position in range(top.indices.shape[1]):
            index = int(top.indices[row, position])
            if index < 0:
                break
            other = top.other_ids[index]
            person_id, vacancy_id = (owner, other) if person_side else (other, owner)
            entries.append(
                RankedMatch(
                    position + 1,
                    person_id,
                    vacancy_id,
                    float(top.fits[row, position]),
                    bool(top.blocked[row, position]),
                )
            )
        result[owner] = entries
    return result


@dataclass(frozen=True)
class MatchExplanation:
    """Why a pair matches or not: competences met and missing, constraints.

    Attributes
    ----------
    person_id, vacancy_id:
        The pair.
    distance:
        The full gap assessment (:func:`~doorstroom.domain.competences.distance`).
    constraints:
        Every hard constraint with its margin.
    """

    person_id: str
    vacancy_id: str
    distance: DistanceResult
    constraints: ConstraintReport

    @property
    def feasible(self) -> bool:
        """Every hard constraint holds."""
        return self.constraints.passed

    @property
    def has(self) -> tuple[str, ...]:
        """Required competences the person already meets."""
        return self.distance.met

    @property
    def missing(self) -> tuple[str, ...]:
        """Required competences still missing: blocking first, then open gaps."""
        return self.distance.blockers + self.distance.gaps_open

    def sentences_nl(self) -> list[str]:
        """Plain Dutch: constraints that fail or nearly fail, then the competences."""
        sentences = [check.message_nl for check in self.constraints.failed]
        sentences += [check.message_nl for check in self.constraints.nearly_failed]
        if self.constraints.passed and not self.constraints.nearly_failed:
            sentences.append(
                "Alle harde voorwaarden (uren, verplaatsing, fysiek, taal, wensen) passen."
            )
        return sentences + self.distance.explain_nl()

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible data for the API."""
        return {
            "person_id": self.person_id,
            "vacancy_id": self.vacancy_id,
            "feasible": self.feasible,
            "has": list(self.has),
            "missing": list(self.missing),
            "constraints": [
                {
                    "kind": c.kind.value,
                    "passed": c.passed,
                    "nearly_failed": c.nearly_failed,
                    "margin": c.margin,
                    "message": c.message_nl,
                }
                for c in self.constraints.checks
            ],
            "distance": self.distance.to_dict(),
            "explanation": self.sentences_nl(),
        }


def explain(
    person: MatchPerson,
    vacancy: Vacancy,
    gazetteer: Gazetteer,
    *,
    framework: Framework | None = None,
    settings: ConstraintSettings | None = None,
) -> MatchExplanation:
    """Explain one pair with :func:`~doorstroom.domain.competences.distance` and the constraints.

    Parameters
    ----------
    person, vacancy:
        The pair.
    gazetteer:
        Postcode lookup.
    framework:
        For Dutch competence names.
    settings:
        Thresholds for "nearly failed".
    """
    return MatchExplanation(
        person.id,
        vacancy.id,
        distance(person.levels, vacancy.profile, framework=framework),
        check_constraints(person, vacancy, gazetteer, settings),
    )

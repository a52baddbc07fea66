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

**Top-k lists** score only feasible pairs: the vacancies of reachable travel
codes are expanded per block of persons and filtered through a small
(person × constraint class) table; vacancies with the same requirements share
a column of a (block × profile) score table built with the step products above
(or, when profiles barely repeat, each pair is scored on gathered rows). One
person against an existing index: :meth:`MatchIndex.rank_person`.

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

import copy
from collections.abc import Iterable, Iterator, Sequence
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
_SHIFT_BIT = {s: i for i, s in enumerate(_SHIFTS)}
_DEMAND_BIT = {d: len(_SHIFTS) + i for i, d in enumerate(_DEMANDS)}
_LANGUAGE_BIT0 = len(_SHIFTS) + len(_DEMANDS)
#: Pairs are scored through a (persons × distinct profiles) table when there are
#: at least this many vacancies per distinct requirement profile.
PROFILE_SHARE = 4
_MISSING = np.iinfo(np.int64).min


def _bits(positions: Iterable[int]) -> int:
    value = 0
    for position in positions:
        value |= 1 << position
    return value


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
        Persons per block; memory grows with ``chunk_size`` times the
        feasible pairs per person and the distinct requirement profiles.
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
        self.vacancies = tuple(sorted(vacancies, key=lambda v: v.id))
        self.vacancy_ids = tuple(v.id for v in self.vacancies)
        self.chunk_size = chunk_size
        self._encode_vacancy_competences()
        self._encode_vacancy_constraints(gazetteer)
        self._encode_persons(persons)
        for ids, what in ((self.person_ids, "person"), (self.vacancy_ids, "vacancy")):
            if len(set(ids)) != len(ids):
                raise ValueError(f"duplicate {what} ids")

    # --- encoding ---------------------------------------------------------

    def _encode_vacancy_competences(self) -> None:
        competences = sorted(
            {r.competence_id for v in self.vacancies for r in v.profile.requirements}
        )
        self.competence_ids = tuple(competences)
        self._column = {c: i for i, c in enumerate(competences)}
        n_c = len(competences)
        n_v = len(self.vacancies)
        steps = np.array(_STEPS, dtype=float)
        weights = np.zeros((n_v, n_c))
        required = np.ones((n_v, n_c))
        cutoff = np.zeros((n_v, n_c))
        for row, vacancy in enumerate(self.vacancies):
            for requirement in vacancy.profile.requirements:
                col = self._column[requirement.competence_id]
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
        # Vacancies with the same requirements share one column of the per-block
        # score table (``_profile_keys``): far fewer profiles than vacancies.
        if n_v and n_c:
            _, first, inverse = np.unique(
                np.hstack([weights, required, cutoff]),
                axis=0,
                return_index=True,
                return_inverse=True,
            )
        else:
            first = np.zeros(min(n_v, 1), dtype=np.intp)
            inverse = np.zeros(n_v, dtype=np.intp)
        self._profile_of = np.asarray(inverse, dtype=np.intp).reshape(n_v)
        self._profile_step_weights = self._step_weights[first]
        self._profile_span = self._span[first]
        self._profile_asked = self._asked[first]
        self._profile_cut = self._cut[first]
        self._profile_asked32 = self._profile_asked.astype(np.float32)
        self._profile_cut32 = self._profile_cut.astype(np.float32)
        #: Score pairs through the per-profile table when profiles repeat enough.
        self._use_profiles = len(first) * PROFILE_SHARE <= n_v

    def _encode_vacancy_constraints(self, gazetteer: Gazetteer) -> None:
        sectors = sorted({v.sector for v in self.vacancies})
        if len(sectors) > MAX_SECTORS:
            raise ValueError(f"at most {MAX_SECTORS} distinct sectors can be ranked")
        self._sectors = tuple(sectors)
        self._sector_bit = {s: _SECTOR_BIT0 + i for i, s in enumerate(sectors)}
        needs = np.array(
            [
                _bits(_SHIFT_BIT[s] for s in v.shifts)
                | _bits(_DEMAND_BIT[d] for d in v.physical_demands)
                | (1 << (_LANGUAGE_BIT0 + int(v.language_level) - 1))
                | (1 << self._sector_bit[v.sector])
                for v in self.vacancies
            ],
            dtype=np.uint64,
        )
        self._needs = needs
        self._hours = np.array([v.hours for v in self.vacancies], dtype=float)
        # Travel: place index (last = unknown), mode set per vacancy.
        postcodes = gazetteer.postcodes
        self._place = {pc: i for i, pc in enumerate(postcodes)}
        unknown = len(postcodes)
        distances = np.full((unknown + 1, unknown + 1), -np.inf)
        distances[:unknown, :unknown] = gazetteer.distance_matrix()
        self._distances = distances
        vacancy_place = np.array(
            [self._place.get(v.postcode, unknown) for v in self.vacancies],
            dtype=np.intp,
        )
        mode_sets = np.array(
            [_bits(MODES.index(m) for m in v.reachable_by) for v in self.vacancies],
            dtype=np.intp,
        )
        n_sets = 1 << len(MODES)
        self._vacancy_code = vacancy_place * n_sets + mode_sets
        self._code_order = np.argsort(self._vacancy_code, kind="stable")
        self._code_position = np.empty_like(self._code_order)
        self._code_position[self._code_order] = np.arange(self._code_order.size)
        used, starts, counts = np.unique(
            self._vacancy_code[self._code_order], return_index=True, return_counts=True
        )
        self._code_ranges = (used, starts, counts)
        # Constraint classes: vacancies with the same bits and hours pass or fail
        # together for any person, so a block checks them once per (person, class).
        _, needs_id = np.unique(needs, return_inverse=True)
        hour_values, hours_id = np.unique(self._hours, return_inverse=True)
        class_raw = needs_id.reshape(-1) * max(len(hour_values), 1) + hours_id.reshape(
            -1
        )
        class_values, first, vacancy_class = np.unique(
            class_raw, return_index=True, return_inverse=True
        )
        self._class_needs = needs[first]
        self._class_hours = self._hours[first]
        self._vacancy_class = np.asarray(vacancy_class, dtype=np.int32).reshape(-1)
        self._class_in_code_order = self._vacancy_class[self._code_order]
        self._employer_columns: dict[str, list[int]] = {}
        for col, v in enumerate(self.vacancies):
            self._employer_columns.setdefault(v.employer.id, []).append(col)

    def _encode_persons(self, persons: Sequence[MatchPerson]) -> None:
        """Encode the person side against the vacancy encoding already built."""
        self.persons = tuple(sorted(persons, key=lambda p: p.id))
        self.person_ids = tuple(p.id for p in self.persons)
        n_p = len(self.persons)
        n_c = len(self.competence_ids)
        levels = np.full((n_p, n_c), np.nan)
        for row, person in enumerate(self.persons):
            for competence, value in person.levels.items():
                col = self._column.get(competence)
                if value is not None and col is not None:
                    levels[row, col] = float(value)
        if np.any((levels < 1) | (levels > 4)):
            raise ValueError("person levels must lie between 1 and 4")
        known = ~np.isnan(levels)
        filled = np.where(known, levels, 4.0)
        steps = np.array(_STEPS, dtype=float)
        # H[p, c, k] = clip(k - a, 0, 1); Bm[p, c, k] = [a < k]; both 0 when unknown.
        self._steps = np.clip(
            steps[None, None, :] - filled[:, :, None], 0.0, 1.0
        ).reshape(n_p, n_c * len(_STEPS))
        self._below = (
            (filled[:, :, None] < steps[None, None, :])
            .astype(float)
            .reshape(n_p, n_c * len(_STEPS))
        )
        self._known = known.astype(float)
        # Unknown levels as 4: no gap and never below a cut-off; `known` masks the span.
        self._levels_filled = filled
        lacks = []
        for p in self.persons:
            allowed_sectors = [
                s
                for s in self._sectors
                if s not in p.no_go_sectors
                and (not p.wished_sectors or s in p.wished_sectors)
            ]
            offers = (
                _bits(_SHIFT_BIT[s] for s in p.shifts)
                | _bits(_DEMAND_BIT[d] for d in _DEMANDS if d not in p.physical_limits)
                | _bits(_LANGUAGE_BIT0 + i for i in range(int(p.language_level)))
                | _bits(self._sector_bit[s] for s in allowed_sectors)
            )
            lacks.append(~offers & 0xFFFFFFFFFFFFFFFF)
        self._lacks = np.array(lacks, dtype=np.uint64)
        self._hours_min = np.array([p.hours_min for p in self.persons], dtype=float)
        self._hours_max = np.array([p.hours_max for p in self.persons], dtype=float)
        unknown = len(self._place)
        self._person_place = np.array(
            [self._place.get(p.postcode or "", unknown) for p in self.persons],
            dtype=np.intp,
        )
        # reach[p, s]: straight km person p may travel to a workplace with mode set s.
        n_sets = 1 << len(MODES)
        per_mode = np.full((n_p, len(MODES)), -np.inf)
        minutes = np.array([p.max_travel_minutes for p in self.persons], dtype=float)
        for column, mode in enumerate(MODES):
            has_mode = np.array(
                [mode in p.travel_modes for p in self.persons], dtype=bool
            )
            per_mode[has_mode, column] = [
                allowed_km(t, mode) for t in minutes[has_mode]
            ]
        reach = np.full((n_p, n_sets), -np.inf)
        for mode_set in range(1, n_sets):
            usable = [i for i in range(len(MODES)) if mode_set >> i & 1]
            reach[:, mode_set] = per_mode[:, usable].max(axis=1)
        self._reach = reach
        self._consent = np.array([p.consent_matching for p in self.persons], dtype=bool)
        self._no_go: dict[int, np.ndarray] = {}
        for row, p in enumerate(self.persons):
            cols = [
                c for e in p.no_go_employers for c in self._employer_columns.get(e, [])
            ]
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

        Gives the same pairs as :meth:`block_feasible` (see
        :meth:`_feasible_pairs`), grouped by person row (rows ascending) and
        within a row in travel-code order, then by vacancy column.

        Returns
        -------
        (person_rows, vacancy_columns)
            Grouped by person row (rows ascending).
        """
        prow, cols = self._feasible_pairs(rows)
        order = np.lexsort((self._code_position[cols], prow))
        return prow[order], cols[order]

    def _feasible_pairs(self, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        """Feasible pairs of a block of persons, rows ascending, otherwise unordered.

        Travel is decided per (place, travel-mode set) code, so only the
        vacancies of reachable codes are expanded into candidate pairs. Bits
        (shifts, physical demands, language, sector) and hours are checked once
        per (person, constraint class) in a small table, and each candidate
        looks its class up there. No-go employers are a sparse fix-up.
        """
        codes, starts, counts = self._code_ranges
        reach = self._reach[rows]
        n_sets = reach.shape[1]
        dist = self._distances[self._person_place[rows]]
        reachable = dist[:, codes // n_sets] <= reach[:, codes % n_sets]
        hours = self._class_hours
        class_ok = (self._lacks[rows, None] & self._class_needs[None, :]) == 0
        class_ok &= hours[None, :] >= self._hours_min[rows, None]
        class_ok &= hours[None, :] <= self._hours_max[rows, None]
        n_classes = class_ok.shape[1]
        block_row, code_index = np.nonzero(reachable)
        sizes = counts[code_index]
        total = int(sizes.sum())
        ends = np.cumsum(sizes)
        # Position in the code order of every candidate: a run per (row, code).
        small = (rows.stop - rows.start) * max(n_classes, 1) + len(self.vacancies)
        index_type = np.int32 if small < 2**31 else np.int64
        step = np.ones(total, dtype=index_type)
        if total:
            step[0] = starts[code_index[0]]
            jump = ends[:-1]
            step[jump] = starts[code_index[1:]] - (
                starts[code_index[:-1]] + sizes[:-1] - 1
            )
        positions = np.cumsum(step, dtype=index_type)
        run_rows = np.repeat(block_row.astype(index_type), sizes)
        run_rows *= index_type(n_classes)
        run_rows += self._class_in_code_order[positions]
        keep = class_ok.reshape(-1)[run_rows]
        prow = (run_rows[keep] // index_type(n_classes)).astype(np.intp) + rows.start
        cols = self._code_order[positions[keep]]
        no_go = [
            row * len(self.vacancies) + self._no_go[row]
            for row in range(rows.start, rows.stop)
            if row in self._no_go
        ]
        if no_go:
            bad = np.isin(prow * len(self.vacancies) + cols, np.concatenate(no_go))
            prow, cols = prow[~bad], cols[~bad]
        return prow, cols

    def _profile_keys(self, rows: slice) -> np.ndarray:
        """``(n, profiles)`` quantised scores ``q`` of a block against each profile.

        The step products of :meth:`block_fits`, on the distinct requirement
        profiles instead of all vacancies.
        """
        gap = self._steps[rows] @ self._profile_step_weights.T
        span = self._known[rows] @ self._profile_span.T
        # Counts of small integers: exact in float32, and half the work.
        known = self._known[rows].astype(np.float32)
        any_known = (known @ self._profile_asked32.T) > 0.5
        blocked = (self._below[rows].astype(np.float32) @ self._profile_cut32.T) > 0.5
        # fit = 1 - gap / span where span > 0, else 1 (then gap is 0 too).
        np.divide(gap, span, out=gap, where=span > 0)
        np.subtract(1.0, gap, out=gap)
        np.clip(gap, 0.0, 1.0, out=gap)
        gap *= any_known
        gap *= FIT_RESOLUTION
        np.rint(gap, out=gap)
        q = gap.astype(np.int64)
        np.subtract(q, np.int64(BLOCKED_OFFSET), out=q, where=blocked)
        return q

    def _block_scores(self, rows: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feasible pairs of a block and their quantised scores ``q``."""
        prow, cols = self._feasible_pairs(rows)
        if prow.size == 0 or not self._use_profiles:
            return prow, cols, self.pair_keys(prow, cols)
        table = self._profile_keys(rows)
        flat = (prow - rows.start) * table.shape[1] + self._profile_of[cols]
        return prow, cols, table.reshape(-1)[flat]

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
        return self._top(k, candidates=True)

    def _top(self, k: int, *, candidates: bool) -> tuple[TopK, TopK]:
        n_p, n_v = len(self.persons), len(self.vacancies)
        m_v = np.int64(1 << max(1, int(n_v - 1).bit_length()))
        m_p = np.int64(1 << max(1, int(n_p - 1).bit_length()))
        by_person = np.full((n_p, k), _MISSING, dtype=np.int64)
        by_vacancy = np.full((n_v if candidates else 0, k), _MISSING, dtype=np.int64)
        for rows in self._blocks():
            prow, cols, q = self._block_scores(rows)
            if prow.size == 0:
                continue
            keys = q * m_v + (m_v - 1 - cols)
            by_person[rows] = _top_table(
                prow - rows.start, keys, rows.stop - rows.start, k, m_v
            )
            if not candidates:
                continue
            consent = self._consent[prow]
            vcols = cols[consent]
            vkeys = q[consent] * m_p + (m_p - 1 - prow[consent])
            # Only pairs that beat a vacancy's current k-th entry can enter its list.
            better = vkeys > by_vacancy[vcols, k - 1]
            _merge_top(by_vacancy, vcols[better], vkeys[better], k)
        return (
            _decode(by_person, m_v, self.person_ids, self.vacancy_ids),
            _decode(
                by_vacancy, m_p, self.vacancy_ids if candidates else (), self.person_ids
            ),
        )

    def top_vacancies(self, k: int = 10) -> TopK:
        """Top-k vacancies per person (see the module docstring for the order)."""
        return self._top(k, candidates=False)[0]

    def top_candidates(self, k: int = 10) -> TopK:
        """Top-k candidates per vacancy among persons who consented."""
        return self.top_both(k)[1]

    def rank_person(self, person: MatchPerson, k: int = 10) -> list[RankedMatch]:
        """The best ``k`` feasible vacancies of this index for one person, best first.

        Encodes only ``person`` against the vacancy encoding already built (the
        index's own persons are not used), so a page or API that keeps one index
        of the open vacancies ranks a person in milliseconds. Same list as
        :func:`rank_vacancies` with the index's vacancies.

        Parameters
        ----------
        person:
            The person (only matching data; no group attributes exist on it).
        k:
            List length.
        """
        view = copy.copy(self)
        view._encode_persons([person])
        return _entries(view.top_vacancies(k), person_side=True)[person.id]


def _top_table(
    rows: np.ndarray, keys: np.ndarray, n_rows: int, k: int, modulus: np.int64
) -> np.ndarray:
    """``(n_rows, k)`` largest keys per row, best first; missing = int64 minimum.

    ``keys`` are ``q * modulus + tie-breaker`` with ``q`` in ``[-2e9, 1e9]``, unique
    per row. When row and shifted key fit in 63 bits together, one ``np.sort`` of
    a combined integer orders the pairs; otherwise a ``lexsort``.
    """
    table = np.full((n_rows, k), _MISSING, dtype=np.int64)
    if rows.size == 0:
        return table
    shift = np.int64(BLOCKED_OFFSET) * modulus
    key_bits = int(BLOCKED_OFFSET + FIT_RESOLUTION) * int(modulus)
    key_bits = key_bits.bit_length()
    if max(1, int(n_rows - 1).bit_length()) + key_bits <= 62:
        top = np.int64((1 << key_bits) - 1)
        combined = (rows.astype(np.int64) << np.int64(key_bits)) | (
            top - (keys + shift)
        )
        combined.sort()
        group = combined >> np.int64(key_bits)
        key = top - (combined & top) - shift
    else:
        order = np.lexsort((-keys, rows))
        group, key = rows[order], keys[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    rank = np.arange(group.size) - np.repeat(starts, np.diff(np.r_[starts, group.size]))
    keep = rank < k
    table[group[keep], rank[keep]] = key[keep]
    return table


def _merge_top(table: np.ndarray, groups: np.ndarray, keys: np.ndarray, k: int) -> None:
    """Merge new ``(group, key)`` entries into a ``(groups, k)`` top table in place."""
    if groups.size == 0:
        return
    affected = np.unique(groups)
    old = table[affected]
    valid = old != _MISSING
    all_groups = np.concatenate([np.repeat(affected, k)[valid.reshape(-1)], groups])
    all_keys = np.concatenate([old[valid], keys])
    order = np.lexsort((-all_keys, all_groups))
    all_groups, all_keys = all_groups[order], all_keys[order]
    starts = np.flatnonzero(np.r_[True, all_groups[1:] != all_groups[:-1]])
    rank = np.arange(all_groups.size) - np.repeat(
        starts, np.diff(np.r_[starts, all_groups.size])
    )
    keep = rank < k
    table[affected] = _MISSING
    table[all_groups[keep], rank[keep]] = all_keys[keep]


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
    return MatchIndex((), vacancies, gazetteer).rank_person(person, k)


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

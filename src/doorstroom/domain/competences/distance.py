"""Competence gap assessment (competentie(afstands)meting): person against job profile.

:func:`distance` compares a person's levels with a :class:`JobProfile` and
returns a :class:`DistanceResult`: per competence the gap, whether it blocks, the
overall fit and a plain Dutch explanation.

Definitions (``r`` required level, ``a`` the person's level, ``c`` cut-off,
``w`` weight, all per competence):

* **gap** ``g = max(0, r - a)``; a competence is **met** when ``g = 0``;
* **blocking** when a cut-off is set and ``a < c``;
* **unknown** when the person has no level for it (missing or ``None``): it is
  listed, never counted as 0;
* **fit** over the competences with a known level::

      fit = 1 - sum(w * g) / sum(w * (r - 1))

  i.e. the weighted share of the required steps above level 1 that the person
  already makes. ``fit = 1`` means every known requirement is met; ``fit = 0``
  means the person is at level 1 on every known requirement. When every known
  requirement asks level 1 the fit is 1. Without any known level the fit is
  ``None``.
* **fit bounds** over all competences: ``fit_lower`` counts unknown ones as level
  1, ``fit_upper`` as met. ``fit_lower <= fit <= fit_upper``; they are equal when
  nothing is unknown.
* **coverage**: the share of the total weight whose level is known.
* **within reach**: ``False`` when anything blocks, ``None`` when nothing blocks
  but a competence with a cut-off is unknown, else ``True``.

Sums use :func:`math.fsum` and the competences are put in a fixed order, so the
result does not depend on the order of the input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from doorstroom.domain.competences.frameworks import Framework
from doorstroom.domain.competences.job_profiles import JobProfile, Requirement
from doorstroom.domain.competences.scales import (
    Level,
    check_level_value,
    format_number_nl,
    level_label_nl,
)


class GapStatus(StrEnum):
    """Status of one competence against the job profile."""

    BLOCKING = "blocking"
    GAP = "gap"
    UNKNOWN = "unknown"
    MET = "met"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return _STATUS_LABELS_NL[self]


_STATUS_LABELS_NL = {
    GapStatus.BLOCKING: "Blokkerend",
    GapStatus.GAP: "Groeipunt",
    GapStatus.UNKNOWN: "Onbekend",
    GapStatus.MET: "Voldoet",
}
_STATUS_RANK = {
    GapStatus.BLOCKING: 0,
    GapStatus.GAP: 1,
    GapStatus.UNKNOWN: 2,
    GapStatus.MET: 3,
}


@dataclass(frozen=True)
class CompetenceGap:
    """One competence of the job profile against the person.

    Attributes
    ----------
    competence_id, name:
        The competence and its Dutch name (the id when no framework was given).
    required, weight, cutoff:
        From the job profile.
    actual:
        The person's level, ``None`` if unknown.
    gap:
        ``max(0, required - actual)``, ``None`` if unknown.
    blocking:
        Whether the person is below the cut-off.
    status:
        blocking, gap, unknown or met.
    """

    competence_id: str
    name: str
    required: Level
    weight: float
    cutoff: Level | None
    actual: float | None
    gap: float | None
    blocking: bool
    status: GapStatus

    @property
    def weighted_gap(self) -> float | None:
        """``weight * gap`` (``None`` if unknown)."""
        return None if self.gap is None else self.weight * self.gap

    def priority_key(self) -> tuple[int, float, bool, float, str]:
        """Sort key: status (blocking, gap, unknown, met), then the largest weighted
        gap, then competences with a cut-off, then the heaviest weight, then id."""
        return (
            _STATUS_RANK[self.status],
            -(self.weighted_gap or 0.0),
            self.cutoff is None,
            -self.weight,
            self.competence_id,
        )


@dataclass(frozen=True)
class DistanceResult:
    """The outcome of :func:`distance`; see the module docstring for the formulas.

    Attributes
    ----------
    profile_id, profile_name:
        The job profile.
    gaps:
        One :class:`CompetenceGap` per requirement, in priority order: blocking,
        then other gaps (largest weighted gap first), unknown, met; ties go to
        competences with a cut-off, then the heavier weight, then the id.
    fit:
        Fit over the known competences in [0, 1], ``None`` if none is known.
    fit_lower, fit_upper:
        Fit if every unknown competence were at level 1 / were met.
    coverage:
        Share of the total weight with a known level, in [0, 1].
    total_weighted_gap:
        ``sum(w * g)`` over the known competences.
    blockers, gaps_open, unknown, met:
        Competence ids per status, in priority order.
    within_reach:
        ``False`` if anything blocks, ``None`` if an unknown competence has a
        cut-off, else ``True``.
    """

    profile_id: str
    profile_name: str
    gaps: tuple[CompetenceGap, ...]
    fit: float | None
    fit_lower: float
    fit_upper: float
    coverage: float
    total_weighted_gap: float
    blockers: tuple[str, ...]
    gaps_open: tuple[str, ...]
    unknown: tuple[str, ...]
    met: tuple[str, ...]
    within_reach: bool | None

    def gap_for(self, competence_id: str) -> CompetenceGap:
        """The result for one competence (``KeyError`` if not in the profile)."""
        for gap in self.gaps:
            if gap.competence_id == competence_id:
                return gap
        raise KeyError(competence_id)

    def explain_nl(self) -> list[str]:
        """Plain Dutch sentences that explain the result, most important first.

        Returns
        -------
        list of str
            Overall fit, reach, blockers, growth points, what is already met and
            what is still unknown.
        """
        by_id = {gap.competence_id: gap for gap in self.gaps}
        sentences: list[str] = []
        if self.fit is None:
            sentences.append(
                f"Voor de job '{self.profile_name}' is nog geen enkele vereiste "
                "competentie beoordeeld: de fit is onbekend."
            )
        else:
            sentences.append(
                f"De fit met de job '{self.profile_name}' is {_percent(self.fit)} "
                "(100% betekent: voldoet aan alle beoordeelde vereisten)."
            )
        if self.blockers:
            sentences.append(
                "De job is nog niet binnen bereik: "
                + _join_nl(
                    f"{by_id[cid].name} ligt onder de cut-off "
                    f"({level_label_nl(by_id[cid].actual)}, minstens "
                    f"{by_id[cid].cutoff.label_nl if by_id[cid].cutoff else ''} nodig)"
                    for cid in self.blockers
                )
                + "."
            )
        elif self.within_reach is None:
            open_cutoffs = [
                by_id[cid].name for cid in self.unknown if by_id[cid].cutoff is not None
            ]
            sentences.append(
                "Of de job binnen bereik is, hangt nog af van competenties met een "
                f"cut-off die niet beoordeeld zijn: {_join_nl(open_cutoffs)}."
            )
        else:
            sentences.append(
                "Geen enkele competentie blokkeert: de job is binnen bereik."
            )
        # A blocker is always below its required level too, so it is a growth point.
        growth_gaps = [by_id[cid] for cid in self.blockers + self.gaps_open]
        if growth_gaps:
            sentences.append(
                "Groeipunten: "
                + _join_nl(
                    f"{gap.name} ({level_label_nl(gap.actual)}, gevraagd "
                    f"{gap.required.label_nl}: {format_number_nl(gap.gap or 0.0)} "
                    f"{'niveau' if gap.gap == 1 else 'niveaus'} verschil)"
                    for gap in growth_gaps
                )
                + "."
            )
        if self.met:
            sentences.append(
                "Voldoet al aan wat de job vraagt voor: "
                + _join_nl(by_id[cid].name for cid in self.met)
                + "."
            )
        if self.unknown:
            sentences.append(
                "Nog niet beoordeeld: "
                + _join_nl(by_id[cid].name for cid in self.unknown)
                + "."
            )
            if self.fit is not None:
                sentences.append(
                    f"De fit is berekend op de beoordeelde competenties "
                    f"({_percent(self.coverage)} van het gewicht); met de ontbrekende "
                    f"beoordelingen ligt ze tussen {_percent(self.fit_lower)} en "
                    f"{_percent(self.fit_upper)}."
                )
        return sentences

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-compatible data (for the API)."""
        return {
            "profile_id": self.profile_id,
            "profile_name": self.profile_name,
            "fit": self.fit,
            "fit_lower": self.fit_lower,
            "fit_upper": self.fit_upper,
            "coverage": self.coverage,
            "total_weighted_gap": self.total_weighted_gap,
            "within_reach": self.within_reach,
            "blockers": list(self.blockers),
            "gaps_open": list(self.gaps_open),
            "unknown": list(self.unknown),
            "met": list(self.met),
            "gaps": [
                {
                    "competence_id": gap.competence_id,
                    "name": gap.name,
                    "required": int(gap.required),
                    "weight": gap.weight,
                    "cutoff": None if gap.cutoff is None else int(gap.cutoff),
                    "actual": gap.actual,
                    "gap": gap.gap,
                    "blocking": gap.blocking,
                    "status": gap.status.value,
                }
                for gap in self.gaps
            ],
            "explanation": self.explain_nl(),
        }


def distance(
    person_levels: Mapping[str, float | None],
    job_profile: JobProfile,
    *,
    framework: Framework | None = None,
) -> DistanceResult:
    """Compare a person's competence levels with a job profile.

    Parameters
    ----------
    person_levels:
        The person's level per competence id (1-4, fractional allowed, e.g. a
        consensus median of 2.5). ``None`` or a missing key means unknown. Use
        :func:`~doorstroom.domain.competences.assessments.consensus_levels` to
        get these from an assessment round with an explicit consensus policy.
        Keys that the profile does not ask are ignored.
    job_profile:
        The job profile.
    framework:
        Optional framework for the Dutch competence names in the result.

    Returns
    -------
    DistanceResult
        Gaps, blockers, fit and explanation; independent of input order.

    Raises
    ------
    ValueError
        When a level of a required competence is not a number between 1 and 4.

    Examples
    --------
    >>> from doorstroom.domain.competences.job_profiles import Requirement
    >>> profile = JobProfile("p", "Magazijnier", (
    ...     Requirement("cooperation", 3, weight=2),
    ...     Requirement("accuracy", 3, cutoff=2),
    ... ))
    >>> result = distance({"cooperation": 2, "accuracy": 3}, profile)
    >>> result.fit, result.blockers
    (0.6666666666666667, ())
    """
    names = framework.names() if framework is not None else {}
    gaps = tuple(
        sorted(
            (
                _compare(
                    requirement, person_levels.get(requirement.competence_id), names
                )
                for requirement in job_profile.requirements
            ),
            key=CompetenceGap.priority_key,
        )
    )
    known = [gap for gap in gaps if gap.actual is not None]
    unknown = [gap for gap in gaps if gap.actual is None]
    known_span = math.fsum(g.weight * (g.required - 1) for g in known)
    unknown_span = math.fsum(g.weight * (g.required - 1) for g in unknown)
    total_gap = math.fsum(g.weight * g.gap for g in known if g.gap is not None)
    total_span = known_span + unknown_span
    fit = None if not known else _share_made(total_gap, known_span)
    fit_lower = _share_made(total_gap + unknown_span, total_span)
    fit_upper = _share_made(total_gap, total_span)
    total_weight = math.fsum(g.weight for g in gaps)
    coverage = math.fsum(g.weight for g in known) / total_weight

    def ids(status: GapStatus) -> tuple[str, ...]:
        return tuple(g.competence_id for g in gaps if g.status is status)

    blockers = ids(GapStatus.BLOCKING)
    if blockers:
        within_reach: bool | None = False
    elif any(g.cutoff is not None for g in unknown):
        within_reach = None
    else:
        within_reach = True
    return DistanceResult(
        profile_id=job_profile.id,
        profile_name=job_profile.name,
        gaps=gaps,
        fit=fit,
        fit_lower=fit_lower,
        fit_upper=fit_upper,
        coverage=coverage,
        total_weighted_gap=total_gap,
        blockers=blockers,
        gaps_open=ids(GapStatus.GAP),
        unknown=ids(GapStatus.UNKNOWN),
        met=ids(GapStatus.MET),
        within_reach=within_reach,
    )


def _compare(
    requirement: Requirement, value: float | None, names: Mapping[str, str]
) -> CompetenceGap:
    competence_id = requirement.competence_id
    name = names.get(competence_id, competence_id)
    if value is None:
        return CompetenceGap(
            competence_id,
            name,
            requirement.required,
            requirement.weight,
            requirement.cutoff,
            None,
            None,
            False,
            GapStatus.UNKNOWN,
        )
    actual = check_level_value(value, f"Niveau van {name}")
    gap = max(0.0, requirement.required - actual)
    blocking = requirement.cutoff is not None and actual < requirement.cutoff
    if blocking:
        status = GapStatus.BLOCKING
    elif gap > 0:
        status = GapStatus.GAP
    else:
        status = GapStatus.MET
    return CompetenceGap(
        competence_id,
        name,
        requirement.required,
        requirement.weight,
        requirement.cutoff,
        actual,
        gap,
        blocking,
        status,
    )


def _share_made(missing: float, span: float) -> float:
    """``1 - missing / span`` clamped to [0, 1]; 1 when there is nothing to make."""
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, 1.0 - missing / span))


def _percent(value: float) -> str:
    return f"{format_number_nl(value * 100, 0)}%"


def _join_nl(items: Any) -> str:
    """Join names Dutch-style: 'a, b en c'."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]

"""Assessment rounds: several raters score a person on the competences of a framework.

One :class:`AssessmentRound` is one moment of competence measurement (the guide's
step 3, "observeren en kwalificeren") for one person. It points at the exact
framework version it used (:class:`~doorstroom.domain.competences.frameworks.FrameworkRef`)
and holds one :class:`RaterSheet` per rater: the worker's self-assessment, the
coach, the werkvloerbegeleider or another observer. A sheet rates competences on
the 1-4 scale or says *niet geobserveerd* (``level=None``), optionally with a
STARR note.

Which rating counts as "the person's level" when raters differ is a decision, not
a given; :class:`ConsensusPolicy` makes it explicit. The default,
:data:`DEFAULT_POLICY`, is the **median of the coach and werkvloerbegeleider
ratings, excluding the self-assessment**; a competence no included rater observed
is unknown (``None``), never 0.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

from doorstroom.domain.competences.frameworks import Framework, FrameworkRef
from doorstroom.domain.competences.scales import Level, format_number_nl, parse_level


class AssessmentError(ValueError):
    """An assessment round is not valid. The message is Dutch."""


class RaterRole(StrEnum):
    """Who gives a rating."""

    SELF = "self"
    COACH = "coach"
    FLOOR_SUPERVISOR = "floor_supervisor"
    OBSERVER = "observer"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return _ROLE_LABELS_NL[self]


_ROLE_LABELS_NL = {
    RaterRole.SELF: "Zelfbeoordeling",
    RaterRole.COACH: "Doorstroomcoach",
    RaterRole.FLOOR_SUPERVISOR: "Werkvloerbegeleider",
    RaterRole.OBSERVER: "Andere observator",
}

#: Every role except the worker's own.
OTHER_ROLES: frozenset[RaterRole] = frozenset(RaterRole) - {RaterRole.SELF}


@dataclass(frozen=True)
class StarrNote:
    """A behavioural example in STARR form, attached to one rating.

    Attributes
    ----------
    situation:
        Situatie: what was going on?
    task:
        Taak: what was the person's task?
    activities:
        Activiteiten: what did the person concretely say or do?
    result:
        Resultaat: what happened next?
    reflection:
        Reflectie: what does the person (or rater) take from it?
    """

    situation: str = ""
    task: str = ""
    activities: str = ""
    result: str = ""
    reflection: str = ""

    def __post_init__(self) -> None:
        if not any(
            text.strip()
            for text in (
                self.situation,
                self.task,
                self.activities,
                self.result,
                self.reflection,
            )
        ):
            raise AssessmentError("Een STARR-notitie mag niet helemaal leeg zijn.")


@dataclass(frozen=True)
class Rating:
    """One rater's rating of one competence.

    Attributes
    ----------
    competence_id:
        The competence.
    level:
        1-4, or ``None`` for *niet geobserveerd*. Integers and labels are
        converted with :func:`~doorstroom.domain.competences.scales.parse_level`.
    starr:
        Optional STARR note backing the rating.
    comment:
        Optional free comment.
    """

    competence_id: str
    level: Level | None
    starr: StarrNote | None = None
    comment: str = ""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "level", parse_level(self.level))
        except ValueError as exc:
            raise AssessmentError(f"Competentie {self.competence_id!r}: {exc}") from exc

    @property
    def observed(self) -> bool:
        """Whether the rater observed the competence (gave a level)."""
        return self.level is not None


@dataclass(frozen=True)
class RaterSheet:
    """All ratings of one rater in one round."""

    rater_id: str
    role: RaterRole
    ratings: tuple[Rating, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", RaterRole(self.role))
        seen: set[str] = set()
        for rating in self.ratings:
            if rating.competence_id in seen:
                raise AssessmentError(
                    f"Beoordelaar {self.rater_id!r} beoordeelt competentie "
                    f"{rating.competence_id!r} twee keer."
                )
            seen.add(rating.competence_id)

    def level(self, competence_id: str) -> Level | None:
        """The level given to a competence; ``None`` if not observed or not rated."""
        for rating in self.ratings:
            if rating.competence_id == competence_id:
                return rating.level
        return None

    def levels(self) -> dict[str, Level | None]:
        """Level (or ``None`` for not observed) per rated competence id."""
        return {rating.competence_id: rating.level for rating in self.ratings}


@dataclass(frozen=True)
class AssessmentRound:
    """One competence measurement of one person by one or more raters.

    Attributes
    ----------
    id:
        Round id.
    person_id:
        The person assessed.
    framework:
        The exact framework version used (id, version, content hash). Later
        versions of the framework never change this round.
    held_on:
        Date of the round.
    sheets:
        One sheet per rater; rater ids are unique and there is at most one
        self-assessment.
    """

    id: str
    person_id: str
    framework: FrameworkRef
    held_on: date
    sheets: tuple[RaterSheet, ...]

    def __post_init__(self) -> None:
        rater_ids = [sheet.rater_id for sheet in self.sheets]
        if len(set(rater_ids)) != len(rater_ids):
            raise AssessmentError(
                f"Ronde {self.id!r}: een beoordelaar komt twee keer voor."
            )
        if sum(sheet.role is RaterRole.SELF for sheet in self.sheets) > 1:
            raise AssessmentError(
                f"Ronde {self.id!r}: er is maar één zelfbeoordeling per ronde."
            )

    @property
    def competence_ids(self) -> tuple[str, ...]:
        """Every competence rated by at least one rater, sorted."""
        return tuple(
            sorted({r.competence_id for sheet in self.sheets for r in sheet.ratings})
        )

    def self_sheet(self) -> RaterSheet | None:
        """The self-assessment, if any."""
        for sheet in self.sheets:
            if sheet.role is RaterRole.SELF:
                return sheet
        return None

    def sheets_for(self, roles: Iterable[RaterRole]) -> tuple[RaterSheet, ...]:
        """The sheets of raters with one of these roles, in round order."""
        wanted = frozenset(roles)
        return tuple(sheet for sheet in self.sheets if sheet.role in wanted)


def validate_round(round_: AssessmentRound, framework: Framework) -> None:
    """Check that a round belongs to this framework version and rates only its competences.

    Parameters
    ----------
    round_:
        The round.
    framework:
        The framework version the round should point at.

    Raises
    ------
    AssessmentError
        When the round points at another framework version (id, version or
        content hash differ), or rates a competence the framework does not have.
    """
    if round_.framework != framework.ref:
        raise AssessmentError(
            f"Ronde {round_.id!r} hoort bij kader {round_.framework}, niet bij "
            f"{framework.ref}."
        )
    known = set(framework.competence_ids)
    for sheet in round_.sheets:
        for rating in sheet.ratings:
            if rating.competence_id not in known:
                raise AssessmentError(
                    f"Ronde {round_.id!r}: competentie {rating.competence_id!r} staat "
                    f"niet in kader {framework.id!r} versie {framework.version}."
                )


@dataclass(frozen=True)
class ConsensusPolicy:
    """Which ratings make up the person's level for a competence.

    Attributes
    ----------
    roles:
        The rater roles that count. Default: coach and werkvloerbegeleider, so the
        self-assessment does not count.
    method:
        ``"median"`` (default; half levels such as 2.5 are possible), ``"mean"``,
        or ``"min"`` (the most cautious rater).
    min_raters:
        How many included raters must have observed the competence; with fewer
        the level is unknown (``None``).
    """

    roles: frozenset[RaterRole] = field(
        default=frozenset({RaterRole.COACH, RaterRole.FLOOR_SUPERVISOR})
    )
    method: Literal["median", "mean", "min"] = "median"
    min_raters: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(RaterRole(r) for r in self.roles))
        if not self.roles:
            raise AssessmentError("Een consensusregel heeft minstens één rol nodig.")
        if self.method not in {"median", "mean", "min"}:
            raise AssessmentError(f"Onbekende consensusmethode {self.method!r}.")
        if self.min_raters < 1:
            raise AssessmentError("min_raters moet minstens 1 zijn.")

    def combine(self, levels: Sequence[int]) -> float | None:
        """Combine the observed levels of the included raters (``None`` if too few)."""
        if len(levels) < self.min_raters or not levels:
            return None
        if self.method == "median":
            return float(statistics.median(levels))
        if self.method == "mean":
            return statistics.fmean(levels)
        return float(min(levels))


#: Median of coach and werkvloerbegeleider, self-assessment excluded.
DEFAULT_POLICY = ConsensusPolicy()
#: Median of everyone except the worker (coach, werkvloerbegeleider, observers).
OTHERS_POLICY = ConsensusPolicy(roles=OTHER_ROLES)
#: Only the self-assessment.
SELF_POLICY = ConsensusPolicy(roles=frozenset({RaterRole.SELF}))


def consensus_levels(
    round_: AssessmentRound, policy: ConsensusPolicy = DEFAULT_POLICY
) -> dict[str, float | None]:
    """The person's level per competence in one round, under a consensus policy.

    Parameters
    ----------
    round_:
        The round.
    policy:
        Which raters count and how they are combined (default: median of coach
        and werkvloerbegeleider, excluding self).

    Returns
    -------
    dict
        Level per competence id rated by anyone in the round, sorted by id; the
        value is ``None`` (unknown) when too few included raters observed it.

    Examples
    --------
    >>> from doorstroom.domain.competences.frameworks import FrameworkRef
    >>> ref = FrameworkRef("demo", 1, "0" * 64)
    >>> sheets = (
    ...     RaterSheet("ann", RaterRole.SELF, (Rating("initiative", 4),)),
    ...     RaterSheet("bo", RaterRole.COACH, (Rating("initiative", 2),)),
    ...     RaterSheet("cas", RaterRole.FLOOR_SUPERVISOR, (Rating("initiative", 3),)),
    ... )
    >>> round_ = AssessmentRound("r1", "p1", ref, date(2024, 3, 1), sheets)
    >>> consensus_levels(round_)
    {'initiative': 2.5}
    """
    sheets = round_.sheets_for(policy.roles)
    return {
        competence_id: policy.combine(
            [
                int(level)
                for sheet in sheets
                if (level := sheet.level(competence_id)) is not None
            ]
        )
        for competence_id in round_.competence_ids
    }


@dataclass(frozen=True)
class SelfOtherComparison:
    """Self-assessment against the others for one competence.

    Attributes
    ----------
    competence_id:
        The competence.
    self_level:
        The worker's own rating (``None``: not rated or not observed).
    others_level:
        The others' combined level under the policy (``None``: unknown).
    others_count:
        How many other raters observed the competence.
    difference:
        ``self_level - others_level`` (``None`` when either is unknown).
    reading_nl:
        Plain Dutch reading.
    """

    competence_id: str
    self_level: Level | None
    others_level: float | None
    others_count: int
    difference: float | None
    reading_nl: str


def self_vs_others(
    round_: AssessmentRound,
    policy: ConsensusPolicy = OTHERS_POLICY,
    *,
    threshold: float = 1.0,
) -> tuple[SelfOtherComparison, ...]:
    """Compare the self-assessment with the other raters, per competence.

    Parameters
    ----------
    round_:
        The round.
    policy:
        How the other raters are combined (default: median of all non-self raters).
        A policy that includes :attr:`RaterRole.SELF` is refused.
    threshold:
        A difference of at least this many levels counts as higher/lower.

    Returns
    -------
    tuple of SelfOtherComparison
        One per competence rated in the round, sorted by competence id.

    Raises
    ------
    AssessmentError
        When the policy counts the self-assessment among the others.
    """
    if RaterRole.SELF in policy.roles:
        raise AssessmentError("De zelfbeoordeling kan niet meetellen bij 'de anderen'.")
    own = round_.self_sheet()
    others = round_.sheets_for(policy.roles)
    combined = consensus_levels(round_, policy)
    comparisons = []
    for competence_id in round_.competence_ids:
        self_level = own.level(competence_id) if own is not None else None
        others_level = combined[competence_id]
        count = sum(sheet.level(competence_id) is not None for sheet in others)
        difference = (
            None
            if self_level is None or others_level is None
            else float(self_level) - others_level
        )
        comparisons.append(
            SelfOtherComparison(
                competence_id=competence_id,
                self_level=self_level,
                others_level=others_level,
                others_count=count,
                difference=difference,
                reading_nl=_self_other_reading(difference, self_level, threshold),
            )
        )
    return tuple(comparisons)


def _self_other_reading(
    difference: float | None, self_level: Level | None, threshold: float
) -> str:
    if difference is None:
        if self_level is None:
            return "Geen zelfbeoordeling voor deze competentie."
        return "De anderen hebben deze competentie niet geobserveerd."
    if difference >= threshold:
        return (
            f"Schat zichzelf hoger in dan de anderen "
            f"({format_number_nl(difference)} niveau hoger)."
        )
    if difference <= -threshold:
        return (
            f"Schat zichzelf lager in dan de anderen "
            f"({format_number_nl(-difference)} niveau lager)."
        )
    return "Zelfbeeld en beeld van de anderen komen overeen."


@dataclass(frozen=True)
class HistoryPoint:
    """A person's level on one competence in one round."""

    round_id: str
    held_on: date
    level: float | None


def _ordered_rounds(rounds: Iterable[AssessmentRound]) -> list[AssessmentRound]:
    ordered = sorted(rounds, key=lambda r: (r.held_on, r.id))
    persons = {r.person_id for r in ordered}
    if len(persons) > 1:
        raise AssessmentError(
            "Een historiek bevat rondes van één persoon; gevonden: "
            + ", ".join(sorted(persons))
            + "."
        )
    ids = [r.id for r in ordered]
    if len(set(ids)) != len(ids):
        raise AssessmentError("Een historiek bevat elke ronde maar één keer.")
    return ordered


def competence_history(
    rounds: Iterable[AssessmentRound], policy: ConsensusPolicy = DEFAULT_POLICY
) -> dict[str, tuple[HistoryPoint, ...]]:
    """The person's level per competence over the rounds, oldest first.

    Competences are matched by id across rounds, even when the rounds used
    different framework versions. A round that did not rate a competence gives a
    point with ``level=None``.

    Parameters
    ----------
    rounds:
        Rounds of one person, in any order (sorted here by date, then id).
    policy:
        The consensus policy for each round.

    Returns
    -------
    dict
        Points per competence id (sorted by id), one per round.

    Raises
    ------
    AssessmentError
        When the rounds belong to more than one person or a round occurs twice.
    """
    ordered = _ordered_rounds(rounds)
    per_round = [consensus_levels(r, policy) for r in ordered]
    competence_ids = sorted({cid for levels in per_round for cid in levels})
    return {
        cid: tuple(
            HistoryPoint(r.id, r.held_on, levels.get(cid))
            for r, levels in zip(ordered, per_round, strict=True)
        )
        for cid in competence_ids
    }


@dataclass(frozen=True)
class TravelledDistance:
    """Distance travelled (afgelegde weg) on one competence.

    Attributes
    ----------
    competence_id:
        The competence.
    first, last:
        The first and last rounds with a known level (``None`` if none).
    change:
        ``last.level - first.level``; ``None`` with fewer than two known levels.
    observations:
        Number of rounds with a known level.
    reading_nl:
        Plain Dutch reading.
    """

    competence_id: str
    first: HistoryPoint | None
    last: HistoryPoint | None
    change: float | None
    observations: int
    reading_nl: str


def distance_travelled(
    rounds: Iterable[AssessmentRound], policy: ConsensusPolicy = DEFAULT_POLICY
) -> dict[str, TravelledDistance]:
    """Progress per competence between the first and the last known level.

    Parameters
    ----------
    rounds:
        Rounds of one person, in any order.
    policy:
        The consensus policy for each round.

    Returns
    -------
    dict
        :class:`TravelledDistance` per competence id, sorted by id.
    """
    result: dict[str, TravelledDistance] = {}
    for cid, points in competence_history(rounds, policy).items():
        known = [point for point in points if point.level is not None]
        first = known[0] if known else None
        last = known[-1] if known else None
        change = None
        if (
            len(known) >= 2
            and known[0].level is not None
            and known[-1].level is not None
        ):
            change = known[-1].level - known[0].level
        result[cid] = TravelledDistance(
            competence_id=cid,
            first=first,
            last=last,
            change=change,
            observations=len(known),
            reading_nl=_travel_reading(change),
        )
    return result


def _travel_reading(change: float | None) -> str:
    if change is None:
        return "Nog te weinig metingen om vooruitgang te zien."
    if change > 0:
        return f"Vooruitgang: {format_number_nl(change)} niveau hoger dan bij de eerste meting."
    if change < 0:
        return f"Achteruitgang: {format_number_nl(-change)} niveau lager dan bij de eerste meting."
    return "Gelijk gebleven sinds de eerste meting."


def levels_from_mapping(values: Mapping[str, object]) -> dict[str, Level | None]:
    """Parse a mapping of competence id to rating (labels or numbers) into levels.

    Handy for forms and imports: ``{"initiative": "goed", "cooperation": "ng"}``.

    Raises
    ------
    AssessmentError
        Naming the competence whose value is not a valid rating.
    """
    parsed: dict[str, Level | None] = {}
    for competence_id, value in values.items():
        try:
            parsed[competence_id] = parse_level(value)
        except ValueError as exc:
            raise AssessmentError(f"Competentie {competence_id!r}: {exc}") from exc
    return parsed

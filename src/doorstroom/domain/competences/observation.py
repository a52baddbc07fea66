"""Workfloor observation with the WAKKER method (glossary: wakker_observation).

WAKKER is the guide's six-step way to observe behaviour first and judge
competences only afterwards: **W**\\ aarnemen, **A**\\ antekeningen maken,
**K**\\ lasseren, **K**\\ wantificeren, **E**\\ valueren, **R**\\ apporteren.

An :class:`ObservationPlan` is one observer following a small group of persons on
a set of competences during a period, going through the steps in order. The
guide advises to observe "slechts een kleine groep medewerkers tegelijkertijd
(max. 6 pers.)": a plan refuses more than :data:`MAX_PERSONS_AT_ONCE` persons,
and :func:`check_observer_load` refuses an observer whose plans that run at the
same time add up to more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

#: The guide's maximum number of persons one observer follows at once.
MAX_PERSONS_AT_ONCE = 6


class ObservationError(ValueError):
    """An observation plan breaks a rule. The message is Dutch."""


class ObservationStep(StrEnum):
    """The six WAKKER steps, in order."""

    OBSERVE = "observe"
    TAKE_NOTES = "take_notes"
    CLASSIFY = "classify"
    QUANTIFY = "quantify"
    EVALUATE = "evaluate"
    REPORT = "report"

    @property
    def label_nl(self) -> str:
        """Dutch name of the step."""
        return _STEP_TEXT_NL[self][0]

    @property
    def description_nl(self) -> str:
        """What the step asks, in plain Dutch."""
        return _STEP_TEXT_NL[self][1]


_STEP_TEXT_NL = {
    ObservationStep.OBSERVE: (
        "Waarnemen",
        "Kijk naar concreet gedrag: wat iemand doet en zegt, of net niet doet of zegt.",
    ),
    ObservationStep.TAKE_NOTES: (
        "Aantekeningen maken",
        "Schrijf het gedrag op in feiten, zonder interpretatie of oordeel over de persoon.",
    ),
    ObservationStep.CLASSIFY: (
        "Klasseren",
        "Groepeer de notities en koppel ze aan de competenties van het kader.",
    ),
    ObservationStep.QUANTIFY: (
        "Kwantificeren",
        "Tel per gedragsindicator hoe vaak iets voorkomt en vergelijk met de niveaus.",
    ),
    ObservationStep.EVALUATE: (
        "Evalueren",
        "Beoordeel welke competenties al beheerst worden en waar nog werk is, "
        "eventueel samen met de medewerker.",
    ),
    ObservationStep.REPORT: (
        "Rapporteren",
        "Maak het eindverslag: overzicht van competenties, groeipunten en aandachtspunten.",
    ),
}

#: The steps in WAKKER order.
STEPS: tuple[ObservationStep, ...] = tuple(ObservationStep)


@dataclass(frozen=True)
class ObservationPlan:
    """One observer following a small group on some competences (WAKKER).

    Attributes
    ----------
    id:
        Plan id.
    observer_id:
        Who observes.
    person_ids:
        Who is observed: 1 to :data:`MAX_PERSONS_AT_ONCE` distinct persons.
    competence_ids:
        What is observed (at least one competence).
    starts_on, ends_on:
        The observation period (inclusive).
    completed_steps:
        The WAKKER steps done so far, always a prefix of :data:`STEPS`.
    """

    id: str
    observer_id: str
    person_ids: tuple[str, ...]
    competence_ids: tuple[str, ...]
    starts_on: date
    ends_on: date
    completed_steps: tuple[ObservationStep, ...] = ()

    def __post_init__(self) -> None:
        if not self.person_ids:
            raise ObservationError("Een observatieplan volgt minstens één persoon.")
        if len(set(self.person_ids)) != len(self.person_ids):
            raise ObservationError("Een persoon staat twee keer in het observatieplan.")
        if len(self.person_ids) > MAX_PERSONS_AT_ONCE:
            raise ObservationError(
                f"Een observator volgt best niet meer dan {MAX_PERSONS_AT_ONCE} "
                f"personen tegelijk; dit plan telt er {len(self.person_ids)}. "
                "Verdeel de groep over meerdere observatoren of periodes."
            )
        if not self.competence_ids:
            raise ObservationError("Kies minstens één competentie om te observeren.")
        if self.ends_on < self.starts_on:
            raise ObservationError("De observatieperiode eindigt voor ze begint.")
        steps = tuple(ObservationStep(step) for step in self.completed_steps)
        if steps != STEPS[: len(steps)]:
            raise ObservationError(
                "De WAKKER-stappen gebeuren in volgorde: "
                + ", ".join(step.label_nl for step in STEPS)
                + "."
            )
        object.__setattr__(self, "completed_steps", steps)

    @property
    def next_step(self) -> ObservationStep | None:
        """The next WAKKER step, or ``None`` when the report is done."""
        done = len(self.completed_steps)
        return STEPS[done] if done < len(STEPS) else None

    @property
    def finished(self) -> bool:
        """Whether all six steps are done."""
        return self.next_step is None

    def complete_step(self, step: ObservationStep) -> ObservationPlan:
        """A copy of the plan with ``step`` done.

        Raises
        ------
        ObservationError
            When ``step`` is not the next step.
        """
        if step != self.next_step:
            expected = (
                self.next_step.label_nl if self.next_step else "geen (plan is af)"
            )
            raise ObservationError(
                f"Stap '{ObservationStep(step).label_nl}' kan nu niet; de volgende "
                f"stap is: {expected}."
            )
        return ObservationPlan(
            id=self.id,
            observer_id=self.observer_id,
            person_ids=self.person_ids,
            competence_ids=self.competence_ids,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            completed_steps=(*self.completed_steps, step),
        )

    def overlaps(self, other: ObservationPlan) -> bool:
        """Whether the two observation periods share at least one day."""
        return self.starts_on <= other.ends_on and other.starts_on <= self.ends_on


def check_observer_load(plans: Iterable[ObservationPlan]) -> None:
    """Refuse an observer who follows more than six persons at the same time.

    Finished plans (report done) no longer count. On any day, the distinct
    persons in the observer's running plans of that day must be at most
    :data:`MAX_PERSONS_AT_ONCE`.

    Parameters
    ----------
    plans:
        Plans of one or more observers (e.g. the existing plans plus a new one).

    Raises
    ------
    ObservationError
        Naming the observer, the day and the number of persons.
    """
    by_observer: dict[str, list[ObservationPlan]] = {}
    for plan in plans:
        if not plan.finished:
            by_observer.setdefault(plan.observer_id, []).append(plan)
    for observer_id in sorted(by_observer):
        observer_plans = by_observer[observer_id]
        # The number of running plans only changes on a start day, so checking
        # every start day covers every day.
        for day in sorted({plan.starts_on for plan in observer_plans}):
            persons = {
                person
                for plan in observer_plans
                if plan.starts_on <= day <= plan.ends_on
                for person in plan.person_ids
            }
            if len(persons) > MAX_PERSONS_AT_ONCE:
                raise ObservationError(
                    f"Observator {observer_id} zou op {day.strftime('%d-%m-%Y')} "
                    f"{len(persons)} personen tegelijk volgen; de gids raadt hoogstens "
                    f"{MAX_PERSONS_AT_ONCE} aan."
                )

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.competences import (
    MAX_PERSONS_AT_ONCE,
    ObservationError,
    ObservationPlan,
    ObservationStep,
    check_observer_load,
)
from doorstroom.domain.competences.observation import STEPS


def plan(
    plan_id: str = "o1",
    persons: int | tuple[str, ...] = 3,
    starts_on: date = date(2024, 3, 4),
    ends_on: date = date(2024, 3, 15),
    observer: str = "an",
    steps: tuple[ObservationStep, ...] = (),
) -> ObservationPlan:
    person_ids = (
        persons
        if isinstance(persons, tuple)
        else tuple(f"p{i}" for i in range(persons))
    )
    return ObservationPlan(
        plan_id,
        observer,
        person_ids,
        ("cooperation", "initiative"),
        starts_on,
        ends_on,
        steps,
    )


def test_the_six_wakker_steps_in_order_with_dutch_names():
    assert [step.label_nl for step in STEPS] == [
        "Waarnemen",
        "Aantekeningen maken",
        "Klasseren",
        "Kwantificeren",
        "Evalueren",
        "Rapporteren",
    ]
    assert all(step.description_nl for step in STEPS)


def test_an_observer_follows_at_most_six_persons():
    assert MAX_PERSONS_AT_ONCE == 6
    assert len(plan(persons=6).person_ids) == 6
    with pytest.raises(ObservationError) as caught:
        plan(persons=7)
    assert str(caught.value) == (
        "Een observator volgt best niet meer dan 6 personen tegelijk; dit plan telt "
        "er 7. Verdeel de groep over meerdere observatoren of periodes."
    )


def test_plan_checks_persons_competences_and_period():
    with pytest.raises(ObservationError, match="minstens één persoon"):
        plan(persons=())
    with pytest.raises(ObservationError, match="twee keer"):
        plan(persons=("p1", "p1"))
    with pytest.raises(ObservationError, match="eindigt voor ze begint"):
        plan(starts_on=date(2024, 3, 10), ends_on=date(2024, 3, 9))
    with pytest.raises(ObservationError, match="competentie"):
        ObservationPlan("x", "an", ("p1",), (), date(2024, 1, 1), date(2024, 1, 2))


def test_steps_are_completed_in_order():
    current = plan()
    assert current.next_step is ObservationStep.OBSERVE
    with pytest.raises(ObservationError, match="de volgende stap is: Waarnemen"):
        current.complete_step(ObservationStep.CLASSIFY)
    for step in STEPS:
        current = current.complete_step(step)
    assert current.finished and current.next_step is None
    assert current.completed_steps == STEPS
    with pytest.raises(ObservationError, match="plan is af"):
        current.complete_step(ObservationStep.REPORT)
    with pytest.raises(ObservationError, match="in volgorde"):
        plan(steps=(ObservationStep.OBSERVE, ObservationStep.QUANTIFY))


def test_observer_load_counts_distinct_persons_in_overlapping_plans():
    first = plan("o1", ("p1", "p2", "p3", "p4"))
    # Overlaps on 11-15 March, shares p4: 4 + 2 new = 6 persons, allowed.
    second = plan("o2", ("p4", "p5", "p6"), date(2024, 3, 11), date(2024, 3, 22))
    check_observer_load([first, second])
    # A third plan from 14 March adds p7: 7 persons at once.
    third = plan("o3", ("p7",), date(2024, 3, 14), date(2024, 3, 14))
    with pytest.raises(ObservationError) as caught:
        check_observer_load([first, second, third])
    assert str(caught.value) == (
        "Observator an zou op 14-03-2024 7 personen tegelijk volgen; de gids raadt "
        "hoogstens 6 aan."
    )


def test_observer_load_ignores_other_observers_later_periods_and_finished_plans():
    first = plan("o1", 6)
    later = plan("o2", ("q1",), date(2024, 3, 16), date(2024, 3, 20))
    other_observer = plan("o3", ("q2",), observer="bo")
    check_observer_load([first, later, other_observer])
    finished = plan("o4", 6, steps=STEPS)
    check_observer_load([finished, plan("o5", ("q3",))])

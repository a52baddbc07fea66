"""Jobcarving: blocking tasks and the carved job."""

from __future__ import annotations

from doorstroom.domain.matching import carve_vacancy, carving_hints, propose_carving
from tests.domain.matching.builders import TASKS, person, vacancy

REQUIREMENTS = (
    ("accuracy", 3, 2.0, None),
    ("physical_capacity", 3, 1.0, 2),
    ("literacy_numeracy", 2, 1.0, None),
    ("motivation", 3, 1.0, None),
)


def job():  # type: ignore[no-untyped-def]
    return vacancy(requirements=REQUIREMENTS, tasks=TASKS, hours=38.0)


def test_blocking_task_is_carved_out() -> None:
    p = person(
        levels={
            "accuracy": 3.0,
            "physical_capacity": 1.0,
            "literacy_numeracy": 2.0,
            "motivation": 3.0,
        }
    )
    proposal = propose_carving(p, job())
    assert proposal.blocking_competences == ("physical_capacity",)
    assert [t.id for t in proposal.blocking_tasks] == ["loading"]
    assert [t.id for t in proposal.kept_tasks] == ["picking", "counting"]
    carved = proposal.carved
    assert carved is not None
    assert carved.id == "v1-carved"
    assert carved.hours == 28.5  # 38 h × 0.75
    assert [r.competence_id for r in carved.profile.requirements] == [
        "accuracy",
        "literacy_numeracy",
        "motivation",
    ]
    # Before: span 2*2 + 2 + 1 + 2 = 9, gap 2 (physical_capacity) -> 7/9; after: all met.
    assert proposal.fit_before == 7 / 9
    assert proposal.fit_after == 1.0
    assert proposal.blockers_after == ()
    assert proposal.reason_nl == (
        "Zonder de taken Laden en lossen blijft een job van 28.5 uur over met "
        "Orders verzamelen, Voorraad tellen."
    )


def test_general_competence_cannot_be_carved() -> None:
    requirements = (*REQUIREMENTS[:3], ("motivation", 3, 1.0, 3))
    p = person(
        levels={
            "accuracy": 3.0,
            "physical_capacity": 3.0,
            "literacy_numeracy": 2.0,
            "motivation": 2.0,
        }
    )
    proposal = propose_carving(p, vacancy(requirements=requirements, tasks=TASKS))
    assert proposal.carved is None
    assert "motivation hoort bij geen enkele taak" in proposal.reason_nl


def test_gap_threshold_treats_big_gaps_as_blocking() -> None:
    p = person(
        levels={
            "accuracy": 1.0,
            "physical_capacity": 3.0,
            "literacy_numeracy": 2.0,
            "motivation": 3.0,
        }
    )
    assert (
        propose_carving(p, job()).reason_nl
        == "Niets blokkeert: jobcarving is niet nodig."
    )
    proposal = propose_carving(p, job(), gap_threshold=2.0)
    # accuracy is needed by picking and counting: only loading remains.
    assert [t.id for t in proposal.kept_tasks] == ["loading"]
    assert proposal.carved is not None and proposal.carved.hours == 9.5


def test_carve_vacancy_without_tasks_left_is_none() -> None:
    assert carve_vacancy(job(), ["picking", "loading", "counting"]) is None


def test_carving_hints_count_persons() -> None:
    weak = {
        "accuracy": 3.0,
        "physical_capacity": 1.0,
        "literacy_numeracy": 2.0,
        "motivation": 3.0,
    }
    persons = [
        person("a", levels=weak),
        person("b", levels=weak),
        person("c", levels={**weak, "physical_capacity": 3.0}),
    ]
    (hint,) = carving_hints(job(), persons)
    assert (hint.task.id, hint.blocked_persons, hint.within_reach_if_removed) == (
        "loading",
        2,
        2,
    )

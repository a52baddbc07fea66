from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from doorstroom.domain.competences import (
    ActionLibraryError,
    CompetenceKind,
    JobProfile,
    Requirement,
    builtin_action_library,
    builtin_framework,
    distance,
    load_action_library,
    pop_is_outdated,
    propose_pop,
)

FRAMEWORK = builtin_framework("sw_lde")
START = date(2024, 9, 2)

PROFILE = JobProfile(
    "magazijn",
    "Magazijnmedewerker",
    (
        Requirement("cooperation", 3, weight=1, cutoff=2),
        Requirement("accuracy", 4, weight=1),
        Requirement("initiative", 3, weight=3),
        Requirement("dutch_language", 3, weight=1),
        Requirement("motivation", 3, weight=1),
        Requirement("stress_resistance", 3, weight=0.5),
    ),
)


def test_pop_proposal_puts_blocking_first_then_the_largest_weighted_gap():
    person = {
        "cooperation": 1,  # blocking (cut-off 2), gap 2, weighted 2
        "accuracy": 1,  # gap 3, weighted 3
        "initiative": 2,  # gap 1, weighted 3: tie with accuracy, heavier weight first
        "dutch_language": None,  # unknown: no action
        "motivation": 3,  # met: no action
        "stress_resistance": 2,  # gap 1, weighted 0.5
    }
    result = distance(person, PROFILE, framework=FRAMEWORK)
    actions = propose_pop(result, builtin_action_library(), START)
    assert [(a.priority, a.competence_id, a.template_id) for a in actions] == [
        (1, "cooperation", "cooperation_buddy"),
        (2, "initiative", "initiative_end_of_task"),
        (3, "accuracy", "accuracy_checklist"),
        (4, "stress_resistance", "stress_plan"),
    ]
    first = actions[0]
    assert first.blocking and first.gap == 2
    assert first.competence_name == "Samenwerken"
    assert first.helper == "Werkvloerbegeleider en een ervaren collega"
    assert first.due_date == date(2024, 9, 30)  # 4 weeks
    assert first.measurable_result.startswith("In de laatste week")
    assert first.kind is CompetenceKind.GENERIC
    assert actions[2].kind is CompetenceKind.TECHNICAL
    assert not actions[2].blocking


def test_templates_follow_the_current_level_and_fall_back_when_none_fits():
    profile = JobProfile(
        "p", "P", (Requirement("cooperation", 4), Requirement("conflict_handling", 4))
    )
    library = builtin_action_library()
    result = distance(
        {"cooperation": 3, "conflict_handling": 3.5}, profile, framework=FRAMEWORK
    )
    actions = propose_pop(result, library, START, per_competence=2)
    # cooperation at level 3 gets the team-task action, not the duo action for 1-2.
    assert [a.template_id for a in actions] == [
        "cooperation_team_task",
        "conflict_training",
    ]
    unknown_competence = JobProfile("p", "P", (Requirement("forklift", 3),))
    fallback = propose_pop(
        distance({"forklift": 1}, unknown_competence), library, START
    )
    assert [a.template_id for a in fallback] == ["practice_with_coach"]
    assert (
        "forklift" in fallback[0].action and "{competentie}" not in fallback[0].action
    )
    assert fallback[0].due_date == date(2024, 10, 28)


def test_several_actions_per_competence_share_a_priority():
    profile = JobProfile("p", "P", (Requirement("initiative", 4),))
    actions = propose_pop(
        distance({"initiative": 1}, profile),
        builtin_action_library(),
        START,
        per_competence=3,
    )
    assert [(a.priority, a.template_id) for a in actions] == [
        (1, "initiative_end_of_task"),
        (1, "initiative_report_problem"),
    ]
    with pytest.raises(ValueError):
        propose_pop(
            distance({"initiative": 1}, profile),
            builtin_action_library(),
            START,
            per_competence=0,
        )


def test_nothing_to_propose_when_everything_is_met():
    profile = JobProfile("p", "P", (Requirement("initiative", 2),))
    assert (
        propose_pop(
            distance({"initiative": 2}, profile), builtin_action_library(), START
        )
        == []
    )


@pytest.mark.parametrize(
    ("pop_date", "today", "outdated"),
    [
        (date(2023, 3, 1), date(2024, 3, 1), False),
        (date(2023, 3, 1), date(2024, 3, 2), True),
        (date(2024, 2, 29), date(2025, 2, 28), False),
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2024, 6, 1), date(2024, 1, 1), False),
    ],
)
def test_a_pop_older_than_one_year_is_outdated(pop_date, today, outdated):
    assert pop_is_outdated(pop_date, today) is outdated


def test_builtin_library_covers_the_sw_lde_and_bw_frameworks():
    library = builtin_action_library()
    assert library.uncovered(builtin_framework("sw_lde")) == ()
    assert library.uncovered(builtin_framework("bw_card")) == ()
    assert "teamwork" not in {t.competence_id for t in library.actions}


def test_library_loader_names_file_and_field(tmp_path: Path):
    path = tmp_path / "acties.toml"
    path.write_text(
        """
id = "org"
version = 0
name = "Org"

[[actions]]
id = "a1"
competence = "cooperation"
action = "Doe iets."
helper = "Coach"
weeks = 60
result = ""
kind = "technisch"
levels = [4]
kleur = "rood"

[[actions]]
id = "a1"
competence = "initiative"
action = "Doe iets."
helper = "Coach"
weeks = 2
result = "Klaar."
kind = "generic"
""",
        encoding="utf-8",
    )
    with pytest.raises(ActionLibraryError) as caught:
        load_action_library(path)
    fields = {(p.file, p.field) for p in caught.value.problems}
    assert fields == {
        ("acties.toml", "version"),
        ("acties.toml", "fallback"),
        ("acties.toml", "actions[0].kleur"),
        ("acties.toml", "actions[0].result"),
        ("acties.toml", "actions[0].weeks"),
        ("acties.toml", "actions[0].kind"),
        ("acties.toml", "actions[0].levels"),
    }
    assert (
        "acties.toml: actions[0].weeks: verwacht een aantal weken van 1 tot 52"
        in str(caught.value)
    )


def test_library_loader_reports_duplicate_ids_and_unreadable_files(tmp_path: Path):
    text = (
        Path(__file__).parents[3]
        / "src/doorstroom/domain/competences/data/pop_actions.toml"
    ).read_text(encoding="utf-8")
    path = tmp_path / "dubbel.toml"
    path.write_text(
        text.replace('id = "stress_plan"', 'id = "conflict_training"'), encoding="utf-8"
    )
    with pytest.raises(
        ActionLibraryError, match=r"dubbel.toml: actions\[\d+\]\.id: dubbele actie-id"
    ):
        load_action_library(path)
    broken = tmp_path / "kapot.toml"
    broken.write_text("id = [", encoding="utf-8")
    with pytest.raises(ActionLibraryError, match="kapot.toml"):
        load_action_library(broken)

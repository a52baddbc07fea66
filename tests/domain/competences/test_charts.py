from __future__ import annotations

from datetime import date

from doorstroom.domain.competences import (
    JobProfile,
    RaterRole,
    Requirement,
    builtin_framework,
    distance,
    growth_series,
    radar_data,
    radar_figure,
)

from .builders import assessment_round, sheet

FRAMEWORK = builtin_framework("sw_lde")
PROFILE = JobProfile(
    "p",
    "Magazijnmedewerker",
    (
        Requirement("accuracy", 3),
        Requirement("cooperation", 3, cutoff=2),
        Requirement("initiative", 4),
    ),
)


def test_radar_data_overlays_person_and_job_in_framework_order():
    result = distance(
        {"cooperation": 1, "initiative": 3.5}, PROFILE, framework=FRAMEWORK
    )
    data = radar_data(result, framework=FRAMEWORK)
    assert data["competence_ids"] == ["cooperation", "initiative", "accuracy"]
    assert data["labels"] == ["Samenwerken", "Initiatief", "Nauwkeurigheid"]
    assert data["series"] == [
        {"key": "required", "name": "Gevraagd niveau", "values": [3, 4, 3]},
        {"key": "cutoff", "name": "Cut-off", "values": [2, None, None]},
        {"key": "person", "name": "Huidig niveau", "values": [1.0, 3.5, None]},
    ]
    assert data["blocking"] == [True, False, False]
    assert data["axis"]["tick_labels"] == ["Onvoldoende", "Matig", "Goed", "Zeer goed"]
    # Without a framework: sorted by id.
    assert radar_data(result)["competence_ids"] == [
        "accuracy",
        "cooperation",
        "initiative",
    ]


def test_radar_figure_has_one_closed_trace_per_series():
    data = radar_data(
        distance({"cooperation": 2}, PROFILE, framework=FRAMEWORK), framework=FRAMEWORK
    )
    figure = radar_figure(data)
    assert [trace.name for trace in figure.data] == [
        "Gevraagd niveau",
        "Cut-off",
        "Huidig niveau",
    ]
    person = figure.data[2]
    assert list(person.r) == [2.0, None, None, 2.0]
    assert list(person.theta) == [
        "Samenwerken",
        "Initiatief",
        "Nauwkeurigheid",
        "Samenwerken",
    ]
    assert list(figure.layout.polar.radialaxis.ticktext) == [
        "Onvoldoende",
        "Matig",
        "Goed",
        "Zeer goed",
    ]


def test_growth_series_per_competence_over_rounds():
    rounds = [
        assessment_round(
            "r2",
            date(2024, 6, 1),
            sheet("c", RaterRole.COACH, {"cooperation": 3, "initiative": 2}),
        ),
        assessment_round(
            "r1", date(2024, 1, 1), sheet("c", RaterRole.COACH, {"cooperation": 2})
        ),
    ]
    data = growth_series(rounds, framework=FRAMEWORK)
    assert data["dates"] == ["2024-01-01", "2024-06-01"]
    assert data["round_ids"] == ["r1", "r2"]
    assert data["series"] == [
        {"competence_id": "cooperation", "name": "Samenwerken", "values": [2.0, 3.0]},
        {"competence_id": "initiative", "name": "Initiatief", "values": [None, 2.0]},
    ]
    only = growth_series(rounds, competence_ids=["initiative", "motivation"])
    assert only["series"] == [
        {"competence_id": "initiative", "name": "initiative", "values": [None, 2.0]},
        {"competence_id": "motivation", "name": "motivation", "values": [None, None]},
    ]

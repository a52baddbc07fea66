from __future__ import annotations

import pytest

from doorstroom.domain.competences import (
    GapStatus,
    JobProfile,
    JobProfileError,
    Level,
    Requirement,
    builtin_framework,
    distance,
    job_profile_from_dict,
    job_profile_to_dict,
    validate_job_profile,
)

FRAMEWORK = builtin_framework("sw_lde")


def warehouse_profile() -> JobProfile:
    return JobProfile(
        "magazijn",
        "Magazijnmedewerker",
        (
            Requirement("cooperation", Level.GOOD, weight=2, cutoff=Level.MODERATE),
            Requirement("accuracy", Level.GOOD),
            Requirement("dutch_language", Level.MODERATE, cutoff=Level.MODERATE),
            Requirement("initiative", Level.VERY_GOOD),
            Requirement("motivation", Level.GOOD, weight=1.5, cutoff=Level.GOOD),
        ),
        framework=FRAMEWORK.ref,
    )


PERSON = {
    "cooperation": 1,  # below its cut-off 2: blocking, gap 2
    "accuracy": 4,  # above the requirement: met
    "dutch_language": None,  # unknown, and it has a cut-off
    "initiative": 2.5,  # gap 1.5
    "motivation": 3,  # exactly at requirement and cut-off: met
    "appearance": 1,  # not asked by the job: ignored
}


def test_distance_by_hand():
    result = distance(PERSON, warehouse_profile(), framework=FRAMEWORK)
    # Known: cooperation w2 r3 (span 4, weighted gap 4), accuracy w1 r3 (span 2, 0),
    # initiative w1 r4 (span 3, 1.5), motivation w1.5 r3 (span 3, 0).
    # fit = 1 - 5.5/12; unknown dutch_language w1 r2 has span 1:
    # fit_lower = 1 - 6.5/13, fit_upper = 1 - 5.5/13; coverage = 5.5/6.5.
    assert result.fit == pytest.approx(6.5 / 12)
    assert result.fit_lower == pytest.approx(0.5)
    assert result.fit_upper == pytest.approx(7.5 / 13)
    assert result.coverage == pytest.approx(5.5 / 6.5)
    assert result.total_weighted_gap == pytest.approx(5.5)
    assert result.blockers == ("cooperation",)
    assert result.gaps_open == ("initiative",)
    assert result.unknown == ("dutch_language",)
    assert result.met == ("motivation", "accuracy")  # motivation has a cut-off
    assert result.within_reach is False
    assert [g.competence_id for g in result.gaps] == [
        "cooperation",
        "initiative",
        "dutch_language",
        "motivation",
        "accuracy",
    ]
    cooperation = result.gap_for("cooperation")
    assert (cooperation.actual, cooperation.gap, cooperation.blocking) == (
        1.0,
        2.0,
        True,
    )
    assert cooperation.status is GapStatus.BLOCKING
    assert cooperation.name == "Samenwerken"
    unknown = result.gap_for("dutch_language")
    assert (unknown.actual, unknown.gap, unknown.weighted_gap) == (None, None, None)
    assert result.gap_for("accuracy").gap == 0.0


def test_explanation_in_plain_dutch():
    result = distance(PERSON, warehouse_profile(), framework=FRAMEWORK)
    assert result.explain_nl() == [
        "De fit met de job 'Magazijnmedewerker' is 54% (100% betekent: voldoet aan "
        "alle beoordeelde vereisten).",
        "De job is nog niet binnen bereik: Samenwerken ligt onder de cut-off "
        "(Onvoldoende, minstens Matig nodig).",
        "Groeipunten: Samenwerken (Onvoldoende, gevraagd Goed: 2 niveaus verschil) en "
        "Initiatief (2,5, gevraagd Zeer goed: 1,5 niveaus verschil).",
        "Voldoet al aan wat de job vraagt voor: Motivatie en Nauwkeurigheid.",
        "Nog niet beoordeeld: Taalkennis Nederlands.",
        "De fit is berekend op de beoordeelde competenties (85% van het gewicht); met "
        "de ontbrekende beoordelingen ligt ze tussen 50% en 58%.",
    ]


def test_unknown_cutoff_leaves_reach_open():
    person = dict(PERSON, cooperation=3)
    result = distance(person, warehouse_profile(), framework=FRAMEWORK)
    assert result.blockers == ()
    assert result.within_reach is None
    assert result.explain_nl()[1] == (
        "Of de job binnen bereik is, hangt nog af van competenties met een cut-off die "
        "niet beoordeeld zijn: Taalkennis Nederlands."
    )


def test_meeting_everything_gives_fit_one_and_reach():
    person = {
        "cooperation": 4,
        "accuracy": 3,
        "dutch_language": 2,
        "initiative": 4,
        "motivation": 4,
    }
    result = distance(person, warehouse_profile())
    assert (result.fit, result.fit_lower, result.fit_upper) == (1.0, 1.0, 1.0)
    assert result.within_reach is True
    assert result.blockers == result.gaps_open == result.unknown == ()
    assert (
        result.explain_nl()[1]
        == "Geen enkele competentie blokkeert: de job is binnen bereik."
    )
    # Without a framework the names are the ids.
    assert result.gap_for("cooperation").name == "cooperation"


def test_nothing_known_gives_no_fit():
    result = distance({}, warehouse_profile())
    assert result.fit is None
    assert (result.fit_lower, result.fit_upper, result.coverage) == (0.0, 1.0, 0.0)
    # Unknown: those with a cut-off first (heaviest first), then the others by weight and id.
    assert result.unknown == (
        "cooperation",
        "motivation",
        "dutch_language",
        "accuracy",
        "initiative",
    )
    assert result.explain_nl()[0] == (
        "Voor de job 'Magazijnmedewerker' is nog geen enkele vereiste competentie "
        "beoordeeld: de fit is onbekend."
    )


def test_a_profile_asking_only_level_one_is_always_met():
    profile = JobProfile("p", "Eenvoudig", (Requirement("a", 1),))
    assert distance({"a": 1}, profile).fit == 1.0


def test_distance_refuses_levels_off_the_scale():
    with pytest.raises(ValueError, match="Niveau van Samenwerken"):
        distance({"cooperation": 0}, warehouse_profile(), framework=FRAMEWORK)
    with pytest.raises(ValueError):
        distance({"cooperation": 4.5}, warehouse_profile())


def test_result_as_plain_data():
    data = distance(PERSON, warehouse_profile()).to_dict()
    assert data["blockers"] == ["cooperation"]
    assert data["gaps"][0] == {
        "competence_id": "cooperation",
        "name": "cooperation",
        "required": 3,
        "weight": 2.0,
        "cutoff": 2,
        "actual": 1.0,
        "gap": 2.0,
        "blocking": True,
        "status": "blocking",
    }
    assert data["explanation"][0].startswith("De fit met de job")


def test_requirements_are_validated():
    with pytest.raises(JobProfileError, match="gewicht"):
        Requirement("a", 3, weight=0)
    with pytest.raises(JobProfileError, match="cut-off"):
        Requirement("a", 2, cutoff=3)
    with pytest.raises(JobProfileError, match="vereist niveau"):
        Requirement("a", None)  # type: ignore[arg-type]
    with pytest.raises(JobProfileError, match="twee keer"):
        JobProfile("p", "P", (Requirement("a", 2), Requirement("a", 3)))
    with pytest.raises(JobProfileError, match="geen vereisten"):
        JobProfile("p", "P", ())
    assert Requirement("a", "goed", cutoff="matig").cutoff is Level.MODERATE  # type: ignore[arg-type]


def test_job_profile_round_trip_and_framework_check():
    profile = warehouse_profile()
    assert job_profile_from_dict(job_profile_to_dict(profile)) == profile
    validate_job_profile(profile, FRAMEWORK)
    with pytest.raises(JobProfileError, match="'heftruck' staat niet in kader"):
        validate_job_profile(
            JobProfile("p", "P", (Requirement("heftruck", 3),)), FRAMEWORK
        )
    with pytest.raises(JobProfileError, match="'requirements' ontbreekt"):
        job_profile_from_dict({"id": "p", "name": "P"})

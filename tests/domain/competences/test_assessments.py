from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.competences import (
    DEFAULT_POLICY,
    OTHERS_POLICY,
    SELF_POLICY,
    AssessmentError,
    ConsensusPolicy,
    Level,
    RaterRole,
    Rating,
    StarrNote,
    builtin_framework,
    competence_history,
    consensus_levels,
    distance_travelled,
    self_vs_others,
    validate_round,
)
from doorstroom.domain.competences.assessments import levels_from_mapping

from .builders import assessment_round, sheet

SELF, COACH, WVB, OBS = (
    RaterRole.SELF,
    RaterRole.COACH,
    RaterRole.FLOOR_SUPERVISOR,
    RaterRole.OBSERVER,
)


def march_round():
    return assessment_round(
        "r1",
        date(2024, 3, 1),
        sheet("worker", SELF, {"cooperation": 4, "initiative": 3, "accuracy": 2}),
        sheet("coach", COACH, {"cooperation": 2, "initiative": 3, "accuracy": None}),
        sheet("wvb", WVB, {"cooperation": 3, "initiative": 2, "accuracy": None}),
        sheet("obs", OBS, {"cooperation": 1, "accuracy": 4}),
    )


def test_default_consensus_is_the_median_of_coach_and_floor_supervisor_without_self():
    assert consensus_levels(march_round()) == {
        "accuracy": None,  # neither coach nor werkvloerbegeleider observed it
        "cooperation": 2.5,  # median of 2 and 3; self (4) and observer (1) excluded
        "initiative": 2.5,
    }


def test_consensus_policy_is_a_parameter():
    round_ = march_round()
    assert consensus_levels(round_, OTHERS_POLICY) == {
        "accuracy": 4.0,
        "cooperation": 2.0,  # median of 2, 3, 1
        "initiative": 2.5,
    }
    assert consensus_levels(round_, SELF_POLICY) == {
        "accuracy": 2.0,
        "cooperation": 4.0,
        "initiative": 3.0,
    }
    cautious = ConsensusPolicy(roles=frozenset({COACH, WVB, OBS}), method="min")
    assert consensus_levels(round_, cautious)["cooperation"] == 1.0
    mean = ConsensusPolicy(roles=frozenset({COACH, WVB, OBS}), method="mean")
    assert consensus_levels(round_, mean)["cooperation"] == 2.0
    two_needed = ConsensusPolicy(roles=frozenset({COACH, WVB, OBS}), min_raters=2)
    assert consensus_levels(round_, two_needed)["accuracy"] is None


def test_consensus_policy_refuses_nonsense():
    with pytest.raises(AssessmentError):
        ConsensusPolicy(roles=frozenset())
    with pytest.raises(AssessmentError):
        ConsensusPolicy(method="mode")  # type: ignore[arg-type]
    with pytest.raises(AssessmentError):
        ConsensusPolicy(min_raters=0)


def test_not_observed_is_never_a_zero():
    round_ = assessment_round(
        "r", date(2024, 1, 1), sheet("coach", COACH, {"accuracy": "niet geobserveerd"})
    )
    assert round_.sheets[0].ratings[0].level is None
    assert not round_.sheets[0].ratings[0].observed
    assert consensus_levels(round_) == {"accuracy": None}


def test_self_vs_others_per_competence():
    comparisons = {c.competence_id: c for c in self_vs_others(march_round())}
    cooperation = comparisons["cooperation"]
    assert (cooperation.self_level, cooperation.others_level) == (Level.VERY_GOOD, 2.0)
    assert cooperation.others_count == 3
    assert cooperation.difference == 2.0
    assert (
        cooperation.reading_nl
        == "Schat zichzelf hoger in dan de anderen (2 niveau hoger)."
    )
    initiative = comparisons["initiative"]
    assert initiative.difference == 0.5
    assert initiative.reading_nl == "Zelfbeeld en beeld van de anderen komen overeen."
    accuracy = comparisons["accuracy"]
    assert accuracy.difference == -2.0
    assert accuracy.reading_nl.startswith("Schat zichzelf lager in")
    with pytest.raises(AssessmentError):
        self_vs_others(march_round(), SELF_POLICY)


def test_rounds_refuse_duplicate_raters_and_double_self_assessments():
    with pytest.raises(AssessmentError, match="twee keer"):
        assessment_round(
            "r", date(2024, 1, 1), sheet("a", COACH, {}), sheet("a", WVB, {})
        )
    with pytest.raises(AssessmentError, match="één zelfbeoordeling"):
        assessment_round(
            "r", date(2024, 1, 1), sheet("a", SELF, {}), sheet("b", SELF, {})
        )
    with pytest.raises(AssessmentError, match="twee keer"):
        sheet("a", COACH, {}).__class__("a", COACH, (Rating("x", 1), Rating("x", 2)))


def test_ratings_parse_labels_and_refuse_bad_levels():
    assert Rating("x", "zeer goed").level is Level.VERY_GOOD  # type: ignore[arg-type]
    with pytest.raises(AssessmentError, match="Competentie 'x'"):
        Rating("x", 7)  # type: ignore[arg-type]
    assert levels_from_mapping({"a": "goed", "b": "ng"}) == {"a": Level.GOOD, "b": None}
    with pytest.raises(AssessmentError, match="'b'"):
        levels_from_mapping({"a": 1, "b": "top"})


def test_starr_notes_attach_to_a_rating_and_cannot_be_empty():
    note = StarrNote(
        situation="Moest onverwacht naar een andere lijn.",
        task="Dozen stapelen.",
        activities="Vroeg eerst uitleg, stapelde daarna alleen.",
        result="Het stapelen lukte steeds beter.",
        reflection="Vragen stellen helpt.",
    )
    rating = Rating("flexibility", Level.GOOD, starr=note)
    assert rating.starr is note
    with pytest.raises(AssessmentError, match="STARR"):
        StarrNote()


def test_validate_round_against_its_framework():
    framework = builtin_framework("sw_lde")
    good = assessment_round(
        "r",
        date(2024, 1, 1),
        sheet("c", COACH, {"cooperation": 3}),
        framework=framework.ref,
    )
    validate_round(good, framework)
    bad = assessment_round(
        "r",
        date(2024, 1, 1),
        sheet("c", COACH, {"heftruck": 3}),
        framework=framework.ref,
    )
    with pytest.raises(
        AssessmentError, match="'heftruck' staat niet in kader 'sw_lde'"
    ):
        validate_round(bad, framework)


def history_rounds():
    return [
        assessment_round(
            "r3",
            date(2024, 9, 1),
            sheet("c", COACH, {"cooperation": 4, "initiative": 2}),
        ),
        assessment_round(
            "r1",
            date(2024, 1, 1),
            sheet("c", COACH, {"cooperation": 2, "initiative": 3, "accuracy": None}),
            sheet("w", WVB, {"cooperation": 1}),
        ),
        assessment_round("r2", date(2024, 5, 1), sheet("c", COACH, {"cooperation": 3})),
    ]


def test_history_is_ordered_by_date_and_keeps_unknown_rounds():
    history = competence_history(history_rounds())
    assert [p.round_id for p in history["cooperation"]] == ["r1", "r2", "r3"]
    assert [p.level for p in history["cooperation"]] == [1.5, 3.0, 4.0]
    assert [p.level for p in history["initiative"]] == [3.0, None, 2.0]
    assert [p.level for p in history["accuracy"]] == [None, None, None]


def test_distance_travelled_per_competence():
    travelled = distance_travelled(history_rounds(), DEFAULT_POLICY)
    assert travelled["cooperation"].change == 2.5
    assert travelled["cooperation"].first.round_id == "r1"  # type: ignore[union-attr]
    assert travelled["cooperation"].reading_nl == (
        "Vooruitgang: 2,5 niveau hoger dan bij de eerste meting."
    )
    assert travelled["initiative"].change == -1.0
    assert travelled["initiative"].observations == 2
    assert travelled["initiative"].reading_nl.startswith("Achteruitgang")
    assert travelled["accuracy"].change is None
    assert travelled["accuracy"].observations == 0
    assert (
        travelled["accuracy"].reading_nl
        == "Nog te weinig metingen om vooruitgang te zien."
    )


def test_history_refuses_rounds_of_several_persons():
    rounds = [
        *history_rounds(),
        assessment_round("x", date(2024, 2, 1), person_id="p2"),
    ]
    with pytest.raises(AssessmentError, match="één persoon"):
        competence_history(rounds)

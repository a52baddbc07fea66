"""Precision@10, MAP and the synthetic hidden-fit outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.domain.matching import (
    MatchIndex,
    Outcome,
    OutcomeStatus,
    average_precision,
    builtin_gazetteer,
    evaluate,
    load_outcomes_csv,
    precision_at_k,
    synthetic_outcomes,
    write_outcomes_csv,
)
from doorstroom.domain.matching.synthetic import make_world
from tests.domain.matching.builders import person, vacancy


def test_metrics_by_hand() -> None:
    assert precision_at_k([True, False, True, True], k=2) == 0.5
    assert precision_at_k([True] * 12, k=10) == 1.0
    # Relevant at 2 and 4: (1/2 + 2/4) / 2.
    assert average_precision([False, True, False, True]) == 0.5
    assert average_precision([False, False]) == 0.0


def test_evaluate_ranks_the_judged_vacancies_by_fit() -> None:
    p = person(levels={"accuracy": 3.0})
    vacancies = [
        vacancy(f"v{i}", requirements=(("accuracy", r, 1.0, None),))
        for i, r in enumerate((4, 3, 2, 4))
    ]
    index = MatchIndex([p], vacancies, builtin_gazetteer())
    outcomes = [
        Outcome("p1", "v0", OutcomeStatus.HIRED),  # fit 2/3
        Outcome("p1", "v1", OutcomeStatus.REFUSED, "worker", "hours"),  # fit 1
        Outcome("p1", "v2", OutcomeStatus.INVITED),  # fit 1
        Outcome(
            "p1", "v3", OutcomeStatus.REFUSED, "employer", "competences"
        ),  # fit 2/3
        Outcome("p1", "unknown", OutcomeStatus.HIRED),  # not in the index: ignored
    ]
    result = evaluate(index, outcomes)
    # Order: v1 (1), v2 (1), v0 (2/3), v3 (2/3): relevance F T T F.
    assert result.persons == 1
    assert result.precision_at_10 == 0.2
    assert result.mean_average_precision == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert result.random_precision_at_10 == 0.2
    assert result.judged_pairs == 4 and result.relevant_pairs == 2


def test_ranking_finds_the_hidden_fit_on_synthetic_data() -> None:
    world = make_world(1200, 3000, seed=2)
    index = MatchIndex(world.persons, world.vacancies, world.gazetteer)
    outcomes = synthetic_outcomes(world, index, per_person=40, max_persons=None)
    result = evaluate(index, outcomes)
    assert result.persons > 300
    assert result.precision_at_10 > result.random_precision_at_10 + 0.05
    assert result.mean_average_precision > result.random_map + 0.1


def test_outcomes_csv_round_trip_and_errors(tmp_path: Path) -> None:
    outcomes = [
        Outcome("p1", "v1", OutcomeStatus.STAGE),
        Outcome("p1", "v2", OutcomeStatus.REFUSED, "employer", "taal"),
    ]
    path = tmp_path / "o.csv"
    write_outcomes_csv(outcomes, path)
    assert load_outcomes_csv(path) == outcomes
    path.write_text("person_id,vacancy_id,status\np1,v1,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"o.csv:2: status: onbekend 'maybe'"):
        load_outcomes_csv(path)

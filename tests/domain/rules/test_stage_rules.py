from __future__ import annotations

import doctest
import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.domain.rules import REGISTRY, StageFacts, broken, check_stage


def broken_ids(**facts) -> list[str]:
    return [r.rule_id for r in broken(check_stage(StageFacts(**facts)))]


def bvs(**facts) -> list[str]:
    base = {"kind": "BVS", "full_days": 4, "programme": "Magazijn: observeren"}
    return broken_ids(**{**base, **facts})


@pytest.mark.parametrize(
    ("full_days", "half_days", "ok"),
    [
        (0, 0, False),
        (0, 1, False),  # one half day: below the minimum of 2 half days
        (1, 0, True),  # minimum: 1 full day
        (0, 2, True),  # minimum: 2 half days
        (5, 0, True),  # maximum: 5 full days
        (0, 10, True),  # maximum: 10 half days
        (6, 0, False),
        (0, 11, False),
        (4, 2, True),  # 10 half days in all
        (4, 3, False),  # 11 half days
    ],
)
def test_bvs_duration_boundaries(full_days, half_days, ok):
    ids = bvs(full_days=full_days, half_days=half_days)
    assert ("stage.bvs.duration" not in ids) is ok


@given(st.integers(0, 20), st.integers(0, 30))
def test_bvs_duration_is_between_two_and_ten_half_days(full_days, half_days):
    ids = bvs(full_days=full_days, half_days=half_days)
    assert ("stage.bvs.duration" in ids) == (not 2 <= 2 * full_days + half_days <= 10)


@given(st.sampled_from(["TBS", "enclave"]), st.integers(0, 50), st.integers(0, 50))
def test_duration_rule_only_applies_to_bvs(kind, full_days, half_days):
    ids = broken_ids(
        kind=kind,
        full_days=full_days,
        half_days=half_days,
        enterprise_contract=True,
        union_informed=True,
    )
    assert ids == []


def test_explanation_is_dutch_and_names_the_numbers():
    result = broken(check_stage(StageFacts(kind="BVS", full_days=6, programme="x")))[0]
    assert result.field == "full_days"
    assert result.source == "000 L3668–3671"
    assert "hoogstens 5 voltijdse of 10 halftijdse" in result.explanation_nl
    assert "Nu zijn het 6 voltijdse en 0 halftijdse werkdagen (12 halve dagen)" in (
        result.explanation_nl
    )


def test_second_bvs_at_a_company_needs_another_work_post():
    assert bvs(work_post="Kassa", earlier_bvs_work_posts=("Magazijn",)) == []
    ids = bvs(work_post="  magazijn ", earlier_bvs_work_posts=("Magazijn",))
    assert ids == ["stage.bvs.different_work_post"]
    assert bvs(work_post="", earlier_bvs_work_posts=("Magazijn",)) == [
        "stage.bvs.different_work_post"
    ]


def test_third_bvs_at_a_company_is_refused():
    ids = bvs(work_post="Kantoor", earlier_bvs_work_posts=("Magazijn", "Kassa"))
    assert ids == ["stage.bvs.max_two_per_company"]


@pytest.mark.parametrize(
    ("article_60", "learner_worker", "status"),
    [
        (True, False, "artikel 60"),
        (False, True, "leerwerknemer"),
        (True, True, "artikel 60 en leerwerknemer"),
    ],
)
def test_no_bvs_for_article_60_or_learner_workers(article_60, learner_worker, status):
    results = broken(
        check_stage(
            StageFacts(
                kind="BVS",
                full_days=2,
                programme="x",
                article_60=article_60,
                learner_worker=learner_worker,
            )
        )
    )
    assert [r.rule_id for r in results] == ["stage.bvs.worker_status"]
    assert f"deze werknemer is {status}." in results[0].explanation_nl


def test_bvs_needs_a_programme_and_observation_only():
    assert bvs(programme="   ") == ["stage.bvs.programme"]
    assert bvs(observation_only=False) == ["stage.bvs.observation_only"]


def test_tbs_not_for_article_60_but_for_learner_workers():
    assert broken_ids(kind="TBS", article_60=True) == ["stage.tbs.worker_status"]
    assert broken_ids(kind="TBS", learner_worker=True) == []
    # a TBS has no fixed minimum or maximum duration
    assert broken_ids(kind="TBS", full_days=200) == []


def test_enclave_needs_contract_and_union_informed():
    assert broken_ids(kind="enclave") == [
        "stage.enclave.enterprise_contract",
        "stage.enclave.union_informed",
    ]
    assert broken_ids(kind="enclave", enterprise_contract=True) == [
        "stage.enclave.union_informed"
    ]
    assert (
        broken_ids(kind="enclave", enterprise_contract=True, union_informed=True) == []
    )


def test_every_rule_has_a_source_inputs_and_a_dutch_explanation():
    assert len(REGISTRY) == 16
    for rule in REGISTRY:
        assert rule.source[:3] in {"000", "001", "002", "003", "004"}, rule.id
        assert rule.inputs, rule.id
        assert rule.title_nl and rule.explanation_nl, rule.id


def test_a_rule_refuses_missing_or_unknown_inputs():
    rule = REGISTRY.get("stage.tbs.worker_status")
    with pytest.raises(TypeError, match="missing \\['article_60'\\]"):
        rule.check(kind="TBS")
    with pytest.raises(TypeError, match="unknown \\['colour'\\]"):
        rule.check(kind="TBS", article_60=False, colour="red")


def test_a_rule_id_registers_once():
    rule = REGISTRY.get("stage.tbs.worker_status")
    with pytest.raises(ValueError, match="already registered"):
        REGISTRY.register(rule)


@pytest.mark.parametrize("name", ["calendar", "stages", "reminders"])
def test_docstring_examples(name):
    module = importlib.import_module(f"doorstroom.domain.rules.{name}")
    failures, tried = doctest.testmod(module)
    assert tried > 0
    assert failures == 0

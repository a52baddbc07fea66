"""Ranking: the vectorised fit equals distance(), orders and explanations."""

from __future__ import annotations

import math
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.domain.competences import JobProfile, Requirement, distance
from doorstroom.domain.matching import (
    ConstraintKind,
    MatchIndex,
    builtin_gazetteer,
    check_constraints,
    explain,
    rank_candidates,
    rank_vacancies,
)
from doorstroom.domain.matching.synthetic import make_world
from tests.domain.matching.builders import person, vacancy

GAZETTEER = builtin_gazetteer()
IDS = ("a", "b", "c", "d", "e", "f")
levels = st.one_of(
    st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]),
    st.floats(min_value=1.0, max_value=4.0, allow_nan=False),
)


@st.composite
def profiles(draw: st.DrawFn) -> JobProfile:
    chosen = draw(
        st.lists(st.sampled_from(IDS), min_size=1, max_size=len(IDS), unique=True)
    )
    requirements = []
    for competence in chosen:
        required = draw(st.integers(1, 4))
        requirements.append(
            Requirement(
                competence,
                required,  # type: ignore[arg-type]
                weight=draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 0.37])),
                cutoff=draw(st.one_of(st.none(), st.integers(1, required))),  # type: ignore[arg-type]
            )
        )
    return JobProfile("x", "X", tuple(requirements))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(IDS), st.one_of(st.none(), levels)),
        min_size=1,
        max_size=5,
    ),
    st.lists(profiles(), min_size=1, max_size=5),
)
def test_vectorised_fit_equals_distance(people, jobs) -> None:  # type: ignore[no-untyped-def]
    persons = [person(f"p{i}", levels=lv) for i, lv in enumerate(people)]
    vacancies = [
        vacancy(f"v{j}", profile=JobProfile(f"v{j}", "X", job.requirements))
        for j, job in enumerate(jobs)
    ]
    index = MatchIndex(persons, vacancies, GAZETTEER, chunk_size=2)
    fits = index.fit_matrix()
    blocked = np.vstack([index.block_fits(rows)[1] for rows in index._blocks()])
    for i, p in enumerate(index.persons):
        for j, v in enumerate(index.vacancies):
            expected = distance(p.levels, v.profile)
            if expected.fit is None:
                assert math.isnan(fits[i, j])
            else:
                assert abs(fits[i, j] - expected.fit) <= 1e-12
            assert blocked[i, j] == bool(expected.blockers)


def test_fully_met_vacancy_ranks_above_one_with_a_blocker() -> None:
    p = person(levels={"accuracy": 3.0, "cooperation": 1.0})
    met = vacancy("v_met", requirements=(("accuracy", 3, 1.0, None),))
    # Blocked: accuracy met (weight 5, span 2), cooperation 1 of 2 (gap 1): 1 - 1/11.
    blocked = vacancy(
        "v_blocked",
        requirements=(("accuracy", 3, 5.0, None), ("cooperation", 2, 1.0, 2)),
    )
    ranked = rank_vacancies(p, [blocked, met], GAZETTEER)
    assert [(m.vacancy_id, m.fit, m.blocked) for m in ranked] == [
        ("v_met", 1.0, False),
        ("v_blocked", round(1 - 1 / 11, 9), True),
    ]


def test_blocked_vacancy_with_higher_fit_still_ranks_lower() -> None:
    p = person(levels={"accuracy": 4.0, "cooperation": 2.0})
    good_but_blocked = vacancy(
        "v1", requirements=(("accuracy", 4, 10.0, None), ("cooperation", 3, 1.0, 3))
    )
    weaker = vacancy(
        "v2", requirements=(("accuracy", 4, 1.0, None), ("cooperation", 4, 1.0, None))
    )
    ranked = rank_vacancies(p, [good_but_blocked, weaker], GAZETTEER)
    assert [m.vacancy_id for m in ranked] == ["v2", "v1"]
    assert ranked[0].fit < ranked[1].fit


def test_ties_go_to_the_lowest_id_whatever_the_input_order() -> None:
    p = person(levels={"accuracy": 2.0})
    twins = [
        vacancy(f"v{i}", requirements=(("accuracy", 3, 1.0, None),)) for i in (3, 1, 2)
    ]
    ranked = rank_vacancies(p, twins, GAZETTEER)
    assert [m.vacancy_id for m in ranked] == ["v1", "v2", "v3"]
    assert {m.fit for m in ranked} == {0.5}


def test_infeasible_pairs_are_never_listed_and_consent_is_respected() -> None:
    far = vacancy("v_far", postcode="3600")  # Genk, far from Gent
    near = vacancy("v_near")
    assert [m.vacancy_id for m in rank_vacancies(person(), [far, near], GAZETTEER)] == [
        "v_near"
    ]
    candidates = rank_candidates(
        near,
        [person("p_yes"), person("p_no", consent_matching=False)],
        GAZETTEER,
    )
    assert [m.person_id for m in candidates] == ["p_yes"]


def test_top_lists_equal_brute_force_on_a_synthetic_region() -> None:
    world = make_world(250, 200, seed=9)
    shuffled_persons = list(world.persons)
    random.Random(1).shuffle(shuffled_persons)
    index = MatchIndex(
        shuffled_persons, world.vacancies, world.gazetteer, chunk_size=97
    )
    by_person, by_vacancy = index.top_both(10)
    keys: dict[tuple[int, int], tuple[bool, float]] = {}
    for i, p in enumerate(index.persons):
        for j, v in enumerate(index.vacancies):
            if check_constraints(p, v, world.gazetteer).passed:
                d = distance(p.levels, v.profile)
                keys[i, j] = (bool(d.blockers), round(d.fit or 0.0, 9))
    assert keys, "the synthetic region has feasible pairs"
    for i in range(len(index.persons)):
        expected = sorted(
            (j for (pi, j) in keys if pi == i),
            key=lambda j: (keys[i, j][0], -keys[i, j][1], j),
        )[:10]
        assert [j for j in by_person.indices[i] if j >= 0] == expected
    for j in range(len(index.vacancies)):
        expected = sorted(
            (i for (i, vj) in keys if vj == j and index.persons[i].consent_matching),
            key=lambda i: (keys[i, j][0], -keys[i, j][1], i),
        )[:10]
        assert [i for i in by_vacancy.indices[j] if i >= 0] == expected
    # Same lists whatever the chunk size or input order.
    again = MatchIndex(world.persons, world.vacancies, world.gazetteer, chunk_size=4096)
    assert again.top_vacancies(10).lists() == by_person.lists()
    assert again.top_candidates(10).lists() == by_vacancy.lists()


def test_sparse_pairs_equal_the_dense_feasibility() -> None:
    world = make_world(300, 200, seed=4)
    index = MatchIndex(world.persons, world.vacancies, world.gazetteer, chunk_size=64)
    dense = index.feasible_matrix()
    sparse = np.zeros_like(dense)
    for rows in index._blocks():
        prow, cols = index.block_pairs(rows)
        sparse[prow, cols] = True
    assert (sparse == dense).all()
    exact = np.array(
        [
            [check_constraints(p, v, world.gazetteer).passed for v in index.vacancies]
            for p in index.persons[:40]
        ]
    )
    assert (exact == dense[:40]).all()


def test_no_go_employer_is_filtered_in_the_ranking() -> None:
    p = person(no_go_employers=frozenset({"e1"}))
    assert rank_vacancies(p, [vacancy()], GAZETTEER) == []


def test_explain_lists_met_missing_and_the_tight_constraint() -> None:
    p = person(levels={"accuracy": 3.0, "cooperation": 2.0}, hours_max=31.0)
    v = vacancy(
        requirements=(
            ("accuracy", 3, 1.0, None),
            ("cooperation", 3, 1.0, None),
            ("motivation", 3, 1.0, None),
        )
    )
    e = explain(p, v, GAZETTEER)
    assert e.feasible
    assert e.has == ("accuracy",)
    assert e.missing == ("cooperation",)
    assert e.distance.unknown == ("motivation",)
    assert [c.kind for c in e.constraints.nearly_failed] == [ConstraintKind.HOURS]
    sentences = e.sentences_nl()
    assert sentences[0] == "De uren (30 u/week) liggen net binnen de wens (0-31 uur)."
    assert sentences[1].startswith("De fit met de job 'Magazijnmedewerker' is 75%")
    data = e.to_dict()
    assert data["has"] == ["accuracy"] and data["missing"] == ["cooperation"]


def test_empty_inputs_and_unknown_levels() -> None:
    assert rank_vacancies(person(), [], GAZETTEER) == []
    assert rank_candidates(vacancy(), [], GAZETTEER) == []
    by_person, by_vacancy = MatchIndex([], [], GAZETTEER).top_both(10)
    assert by_person.indices.shape == (0, 10) and by_vacancy.indices.shape == (0, 10)
    # No known level: the fit is unknown and ranks as 0, after any known fit.
    unknown = person("p_unknown", levels={})
    known = person("p_known", levels={"accuracy": 1.0})
    ranked = rank_candidates(vacancy(), [unknown, known], GAZETTEER)
    assert [(m.person_id, m.fit) for m in ranked] == [
        ("p_known", 0.0),
        ("p_unknown", 0.0),
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(st.sampled_from(IDS), levels, min_size=2, max_size=len(IDS)),
    st.data(),
)
def test_a_fully_met_vacancy_always_ranks_above_a_blocked_one(
    person_levels, data
) -> None:  # type: ignore[no-untyped-def]
    ids = sorted(person_levels)
    met_ids = data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    met = vacancy(
        "v_met",
        requirements=tuple(
            (c, int(data.draw(st.integers(1, int(person_levels[c])))), 1.0, None)
            for c in met_ids
        ),
    )
    # A blocker: some competence with a cut-off above the person's level.
    low = [c for c in ids if person_levels[c] < 4]
    if not low:
        low_id, blocked_reqs = "zz", (("zz", 4, 1.0, 4),)
        p = person(levels={**person_levels, "zz": 1.0})
    else:
        low_id = data.draw(st.sampled_from(low))
        cutoff = int(person_levels[low_id]) + 1
        heavy = tuple((c, 1, 100.0, None) for c in ids if c != low_id)
        blocked_reqs = ((low_id, cutoff, 0.01, cutoff), *heavy)
        p = person(levels=person_levels)
    blocked = vacancy("a_blocked", requirements=blocked_reqs)
    ranked = rank_vacancies(p, [blocked, met], GAZETTEER)
    assert [(m.vacancy_id, m.blocked) for m in ranked] == [
        ("v_met", False),
        ("a_blocked", True),
    ]
    assert ranked[0].fit == 1.0

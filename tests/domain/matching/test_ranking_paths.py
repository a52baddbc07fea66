"""Ranking shortcuts: profile table vs per-pair scores, one person, no-go employers."""

from __future__ import annotations

import dataclasses

import numpy as np

from doorstroom.domain.matching import MatchIndex, check_constraints, rank_vacancies
from doorstroom.domain.matching.synthetic import make_world

WORLD = make_world(240, 400, seed=11)


def _with_no_go(persons, every: int = 5):
    """Every ``every``-th person refuses the employer of some vacancy."""
    employers = sorted({v.employer.id for v in WORLD.vacancies})
    return [
        dataclasses.replace(p, no_go_employers=frozenset(employers[i % 7 :: 9]))
        if i % every == 0
        else p
        for i, p in enumerate(persons)
    ]


def test_profile_table_and_per_pair_scores_give_the_same_lists() -> None:
    table = MatchIndex(WORLD.persons, WORLD.vacancies, WORLD.gazetteer, chunk_size=50)
    pairs = MatchIndex(WORLD.persons, WORLD.vacancies, WORLD.gazetteer, chunk_size=77)
    table._use_profiles, pairs._use_profiles = True, False
    (tp, tv), (pp, pv) = table.top_both(10), pairs.top_both(10)
    assert tp.lists() == pp.lists() and tv.lists() == pv.lists()
    assert np.array_equal(tp.fits, pp.fits, equal_nan=True)
    assert np.array_equal(tv.blocked, pv.blocked)
    assert sum(len(v) for v in tp.lists().values()) > 0


def test_rank_person_equals_the_row_of_the_whole_index() -> None:
    index = MatchIndex(WORLD.persons, WORLD.vacancies, WORLD.gazetteer)
    by_person = index.top_vacancies(10)
    lists = by_person.lists()
    empty = MatchIndex((), WORLD.vacancies, WORLD.gazetteer)
    checked = 0
    for row, person in enumerate(index.persons[:60]):
        ranked = index.rank_person(person)
        assert [m.vacancy_id for m in ranked] == lists[person.id]
        assert [m.fit for m in ranked] == [
            f for f in by_person.fits[row].tolist() if f == f
        ]
        assert [m.vacancy_id for m in empty.rank_person(person)] == lists[person.id]
        checked += bool(ranked)
    assert checked > 10
    # The index itself is untouched by a query.
    assert index.person_ids == tuple(sorted(p.id for p in WORLD.persons))
    person = index.persons[3]
    assert rank_vacancies(person, WORLD.vacancies, WORLD.gazetteer) == (
        index.rank_person(person)
    )


def test_no_go_employers_are_filtered_in_blocks() -> None:
    persons = _with_no_go(WORLD.persons)
    index = MatchIndex(persons, WORLD.vacancies, WORLD.gazetteer, chunk_size=32)
    assert index._no_go, "some persons refuse an employer of these vacancies"
    dense = index.feasible_matrix()
    sparse = np.zeros_like(dense)
    for rows in index._blocks():
        prow, cols = index.block_pairs(rows)
        sparse[prow, cols] = True
    assert (sparse == dense).all()
    for row in list(index._no_go)[:15]:
        p = index.persons[row]
        exact = [
            check_constraints(p, v, WORLD.gazetteer).passed for v in index.vacancies
        ]
        assert exact == dense[row].tolist()
    lists = index.top_vacancies(10).lists()
    employer = {v.id: v.employer.id for v in WORLD.vacancies}
    for p in persons:
        assert not {employer[v] for v in lists[p.id]} & p.no_go_employers

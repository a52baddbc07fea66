"""Group attributes never reach the ranking; the fairness report counts per group."""

from __future__ import annotations

import dataclasses
import inspect
import random

import numpy as np

from doorstroom.domain.matching import (
    GroupAttributes,
    MatchIndex,
    MatchPerson,
    explain,
    fairness_report,
    rank_candidates,
    rank_vacancies,
)
from doorstroom.domain.matching.synthetic import make_world

SENSITIVE = {
    "sex",
    "gender",
    "age",
    "birth",
    "origin",
    "nationality",
    "ethnicity",
    "health",
}


def _words(names: set[str]) -> set[str]:
    return {word for name in names for word in name.split("_")}


def test_sensitive_attributes_are_not_fields_or_parameters() -> None:
    fields = {f.name for f in dataclasses.fields(MatchPerson)}
    assert not _words(fields) & SENSITIVE
    for function in (rank_vacancies, rank_candidates, explain, MatchIndex.__init__):
        parameters = set(inspect.signature(function).parameters)
        assert not _words(parameters) & SENSITIVE, function


def test_shuffling_group_attributes_changes_the_report_not_the_ranking() -> None:
    world = make_world(600, 400, seed=21)
    index = MatchIndex(world.persons, world.vacancies, world.gazetteer)
    top = index.top_vacancies(10)
    report = fairness_report(
        top.ids, top.fits, top.blocked, world.groups, min_group_size=5
    )
    values = [g.sex for g in world.groups]
    random.Random(3).shuffle(values)
    shuffled = [
        dataclasses.replace(g, sex=v) for g, v in zip(world.groups, values, strict=True)
    ]
    # Rankings take no group attributes, so recomputing them gives the same lists.
    again = MatchIndex(world.persons, world.vacancies, world.gazetteer).top_vacancies(
        10
    )
    assert again.lists() == top.lists()
    other = fairness_report(
        again.ids, again.fits, again.blocked, shuffled, min_group_size=5
    )
    by_sex = {g.value: g.match_rate for g in report if g.attribute == "sex"}
    shuffled_by_sex = {g.value: g.match_rate for g in other if g.attribute == "sex"}
    assert by_sex.keys() == shuffled_by_sex.keys()
    assert by_sex != shuffled_by_sex


def test_report_by_hand() -> None:
    fits = np.array(
        [
            [0.9, 0.5],  # matched, good
            [0.6, np.nan],  # matched, not good
            [0.95, np.nan],  # only a blocked vacancy: not matched
            [np.nan, np.nan],  # nothing
        ]
    )
    blocked = np.array([[False, False], [False, False], [True, False], [False, False]])
    groups = [
        GroupAttributes("a", sex="V", age_band="<25"),
        GroupAttributes("b", sex="V", age_band="<25"),
        GroupAttributes("c", sex="M", age_band="<25"),
        GroupAttributes("d", sex="M"),
    ]
    report = fairness_report(
        ["a", "b", "c", "d"], fits, blocked, groups, min_group_size=2
    )
    rows = {(g.attribute, g.value): g for g in report}
    women, men = rows["sex", "V"], rows["sex", "M"]
    assert (women.persons, women.match_rate, women.good_match_rate) == (2, 1.0, 0.5)
    assert women.mean_best_fit == 0.75
    assert (men.persons, men.match_rate, men.ratio_to_best, men.flagged) == (
        2,
        0.0,
        0.0,
        True,
    )
    young = rows["age_band", "<25"]
    assert young.match_rate == 2 / 3
    small = rows["age_band", "onbekend"]
    assert small.persons == 1 and small.match_rate is None and not small.flagged

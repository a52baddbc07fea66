from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.domain.monitoring.survival import (
    durations,
    kaplan_meier,
    published_curve,
    whole_months,
)


def test_whole_months_clamps_to_month_end():
    assert whole_months(date(2020, 8, 31), date(2021, 2, 28)) == 6
    assert whole_months(date(2020, 8, 31), date(2021, 2, 27)) == 5
    assert whole_months(date(2020, 1, 15), date(2020, 1, 14)) == 0


def test_run_counts_as_ended_only_31_days_after_its_end():
    as_of = date(2023, 6, 30)
    rows = [
        (date(2022, 1, 1), date(2023, 5, 30)),  # as_of is 31 days later: ended
        (date(2022, 1, 1), date(2023, 5, 31)),  # 30 days: a spell may still join
        (date(2022, 1, 1), None),  # still at work
    ]
    assert durations(rows, as_of) == [(16, True), (17, False), (17, False)]


def test_kaplan_meier_by_hand():
    # 5 persons: ended at 2, 2 and 5 months; censored at 3 and 6
    points = kaplan_meier([(2, True), (2, True), (3, False), (5, True), (6, False)])
    by_month = {p.month: p for p in points}
    assert by_month[2].at_risk == 5 and by_month[2].ended == 2
    assert round(by_month[2].survival, 4) == 0.6
    assert by_month[5].at_risk == 2
    assert round(by_month[5].survival, 4) == 0.3
    assert round(by_month[6].survival, 4) == 0.3


@given(st.lists(st.tuples(st.integers(0, 60), st.booleans()), min_size=1, max_size=80))
def test_survival_never_rises_and_stays_between_0_and_1(samples):
    points = kaplan_meier(samples)
    values = [p.survival for p in points]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert all(a >= b for a, b in zip(values, values[1:], strict=False))
    assert points[0].at_risk == len(samples)


def test_small_curves_are_not_published():
    few = kaplan_meier([(m, True) for m in range(5)])
    assert published_curve(few, 10)["published"] is False
    many = kaplan_meier([(m % 30, m % 3 == 0) for m in range(60)])
    curve = published_curve(many, 10)
    assert curve["published"]
    assert all(v is None or v >= 10 for v in curve["at_risk"].values())
    assert min(p.at_risk for p in kaplan_meier([(m % 30, m % 3 == 0) for m in range(60)])
               if p.month in curve["months"]) >= 10

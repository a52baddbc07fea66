from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.domain.rules import REGISTRY, ReminderFacts, due_reminders
from doorstroom.domain.rules.calendar import add_months, add_years


def check(rule_id: str, **values):
    return REGISTRY.get(rule_id).check(**values)


@pytest.mark.parametrize(
    ("today", "ok"),
    [
        (date(2025, 3, 10), True),
        (date(2026, 3, 10), True),
        (date(2026, 3, 11), False),
    ],
)
def test_pop_is_at_most_one_year_old(today, ok):
    result = check(
        "reminder.pop_outdated", last_pop_date=date(2025, 3, 10), today=today
    )
    assert result.ok is ok
    assert result.due_on == date(2026, 3, 10)


def test_pop_missing_is_due_today_with_its_own_wording():
    result = check("reminder.pop_outdated", last_pop_date=None, today=date(2026, 1, 5))
    assert not result.ok
    assert result.due_on == date(2026, 1, 5)
    assert result.explanation_nl.startswith("Er is nog geen POP:")


def test_pop_of_a_leap_day_is_due_on_28_february():
    result = check(
        "reminder.pop_outdated", last_pop_date=date(2024, 2, 29), today=date(2025, 3, 1)
    )
    assert not result.ok
    assert result.due_on == date(2025, 2, 28)
    assert "Het laatste POP dateert van 29/02/2024" in result.explanation_nl


def test_lde_deadline_warns_six_months_before_five_years():
    start = date(2021, 9, 1)
    rule = "reminder.lde_transition_deadline"
    quiet = check(rule, lde_start=start, transitioned=False, today=date(2026, 2, 28))
    assert quiet.ok
    warned = check(rule, lde_start=start, transitioned=False, today=date(2026, 3, 1))
    assert not warned.ok
    assert warned.due_on == date(2026, 9, 1)
    assert "uiterlijk op 01/09/2026" in warned.explanation_nl
    assert "nog 184 dagen" in warned.explanation_nl
    late = check(rule, lde_start=start, transitioned=False, today=date(2026, 9, 11))
    assert "de termijn is 10 dagen verstreken" in late.explanation_nl
    done = check(rule, lde_start=start, transitioned=True, today=date(2026, 9, 11))
    assert done.ok
    assert check(rule, lde_start=None, transitioned=False, today=date(2030, 1, 1)).ok


def test_vdab_evaluation_due_five_years_after_start_or_last_evaluation():
    rule = "reminder.vdab_evaluation_due"
    start = date(2020, 4, 1)
    before = check(
        rule, employment_start=start, last_evaluation=None, today=date(2025, 3, 31)
    )
    assert before.ok
    due = check(
        rule, employment_start=start, last_evaluation=None, today=date(2025, 4, 1)
    )
    assert not due.ok and due.due_on == date(2025, 4, 1)
    assert "de start van de tewerkstelling op 01/04/2020" in due.explanation_nl
    evaluated = check(
        rule,
        employment_start=start,
        last_evaluation=date(2023, 6, 1),
        today=date(2025, 4, 1),
    )
    assert evaluated.ok and evaluated.due_on == date(2028, 6, 1)


def test_trajectory_starts_within_three_months_after_favourable_advice():
    rule = "reminder.trajectory_start_after_advice"
    values = {"advice_date": date(2026, 1, 31), "advice_ready": True}
    open_ = check(rule, **values, trajectory_start=None, today=date(2026, 4, 30))
    assert not open_.ok
    assert open_.due_on == date(2026, 4, 30)
    assert "(nog niet verstreken)" in open_.explanation_nl
    late = check(rule, **values, trajectory_start=None, today=date(2026, 5, 1))
    assert "(verstreken)" in late.explanation_nl
    assert check(
        rule, **values, trajectory_start=date(2026, 3, 1), today=date(2026, 5, 1)
    ).ok
    assert check(
        rule,
        advice_date=date(2026, 1, 31),
        advice_ready=False,
        trajectory_start=None,
        today=date(2026, 5, 1),
    ).ok


def test_due_reminders_sorted_by_due_date():
    facts = ReminderFacts(
        today=date(2026, 6, 1),
        last_pop_date=date(2025, 1, 15),
        lde_start=date(2021, 8, 1),
        employment_start=date(2021, 8, 1),
    )
    due = due_reminders(facts)
    assert [(r.rule_id, r.due_on) for r in due] == [
        ("reminder.pop_outdated", date(2026, 1, 15)),
        ("reminder.lde_transition_deadline", date(2026, 8, 1)),
    ]  # the VDAB evaluation is due on 1/8/2026, not yet on 1/6/2026


@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)), st.integers(-240, 240))
def test_add_months_keeps_the_day_or_clips_to_month_end(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (
        result.day < day.day and (result + timedelta(days=1)).day == 1
    )


@given(st.dates(date(1990, 1, 1), date(2090, 12, 31)))
def test_pop_due_exactly_one_year_later(day):
    due = add_years(day, 1)
    assert check("reminder.pop_outdated", last_pop_date=day, today=due).ok
    assert not check(
        "reminder.pop_outdated", last_pop_date=day, today=due + timedelta(days=1)
    ).ok

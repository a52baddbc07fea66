"""Rules of the mandated doorstroom trajectory on their boundaries (issue 4):
phase limits, the coaching hours budget and the POP to the VDAB."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.rules import REGISTRY, ReminderFacts, due_reminders
from doorstroom.domain.rules.trajectory import (
    CaseEntry,
    coaching_use,
    phase_clock,
    phase_deadline,
    pop_sent_in_time,
    pop_to_vdab_due,
)


def check(rule_id: str, **values):
    return REGISTRY.get(rule_id).check(**values)


def phase(name, start, today, pauses=(), paused=False):
    return check(
        "reminder.phase_limit",
        phase=name,
        phase_start=start,
        pauses=pauses,
        paused=paused,
        today=today,
    )


# --- Phase limits


@pytest.mark.parametrize(
    ("start", "today", "due_on"),
    [
        # one month exactly is still in time; month-end clamping (31 Jan → 28 Feb)
        (date(2026, 1, 31), date(2026, 2, 28), date(2026, 2, 28)),
        (date(2026, 1, 31), date(2026, 3, 1), date(2026, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29), date(2024, 2, 29)),
        (date(2026, 3, 15), date(2026, 4, 15), date(2026, 4, 15)),
        (date(2026, 3, 15), date(2026, 4, 16), date(2026, 4, 15)),
    ],
)
def test_voortraject_lasts_at_most_one_month(start, today, due_on):
    result = phase("voortraject", start, today)
    assert not result.ok
    assert result.due_on == due_on
    overdue = today > due_on
    assert ("verstreken" in result.explanation_nl) is overdue
    assert "hoogstens 1 maand(en)" in result.explanation_nl


@pytest.mark.parametrize(
    ("name", "start", "due_on"),
    [
        ("jobmatching", date(2026, 1, 1), date(2026, 4, 1)),
        ("stage", date(2025, 11, 30), date(2026, 2, 28)),
        ("nazorg", date(2026, 5, 31), date(2026, 8, 31)),
    ],
)
def test_other_phases_last_at_most_three_months(name, start, due_on):
    on_time = phase(name, start, due_on)
    late = phase(name, start, date.fromordinal(due_on.toordinal() + 1))
    assert on_time.due_on == late.due_on == due_on
    assert "nog 0 dagen" in on_time.explanation_nl
    assert "de termijn is 1 dagen verstreken" in late.explanation_nl


def test_phases_without_a_limit_and_no_phase_have_no_reminder():
    assert phase("competentiemeting", date(2020, 1, 1), date(2026, 1, 1)).ok
    assert phase("job", date(2020, 1, 1), date(2026, 1, 1)).ok
    assert phase(None, None, date(2026, 1, 1)).ok


def test_a_pause_stops_the_clock_and_shifts_the_deadline():
    start = date(2026, 1, 10)
    # paused now: the clock does not run, no reminder
    assert phase(
        "voortraject", start, date(2026, 5, 1), ((date(2026, 1, 20), None),), True
    ).ok
    # paused 20/1 → 30/1 (10 days): 10/2 becomes 20/2
    pauses = ((date(2026, 1, 20), date(2026, 1, 30)),)
    result = phase("voortraject", start, date(2026, 2, 20), pauses)
    assert result.due_on == date(2026, 2, 20)
    assert "plus 10 dagen pauze" in result.explanation_nl
    assert phase_deadline("voortraject", start, pauses) == date(2026, 2, 20)
    # a pause before the phase started does not count
    earlier = ((date(2025, 12, 1), date(2025, 12, 20)),)
    assert phase_deadline("voortraject", start, earlier) == date(2026, 2, 10)


def test_phase_clock_reads_the_latest_run_and_pauses():
    entries = [
        CaseEntry("stap", "voortraject", date(2026, 1, 5)),
        CaseEntry("stap", "voortraject", date(2026, 1, 8)),
        CaseEntry("stap", "jobmatching", date(2026, 2, 1)),
        CaseEntry("pauze", "jobmatching", date(2026, 2, 10)),
        CaseEntry("hervat", "jobmatching", date(2026, 2, 15)),
        CaseEntry("terug", "voortraject", date(2026, 3, 1)),
        CaseEntry("pauze", "voortraject", date(2026, 3, 5)),
    ]
    clock = phase_clock(entries)
    assert clock.phase == "voortraject"
    assert clock.phase_start == date(2026, 3, 1)  # the step back restarts it
    assert clock.pauses == (
        (date(2026, 2, 10), date(2026, 2, 15)),
        (date(2026, 3, 5), None),
    )
    assert clock.paused
    assert phase_clock([]).phase is None


# --- Coaching hours budget


def coaching(sessions, today=date(2026, 6, 1)):
    return check(
        "reminder.coaching_budget",
        coaching_since=date(2026, 1, 1),
        coaching_sessions=tuple(sessions),
        today=today,
    )


def test_coaching_below_ninety_percent_is_fine():
    # 125 h 59 min: just under 90 % of 140 h (126 h)
    assert coaching([(date(2026, 2, 1), 125 * 60 + 59)]).ok


def test_coaching_from_ninety_percent_is_due_today():
    result = coaching([(date(2026, 2, 1), 100 * 60), (date(2026, 3, 1), 26 * 60)])
    assert not result.ok
    assert result.due_on == date(2026, 6, 1)  # due, not overdue
    assert "126 van de 140 uur" in result.explanation_nl
    assert "(90 %)" in result.explanation_nl
    assert "nog 14 uur over" in result.explanation_nl


def test_the_whole_budget_used_is_still_due_not_overdue():
    result = coaching([(date(2026, 2, 1), 140 * 60)])
    assert not result.ok
    assert result.due_on == date(2026, 6, 1)
    assert "nog 0 uur over" in result.explanation_nl


def test_an_exceeded_budget_is_overdue_since_the_session_that_exceeded_it():
    sessions = [
        (date(2026, 2, 1), 139 * 60),
        (date(2026, 6, 1), 2 * 60),  # 141 h, recorded today
    ]
    result = coaching(sessions)
    assert result.due_on == date(2026, 5, 31)  # before today: overdue
    assert "141 van de 140 uur" in result.explanation_nl
    assert "het budget is met 1 uur overschreden" in result.explanation_nl


def test_sessions_after_today_do_not_count_yet():
    assert coaching([(date(2026, 7, 1), 141 * 60)]).ok


def test_coaching_use_reports_hours_used_and_left():
    use = coaching_use(
        [(date(2026, 2, 1), 90), (date(2026, 2, 3), 45)],
        date(2026, 1, 1),
        date(2026, 3, 1),
    )
    assert (use.used_minutes, use.left_minutes, use.budget_minutes) == (135, 8265, 8400)
    assert use.used_hours == 2.25
    assert use.warning_minutes == 7560
    assert not use.warning and not use.exceeded and use.exceeded_on is None
    assert use.percent_used == 1


# --- POP to the VDAB


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (date(2026, 3, 1), False),  # day 1: hired today
        (date(2026, 3, 31), False),  # day 31
        (date(2026, 4, 1), False),  # day 32 = one calendar month: the last day
        (date(2026, 4, 2), True),
    ],
)
def test_pop_goes_to_the_vdab_within_one_month_of_hiring(today, overdue):
    result = check(
        "reminder.pop_sent_to_vdab",
        hired_on=date(2026, 3, 1),
        pop_sent_to_vdab_on=None,
        today=today,
    )
    assert not result.ok
    assert result.due_on == date(2026, 4, 1)
    assert (result.due_on < today) is overdue


def test_pop_sent_or_not_hired_yet_has_no_reminder():
    hired = date(2026, 3, 1)
    args = {"hired_on": hired, "today": date(2026, 5, 1)}
    assert check(
        "reminder.pop_sent_to_vdab", pop_sent_to_vdab_on=date(2026, 3, 20), **args
    ).ok
    assert check(
        "reminder.pop_sent_to_vdab",
        hired_on=hired,
        pop_sent_to_vdab_on=None,
        today=date(2026, 2, 28),
    ).ok
    assert check(
        "reminder.pop_sent_to_vdab",
        hired_on=None,
        pop_sent_to_vdab_on=None,
        today=date(2026, 2, 28),
    ).ok


def test_pop_sent_in_time_with_month_end_clamping():
    assert pop_to_vdab_due(date(2026, 1, 31)) == date(2026, 2, 28)
    assert pop_sent_in_time(date(2026, 1, 31), date(2026, 2, 28))
    assert not pop_sent_in_time(date(2026, 1, 31), date(2026, 3, 1))
    assert pop_sent_in_time(date(2026, 3, 1), date(2026, 4, 1))
    assert not pop_sent_in_time(date(2026, 3, 1), date(2026, 4, 2))


def test_due_reminders_include_the_trajectory_rules_in_date_order():
    facts = ReminderFacts(
        today=date(2026, 6, 1),
        last_pop_date=date(2026, 1, 1),
        phase="nazorg",
        phase_start=date(2026, 4, 1),
        coaching_since=date(2026, 1, 1),
        coaching_sessions=((date(2026, 2, 1), 130 * 60),),
        hired_on=date(2026, 5, 15),
    )
    assert [(r.rule_id, r.due_on) for r in due_reminders(facts)] == [
        ("reminder.coaching_budget", date(2026, 6, 1)),
        ("reminder.pop_sent_to_vdab", date(2026, 6, 15)),
        ("reminder.phase_limit", date(2026, 7, 1)),
    ]

"""Reminder rules: dates by which a coach must act (POP, LDE, VDAB, trajectory start).

A reminder rule is "not ok" when the action is due; ``due_on`` is the date by which
it must happen, so a caseload's reminders can be sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .base import REGISTRY, Rule, RuleResult
from .calendar import add_months, add_years
from .parameters import param
from .trajectory import TRAJECTORY_RULES

# The numbers (one year, five years, six months, three months) are parameters in
# data/parameters.toml; each rule reads the version in force on the day its term
# starts (the POP's date, the LDE start, the employment start, the advice).


def _nl(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _pop(last_pop_date: date | None, today: date):
    if last_pop_date is None:
        max_age = int(param("pop.max_age", today))
        return False, {
            "situation": "Er is nog geen POP",
            "due_on": today,
            "max_age": max_age,
        }
    max_age = int(param("pop.max_age", last_pop_date))
    due = add_years(last_pop_date, max_age)
    situation = f"Het laatste POP dateert van {_nl(last_pop_date)}"
    return today <= due, {"situation": situation, "due_on": due, "max_age": max_age}


def _lde(lde_start: date | None, transitioned: bool, today: date):
    if lde_start is None or transitioned:
        return True, {}
    max_years = int(param("lde.max_duration", lde_start))
    deadline = add_years(lde_start, max_years)
    warn_from = add_months(
        deadline, -int(param("lde.warning_before_deadline", lde_start))
    )
    days_left = (deadline - today).days
    state = (
        f"nog {days_left} dagen"
        if days_left >= 0
        else f"de termijn is {-days_left} dagen verstreken"
    )
    return today < warn_from, {
        "start_nl": _nl(lde_start),
        "deadline_nl": _nl(deadline),
        "state": state,
        "due_on": deadline,
        "max_years": max_years,
    }


def _vdab(employment_start: date | None, last_evaluation: date | None, today: date):
    if employment_start is None:
        return True, {}
    since = max(employment_start, last_evaluation or employment_start)
    years = int(param("vdab.evaluation_after", since))
    due = add_years(since, years)
    basis = (
        f"de laatste evaluatie op {_nl(last_evaluation)}"
        if last_evaluation is not None and last_evaluation >= employment_start
        else f"de start van de tewerkstelling op {_nl(employment_start)}"
    )
    return today < due, {
        "basis": basis,
        "due_nl": _nl(due),
        "due_on": due,
        "years": years,
    }


def _advice(
    advice_date: date | None,
    advice_ready: bool,
    trajectory_start: date | None,
    today: date,
):
    if advice_date is None or not advice_ready or trajectory_start is not None:
        return True, {}
    months = int(param("advice.trajectory_start_within", advice_date))
    due = add_months(advice_date, months)
    state = "verstreken" if today > due else "nog niet verstreken"
    return False, {
        "advice_nl": _nl(advice_date),
        "due_nl": _nl(due),
        "state": state,
        "due_on": due,
        "months": months,
    }


POP_OUTDATED = REGISTRY.register(
    Rule(
        id="reminder.pop_outdated",
        title_nl="POP ouder dan een jaar",
        source="000 L2834; 001 L127–128",
        inputs=("last_pop_date", "today"),
        field="last_pop_date",
        explanation_nl=(
            "{situation}: een POP wordt jaarlijks opgesteld en mag bij een "
            "VDAB-evaluatie hoogstens {max_age} jaar oud zijn. Stel een nieuw POP op."
        ),
        predicate=_pop,
    )
)
LDE_DEADLINE = REGISTRY.register(
    Rule(
        id="reminder.lde_transition_deadline",
        title_nl="LDE: doorstroom binnen 5 jaar",
        source="000 L1909, L1938",
        inputs=("lde_start", "transitioned", "today"),
        field="lde_start",
        explanation_nl=(
            "LDE-tewerkstelling sinds {start_nl}: doorstroom naar het NEC moet "
            "uiterlijk op {deadline_nl} (maximaal {max_years} jaar); {state}."
        ),
        predicate=_lde,
    )
)
VDAB_EVALUATION_DUE = REGISTRY.register(
    Rule(
        id="reminder.vdab_evaluation_due",
        title_nl="VDAB-evaluatie na 5 jaar",
        source="001 L114–118",
        inputs=("employment_start", "last_evaluation", "today"),
        field="last_evaluation",
        explanation_nl=(
            "Na {years} jaar tewerkstelling komt een VDAB-evaluator langs: {years} jaar na "
            "{basis} was dat {due_nl}. Vraag de evaluatie aan en zorg voor een "
            "POP van hoogstens 1 jaar oud."
        ),
        predicate=_vdab,
    )
)
ADVICE_TRAJECTORY_START = REGISTRY.register(
    Rule(
        id="reminder.trajectory_start_after_advice",
        title_nl="Traject binnen 3 maanden na gunstig advies",
        source="001 L130–132; 004 L852–856",
        inputs=("advice_date", "advice_ready", "trajectory_start", "today"),
        field="trajectory_start",
        explanation_nl=(
            "Gunstig advies (doorstroomklaar) op {advice_nl}: het doorstroomtraject "
            "start binnen {months} maanden, uiterlijk op {due_nl} ({state})."
        ),
        predicate=_advice,
    )
)


@dataclass(frozen=True)
class ReminderFacts:
    """The dates the reminder rules need about one person.

    Attributes
    ----------
    today : date
        The reference day.
    last_pop_date : date or None
        Date of the latest POP.
    lde_start : date or None
        Start of the current LDE employment (None when not LDE).
    transitioned : bool
        The person already moved on to the NEC.
    employment_start : date or None
        Start of the current social-economy employment.
    last_evaluation : date or None
        Date of the latest VDAB evaluation.
    advice_date : date or None
        Date of the latest VDAB advice.
    advice_ready : bool
        That advice says "doorstroomklaar".
    trajectory_start : date or None
        Start of a trajectory begun on or after the advice.
    phase, phase_start, pauses, paused
        The phase clock of the open mandated doorstroom case file
        (:class:`~doorstroom.domain.rules.trajectory.PhaseClock`).
    coaching_since : date or None
        Start of that case file (the coaching budget in force then applies).
    coaching_sessions : tuple of (date, minutes)
        Its recorded coaching sessions.
    hired_on : date or None
        The first NEC workday of its transition.
    pop_sent_to_vdab_on : date or None
        When its POP was sent to the VDAB.
    """

    today: date
    last_pop_date: date | None = None
    lde_start: date | None = None
    transitioned: bool = False
    employment_start: date | None = None
    last_evaluation: date | None = None
    advice_date: date | None = None
    advice_ready: bool = False
    trajectory_start: date | None = None
    phase: str | None = None
    phase_start: date | None = None
    pauses: tuple[tuple[date, date | None], ...] = ()
    paused: bool = False
    coaching_since: date | None = None
    coaching_sessions: tuple[tuple[date, int], ...] = ()
    hired_on: date | None = None
    pop_sent_to_vdab_on: date | None = None


REMINDER_RULES: tuple[Rule, ...] = (
    POP_OUTDATED,
    LDE_DEADLINE,
    VDAB_EVALUATION_DUE,
    ADVICE_TRAJECTORY_START,
    *TRAJECTORY_RULES,
)


def due_reminders(facts: ReminderFacts) -> list[RuleResult]:
    """The reminders that are due for one person, earliest due date first.

    Examples
    --------
    >>> facts = ReminderFacts(today=date(2026, 6, 1), last_pop_date=date(2025, 5, 31))
    >>> [r.rule_id for r in due_reminders(facts)]
    ['reminder.pop_outdated']
    """
    values = {name: getattr(facts, name) for name in ReminderFacts.__dataclass_fields__}
    results = [
        rule.check(**{name: values[name] for name in rule.inputs})
        for rule in REMINDER_RULES
    ]
    due = [r for r in results if not r.ok]
    return sorted(due, key=lambda r: (r.due_on or facts.today, r.rule_id))

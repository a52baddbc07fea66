"""Rules of the mandated doorstroom trajectory: phase limits, coaching hours, POP to VDAB.

After a favourable VDAB advice a mandated partner's doorstroombegeleider guides the
worker for about 140 hours through four phases: voortraject, jobmatching, stage and
nazorg (seed 004 L852–862, L3700–3703). Issue 4 adds the time limit of each phase
and the POP that goes to the VDAB within a month of hiring (004 L2218–2222: every
POP is registered with the VDAB). The numbers are parameters
(``data/parameters.toml``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from .base import REGISTRY, Rule
from .calendar import add_months
from .parameters import param

#: The trajectory type of the mandated doorstroom trajectory.
MANDATED_TYPE = "doorstroom_sec_nec"
#: The phases with a time limit (parameter ``phase_limit.<phase>``), in order.
LIMITED_PHASES = ("voortraject", "jobmatching", "stage", "nazorg")
PHASE_NAMES_NL = {
    "voortraject": "voortraject",
    "jobmatching": "jobmatching",
    "stage": "stage",
    "nazorg": "nazorg",
}

# Entry kinds of a case file (the values the case file stores).
STEP, BACK, PAUSE, RESUME = "stap", "terug", "pauze", "hervat"


def _nl(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _state(due: date, today: date) -> str:
    days_left = (due - today).days
    if days_left >= 0:
        return f"nog {days_left} dagen"
    return f"de termijn is {-days_left} dagen verstreken"


# --- Phase limits


@dataclass(frozen=True)
class CaseEntry:
    """One entry of a case file's timeline, as the phase clock needs it.

    Attributes
    ----------
    kind : str
        ``"stap"``, ``"terug"``, ``"pauze"``, ``"hervat"`` (others are ignored).
    phase : str
        The phase id.
    day : date
        The entry's date.
    """

    kind: str
    phase: str
    day: date


@dataclass(frozen=True)
class PhaseClock:
    """Where a case file's phase clock stands.

    Attributes
    ----------
    phase : str or None
        The current phase: the phase of the latest step.
    phase_start : date or None
        The first step of the current run of that phase (after a step back into a
        phase, the clock starts again).
    pauses : tuple of (date, date or None)
        Pauses (pause date, resume date or None while paused).
    paused : bool
        The case file is paused now.
    """

    phase: str | None = None
    phase_start: date | None = None
    pauses: tuple[tuple[date, date | None], ...] = ()
    paused: bool = False


def phase_clock(entries: Iterable[CaseEntry]) -> PhaseClock:
    """The phase clock of a case file from its entries, in timeline order.

    Examples
    --------
    >>> clock = phase_clock([
    ...     CaseEntry("stap", "voortraject", date(2026, 1, 5)),
    ...     CaseEntry("pauze", "voortraject", date(2026, 1, 10)),
    ...     CaseEntry("hervat", "voortraject", date(2026, 1, 20)),
    ... ])
    >>> clock.phase, clock.phase_start, clock.pauses, clock.paused
    ('voortraject', datetime.date(2026, 1, 5), ((datetime.date(2026, 1, 10), datetime.date(2026, 1, 20)),), False)
    """
    phase: str | None = None
    phase_start: date | None = None
    pauses: list[tuple[date, date | None]] = []
    for entry in entries:
        if entry.kind in (STEP, BACK):
            if entry.phase != phase:
                phase, phase_start = entry.phase, entry.day
        elif entry.kind == PAUSE and not (pauses and pauses[-1][1] is None):
            pauses.append((entry.day, None))
        elif entry.kind == RESUME and pauses and pauses[-1][1] is None:
            pauses[-1] = (pauses[-1][0], entry.day)
    paused = bool(pauses) and pauses[-1][1] is None
    return PhaseClock(phase, phase_start, tuple(pauses), paused)


def paused_days(pauses: Sequence[tuple[date, date | None]], since: date) -> int:
    """Days of the ended pauses on or after ``since`` (pause day to resume day)."""
    total = 0
    for start, end in pauses:
        if end is None:
            continue
        total += max(0, (end - max(start, since)).days)
    return total


def phase_deadline(
    phase: str, phase_start: date, pauses: Sequence[tuple[date, date | None]] = ()
) -> date | None:
    """The last day of ``phase`` begun on ``phase_start``; None when unlimited.

    The limit in force on ``phase_start``, plus the days the case file was paused.

    Examples
    --------
    >>> phase_deadline("voortraject", date(2026, 1, 31))
    datetime.date(2026, 2, 28)
    >>> phase_deadline("jobmatching", date(2026, 1, 1), [(date(2026, 2, 1), date(2026, 2, 11))])
    datetime.date(2026, 4, 11)
    """
    if phase not in LIMITED_PHASES:
        return None
    months = int(param(f"phase_limit.{phase}", phase_start))
    return add_months(phase_start, months) + timedelta(
        days=paused_days(pauses, phase_start)
    )


def _phase_limit(phase, phase_start, pauses, paused, today):
    if phase is None or phase_start is None or paused:
        return True, {}
    due = phase_deadline(phase, phase_start, pauses)
    if due is None:
        return True, {}
    days = paused_days(pauses, phase_start)
    return False, {
        "phase_nl": PHASE_NAMES_NL[phase],
        "start_nl": _nl(phase_start),
        "months": int(param(f"phase_limit.{phase}", phase_start)),
        "pause_nl": f" plus {days} dagen pauze" if days else "",
        "due_nl": _nl(due),
        "state": _state(due, today),
        "due_on": due,
    }


PHASE_LIMIT = REGISTRY.register(
    Rule(
        id="reminder.phase_limit",
        title_nl="Maximale duur van een fase van het doorstroomtraject",
        source=(
            "004 L3700–3703, 000 L1818 (de vier fasen); termijnen (voortraject 1, "
            "jobmatching 3, stage 3, nazorg 3 maanden): issue 4"
        ),
        inputs=("phase", "phase_start", "pauses", "paused", "today"),
        field="phase",
        explanation_nl=(
            "De fase {phase_nl} loopt sinds {start_nl} en duurt hoogstens {months} "
            "maand(en){pause_nl}: rond ze af of ga naar de volgende fase uiterlijk "
            "op {due_nl} ({state})."
        ),
        predicate=_phase_limit,
    )
)


# --- Coaching hours budget


@dataclass(frozen=True)
class CoachingUse:
    """Coaching hours used and left against the budget.

    Attributes
    ----------
    budget_minutes, used_minutes, left_minutes : int
        The budget, the minutes recorded up to the reference day, and what is left
        (negative when exceeded).
    warning_minutes : int
        From this many minutes on, a reminder is due.
    exceeded_on : date or None
        The date of the session that took the total over the budget.
    """

    budget_minutes: int
    used_minutes: int
    left_minutes: int
    warning_minutes: int
    exceeded_on: date | None

    @property
    def budget_hours(self) -> float:
        return self.budget_minutes / 60

    @property
    def used_hours(self) -> float:
        return self.used_minutes / 60

    @property
    def left_hours(self) -> float:
        return self.left_minutes / 60

    @property
    def percent_used(self) -> int:
        """Percentage used, rounded down."""
        return 100 * self.used_minutes // self.budget_minutes

    @property
    def warning(self) -> bool:
        return self.used_minutes >= self.warning_minutes

    @property
    def exceeded(self) -> bool:
        return self.used_minutes > self.budget_minutes


def coaching_use(
    sessions: Iterable[tuple[date, int]], since: date, today: date
) -> CoachingUse:
    """The coaching budget of a trajectory begun on ``since``, used up to ``today``.

    Parameters
    ----------
    sessions : iterable of (date, minutes)
        The recorded coaching sessions (later ones than ``today`` do not count).
    since : date
        Start of the trajectory: the budget in force on that day applies.
    today : date
        The reference day.

    Examples
    --------
    >>> use = coaching_use([(date(2026, 1, 5), 126 * 60)], date(2026, 1, 1), date(2026, 2, 1))
    >>> use.used_hours, use.left_hours, use.warning, use.exceeded
    (126.0, 14.0, True, False)
    """
    budget = round(float(param("coaching.budget", since)) * 60)
    share = Fraction(str(param("coaching.warning_share", since)))
    warning = math.ceil(share * budget)
    used = 0
    exceeded_on = None
    for day, minutes in sorted(sessions):
        if day > today:
            continue
        used += minutes
        if exceeded_on is None and used > budget:
            exceeded_on = day
    return CoachingUse(budget, used, budget - used, warning, exceeded_on)


def _coaching(coaching_since, coaching_sessions, today):
    if coaching_since is None:
        return True, {}
    use = coaching_use(coaching_sessions, coaching_since, today)
    if not use.warning:
        return True, {}
    if use.exceeded:
        # The budget ran out with the session of ``exceeded_on``: acting (an
        # extension or closing the guidance) was due the day before.
        due = use.exceeded_on - timedelta(days=1)
        state = (
            f"het budget is met {use.used_hours - use.budget_hours:g} uur overschreden"
        )
    else:
        due = today
        state = f"nog {use.left_hours:g} uur over"
    return False, {
        "used": f"{use.used_hours:g}",
        "budget": f"{use.budget_hours:g}",
        "percent": use.percent_used,
        "state": state,
        "due_on": due,
    }


COACHING_BUDGET = REGISTRY.register(
    Rule(
        id="reminder.coaching_budget",
        title_nl="Budget begeleidingsuren (ongeveer 140 uur)",
        source="004 L858–862, L3700–3703; drempel van 90 %: issue 4",
        inputs=("coaching_since", "coaching_sessions", "today"),
        field="coaching",
        explanation_nl=(
            "Er is {used} van de {budget} uur doorstroombegeleiding gebruikt "
            "({percent} %): {state}. Plan de rest van de begeleiding of overleg "
            "met de VDAB."
        ),
        predicate=_coaching,
    )
)


# --- POP to the VDAB after hiring


def pop_to_vdab_due(hired_on: date) -> date:
    """The last day to send the POP to the VDAB after hiring on ``hired_on``.

    Examples
    --------
    >>> pop_to_vdab_due(date(2026, 1, 31))
    datetime.date(2026, 2, 28)
    """
    return add_months(hired_on, int(param("pop.send_to_vdab_within", hired_on)))


def pop_sent_in_time(hired_on: date, sent_on: date) -> bool:
    """Whether a POP sent on ``sent_on`` respects the term after ``hired_on``."""
    return sent_on <= pop_to_vdab_due(hired_on)


def _pop_sent(hired_on, pop_sent_to_vdab_on, today):
    if hired_on is None or pop_sent_to_vdab_on is not None or today < hired_on:
        return True, {}
    due = pop_to_vdab_due(hired_on)
    return False, {
        "hired_nl": _nl(hired_on),
        "months": int(param("pop.send_to_vdab_within", hired_on)),
        "due_nl": _nl(due),
        "state": _state(due, today),
        "due_on": due,
    }


POP_SENT_TO_VDAB = REGISTRY.register(
    Rule(
        id="reminder.pop_sent_to_vdab",
        title_nl="POP naar de VDAB binnen een maand na de aanwerving",
        source="004 L2218–2222 (POP registreren bij de VDAB); termijn: issue 4",
        inputs=("hired_on", "pop_sent_to_vdab_on", "today"),
        field="pop_sent_to_vdab_on",
        explanation_nl=(
            "Aangeworven in het NEC op {hired_nl}: bezorg het POP binnen {months} "
            "maand(en) aan de VDAB, uiterlijk op {due_nl} ({state})."
        ),
        predicate=_pop_sent,
    )
)

TRAJECTORY_RULES: tuple[Rule, ...] = (PHASE_LIMIT, COACHING_BUDGET, POP_SENT_TO_VDAB)

"""How long regular employment lasts after a transition: the Kaplan–Meier curve.

For each doorstroom event counted in the period, the time runs from the doorstroom
date to the end of its run of regular (NEC, no WOP) employment, the same run that
``durable_doorstroom_12m`` builds (spells joined across gaps of at most 31 days).
The run has *ended* (an event) when its end date is known and ``as_of`` is at least
31 days later, so no joining spell can still come; otherwise the time is censored at
``as_of`` (still at work, or too early to tell). Times are in whole calendar months
(spec section 2).

Disclosure control: the curve is published only while at least ``threshold``
persons are at risk; numbers at risk below the threshold are shown as suppressed,
and a curve with fewer than ``threshold`` events in all is not published at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from doorstroom.domain.rules.calendar import add_months

RUN_GAP_DAYS = 31


@dataclass(frozen=True)
class SurvivalPoint:
    """The curve just after ``month``: share still in regular work."""

    month: int
    at_risk: int
    ended: int
    censored: int
    survival: float


def whole_months(start: date, end: date) -> int:
    """Largest n >= 0 with start + n months <= end (months clamp to month end)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def durations(
    rows: Iterable[tuple[date, date | None]], as_of: date
) -> list[tuple[int, bool]]:
    """(months, ended) per (doorstroom date, run end) pair."""
    out = []
    for start, run_end in rows:
        ended = run_end is not None and as_of >= run_end + timedelta(days=RUN_GAP_DAYS)
        stop = run_end if ended else as_of
        out.append((whole_months(start, stop), ended))
    return out


def kaplan_meier(samples: Iterable[tuple[int, bool]]) -> list[SurvivalPoint]:
    """The Kaplan–Meier estimate from (months, ended) samples.

    Examples
    --------
    >>> [round(p.survival, 3) for p in kaplan_meier([(1, True), (2, False), (3, True)])]
    [1.0, 0.667, 0.667, 0.0]
    """
    samples = list(samples)
    ended = Counter(m for m, e in samples if e)
    censored = Counter(m for m, e in samples if not e)
    at_risk = len(samples)
    survival = 1.0
    points = [SurvivalPoint(0, at_risk, 0, 0, 1.0)]
    for month in sorted(set(ended) | set(censored)):
        d, c = ended.get(month, 0), censored.get(month, 0)
        if month == 0 and not d and not c:
            continue
        if at_risk:
            survival *= 1 - d / at_risk
        if month == 0:
            points[0] = SurvivalPoint(0, at_risk, d, c, survival)
        else:
            points.append(SurvivalPoint(month, at_risk, d, c, survival))
        at_risk -= d + c
    return points


def published_curve(points: list[SurvivalPoint], threshold: int) -> dict:
    """The curve as published: cut where fewer than ``threshold`` are at risk."""
    total_events = sum(p.ended for p in points)
    if not points or points[0].at_risk < threshold or total_events < threshold:
        return {
            "published": False,
            "reason": f"fewer than {threshold} persons or endings",
        }
    shown = [p for p in points if p.at_risk >= threshold]
    return {
        "published": True,
        "months": [p.month for p in shown],
        "survival": [round(p.survival, 4) for p in shown],
        "at_risk": {
            str(m): (p_at_risk if p_at_risk >= threshold else None)
            for m, p_at_risk in _at_risk_table(points)
        },
    }


def _at_risk_table(
    points: list[SurvivalPoint], every: int = 6
) -> list[tuple[int, int]]:
    """Numbers at risk at 0, 6, 12, … months (the classic table under the curve)."""
    if not points:
        return []
    last = points[-1].month
    table = []
    for month in range(0, last + every, every):
        remaining = [p for p in points if p.month >= month]
        table.append((month, remaining[0].at_risk if remaining else 0))
    return table

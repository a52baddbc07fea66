"""The dashboard's figures: one call computes, protects and charts them.

The computed figures (the protected report and the survival curve) are kept in
a small in-process cache, keyed by the data folder (its name is the fingerprint
of the data, see :mod:`.sources`), the query (period, reference date, filters)
and whether the reader may see exact figures. A change of the data gives a new
folder and so new keys; a reader never gets figures computed for another
exactness level.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied

from doorstroom.apps.access import policies
from doorstroom.domain.monitoring import survival
from doorstroom.domain.monitoring.report import Report, assemble_report

from . import charts
from .sources import current_data_folder

THRESHOLD = 10
#: Filter name -> column of the event tables it restricts.
FILTER_COLUMNS = {
    "instrument": "instrument",
    "province": "province",
    "age_band": "age_band",
    "sex": "sex",
    "sector": "sector",
    "organisation": "dossier_employer_id",
}


#: Breakdowns added for the fairness view ("creaming" shows here): published in the
#: same report, so that disclosure control links them to the official ones.
FAIRNESS_BREAKDOWNS = {
    "doorstroom": ("education", "se_years"),
    "doorstroom_rate": ("education",),
}
FAIRNESS_DIMENSIONS = ("age_band", "sex", "education", "se_years")


@dataclass(frozen=True)
class DashboardQuery:
    period_from: date
    period_to: date
    as_of: date
    filters: dict[str, str] = field(default_factory=dict)

    def event_filters(self) -> dict[str, set[str]]:
        return {FILTER_COLUMNS[k]: {v} for k, v in self.filters.items() if v}


@dataclass
class Dashboard:
    report: Report
    charts: dict[str, dict]
    survival: dict
    cohorts: list[dict]
    fairness: list[dict]


#: Computed figures kept in the cache (least recently used dropped first).
CACHE_SIZE = 32


@dataclass(frozen=True)
class _Figures:
    """What one query computes: the protected report and the survival curve."""

    report: Report
    survival: dict


class FigureCache:
    """A small thread-safe least-recently-used cache of computed figures."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, _Figures] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, compute: Callable[[], _Figures]) -> _Figures:
        """The figures under ``key``, computed (and kept) when missing."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        figures = compute()
        with self._lock:
            self._entries[key] = figures
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return figures

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


figure_cache = FigureCache(CACHE_SIZE)


def _cache_key(folder: Path, query: DashboardQuery, exact_allowed: bool) -> tuple:
    return (
        str(folder),
        query.period_from,
        query.period_to,
        query.as_of,
        tuple(sorted((k, v) for k, v in query.filters.items() if v)),
        exact_allowed,
    )


def _figures(user, query: DashboardQuery) -> _Figures:
    """The (cached) figures of the current data for ``user`` and ``query``."""
    if not policies.can_see_aggregates(user):
        raise PermissionDenied
    folder = current_data_folder()
    exact_allowed = policies.can_see_exact_figures(user)
    return figure_cache.get(
        _cache_key(folder, query, exact_allowed),
        lambda: _compute_figures(folder, query, exact_allowed),
    )


def _compute_figures(
    folder: Path, query: DashboardQuery, exact_allowed: bool
) -> _Figures:
    from doorstroom.domain.monitoring.loading import load_tables

    tables = load_tables(folder)
    try:
        report = compute_report(tables, query, exact_allowed=exact_allowed)
        curve = survival_curve(tables, query)
    finally:
        tables.connection.disconnect()
    return _Figures(report=report, survival=curve)


def build_report_for(user, query: DashboardQuery) -> Report:
    """The report of the current data for ``user``, with the query's filters.

    Cached (see the module docstring): treat the report as read-only.
    """
    return _figures(user, query).report


def compute_report(tables, query: DashboardQuery, *, exact_allowed: bool) -> Report:
    """Compute and protect the report of ``tables`` for the query (no cache)."""
    from doorstroom.domain.monitoring.indicators import compute_indicators
    from doorstroom.domain.monitoring.tables import compute_tables

    indicators = compute_indicators(
        tables,
        period_from=query.period_from,
        period_to=query.period_to,
        as_of=query.as_of,
        filters=query.event_filters(),
        extra_breakdowns=FAIRNESS_BREAKDOWNS,
    )
    # The parliamentary cross tables, on the same filtered events: protected
    # together with the indicators, so no view gives another away.
    cross_tables = compute_tables(
        tables,
        period_from=query.period_from,
        period_to=query.period_to,
        as_of=query.as_of,
        filters=query.event_filters(),
    )
    report = assemble_report(
        indicators,
        period_from=query.period_from,
        period_to=query.period_to,
        as_of=query.as_of,
        exact_allowed=exact_allowed,
        suppression=True,
        threshold=THRESHOLD,
        backend="duckdb",
        tables=cross_tables,
    )
    report.data["filters"] = dict(query.filters)
    return report


def survival_curve(tables, query: DashboardQuery) -> dict:
    """Kaplan–Meier of regular work after the transitions counted in the period."""
    from doorstroom.domain.monitoring.events import EventBuilder

    builder = EventBuilder(tables, query.as_of)
    events = builder.doorstroom()
    # A view: the doorstroom events may be built from run_ends themselves.
    runs = builder.run_ends.view()
    events = events.left_join(runs, events.doorstroom_spell_id == runs.run_spell_id)
    events = events.filter(
        (events.event_date >= query.period_from)
        & (events.event_date <= query.period_to)
    )
    for column, values in query.event_filters().items():
        if column in events.columns:
            events = events.filter(events[column].isin(sorted(values)))
    frame = events.select("event_date", "run_end").execute()
    rows = [
        (start, None if end is None or end != end else end)  # NaT -> None
        for start, end in zip(
            _dates(frame["event_date"]), _dates(frame["run_end"]), strict=True
        )
    ]
    points = survival.kaplan_meier(survival.durations(rows, query.as_of))
    return survival.published_curve(points, THRESHOLD)


def _dates(series) -> list[date | None]:
    import pandas as pd

    return [None if pd.isna(v) else pd.Timestamp(v).date() for v in series]


def build_dashboard(user, query: DashboardQuery) -> Dashboard:
    figures = _figures(user, query)
    report, curve = figures.report, figures.survival
    indicators = report.data["indicators"]
    return Dashboard(
        report=report,
        charts=charts.all_charts(indicators, curve),
        survival=curve,
        cohorts=charts.cohort_rows(indicators),
        fairness=charts.fairness_rows(indicators, FAIRNESS_DIMENSIONS),
    )

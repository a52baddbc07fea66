"""The dashboard's figures: one call computes, protects and charts them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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


def _tables():
    from doorstroom.domain.monitoring.loading import load_tables

    return load_tables(current_data_folder())


def build_report_for(user, query: DashboardQuery) -> Report:
    """The report of the current data for ``user``, with the query's filters."""
    if not policies.can_see_aggregates(user):
        raise PermissionDenied
    from doorstroom.domain.monitoring.indicators import compute_indicators
    from doorstroom.domain.monitoring.tables import compute_tables

    tables = _tables()
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
        exact_allowed=policies.can_see_exact_figures(user),
        suppression=True,
        threshold=THRESHOLD,
        backend="duckdb",
        tables=cross_tables,
    )
    report.data["filters"] = dict(query.filters)
    report.tables = tables  # reused by the survival curve
    return report


def survival_curve(report: Report, query: DashboardQuery) -> dict:
    """Kaplan–Meier of regular work after the transitions counted in the period."""
    from doorstroom.domain.monitoring.events import EventBuilder

    builder = EventBuilder(report.tables, query.as_of)
    events = builder.doorstroom()
    # A view: the doorstroom events may be built from run_ends themselves.
    runs = builder.run_ends.view()
    events = events.left_join(runs, events.doorstroom_spell_id == runs.run_spell_id)
    events = events.filter(
        (events.event_date >= query.period_from) & (events.event_date <= query.period_to)
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
    report = build_report_for(user, query)
    curve = survival_curve(report, query)
    indicators = report.data["indicators"]
    return Dashboard(
        report=report,
        charts=charts.all_charts(indicators, curve),
        survival=curve,
        cohorts=charts.cohort_rows(indicators),
        fairness=charts.fairness_rows(indicators, FAIRNESS_DIMENSIONS),
    )

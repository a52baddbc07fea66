from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from doorstroom.apps.access import policies
from doorstroom.domain.monitoring.labels import (
    category_label,
    dimension_label,
    indicator_label,
)
from doorstroom.domain.monitoring.report import render as render_report

from .forms import DashboardForm
from .services import build_dashboard, build_report_for

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def _tables(indicators: dict) -> list[dict]:
    """Breakdowns of the count indicators, with Dutch labels, for the page."""
    out = []
    for name in ("doorstroom", "sec_nec_sec", "doorstroomklaar_advices",
                 "trajectories_started", "trajectories_ended", "status_at_as_of"):
        indicator = indicators.get(name) or {}
        suppressed = indicator.get("suppressed") or {}
        for dimension, cells in (indicator.get("by") or {}).items():
            out.append(
                {
                    "indicator": indicator_label(name),
                    "dimension": dimension_label(dimension),
                    "total": indicator.get("total"),
                    "rows": [
                        {
                            "label": category_label(dimension, code),
                            "value": value,
                            "reason": (suppressed.get(dimension) or {}).get(code, ""),
                        }
                        for code, value in cells.items()
                    ],
                }
            )
    return out


def _cross_tables(tables: dict) -> list[dict]:
    """The published parliamentary cross tables, laid out for the page."""
    from doorstroom.domain.monitoring.tables import table_view

    return [
        {
            "id": f"table-{name}",
            "title": table["title"],
            "source": table["source"],
            "grids": table_view(table),
        }
        for name, table in tables.items()
    ]


@login_required
def dashboard(request):
    if not policies.can_see_aggregates(request.user):
        raise PermissionDenied
    form = DashboardForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        result = build_dashboard(request.user, form.query())
        indicators = result.report.data["indicators"]
        context.update(
            dashboard=result,
            charts=[(name, f"fig-{name}", figure) for name, figure in result.charts.items()],
            header=result.report.data["suppression"],
            tables=_tables(indicators),
            cross_tables=_cross_tables(result.report.cross_tables),
            rate=indicators["doorstroom_rate"]["total"],
            doorstroom_total=indicators["doorstroom"]["total"],
            returns_total=indicators["sec_nec_sec"]["total"],
            query_string=request.GET.urlencode(),
        )
    return render(request, "reports/dashboard.html", context)


@login_required
def download(request, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    if not policies.can_see_aggregates(request.user):
        raise PermissionDenied
    form = DashboardForm(request.GET or None)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    report = build_report_for(request.user, form.query())
    response = HttpResponse(render_report(report, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="doorstroom-cijfers.{fmt}"'
    return response

"""The distance/POP PDF and the WAKKER observation report: documents an
organisation can file."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from .charts import radar_svg
from .presentation import distance_rows


def render_distance_pdf(view, *, pop_actions, plan=None, actor=None) -> bytes:
    """Render a :class:`~.services.DistanceView` and POP actions as a PDF."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "assessments/distance_pdf.html",
        {
            "view": view,
            "data": view.as_dict(),
            "rows": distance_rows(view.as_dict()),
            "radar_svg": mark_safe(radar_svg(view.radar)),  # built from escaped text
            "pop_actions": pop_actions,
            "plan": plan,
            "actor": actor,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()


def render_observation_pdf(report, *, actor=None) -> bytes:
    """Render a :class:`~.services.ObservationSummary` (WAKKER report) as a PDF."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "assessments/observation_pdf.html",
        {"report": report, "actor": actor, "today": timezone.localdate()},
    )
    return HTML(string=html).write_pdf()

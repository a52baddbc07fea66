"""The readable PDF of a worker's data export."""

from __future__ import annotations

from django.template.loader import render_to_string


def render_export_pdf(data: dict) -> bytes:
    """Render the export dict (from ``export_person_data``) as a PDF."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string("privacy/export_pdf.html", {"data": data})
    return HTML(string=html).write_pdf()

"""The report as one long CSV table: one row per published figure.

Columns: ``indicator, part, dimension, category, value, suppressed_reason``.
``part`` is ``count`` for a plain count, the durability class, or ``numerator``,
``denominator``, ``rate``; ``dimension`` is ``total`` for a total (its category
empty). A suppressed figure has an empty value and its reason; a rate without
denominator has both empty. The report header comes first, as rows of the
pseudo-indicator ``_report`` (parts ``as_of``, ``period_from``, ``period_to``,
``suppression_threshold``, ``suppression_applied``), so that the file on its own
still says whether its figures are suppressed.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from doorstroom.domain.monitoring.report import flatten

if TYPE_CHECKING:
    from doorstroom.domain.monitoring.report import Report

HEADER = ("indicator", "part", "dimension", "category", "value", "suppressed_reason")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_csv(report: Report) -> str:
    """Render the long table (``\\r\\n`` line ends, as RFC 4180 asks).

    Parameters
    ----------
    report
        The report.

    Returns
    -------
    str
        The CSV text with a header row.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    data = report.data
    meta = {
        "as_of": data["as_of"],
        "period_from": data["period"]["from"],
        "period_to": data["period"]["to"],
        "suppression_threshold": data["suppression"]["threshold"],
        "suppression_applied": data["suppression"]["applied"],
    }
    for key, value in meta.items():
        writer.writerow(("_report", key, "", "", _text(value), ""))
    for figure in flatten(report.indicators):
        writer.writerow(
            (
                figure.indicator,
                figure.part,
                figure.dimension,
                figure.category,
                _text(figure.value),
                figure.reason,
            )
        )
    return buffer.getvalue()

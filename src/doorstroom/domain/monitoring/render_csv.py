"""The report as one long CSV table: one row per published figure.

Columns: ``indicator, part, dimension, category, value, suppressed_reason``.
``part`` is ``count`` for a plain count, the durability class, or ``numerator``,
``denominator``, ``rate``; ``dimension`` is ``total`` for a total (its category
empty). A suppressed figure has an empty value and its reason; a rate without
denominator has both empty. The report header comes first, as rows of the
pseudo-indicator ``_report`` (parts ``as_of``, ``period_from``, ``period_to``,
``suppression_threshold``, ``suppression_applied``), so that the file on its own
still says whether its figures are suppressed.

The cross tables follow as rows of the indicator ``tables.<name>``: ``part``
is the block (the instrument of the advices tables) or ``count``,
``dimension`` the row category and ``category`` the column category, ``total``
for a row total, a column total (``dimension`` ``total``) or the grand total
(both). The data-quality summary comes last as rows of ``_quality``: ``part``
is the section (``rows``, ``unknown``, ``after_as_of``, ...), ``dimension`` the
file and ``category`` the column where they apply.
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
    for name, table in report.cross_tables.items():
        writer.writerows(table_rows(name, table))
    if "quality" in data:
        writer.writerows(quality_rows(data["quality"]))
    return buffer.getvalue()


def table_rows(name: str, table: dict) -> list[tuple[str, ...]]:
    """The CSV rows of one published cross table (see the module docstring)."""
    from doorstroom.domain.monitoring.tables import grids

    out: list[tuple[str, ...]] = []
    for block, grid in grids(table):
        why = grid.get("suppressed") or {}
        figures: list[tuple[str, str, object, object]] = []
        for row, cells in grid["cells"].items():
            reasons = (why.get("cells") or {}).get(row) or {}
            for column, value in cells.items():
                figures.append((row, column, value, reasons.get(column)))
            reason = (why.get("row_totals") or {}).get(row)
            figures.append((row, "total", grid["row_totals"][row], reason))
        for column, value in grid["column_totals"].items():
            reason = (why.get("column_totals") or {}).get(column)
            figures.append(("total", column, value, reason))
        figures.append(("total", "total", grid["total"], why.get("total")))
        out.extend(
            (f"tables.{name}", block or "count", r, c, _text(v), str(reason or ""))
            for r, c, v, reason in figures
        )
    return out


def quality_rows(quality: dict) -> list[tuple[str, ...]]:
    """The CSV rows of the (published) data-quality summary."""
    hidden = quality.get("suppressed") or {}
    out: list[tuple[str, ...]] = []
    for section, value in quality.items():
        if section == "suppressed":
            continue
        why = hidden.get(section)
        if isinstance(value, dict):
            for key, inner in value.items():
                inner_why = (why or {}).get(key) if isinstance(why, dict) else None
                if isinstance(inner, dict):
                    for column, number in inner.items():
                        reason = (
                            (inner_why or {}).get(column)
                            if isinstance(inner_why, dict)
                            else None
                        )
                        out.append(
                            (
                                "_quality",
                                section,
                                key,
                                column,
                                _text(number),
                                str(reason or ""),
                            )
                        )
                else:
                    out.append(
                        (
                            "_quality",
                            section,
                            key,
                            "",
                            _text(inner),
                            str(inner_why or ""),
                        )
                    )
        else:
            out.append(("_quality", section, "", "", _text(value), str(why or "")))
    return out

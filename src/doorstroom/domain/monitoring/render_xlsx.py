"""The report as a spreadsheet (openpyxl): one sheet per indicator, in Dutch.

The first sheet, "Over dit rapport", gives the period, the reference date, the
state of the disclosure control and the legend. Every indicator sheet has one
small table per breakdown (totals first) with Dutch headings and category
names. A suppressed figure shows ``<k`` when it is below the threshold and ``×``
when it hides another figure (or is a rate without its numerator or
denominator), on a grey background with the reason as a cell comment.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from doorstroom.domain.monitoring.labels import (
    INDICATOR_SHORT_LABELS,
    INDICATOR_UNITS,
    SUPPRESSED_MARK,
    SUPPRESSION_LEGEND,
    category_label,
    dimension_label,
    indicator_label,
    part_label,
    suppression_reason_label,
)
from doorstroom.domain.monitoring.report import BlockCell, blocks

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from doorstroom.domain.monitoring.report import Report

ABOUT_SHEET = "Over dit rapport"
SUPPRESSED_FILL = "D9D9D9"
HEADER_FILL = "DDEBF7"


def suppressed_text(cell: BlockCell, threshold: int) -> str:
    """What a suppressed cell shows: ``<k`` below the threshold, else ``×``.

    Examples
    --------
    >>> suppressed_text(BlockCell(None, "below 10"), 10)
    '<10'
    >>> suppressed_text(BlockCell(None, "secondary: protects doorstroom.total"), 10)
    '×'
    """
    return f"<{threshold}" if cell.reason.startswith("below") else SUPPRESSED_MARK


def _about(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    data = report.data
    sheet["A1"] = "Monitoring doorstroom sociale economie"
    sheet["A1"].font = Font(bold=True, size=14)
    applied = report.suppression_applied
    rows: list[tuple[str, object]] = [
        ("Periode", f"{data['period']['from']} tot en met {data['period']['to']}"),
        ("Periode vanaf", data["period"]["from"]),
        ("Periode tot en met", data["period"]["to"]),
        ("Peildatum (as_of)", data["as_of"]),
        (
            "Statistische geheimhouding",
            f"toegepast (drempel {report.threshold})"
            if applied
            else "NIET toegepast: exacte cijfers, niet publiceren",
        ),
        ("Drempel", report.threshold),
        (
            "Nullen verborgen",
            "ja" if data["suppression"].get("suppress_zeros") else "nee",
        ),
        (
            "Ongedateerde adviezen meegeteld",
            "ja" if data["options"]["include_undated"] else "nee",
        ),
        ("Aangemaakt op", data.get("generated_at", "")),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        sheet.cell(row=offset, column=1, value=label).font = Font(bold=True)
        sheet.cell(row=offset, column=2, value=value)
    row = len(rows) + 4
    sheet.cell(row=row, column=1, value="Legende").font = Font(bold=True)
    legend = sheet.cell(
        row=row, column=2, value=SUPPRESSION_LEGEND.format(threshold=report.threshold)
    )
    legend.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(
        row=row + 1,
        column=2,
        value=f"<{report.threshold} = kleiner dan {report.threshold}",
    )
    sheet.cell(
        row=row + 2,
        column=2,
        value=f"{SUPPRESSED_MARK} = secundair verborgen of percentage zonder teller/noemer",
    )
    sheet.cell(
        row=row + 3,
        column=2,
        value="Grijze cel = niet gepubliceerd; de opmerking zegt waarom.",
    )
    row += 5
    sheet.cell(row=row, column=1, value="Tabbladen").font = Font(bold=True)
    for offset, name in enumerate(report.indicators, start=1):
        sheet.cell(
            row=row + offset,
            column=1,
            value=INDICATOR_SHORT_LABELS.get(name, name)[:31],
        )
        sheet.cell(row=row + offset, column=2, value=indicator_label(name))
    for warning_row, warning in enumerate(
        data.get("warnings", []), start=row + len(report.indicators) + 2
    ):
        sheet.cell(row=warning_row, column=1, value="Opmerking bij de invoer")
        sheet.cell(row=warning_row, column=2, value=warning)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 90


def _indicator_sheet(
    sheet: Worksheet, name: str, indicator: dict, report: Report
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    grey = PatternFill("solid", start_color=SUPPRESSED_FILL, end_color=SUPPRESSED_FILL)
    blue = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    sheet["A1"] = indicator_label(name)
    sheet["A1"].font = Font(bold=True, size=13)
    data = report.data
    sheet["A2"] = (
        f"Aantal {INDICATOR_UNITS.get(name, '')}, periode {data['period']['from']} "
        f"tot en met {data['period']['to']}, peildatum {data['as_of']}"
    )
    row = 4
    for block in blocks(name, indicator):
        columns = ["Aantal" if c == "count" else part_label(c) for c in block.columns]
        headings = [dimension_label(block.dimension), *columns]
        for column, heading in enumerate(headings, start=1):
            cell = sheet.cell(row=row, column=column, value=heading)
            cell.font = Font(bold=True)
            cell.fill = blue
        row += 1
        for category, cells in block.rows:
            label = (
                "Totaal"
                if block.dimension == "total"
                else category_label(block.dimension, category)
            )
            sheet.cell(row=row, column=1, value=label)
            for column, (code, shown) in enumerate(
                zip(block.columns, cells, strict=True), start=2
            ):
                target = sheet.cell(row=row, column=column)
                if shown.suppressed:
                    target.value = suppressed_text(shown, report.threshold)
                    target.fill = grey
                    target.alignment = Alignment(horizontal="right")
                    target.comment = Comment(
                        "Niet gepubliceerd: "
                        + suppression_reason_label(shown.reason, report.threshold),
                        "doorstroom",
                    )
                elif code == "rate":
                    target.value = shown.value
                    target.number_format = "0.0%"
                else:
                    target.value = shown.value
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 38
    for letter in "BCDE":
        sheet.column_dimensions[letter].width = 16
    sheet.freeze_panes = "A4"


def render_xlsx(report: Report) -> bytes:
    """Render the workbook.

    Parameters
    ----------
    report
        The report.

    Returns
    -------
    bytes
        The ``.xlsx`` file.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT_SHEET
    _about(about, report)
    for name, indicator in report.indicators.items():
        sheet = workbook.create_sheet(INDICATOR_SHORT_LABELS.get(name, name)[:31])
        _indicator_sheet(sheet, name, indicator, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

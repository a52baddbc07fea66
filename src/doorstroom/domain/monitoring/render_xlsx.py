"""The report as a spreadsheet (openpyxl): one sheet per indicator, in Dutch.

The first sheet, "Over dit rapport", gives the period, the reference date, the
state of the disclosure control and the legend. Every indicator sheet has one
small table per breakdown (totals first) with Dutch headings and category
names. A suppressed figure shows ``<k`` when it is below the threshold and ``×``
when it hides another figure (or is a rate without its numerator or
denominator), on a grey background with the reason as a cell comment.

Then one sheet per cross table of the parliamentary answers (``T01 …``): the
title, the question it answers, and the table with Dutch row and column
headings, a ``Totaal`` column and row (one such table per block, e.g. per
instrument), suppressed cells marked the same way. A last sheet,
"Datakwaliteit", lists the data-quality summary when the report has one.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

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
    from doorstroom.domain.monitoring.tables import sheet_name

    row += len(report.indicators)
    for offset, (name, table) in enumerate(report.cross_tables.items(), start=1):
        sheet.cell(row=row + offset, column=1, value=sheet_name(name))
        sheet.cell(row=row + offset, column=2, value=table["title"])
    row += len(report.cross_tables)
    if "quality" in data:
        row += 1
        sheet.cell(row=row, column=1, value=QUALITY_SHEET)
        sheet.cell(row=row, column=2, value="Datakwaliteit van de gegevensmap")
    for warning_row, warning in enumerate(data.get("warnings", []), start=row + 2):
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


QUALITY_SHEET = "Datakwaliteit"


def _mark(target: Any, shown: Any, threshold: int) -> None:
    """Write a suppressed figure: ``<k`` or ``×`` on grey, reason as comment."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, PatternFill

    grey = PatternFill("solid", start_color=SUPPRESSED_FILL, end_color=SUPPRESSED_FILL)
    target.value = suppressed_text(BlockCell(None, shown.reason), threshold)
    target.fill = grey
    target.alignment = Alignment(horizontal="right")
    target.comment = Comment(
        "Niet gepubliceerd: " + suppression_reason_label(shown.reason, threshold),
        "doorstroom",
    )


def _table_sheet(sheet: Worksheet, table: dict, report: Report) -> None:
    from openpyxl.styles import Font, PatternFill

    from doorstroom.domain.monitoring.tables import table_view

    blue = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    data = report.data
    sheet["A1"] = table["title"]
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"Aantal {INDICATOR_UNITS.get(table['indicator'], '')}, periode "
        f"{data['period']['from']} tot en met {data['period']['to']}, peildatum "
        f"{data['as_of']}"
    )
    sheet["A3"] = f"Parlementaire vraag: {table['source']}"
    row = 5
    for view in table_view(table):
        if view.block is not None:
            sheet.cell(row=row, column=1, value=view.block).font = Font(bold=True)
            row += 1
        headings = [f"{view.row_heading} \\ {view.column_heading}", *view.columns]
        for column, heading in enumerate(headings, start=1):
            cell = sheet.cell(row=row, column=column, value=heading)
            cell.font = Font(bold=True)
            cell.fill = blue
        row += 1
        for label, cells in view.rows:
            head = sheet.cell(row=row, column=1, value=label)
            if label == "Totaal":
                head.font = Font(bold=True)
            for column, shown in enumerate(cells, start=2):
                target = sheet.cell(row=row, column=column)
                if shown.suppressed:
                    _mark(target, shown, report.threshold)
                else:
                    target.value = shown.value
            row += 1
        row += 1
    sheet.column_dimensions["A"].width = 40
    sheet.freeze_panes = "B5"


def _quality_sheet(sheet: Worksheet, quality: dict) -> None:
    from openpyxl.styles import Font

    from doorstroom.domain.monitoring.quality import (
        COLUMN_LABELS_NL,
        FILE_LABELS_NL,
        OVERLAP_LABELS_NL,
    )

    sheet["A1"] = "Datakwaliteit van de gegevensmap"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"Peildatum {quality.get('as_of', '')}. Aantallen van 1 tot de drempel "
        "staan als × wanneer geheimhouding toegepast is."
    )
    sections = {
        "rows": "Rijen per bestand",
        "unknown": "Onbekende (lege) waarden",
        "after_as_of": "Datums na de peildatum",
    }
    row = 4
    for key, title in sections.items():
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True)
        row += 1
        for name, value in (quality.get(key) or {}).items():
            items = value.items() if isinstance(value, dict) else [("", value)]
            for column, number in items:
                label = FILE_LABELS_NL.get(name, name)
                if column:
                    label += f", {COLUMN_LABELS_NL.get(column, column)}"
                sheet.cell(row=row, column=1, value=label)
                sheet.cell(
                    row=row,
                    column=2,
                    value=SUPPRESSED_MARK if number is None else number,
                )
                row += 1
        row += 1
    sheet.cell(row=row, column=1, value="Personen zonder tewerkstelling").font = Font(
        bold=True
    )
    number = quality.get("persons_without_employment")
    sheet.cell(row=row, column=2, value=SUPPRESSED_MARK if number is None else number)
    row += 2
    sheet.cell(row=row, column=1, value="Overlappingen").font = Font(bold=True)
    row += 1
    for key, number in (quality.get("overlaps") or {}).items():
        sheet.cell(row=row, column=1, value=OVERLAP_LABELS_NL.get(key, key))
        sheet.cell(
            row=row, column=2, value=SUPPRESSED_MARK if number is None else number
        )
        row += 1
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 14


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
    from doorstroom.domain.monitoring.tables import sheet_name

    for name, table in report.cross_tables.items():
        _table_sheet(workbook.create_sheet(sheet_name(name)), table, report)
    if "quality" in report.data:
        _quality_sheet(workbook.create_sheet(QUALITY_SHEET), report.data["quality"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The cross tables and the quality summary in the report and its renderings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from doorstroom.domain.monitoring.quality import format_quality_nl, publish_quality
from doorstroom.domain.monitoring.report import Report, build_report, render

from .test_tables import AS_OF, PERIOD, build_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_folder(tmp_path_factory.mktemp("report-tables") / "data")


@pytest.fixture(scope="module")
def exact(folder: Path) -> Report:
    return build_report(folder, as_of=AS_OF, suppression=False, **PERIOD)


@pytest.fixture(scope="module")
def protected(folder: Path) -> Report:
    return build_report(folder, as_of=AS_OF, threshold=2, **PERIOD)


def test_json_keeps_the_contract_keys_and_adds_tables_and_quality(
    exact: Report,
) -> None:
    data = json.loads(render(exact, "json"))
    assert list(data)[:4] == ["as_of", "period", "suppression", "indicators"]
    assert {"tables", "quality"} <= set(data)
    table = data["tables"]["doorstroom_province_year"]
    assert table["cells"]["ANT"]["2020"] == 1
    assert (
        table["row_totals"]["ANT"]
        == data["indicators"]["doorstroom"]["by"]["province"]["ANT"]
    )
    assert table["suppressed"] == {}
    assert data["quality"]["rows"]["persons"] == 4
    assert data["quality"]["unknown"]["advices"]["date"] == 1
    assert data["quality"]["suppressed"] == {}


def test_suppressed_table_cells_are_null_with_reasons(protected: Report) -> None:
    data = json.loads(render(protected, "json"))
    table = data["tables"]["doorstroom_province_year"]
    # Threshold 2: the 1s are hidden; their row (ANT: 1) and column totals too.
    assert table["cells"]["ANT"]["2020"] is None
    assert table["suppressed"]["cells"]["ANT"]["2020"] == "below 2"
    assert table["row_totals"]["ANT"] is None
    assert table["suppressed"]["row_totals"]["ANT"] == "below 2"
    indicator = data["indicators"]["doorstroom"]
    assert indicator["by"]["province"]["ANT"] is None  # the same cell
    # The grand total is the indicator's total: shown or hidden alike.
    assert table["total"] == indicator["total"]
    assert table["suppressed"].get("total") == indicator["suppressed"].get("total")
    blocks = data["tables"]["advices_province_year"]["blocks"]
    assert blocks["LDE"]["cells"]["LIM"]["2020"] is None
    assert blocks["LDE"]["suppressed"]["cells"]["LIM"]["2020"] == "below 2"
    # Quality: a count of 1 is hidden under the same threshold.
    assert data["quality"]["unknown"]["advices"]["date"] is None
    assert data["quality"]["suppressed"]["unknown"]["advices"]["date"] == "below 2"
    assert data["quality"]["rows"]["persons"] == 4


def test_csv_has_one_row_per_table_figure(exact: Report, protected: Report) -> None:
    rows = list(csv.reader(io.StringIO(render(exact, "csv").decode())))
    assert ["tables.doorstroom_province_year", "count", "ANT", "2020", "1", ""] in rows
    assert [
        "tables.doorstroom_province_year",
        "count",
        "total",
        "total",
        "2",
        "",
    ] in rows
    assert ["tables.advices_province_year", "LDE", "LIM", "2020", "1", ""] in rows
    assert ["_quality", "rows", "persons", "", "4", ""] in rows
    hidden = list(csv.reader(io.StringIO(render(protected, "csv").decode())))
    assert [
        "tables.doorstroom_province_year",
        "count",
        "ANT",
        "2020",
        "",
        "below 2",
    ] in hidden


def sheet_values(workbook: Any, name: str) -> list[list[Any]]:
    return [list(row) for row in workbook[name].iter_rows(values_only=True)]


def test_xlsx_has_a_sheet_per_table_with_dutch_headings(protected: Report) -> None:
    workbook = load_workbook(io.BytesIO(render(protected, "xlsx")))
    assert "T01 Doorstroom prov-jaar" in workbook.sheetnames
    assert "T09 Adviezen leeftijd-jaar" in workbook.sheetnames
    assert "Datakwaliteit" in workbook.sheetnames
    values = sheet_values(workbook, "T01 Doorstroom prov-jaar")
    assert values[0][0] == "Doorstroom naar het NEC per provincie en jaar"
    header = next(row for row in values if row[0] == "Provincie \\ Jaar")
    assert header[1:6] == ["2019", "2020", "2021", "2022", "Totaal"]
    antwerp = next(row for row in values if row[0] == "Antwerpen")
    assert antwerp[1:6] == [0, "<2", 0, 0, "<2"]
    total = next(row for row in values if row[0] == "Totaal")
    assert total[1] == 0 and total[3:5] == [0, 0]
    sheet = workbook["T01 Doorstroom prov-jaar"]
    marked = [c for row in sheet.iter_rows() for c in row if c.value == "<2"]
    assert marked and all(c.comment is not None for c in marked)
    assert marked[0].fill.start_color.rgb.endswith("D9D9D9")
    blocks = sheet_values(workbook, "T08 Adviezen prov-jaar")
    assert [r[0] for r in blocks if r[0] == "Collectief maatwerk"] == [
        "Collectief maatwerk"
    ]


def test_html_has_the_parliamentary_tables(protected: Report) -> None:
    page = render(protected, "html").decode()
    assert '<section aria-labelledby="tables-title" id="parliamentary-tables">' in page
    assert 'id="table-doorstroom_province_year-0"' in page
    assert (
        "Adviezen &#x27;doorstroomklaar&#x27; per instrument, provincie en jaar — Lokale diensteneconomie"
        in page
    )
    assert 'id="quality"' in page and "Datakwaliteit (peildatum 2023-06-30)" in page


def test_quality_is_published_under_the_threshold() -> None:
    summary = {
        "as_of": "2023-06-30",
        "rows": {"persons": 120, "employers": 4},
        "unknown": {"persons": {"province": 0, "sex": 12}},
        "persons_without_employment": 9,
        "overlaps": {"sec_spells": 1},
    }
    shown = publish_quality(summary, threshold=10, applied=True)
    assert shown["rows"] == {"persons": 120, "employers": None}
    assert shown["unknown"] == {"persons": {"province": 0, "sex": 12}}
    assert shown["persons_without_employment"] is None
    assert shown["suppressed"] == {
        "rows": {"employers": "below 10"},
        "persons_without_employment": "below 10",
        "overlaps": {"sec_spells": "below 10"},
    }
    assert (
        publish_quality(summary, threshold=10, applied=False)["rows"]["employers"] == 4
    )
    text = format_quality_nl(shown)
    assert "Rijen per bestand:" in text
    assert "- personen: 120" in text
    assert "- werkgevers: × (klein aantal, niet getoond)" in text
    assert "- personen, geslacht: 12" in text
    assert "provincie" not in text  # zero unknowns are not listed

"""Renderers: each output opened and read back."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from doorstroom.domain.monitoring.labels import category_label, suppression_reason_label
from doorstroom.domain.monitoring.render_csv import HEADER, render_csv
from doorstroom.domain.monitoring.render_html import render_html
from doorstroom.domain.monitoring.render_json import render_json
from doorstroom.domain.monitoring.render_xlsx import ABOUT_SHEET, render_xlsx
from doorstroom.domain.monitoring.report import Report, assemble_report, render

PARTNER = "Stad Gent – Dienst werk"


def indicators() -> dict:
    provinces = {
        "ANT": 30,
        "LIM": 12,
        "OVL": 0,
        "VBR": 0,
        "WVL": 0,
        "BRU": 3,
        "BUI": 0,
        "onbekend": 0,
    }
    return {
        "doorstroom": {
            "total": 45,
            "by": {"province": provinces, "year": {"2021": 20, "2022": 25}},
        },
        "doorstroom_rate": {
            "total": {"numerator": 45, "denominator": 90, "rate": 0.5},
            "by": {
                "province": {
                    "ANT": {"numerator": 30, "denominator": 60, "rate": 0.5},
                    "LIM": {"numerator": 12, "denominator": 20, "rate": 0.6},
                    "BRU": {"numerator": 3, "denominator": 10, "rate": 0.3},
                }
            },
        },
        "sec_nec_sec": {
            "total": 25,
            "by": {"year": {"2021": 12, "2022": 13}},
            "months_to_return": {"0-5": 4, "6-11": 10, "12-23": 11, "24+": 0},
        },
        "durable_doorstroom_12m": {
            "durable": {"total": 30, "by": {"year": {"2021": 15, "2022": 15}}},
            "pending": {"total": 10, "by": {"year": {"2021": 0, "2022": 10}}},
            "niet_duurzaam": {"total": 5, "by": {"year": {"2021": 5, "2022": 0}}},
        },
        "trajectories_started": {
            "total": 22,
            "by": {"partner": {PARTNER: 12, "In-Z": 10}},
        },
    }


def make_report(*, exact: bool = False) -> Report:
    return assemble_report(
        indicators(),
        period_from=date(2021, 1, 1),
        period_to=date(2022, 12, 31),
        as_of=date(2023, 6, 30),
        exact_allowed=True,
        suppression=not exact,
        backend="duckdb",
        generated_at=datetime(2023, 7, 1, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


# -------------------------------------------------------------------- json


def test_json_is_the_report_object_in_order(report):
    text = render_json(report)
    assert text.endswith("}\n")
    assert json.loads(text) == report.data
    assert list(json.loads(text)) == list(report.data)
    # UTF-8, not escaped; indent 2; suppressed figures are null.
    assert PARTNER in text
    assert '\n  "as_of": "2023-06-30",' in text
    assert '"BRU": null' in text
    assert render(report, "json") == text.encode("utf-8")


# --------------------------------------------------------------------- csv


def test_csv_is_one_long_table(report):
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    assert tuple(rows[0]) == HEADER
    meta = {row[1]: row[4] for row in rows[1:] if row[0] == "_report"}
    assert meta == {
        "as_of": "2023-06-30",
        "period_from": "2021-01-01",
        "period_to": "2022-12-31",
        "suppression_threshold": "10",
        "suppression_applied": "true",
    }
    body = [tuple(row) for row in rows[1:] if row[0] != "_report"]
    assert ("doorstroom", "count", "total", "", "45", "") in body
    assert ("doorstroom", "count", "province", "BRU", "", "below 10") in body
    assert ("doorstroom", "count", "province", "OVL", "0", "") in body
    assert ("doorstroom_rate", "numerator", "province", "BRU", "", "below 10") in body
    assert (
        "doorstroom_rate",
        "rate",
        "province",
        "BRU",
        "",
        "numerator suppressed",
    ) in body
    assert ("doorstroom_rate", "rate", "province", "ANT", "0.5", "") in body
    assert ("sec_nec_sec", "count", "months_to_return", "0-5", "", "below 10") in body
    assert ("durable_doorstroom_12m", "durable", "total", "", "30", "") in body
    assert (
        "durable_doorstroom_12m",
        "pending",
        "total",
        "",
        "",
        "secondary: protects durable_doorstroom_12m.niet_duurzaam.total",
    ) in body
    assert ("trajectories_started", "count", "partner", PARTNER, "12", "") in body
    # Every row has the six columns; every empty value has a reason, except a
    # rate without denominator (none here).
    assert all(len(row) == 6 for row in body)
    assert all(row[4] != "" or row[5] != "" for row in body)


def test_csv_of_exact_figures_says_so():
    rows = list(csv.reader(io.StringIO(render_csv(make_report(exact=True)))))
    assert ["_report", "suppression_applied", "", "", "false", ""] in rows
    assert ["doorstroom", "count", "province", "BRU", "3", ""] in rows


# -------------------------------------------------------------------- xlsx


def read_sheet(sheet) -> list[tuple]:
    return [
        row
        for row in sheet.iter_rows(values_only=True)
        if any(v is not None for v in row)
    ]


def test_xlsx_sheets_headers_names_and_marks(report):
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    assert workbook.sheetnames == [
        ABOUT_SHEET,
        "Doorstroom",
        "Doorstroomgraad",
        "SEC-NEC-SEC",
        "Duurzame doorstroom",
        "Gestarte trajecten",
    ]
    about = {row[0]: row[1] for row in read_sheet(workbook[ABOUT_SHEET]) if row[0]}
    assert about["Periode"] == "2021-01-01 tot en met 2022-12-31"
    assert about["Peildatum (as_of)"] == "2023-06-30"
    assert about["Statistische geheimhouding"] == "toegepast (drempel 10)"
    assert "niet gepubliceerd" in about["Legende"]

    sheet = workbook["Doorstroom"]
    rows = read_sheet(sheet)
    assert rows[0] == ("Doorstroom naar het NEC", None)
    assert ("Provincie", "Aantal") in rows
    assert ("Jaar", "Aantal") in rows
    assert ("Antwerpen", 30) in rows
    assert ("Oost-Vlaanderen", 0) in rows
    assert ("Buiten Vlaanderen en Brussel", 0) in rows
    assert ("Brussel", "<10") in rows
    assert ("Limburg", "×") in rows
    brussel = next(r for r in sheet.iter_rows() if r[0].value == "Brussel")[1]
    assert brussel.fill.start_color.rgb.endswith("D9D9D9")
    assert "kleiner dan 10" in brussel.comment.text
    limburg = next(r for r in sheet.iter_rows() if r[0].value == "Limburg")[1]
    assert "secundair: beschermt doorstroom.province.BRU" in limburg.comment.text

    rate = read_sheet(workbook["Doorstroomgraad"])
    assert ("Provincie", "Teller", "Noemer", "Percentage") in rate
    assert ("Antwerpen", 30, 60, 0.5) in rate
    assert ("Brussel", "<10", 10, "×") in rate
    cell = next(
        r for r in workbook["Doorstroomgraad"].iter_rows() if r[0].value == "Antwerpen"
    )[3]
    assert cell.number_format == "0.0%"

    durable = read_sheet(workbook["Duurzame doorstroom"])
    assert ("Jaar", "Duurzaam", "Nog in opvolging", "Niet duurzaam") in durable
    sec = read_sheet(workbook["SEC-NEC-SEC"])
    assert ("Maanden tot terugkeer", "Aantal") in sec
    assert ("0 tot 5 maanden", "<10") in sec
    partners = read_sheet(workbook["Gestarte trajecten"])
    assert (PARTNER, 12) in partners


def test_xlsx_of_exact_figures_says_so():
    workbook = load_workbook(io.BytesIO(render_xlsx(make_report(exact=True))))
    about = {row[0]: row[1] for row in read_sheet(workbook[ABOUT_SHEET]) if row[0]}
    assert about["Statistische geheimhouding"].startswith("NIET toegepast")
    assert ("Brussel", 3) in read_sheet(workbook["Doorstroom"])


# -------------------------------------------------------------------- html


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_lang = None
        self.scripts: list[dict] = []
        self.tables = 0
        self.captions: list[str] = []
        self.th_scopes: list[str | None] = []
        self.chart_divs: list[str] = []
        self.links: list[dict] = []
        self.suppressed_cells = 0
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "script":
            self.scripts.append(attributes)
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self._in_caption = True
            self.captions.append("")
        elif tag == "th":
            self.th_scopes.append(attributes.get("scope"))
        elif tag == "div" and "plotly-graph-div" in (attributes.get("class") or ""):
            self.chart_divs.append(attributes.get("id"))
        elif tag in ("link", "img", "iframe"):
            self.links.append(attributes)
        elif tag == "td" and attributes.get("class") == "suppressed":
            self.suppressed_cells += 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.captions[-1] += data


@pytest.fixture(scope="module")
def page(report) -> tuple[str, PageParser]:
    text = render_html(report)
    parser = PageParser()
    parser.feed(text)
    return text, parser


def test_html_is_one_accessible_dutch_page(page):
    text, parser = page
    assert text.startswith("<!DOCTYPE html>")
    assert parser.html_lang == "nl-BE"
    # One table per breakdown of every indicator, each with a caption and
    # scoped headers.
    # totals + breakdowns: doorstroom 1 + 2, rate 1 + 1, sec_nec_sec 1 + 2,
    # durability 1 + 1, trajectories 1 + 1
    assert parser.tables == 3 + 2 + 3 + 2 + 2
    assert len(parser.captions) == parser.tables
    assert "Doorstroom naar het NEC per provincie" in parser.captions
    assert "Doorstroomgraad per provincie" in parser.captions
    assert set(parser.th_scopes) == {"col", "row"}
    assert "Buiten Vlaanderen en Brussel" in text
    assert "&lt;10" in text
    assert parser.suppressed_cells >= 4
    assert "niet gepubliceerd: kleiner dan 10" in text


def test_html_charts_are_embedded_and_fetch_nothing(page):
    text, parser = page
    assert parser.chart_divs == [
        "chart-doorstroom-province",
        "chart-doorstroom-year",
        "chart-durability-year",
        "chart-months-to-return",
        "chart-rate-province",
    ]
    # plotly.js is inline: no script has a src, nothing else is loaded.
    assert parser.scripts, "the charts need scripts"
    assert all("src" not in script for script in parser.scripts)
    assert parser.links == []
    assert "<script src" not in text
    assert len(text) > 1_000_000  # the plotly.js bundle itself
    # A suppressed category is named in the chart with its mark.
    # (Plotly writes its JSON with \u escapes.)
    assert "Brussel (\\u00d7)" in text


def test_html_of_exact_figures_warns():
    text = render_html(make_report(exact=True))
    assert 'role="alert"' in text
    assert "niet bestemd voor publicatie" in text


def test_render_refuses_an_unknown_format(report):
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "pdf")


# ------------------------------------------------------------------ labels


def test_labels_for_codes():
    assert category_label("province", "WVL") == "West-Vlaanderen"
    assert category_label("province", "onbekend") == "Onbekend"
    assert category_label("instrument", "LDE") == "Lokale diensteneconomie"
    assert category_label("partner", PARTNER) == PARTNER
    assert (
        suppression_reason_label("denominator suppressed", 10)
        == "noemer niet gepubliceerd"
    )

"""Report assembly (contract §5): header, published figures, views."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from doorstroom.domain.monitoring.indicators import compute_indicators
from doorstroom.domain.monitoring.loading import load_tables
from doorstroom.domain.monitoring.report import (
    Figure,
    ReportInputError,
    assemble_report,
    blocks,
    build_report,
    build_report_from_tables,
    flatten,
)
from doorstroom.domain.monitoring.suppression import recoverable_cells
from tests.domain.monitoring.builders import person, random_dataset, write_dataset

PERIOD = {
    "period_from": date(2019, 1, 1),
    "period_to": date(2022, 12, 31),
    "as_of": date(2023, 6, 30),
}
STAMP = datetime(2023, 7, 1, 9, 30, tzinfo=UTC)


def hand_indicators() -> dict:
    return {
        "doorstroom": {"total": 40, "by": {"province": {"ANT": 35, "BRU": 5}}},
        "doorstroom_rate": {
            "total": {"numerator": 30, "denominator": 60, "rate": 0.5},
            "by": {
                "province": {
                    "ANT": {"numerator": 26, "denominator": 50, "rate": 0.52},
                    "BRU": {"numerator": 4, "denominator": 10, "rate": 0.4},
                }
            },
        },
        "sec_nec_sec": {
            "total": 20,
            "by": {"province": {"ANT": 20, "BRU": 0}},
            "months_to_return": {"0-5": 2, "6-11": 18, "12-23": 0, "24+": 0},
        },
        "durable_doorstroom_12m": {
            "durable": {"total": 30, "by": {"province": {"ANT": 30, "BRU": 0}}},
            "pending": {"total": 5, "by": {"province": {"ANT": 0, "BRU": 5}}},
            "niet_duurzaam": {"total": 5, "by": {"province": {"ANT": 5, "BRU": 0}}},
        },
    }


def test_report_header_and_key_order():
    report = assemble_report(
        hand_indicators(),
        **PERIOD,
        exact_allowed=True,
        backend="duckdb",
        warnings=["persons.csv: unknown column 'x' is ignored."],
        generated_at=STAMP,
    )
    assert list(report.data) == [
        "as_of",
        "period",
        "suppression",
        "indicators",
        "options",
        "generated_at",
        "warnings",
    ]
    assert report.data["as_of"] == "2023-06-30"
    assert report.data["period"] == {"from": "2019-01-01", "to": "2022-12-31"}
    assert report.data["suppression"] == {
        "threshold": 10,
        "applied": True,
        "suppress_zeros": False,
    }
    assert report.data["options"] == {"include_undated": False, "backend": "duckdb"}
    assert report.data["generated_at"] == "2023-07-01T09:30:00+00:00"
    assert report.data["warnings"] == ["persons.csv: unknown column 'x' is ignored."]
    assert report.suppression_applied is True
    assert report.threshold == 10
    assert report.indicators["doorstroom"]["by"]["province"] == {
        "ANT": None,
        "BRU": None,
    }


def test_exact_figures_need_the_permission():
    denied = assemble_report(
        hand_indicators(), **PERIOD, exact_allowed=False, suppression=False
    )
    assert denied.suppression_applied is True
    assert denied.indicators["doorstroom"]["by"]["province"]["BRU"] is None

    granted = assemble_report(
        hand_indicators(), **PERIOD, exact_allowed=True, suppression=False
    )
    assert granted.data["suppression"]["applied"] is False
    assert "not for publication" in granted.data["suppression"]["note"]
    assert granted.indicators["doorstroom"]["by"]["province"]["BRU"] == 5


def test_a_backwards_period_is_refused():
    with pytest.raises(ValueError, match="starts after it ends"):
        assemble_report(
            hand_indicators(),
            period_from=date(2022, 1, 1),
            period_to=date(2021, 1, 1),
            as_of=date(2023, 6, 30),
            exact_allowed=True,
        )


def test_flatten_lists_every_figure_with_its_part():
    report = assemble_report(hand_indicators(), **PERIOD, exact_allowed=True)
    figures = flatten(report.indicators)
    # doorstroom 3, rate 3 cells x 3 parts, sec_nec_sec 3 + 4 buckets,
    # durability 3 classes x 3
    assert len(figures) == 3 + 9 + 7 + 9
    assert figures[0] == Figure("doorstroom", "count", "total", "", 40, "")
    assert Figure("doorstroom", "count", "province", "BRU", None, "below 10") in figures
    assert (
        Figure(
            "doorstroom_rate",
            "rate",
            "province",
            "BRU",
            None,
            "numerator suppressed",
        )
        in figures
    )
    assert (
        Figure("doorstroom_rate", "denominator", "province", "BRU", 10, "") in figures
    )
    assert Figure("doorstroom_rate", "rate", "total", "", 0.5, "") in figures
    assert (
        Figure("sec_nec_sec", "count", "months_to_return", "0-5", None, "below 10")
        in figures
    )
    assert Figure("durable_doorstroom_12m", "durable", "total", "", 30, "") in figures


def test_blocks_give_one_table_per_breakdown():
    indicators = hand_indicators()
    indicators["durable_doorstroom_12m"]["durable"]["by"]["sector"] = {"47": 30}
    indicators["durable_doorstroom_12m"]["pending"]["by"]["sector"] = {"56": 5}
    indicators["durable_doorstroom_12m"]["niet_duurzaam"]["by"]["sector"] = {"47": 5}
    durable = blocks("durable_doorstroom_12m", indicators["durable_doorstroom_12m"])
    assert [b.dimension for b in durable] == ["total", "province", "sector"]
    assert durable[0].columns == ("durable", "pending", "niet_duurzaam")
    sector = durable[2]
    # A category absent from one class (an open list) is a zero there.
    assert [(c, [cell.value for cell in cells]) for c, cells in sector.rows] == [
        ("47", [30, 0, 5]),
        ("56", [0, 5, 0]),
    ]
    sec = blocks("sec_nec_sec", indicators["sec_nec_sec"])
    assert [b.dimension for b in sec] == ["total", "province", "months_to_return"]
    rate = blocks("doorstroom_rate", indicators["doorstroom_rate"])
    assert rate[1].columns == ("numerator", "denominator", "rate")
    assert [cell.value for cell in rate[1].rows[0][1]] == [26, 50, 0.52]


def test_build_report_on_engine_output_is_protected(tmp_path):
    # given: a messy random folder, through the real engine
    folder = random_dataset(tmp_path / "data", seed=5, persons=80)
    # when
    report = build_report(folder, **PERIOD, generated_at=STAMP)
    # then: the published figures are those of the engine, protected
    exact = compute_indicators(load_tables(folder), **PERIOD)
    assert report.data["options"]["backend"] == "duckdb"
    assert report.data["indicators"].keys() == exact.keys()
    assert recoverable_cells(report.data, exact) == []
    for figure in flatten(report.indicators):
        if figure.part != "rate" and figure.value is not None:
            assert not 0 < figure.value < 10, figure
    assert report.data["indicators"]["doorstroom"]["total"] in (
        exact["doorstroom"]["total"],
        None,
    )


def test_build_report_from_tables_follows_the_gate(tmp_path):
    folder = random_dataset(tmp_path / "data", seed=2, persons=30)
    tables = load_tables(folder)
    exact = build_report_from_tables(
        tables, **PERIOD, exact_allowed=True, suppression=False, generated_at=STAMP
    )
    refused = build_report_from_tables(
        tables, **PERIOD, exact_allowed=False, suppression=False, generated_at=STAMP
    )
    assert exact.suppression_applied is False
    assert refused.suppression_applied is True
    assert exact.data["options"]["backend"] == "duckdb"
    assert exact.indicators == {
        name: _with_empty_reasons(value)
        for name, value in compute_indicators(tables, **PERIOD).items()
    }


def _with_empty_reasons(indicator: dict) -> dict:
    if "total" in indicator:
        return {**indicator, "suppressed": {}}
    return {group: {**table, "suppressed": {}} for group, table in indicator.items()}


def test_invalid_folder_raises_with_every_problem(tmp_path):
    folder = write_dataset(
        tmp_path / "bad",
        persons=[person("p1", sex="Q"), person("p1")],
    )
    with pytest.raises(ReportInputError) as error:
        build_report(folder, **PERIOD)
    where = {(p.file, p.line, p.column) for p in error.value.problems}
    assert ("persons.csv", 2, "sex") in where
    assert ("persons.csv", 3, "person_id") in where

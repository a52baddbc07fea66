"""The cross tables of the parliamentary answers, on hand-built data.

One small data set (four persons) whose every figure is worked out by hand in
the comments; the tables are checked cell by cell on DuckDB, and two of them on
Spark.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doorstroom.domain.monitoring.indicators import compute_indicators
from doorstroom.domain.monitoring.loading import load_tables
from doorstroom.domain.monitoring.suppression import build_table_model
from doorstroom.domain.monitoring.tables import (
    SPECS_BY_NAME,
    TABLE_SPECS,
    compute_tables,
    table_view,
)

from .builders import (
    advice,
    dossier,
    employer,
    person,
    spell,
    trajectory,
    write_dataset,
)

AS_OF = date(2023, 6, 30)
PERIOD = {"period_from": date(2019, 1, 1), "period_to": date(2022, 12, 31)}
YEARS = ["2019", "2020", "2021", "2022"]
PROVINCES = ["ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI", "onbekend"]


def build_folder(folder: Path) -> Path:
    """Four persons.

    * p1 (ANT, born 1980): dossier d1 (CM) ends 2019-12-31; regular work at
      ``nec`` (NACE 47) from 2020-03-01, still running: doorstroom on
      2020-03-01, durable. Trajectory t3 at In-Z from 2020-05-01, running. On
      as_of at work in the NEC without WOP, not with the SEC employer of d1:
      ``nec_zonder_wop``.
    * p2 (LIM, born 1980): dossier d2 (LDE) ends 2020-06-30; regular work at
      ``nec2`` (NACE 88) 2020-07-01 .. 2020-09-30: doorstroom on 2020-07-01,
      not durable. New SEC dossier d3 (CM) from 2021-01-01 with a WOP spell:
      a return in 2021, 6 whole months after the doorstroom (bucket 6-11); on
      as_of ``sec``.
    * p3 (ANT, born 2000-01-01): advice LDE 2020-03-01 (age 20: <25);
      trajectory t1 at In-Z 2019-03-01 .. 2019-09-30 without stage. No work:
      ``niet_aan_het_werk``.
    * p4 (OVL, born 1980): an undated LDE advice and a CM advice
      ``niet_doorstroomklaar``; trajectory t2 at Emino vzw 2020-01-01 ..
      2020-06-30 with a BVS stage. No work: ``niet_aan_het_werk``.

    Advices doorstroomklaar: p1 CM 2019-05-01, p2 LDE 2020-02-01, p3 LDE
    2020-03-01, p4 LDE undated.
    """
    return write_dataset(
        folder,
        persons=[
            person("p1", province="ANT"),
            person("p2", province="LIM", sex="V"),
            person("p3", province="ANT", birth_date="2000-01-01"),
            person("p4", province="OVL"),
        ],
        employers=[
            employer("sec", circuit="SEC", nace="88.101"),
            employer("nec", nace="47.111"),
            employer("nec2", nace="88.1", province="LIM"),
        ],
        wop_dossiers=[
            dossier("d1", "p1", "2015-01-01", "2019-12-31"),
            dossier("d2", "p2", "2016-01-01", "2020-06-30", instrument="LDE"),
            dossier("d3", "p2", "2021-01-01"),
        ],
        employment=[
            spell("s1", "p1", "2020-03-01", employer_id="nec"),
            spell("s2", "p2", "2020-07-01", "2020-09-30", employer_id="nec2"),
            spell("s3", "p2", "2021-01-01", employer_id="sec", wop_dossier_id="d3"),
        ],
        advices=[
            advice("a1", "p1", "2019-05-01"),
            advice("a2", "p2", "2020-02-01", instrument="LDE"),
            advice("a3", "p3", "2020-03-01", instrument="LDE"),
            advice("a4", "p4", None, instrument="LDE"),
            advice("a5", "p4", "2021-01-01", result="niet_doorstroomklaar"),
        ],
        trajectories=[
            trajectory(
                "t1",
                "p3",
                "2019-03-01",
                "2019-09-30",
                end_reason="werk_nec",
                partner_id="In-Z",
            ),
            trajectory(
                "t2",
                "p4",
                "2020-01-01",
                "2020-06-30",
                end_reason="stopzetting_werknemer",
                partner_id="Emino vzw",
                stage="BVS",
            ),
            trajectory("t3", "p1", "2020-05-01", partner_id="In-Z"),
        ],
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_folder(tmp_path_factory.mktemp("tables") / "data")


@pytest.fixture(scope="module")
def loaded(folder: Path) -> Any:
    return load_tables(folder)


@pytest.fixture(scope="module")
def tables(loaded: Any) -> dict[str, Any]:
    return compute_tables(loaded, as_of=AS_OF, **PERIOD)


def nonzero(grid: dict[str, Any]) -> dict[tuple[str, str], int]:
    return {
        (row, column): value
        for row, cells in grid["cells"].items()
        for column, value in cells.items()
        if value
    }


def test_every_table_is_computed_in_report_order(tables: dict[str, Any]) -> None:
    assert list(tables) == [spec.name for spec in TABLE_SPECS]


def test_transitions_and_returns_per_province_and_year(tables: dict[str, Any]) -> None:
    t = tables["doorstroom_province_year"]
    assert t["row_categories"] == PROVINCES
    assert t["column_categories"] == YEARS
    assert nonzero(t) == {("ANT", "2020"): 1, ("LIM", "2020"): 1}
    assert t["row_totals"]["ANT"] == 1 and t["row_totals"]["OVL"] == 0
    assert t["column_totals"] == {"2019": 0, "2020": 2, "2021": 0, "2022": 0}
    assert t["total"] == 2

    r = tables["sec_nec_sec_province_year"]
    assert nonzero(r) == {("LIM", "2021"): 1}
    months = tables["sec_nec_sec_months_year"]
    assert months["row_categories"] == ["0-5", "6-11", "12-23", "24+"]
    assert nonzero(months) == {("6-11", "2021"): 1}


def test_sectors_and_durability(tables: dict[str, Any]) -> None:
    sectors = tables["doorstroom_sector_year"]
    assert sectors["row_categories"] == ["47", "88"]  # open list: non-zero only
    assert nonzero(sectors) == {("47", "2020"): 1, ("88", "2020"): 1}
    by_province = tables["doorstroom_sector_province"]
    assert nonzero(by_province) == {("47", "ANT"): 1, ("88", "LIM"): 1}
    durable = tables["doorstroom_durability_year"]
    assert durable["row_categories"] == ["durable", "pending", "niet_duurzaam"]
    assert nonzero(durable) == {("durable", "2020"): 1, ("niet_duurzaam", "2020"): 1}
    assert nonzero(tables["doorstroom_durability_province"]) == {
        ("durable", "ANT"): 1,
        ("niet_duurzaam", "LIM"): 1,
    }


def test_advices_in_blocks_per_instrument(tables: dict[str, Any]) -> None:
    t = tables["advices_province_year"]
    assert t["dimensions"] == {
        "block": "instrument",
        "rows": "province",
        "columns": "year",
    }
    assert list(t["blocks"]) == ["CM", "LDE"]
    assert nonzero(t["blocks"]["CM"]) == {("ANT", "2019"): 1}
    assert nonzero(t["blocks"]["LDE"]) == {("LIM", "2020"): 1, ("ANT", "2020"): 1}
    assert t["blocks"]["LDE"]["total"] == 2  # the undated advice is left out
    ages = tables["advices_age_year"]
    assert nonzero(ages["blocks"]["LDE"]) == {("25-54", "2020"): 1, ("<25", "2020"): 1}
    assert nonzero(ages["blocks"]["CM"]) == {("25-54", "2019"): 1}
    assert ages["blocks"]["CM"]["row_totals"]["25-54"] == 1


def test_undated_advices_under_year_onbekend(loaded: Any) -> None:
    spec = SPECS_BY_NAME["advices_province_year"]
    t = compute_tables(
        loaded, as_of=AS_OF, include_undated=True, specs=[spec], **PERIOD
    )[spec.name]
    assert t["column_categories"] == [*YEARS, "onbekend"]
    assert t["blocks"]["LDE"]["cells"]["OVL"]["onbekend"] == 1
    assert t["blocks"]["LDE"]["total"] == 3


def test_trajectories_per_partner_province_age_and_stage(
    tables: dict[str, Any],
) -> None:
    partner = tables["trajectories_started_partner_year"]
    assert partner["row_categories"] == ["Emino vzw", "In-Z"]
    assert nonzero(partner) == {
        ("Emino vzw", "2020"): 1,
        ("In-Z", "2019"): 1,
        ("In-Z", "2020"): 1,
    }
    assert nonzero(tables["trajectories_started_age_year"]) == {
        ("<25", "2019"): 1,  # p3 is 19 on 2019-03-01
        ("25-54", "2020"): 2,
    }
    assert nonzero(tables["trajectories_ended_year_stage"]) == {
        ("2019", "zonder_stage"): 1,
        ("2020", "met_stage"): 1,
    }
    assert nonzero(tables["trajectories_ended_partner_stage"]) == {
        ("In-Z", "zonder_stage"): 1,
        ("Emino vzw", "met_stage"): 1,
    }
    assert nonzero(tables["trajectories_ended_province_stage"]) == {
        ("ANT", "zonder_stage"): 1,
        ("OVL", "met_stage"): 1,
    }
    assert nonzero(tables["trajectories_ended_reason_year"]) == {
        ("werk_nec", "2019"): 1,
        ("stopzetting_werknemer", "2020"): 1,
    }


def test_trajectories_linked_to_employment_and_status(tables: dict[str, Any]) -> None:
    linked = tables["trajectories_started_partner_status"]
    assert linked["column_categories"] == [
        "nec_zonder_wop",
        "nec_met_wop",
        "sec",
        "niet_aan_het_werk",
    ]
    assert nonzero(linked) == {
        ("In-Z", "nec_zonder_wop"): 1,  # t3 of p1
        ("In-Z", "niet_aan_het_werk"): 1,  # t1 of p3
        ("Emino vzw", "niet_aan_het_werk"): 1,
    }
    assert nonzero(tables["trajectories_started_province_status"]) == {
        ("ANT", "nec_zonder_wop"): 1,
        ("ANT", "niet_aan_het_werk"): 1,
        ("OVL", "niet_aan_het_werk"): 1,
    }
    status = tables["status_province"]
    assert nonzero(status) == {
        ("nec_zonder_wop", "ANT"): 1,
        ("sec", "LIM"): 1,
        ("niet_aan_het_werk", "ANT"): 1,
        ("niet_aan_het_werk", "OVL"): 1,
    }
    assert status["total"] == 4


def test_tables_agree_with_the_indicators(loaded: Any, tables: dict[str, Any]) -> None:
    indicators = compute_indicators(loaded, as_of=AS_OF, **PERIOD)
    # Raises when a shared figure differs or a margin does not add up.
    joint = build_table_model(indicators, tables)
    ant = tables["doorstroom_province_year"]["row_totals"]["ANT"]
    assert ant == indicators["doorstroom"]["by"]["province"]["ANT"] == 1
    # A row total of the table is the indicator's cell itself.
    cells = {c.label for c in joint.slots.values()}
    assert "doorstroom.province.ANT" in cells
    assert "durable_doorstroom_12m.durable.year.2020" in cells
    assert "tables.doorstroom.province|year.ANT|2020" in cells


def test_filters_restrict_the_events(loaded: Any) -> None:
    spec = SPECS_BY_NAME["doorstroom_province_year"]
    t = compute_tables(
        loaded, as_of=AS_OF, filters={"province": {"LIM"}}, specs=[spec], **PERIOD
    )[spec.name]
    assert nonzero(t) == {("LIM", "2020"): 1}


def test_view_has_dutch_labels_and_totals(tables: dict[str, Any]) -> None:
    (view,) = table_view(tables["doorstroom_durability_year"])
    assert view.row_heading == "Duurzaamheid (12 maanden)"
    assert view.column_heading == "Jaar"
    assert view.columns == ("2019", "2020", "2021", "2022", "Totaal")
    labels = [label for label, _ in view.rows]
    assert labels == ["Duurzaam", "Nog in opvolging", "Niet duurzaam", "Totaal"]
    assert [c.value for c in view.rows[-1][1]] == [0, 2, 0, 0, 2]
    blocks = table_view(tables["advices_age_year"])
    assert [b.block for b in blocks] == [
        "Collectief maatwerk",
        "Lokale diensteneconomie",
    ]


@pytest.mark.spark
def test_two_tables_on_spark(spark_session: Any, folder: Path) -> None:
    specs = [
        SPECS_BY_NAME["advices_province_year"],
        SPECS_BY_NAME["trajectories_started_partner_status"],
    ]
    spark_tables = load_tables(folder, "spark", spark_session=spark_session)
    on_spark = compute_tables(spark_tables, as_of=AS_OF, specs=specs, **PERIOD)
    on_duckdb = compute_tables(load_tables(folder), as_of=AS_OF, specs=specs, **PERIOD)
    assert on_spark == on_duckdb
    assert nonzero(on_spark["advices_province_year"]["blocks"]["LDE"]) == {
        ("LIM", "2020"): 1,
        ("ANT", "2020"): 1,
    }

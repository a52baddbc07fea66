"""The same Ibis expressions on DuckDB and on PySpark give the same figures.

The Spark tests carry the ``spark`` marker only so that they can be selected
(``-m spark``) or left out; they run in every full test run and share one local
Spark session (``spark_session`` in ``conftest.py``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pytest

from doorstroom.domain.monitoring.dates import add_months, age_band, whole_months

from .builders import compute_for, write_dataset
from .scenarios import AS_OF, PERIOD, all_scenarios

BACKENDS = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]


@pytest.fixture(params=BACKENDS)
def connection(request: pytest.FixtureRequest) -> Any:
    if request.param == "duckdb":
        return ibis.duckdb.connect()
    session = request.getfixturevalue("spark_session")
    return ibis.pyspark.connect(session)


DATES = pd.DataFrame(
    {
        "a": [
            date(2020, 8, 31),
            date(2020, 1, 31),
            date(2020, 2, 29),
            date(2020, 8, 31),
            date(2019, 1, 1),
        ],
        "b": [
            date(2021, 2, 28),
            date(2020, 2, 29),
            date(2021, 2, 28),
            date(2021, 2, 27),
            date(2021, 1, 1),
        ],
        "birth": [
            date(1996, 2, 29),
            date(1996, 2, 29),
            None,
            date(1966, 7, 1),
            date(1998, 12, 31),
        ],
    }
)


def test_calendar_month_arithmetic_and_age_bands(connection: Any) -> None:
    table = ibis.memtable(DATES)
    expr = table.select(
        plus_six=add_months(table.a, 6),
        plus_24=add_months(table.a, 24),
        months=whole_months(table.a, table.b),
        band=age_band(table.birth, table.b),
    )
    result = connection.to_pyarrow(expr).to_pydict()
    assert result["plus_six"] == [
        date(2021, 2, 28),
        date(2020, 7, 31),
        date(2020, 8, 29),
        date(2021, 2, 28),
        date(2019, 7, 1),
    ]
    assert result["plus_24"][2] == date(2022, 2, 28)
    assert result["months"] == [6, 1, 12, 5, 24]
    # Born 1996-02-29: still 24 on 2021-02-28; 1966-07-01 is 54 on 2021-02-27.
    assert result["band"] == ["<25", "<25", "onbekend", "25-54", "<25"]


@pytest.fixture(scope="module")
def scenario_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("all"), **all_scenarios())


@pytest.fixture(scope="module")
def duckdb_figures(scenario_folder: Path) -> dict[str, Any]:
    return compute_for(
        scenario_folder,
        as_of=AS_OF,
        period_from=PERIOD[0],
        period_to=PERIOD[1],
        include_undated=True,
    )


def test_merged_scenarios_on_duckdb(duckdb_figures: dict[str, Any]) -> None:
    # The sums of the hand-computed scenarios (see scenarios.py).
    assert duckdb_figures["sec_nec_sec"]["months_to_return"] == {
        "0-5": 2,
        "6-11": 1,
        "12-23": 1,
        "24+": 1,
    }
    assert duckdb_figures["trajectories_ended"]["by"]["partner"] == {"Argos": 2}
    # v1: one dated and one undated; the status scenario: four dated.
    assert duckdb_figures["doorstroomklaar_advices"]["total"] == 2 + 4


@pytest.mark.spark
def test_spark_equals_duckdb_on_the_hand_built_scenarios(
    spark_session: Any, scenario_folder: Path, duckdb_figures: dict[str, Any]
) -> None:
    spark_figures = compute_for(
        scenario_folder,
        as_of=AS_OF,
        period_from=PERIOD[0],
        period_to=PERIOD[1],
        include_undated=True,
        backend="spark",
    )
    assert spark_figures == duckdb_figures

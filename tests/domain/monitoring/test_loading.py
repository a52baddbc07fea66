"""Loading on DuckDB: the tables are filled in a background thread.

:func:`load_tables` returns as soon as the (empty) typed tables exist; the first
query waits until they are filled. These tests slow the filling down, so that a
query that did not wait would see empty tables.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pytest

from doorstroom.domain.monitoring import loading
from doorstroom.domain.monitoring.loading import load_tables

from .builders import dossier, employer, person, spell, write_dataset


def _folder(tmp_path: Path, *, spell_start: str = "2020-01-01") -> Path:
    return write_dataset(
        tmp_path / "data",
        persons=[person("P1"), person("P2", sex=None)],
        employers=[employer("nec"), employer("sec", circuit="SEC")],
        wop_dossiers=[dossier("D1", "P1", "2019-01-01", "2019-12-31")],
        employment=[
            spell("S-1", "P1", spell_start, "2020-06-30"),
            spell("S-2", "P2", "2021-03-01"),
        ],
    )


@pytest.fixture
def slow_filling(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Delay the background filling; record when it finished."""
    # Compile and run a query first, so that the tests' first query does not
    # spend the delay importing and warming up Ibis.
    warm = ibis.duckdb.connect()
    warm.to_pyarrow(ibis.memtable({"a": [1]}).order_by("a").count())
    warm.disconnect()
    finished: list[float] = []
    fill = loading._FillingConnection._fill

    def slow(self: Any, cursor: Any, statements: list[str]) -> None:
        time.sleep(1.0)
        fill(self, cursor, statements)
        finished.append(time.perf_counter())

    monkeypatch.setattr(loading._FillingConnection, "_fill", slow)
    return finished


def test_first_query_waits_for_the_filling(
    tmp_path: Path, slow_filling: list[float]
) -> None:
    tables = load_tables(_folder(tmp_path))
    # The schemas are there before the data.
    assert not slow_filling
    assert tables["employment"].schema()["start_date"].is_date()
    rows = tables["employment"].order_by("spell_id").to_pyarrow().to_pylist()
    assert slow_filling  # the query ran after the filling
    assert [(r["spell_id"], r["person_id"], str(r["start_date"])) for r in rows] == [
        ("S-1", "P1", "2020-01-01"),
        ("S-2", "P2", "2021-03-01"),
    ]
    assert rows[1]["end_date"] is None
    assert tables["persons"].count().to_pyarrow().as_py() == 2
    assert isinstance(tables.connection.con, duckdb.DuckDBPyConnection)


def test_a_bad_value_raises_at_the_first_query(
    tmp_path: Path, slow_filling: list[float]
) -> None:
    tables = load_tables(_folder(tmp_path, spell_start="2020-13-01"))
    with pytest.raises(duckdb.Error):
        tables["employment"].count().to_pyarrow()
    # Raised once; the connection is usable again (the file was not loaded).
    assert tables["persons"].count().to_pyarrow().as_py() == 2


def test_a_missing_file_raises_at_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "advices.csv").unlink()
    with pytest.raises(ValueError, match="advices.csv"):
        load_tables(folder)

"""The Ibis engine (DuckDB) equals the plain pandas reference on random data.

:func:`.builders.random_dataset` draws small messy data sets: month ends and leap
days, work starting exactly at dossier ends and window ends, ties on the start
date, overlapping spells, gaps of 30 to 33 days, unknown values, undated
advices; each is computed for two reference dates that cut through it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doorstroom.domain.monitoring.indicators import compute_indicators
from doorstroom.domain.monitoring.loading import validate_and_load
from doorstroom.domain.monitoring.pandas_reference import (
    add_months,
    age_band,
    compute_indicators_pandas,
    whole_months,
)

from .builders import random_dataset

OPTIONS = [
    {
        "period_from": date(2019, 1, 1),
        "period_to": date(2022, 12, 31),
        "as_of": date(2023, 6, 30),
        "include_undated": True,
    },
    {
        "period_from": date(2016, 3, 1),
        "period_to": date(2020, 8, 31),
        "as_of": date(2021, 2, 28),
        "include_undated": False,
    },
]
COUNT_INDICATORS = (
    "doorstroom",
    "sec_nec_sec",
    "doorstroomklaar_advices",
    "trajectories_started",
    "trajectories_ended",
)


def differences(ours: Any, theirs: Any, path: str = "") -> list[str]:
    """Paths where two nested dicts differ (in value, type or key order)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        if list(ours) != list(theirs):
            return [f"{path}: keys {list(ours)} != {list(theirs)}"]
        return [
            d
            for key in ours
            for d in differences(ours[key], theirs[key], f"{path}/{key}")
        ]
    if ours != theirs or type(ours) is not type(theirs):
        return [f"{path}: {ours!r} != {theirs!r}"]
    return []


def check_sums(figures: dict[str, Any]) -> None:
    """Every breakdown adds up to its total; durability classes to doorstroom."""
    for name in COUNT_INDICATORS:
        for dim, cells in figures[name]["by"].items():
            assert sum(cells.values()) == figures[name]["total"], (name, dim)
    classes = figures["durable_doorstroom_12m"]
    for dim, cells in figures["doorstroom"]["by"].items():
        for category, count in cells.items():
            assert sum(classes[c]["by"][dim].get(category, 0) for c in classes) == count
    rate = figures["doorstroom_rate"]
    for cells in rate["by"].values():
        assert sum(c["numerator"] for c in cells.values()) == rate["total"]["numerator"]
        assert (
            sum(c["denominator"] for c in cells.values())
            == rate["total"]["denominator"]
        )
    status = figures["status_at_as_of"]["by"]
    at_work = (
        figures["status_at_as_of"]["total"] - status["status"]["niet_aan_het_werk"]
    )
    assert sum(status["employer"].values()) == at_work


@pytest.mark.parametrize("seed", range(8))
def test_ibis_equals_pandas_on_random_data(tmp_path: Path, seed: int) -> None:
    folder = random_dataset(tmp_path, seed, persons=50)
    result, tables = validate_and_load(folder)
    assert result.ok and tables is not None, [p.format_en() for p in result.problems]
    for options in OPTIONS:
        ours = compute_indicators(tables, **options)
        theirs = compute_indicators_pandas(folder, **options)
        assert differences(ours, theirs) == []
        check_sums(ours)
    # The data are not trivial: these seeds give transitions of every class.
    assert ours["doorstroom"]["total"] > 0


def test_the_random_data_reach_every_durability_class(tmp_path: Path) -> None:
    seen: dict[str, int] = {}
    for seed in range(3):
        figures = compute_indicators_pandas(
            random_dataset(tmp_path / str(seed), seed, persons=50), **OPTIONS[0]
        )
        for name, table in figures["durable_doorstroom_12m"].items():
            seen[name] = seen.get(name, 0) + table["total"]
        seen["returns"] = seen.get("returns", 0) + figures["sec_nec_sec"]["total"]
    assert all(count > 0 for count in seen.values()), seen


def test_reference_date_helpers() -> None:
    assert add_months(date(2020, 8, 31), 6) == date(2021, 2, 28)
    assert whole_months(date(2020, 8, 31), date(2021, 2, 28)) == 6
    assert whole_months(date(2020, 8, 31), date(2021, 2, 27)) == 5
    assert age_band(date(1996, 2, 29), date(2021, 2, 28)) == "<25"
    assert age_band(date(1996, 2, 29), date(2021, 3, 1)) == "25-54"
    assert age_band(None, date(2021, 3, 1)) == "onbekend"

"""The dashboard's filters restrict the events, consistently with the breakdowns."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.monitoring.indicators import compute_indicators
from doorstroom.domain.monitoring.loading import load_tables
from doorstroom.domain.synth import generate

PERIOD = {
    "period_from": date(2019, 1, 1),
    "period_to": date(2022, 12, 31),
    "as_of": date(2024, 6, 30),
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("filters") / "data"
    generate(folder, persons=3000, seed=7)
    return load_tables(folder)


@pytest.mark.parametrize(
    ("column", "dimension", "value"),
    [
        ("province", "province", "ANT"),
        ("instrument", "instrument", "CM"),
        ("age_band", "age_band", "25-54"),
        ("sex", "sex", "V"),
    ],
)
def test_a_filter_gives_the_cell_of_its_breakdown(tables, column, dimension, value):
    everything = compute_indicators(tables, **PERIOD)
    only = compute_indicators(tables, **PERIOD, filters={column: {value}})
    assert only["doorstroom"]["total"] == everything["doorstroom"]["by"][dimension][value]
    assert only["doorstroom"]["total"] > 0
    for part in ("durable", "pending", "niet_duurzaam"):
        assert (
            only["durable_doorstroom_12m"][part]["total"]
            == everything["durable_doorstroom_12m"][part]["by"][dimension][value]
        )


def test_sector_filter_and_unfiltered_indicators(tables):
    everything = compute_indicators(tables, **PERIOD)
    sector, count = max(everything["doorstroom"]["by"]["sector"].items(), key=lambda kv: kv[1])
    only = compute_indicators(tables, **PERIOD, filters={"sector": {sector}})
    assert only["doorstroom"]["total"] == count
    # trajectories have no sector: that filter leaves them as they are
    assert only["trajectories_started"] == everything["trajectories_started"]

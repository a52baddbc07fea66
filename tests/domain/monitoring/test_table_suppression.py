"""Disclosure control of the cross tables, with the indicators (contract §4).

Hand-built tables first (each pattern worked out by hand), then a property test
on random events: no published count of an indicator or a table lies in
``1..k-1``, and the LP audit recovers no suppressed cell from all the figures
of the report together.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstroom.domain.monitoring.suppression import (
    InconsistentIndicatorsError,
    publish_with_tables,
    recoverable_table_cells,
    suppress_with_tables,
)
from doorstroom.domain.monitoring.tables import SPECS_BY_NAME, layout_table

YEARS = ["2019", "2020"]


def table_of(name: str, counts: dict[tuple[str, ...], int], years=YEARS) -> dict:
    """A table from counts keyed by the spec's dimensions (block first)."""
    spec = SPECS_BY_NAME[name]
    rows = [
        dict(zip(spec.dimensions, key, strict=True)) | {"n": n}
        for key, n in counts.items()
    ]
    return layout_table(spec, rows, years)


def trajectories(year: dict[str, int], province: dict[str, int]) -> dict[str, Any]:
    return {
        "trajectories_started": {
            "total": sum(year.values()),
            "by": {"year": year, "province": province},
        }
    }


def test_a_small_cell_and_its_row_and_column_partners_are_hidden() -> None:
    # ANT: 3 + 22 = 25, LIM: 17 + 13 = 30; years 20 and 35; total 55.
    # ANT/2019 = 3 is primary; its row gives ANT/2020 away (22, the only other
    # part), its column LIM/2019 (17); then column 2020 has ANT/2020 alone, so
    # LIM/2020 follows. The margins stay: x = ANT/2019 can be 0..9.
    indicators = trajectories({"2019": 20, "2020": 35}, {"ANT": 25, "LIM": 30})
    table = table_of(
        "trajectories_started_province_year",
        {
            ("ANT", "2019"): 3,
            ("ANT", "2020"): 22,
            ("LIM", "2019"): 17,
            ("LIM", "2020"): 13,
        },
    )
    result = suppress_with_tables(indicators, {"t": table})
    grid = result.tables["t"]
    assert grid["cells"]["ANT"] == {"2019": None, "2020": None}
    assert grid["cells"]["LIM"] == {"2019": None, "2020": None}
    assert grid["row_totals"]["ANT"] == 25 and grid["column_totals"]["2020"] == 35
    assert grid["total"] == 55
    assert grid["suppressed"]["cells"]["ANT"]["2019"] == "below 10"
    assert grid["suppressed"]["cells"]["LIM"]["2020"].startswith("secondary: protects ")
    assert set(grid["suppressed"]) == {"cells"}
    assert result.indicators["trajectories_started"]["suppressed"] == {}
    assert (
        recoverable_table_cells(
            result.indicators, result.tables, indicators, {"t": table}
        )
        == []
    )


def test_a_margin_shared_with_an_indicator_is_hidden_in_both() -> None:
    # LIM has 4 trajectories (2 + 2): the indicator cell and the table's row
    # total are one cell, hidden in both places with the same reason.
    indicators = trajectories({"2019": 22, "2020": 22}, {"ANT": 40, "LIM": 4})
    table = table_of(
        "trajectories_started_province_year",
        {
            ("ANT", "2019"): 20,
            ("ANT", "2020"): 20,
            ("LIM", "2019"): 2,
            ("LIM", "2020"): 2,
        },
    )
    result = suppress_with_tables(indicators, {"t": table})
    published = result.indicators["trajectories_started"]
    grid = result.tables["t"]
    assert published["by"]["province"]["LIM"] is None
    assert grid["row_totals"]["LIM"] is None
    assert published["suppressed"]["province"]["LIM"] == "below 10"
    assert grid["suppressed"]["row_totals"]["LIM"] == "below 10"
    # ANT (40) protects LIM in the province breakdown, in both places too.
    assert (
        published["by"]["province"]["ANT"] is None and grid["row_totals"]["ANT"] is None
    )
    assert (
        recoverable_table_cells(
            result.indicators, result.tables, indicators, {"t": table}
        )
        == []
    )


def advices(instrument: dict, year: dict, province: dict, age: dict) -> dict:
    return {
        "doorstroomklaar_advices": {
            "total": sum(instrument.values()),
            "by": {
                "instrument": instrument,
                "year": year,
                "province": province,
                "age_band": age,
            },
        }
    }


def test_blocks_are_linked_through_the_indicator_breakdown() -> None:
    # CM: ANT 2019 = 20, LIM 2019 = 4 ; LDE: ANT 2019 = 30, LIM 2019 = 25.
    # The LIM row total of block CM (4) is primary. Within block CM it has the
    # ANT row total (20) as partner. Across blocks: LIM(CM) + LIM(LDE) = the
    # indicator's LIM (29), so something in that relation must go too, or
    # 29 - 25 gives the 4 back. The audit finds nothing recoverable.
    indicators = advices(
        {"CM": 24, "LDE": 55},
        {"2019": 79, "2020": 0},
        {"ANT": 50, "LIM": 29},
        {"25-54": 79},
    )
    table = table_of(
        "advices_province_year",
        {
            ("CM", "ANT", "2019"): 20,
            ("CM", "LIM", "2019"): 4,
            ("LDE", "ANT", "2019"): 30,
            ("LDE", "LIM", "2019"): 25,
        },
    )
    tables = {"advices_province_year": table}
    result = suppress_with_tables(indicators, tables)
    blocks = result.tables["advices_province_year"]["blocks"]
    assert blocks["CM"]["row_totals"]["LIM"] is None
    province = result.indicators["doorstroomklaar_advices"]["by"]["province"]
    assert province["LIM"] is None or blocks["LDE"]["row_totals"]["LIM"] is None
    assert (
        recoverable_table_cells(result.indicators, result.tables, indicators, tables)
        == []
    )


def test_exact_figures_only_when_asked_and_allowed() -> None:
    indicators = trajectories({"2019": 20, "2020": 35}, {"ANT": 25, "LIM": 30})
    table = table_of(
        "trajectories_started_province_year",
        {
            ("ANT", "2019"): 3,
            ("ANT", "2020"): 22,
            ("LIM", "2019"): 17,
            ("LIM", "2020"): 13,
        },
    )
    exact = publish_with_tables(
        indicators, {"t": table}, exact_requested=True, exact_allowed=True
    )
    assert exact.applied is False
    assert exact.tables["t"]["cells"]["ANT"]["2019"] == 3
    assert exact.tables["t"]["suppressed"] == {}
    refused = publish_with_tables(
        indicators, {"t": table}, exact_requested=True, exact_allowed=False
    )
    assert refused.applied is True
    assert refused.tables["t"]["cells"]["ANT"]["2019"] is None


def test_a_table_that_contradicts_its_indicator_is_refused() -> None:
    indicators = trajectories({"2019": 20, "2020": 35}, {"ANT": 26, "LIM": 29})
    table = table_of(
        "trajectories_started_province_year",
        {
            ("ANT", "2019"): 3,
            ("ANT", "2020"): 22,
            ("LIM", "2019"): 17,
            ("LIM", "2020"): 13,
        },
    )
    try:
        suppress_with_tables(indicators, {"t": table})
    except InconsistentIndicatorsError as error:
        assert any("province.ANT" in line for line in error.broken)
    else:
        raise AssertionError("an inconsistent table was published")


# ------------------------------------------------------------------ property

TABLES_BY_UNIVERSE = {
    "doorstroom": ("province", "year", "sector", "durability"),
    "doorstroomklaar_advices": ("instrument", "year", "province", "age_band"),
    "trajectories_started": ("year", "province", "partner", "status"),
}
CATEGORIES = {
    "province": ("ANT", "LIM", "OVL", "BRU"),
    "year": tuple(YEARS),
    "sector": ("47", "88", "onbekend"),
    "durability": ("durable", "pending", "niet_duurzaam"),
    "instrument": ("CM", "LDE"),
    "age_band": ("<25", "25-54", "55+", "onbekend"),
    "partner": ("Argos", "In-Z", "Emino vzw"),
    "status": ("nec_zonder_wop", "nec_met_wop", "sec", "niet_aan_het_werk"),
}
FIXED = {
    "province": ("ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI", "onbekend"),
    "instrument": ("CM", "LDE"),
    "age_band": ("<25", "25-54", "55+", "onbekend"),
    "durability": ("durable", "pending", "niet_duurzaam"),
    "status": ("nec_zonder_wop", "nec_met_wop", "sec", "niet_aan_het_werk"),
}


def random_events(rng: random.Random, universe: str) -> list[dict[str, str]]:
    """Skewed random events, so that small cells and zeros occur."""
    count = rng.choice([0, 3, 15, 40, 90])
    weights = {
        dim: [rng.random() ** 3 for _ in CATEGORIES[dim]]
        for dim in TABLES_BY_UNIVERSE[universe]
    }
    return [
        {
            dim: rng.choices(CATEGORIES[dim], weights=weights[dim])[0]
            for dim in TABLES_BY_UNIVERSE[universe]
        }
        for _ in range(count)
    ]


def breakdown(events: Iterable[dict[str, str]], dim: str) -> dict[str, int]:
    counts = Counter(e[dim] for e in events)
    if dim == "year":
        return {y: counts[y] for y in YEARS}
    if dim in FIXED:
        return {c: counts[c] for c in FIXED[dim]}
    return {c: counts[c] for c in sorted(counts)}


def random_report(seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Indicators and tables aggregated from the same random events."""
    rng = random.Random(seed)
    events = {u: random_events(rng, u) for u in TABLES_BY_UNIVERSE}
    indicators: dict[str, Any] = {}
    dims = {
        "doorstroom": ("province", "year", "sector"),
        "doorstroomklaar_advices": ("instrument", "year", "province", "age_band"),
        "trajectories_started": ("year", "province", "partner"),
    }
    for universe, names in dims.items():
        indicators[universe] = {
            "total": len(events[universe]),
            "by": {d: breakdown(events[universe], d) for d in names},
        }
    indicators["durable_doorstroom_12m"] = {
        cls: {
            "total": len(part),
            "by": {d: breakdown(part, d) for d in dims["doorstroom"]},
        }
        for cls in FIXED["durability"]
        for part in [[e for e in events["doorstroom"] if e["durability"] == cls]]
    }
    # The open lists of the classes hold their own non-zero categories only.
    for cls_table in indicators["durable_doorstroom_12m"].values():
        cls_table["by"]["sector"] = {
            k: v for k, v in cls_table["by"]["sector"].items() if v
        }
    indicators["doorstroom"]["by"]["sector"] = {
        k: v for k, v in indicators["doorstroom"]["by"]["sector"].items() if v
    }
    indicators["trajectories_started"]["by"]["partner"] = {
        k: v
        for k, v in indicators["trajectories_started"]["by"]["partner"].items()
        if v
    }
    tables = {}
    for spec_name in (
        "doorstroom_province_year",
        "doorstroom_sector_year",
        "doorstroom_durability_year",
        "advices_province_year",
        "advices_age_year",
        "trajectories_started_partner_year",
        "trajectories_started_partner_status",
    ):
        spec = SPECS_BY_NAME[spec_name]
        counts = Counter(
            tuple(e[d] for d in spec.dimensions) for e in events[spec.indicator]
        )
        rows = [
            dict(zip(spec.dimensions, k, strict=True)) | {"n": n}
            for k, n in counts.items()
        ]
        tables[spec_name] = layout_table(spec, rows, YEARS)
    return indicators, tables


def published_counts(node: Any) -> Iterable[int]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in {"suppressed", "rate", "row_categories", "column_categories"}:
                yield from published_counts(value)
    elif isinstance(node, int) and not isinstance(node, bool):
        yield node


def check(seed: int, threshold: int, suppress_zeros: bool) -> None:
    indicators, tables = random_report(seed)
    result = suppress_with_tables(
        indicators, tables, threshold=threshold, suppress_zeros=suppress_zeros
    )
    for node in (result.indicators, result.tables):
        small = [n for n in published_counts(node) if 0 < n < threshold]
        assert small == [], small
        if suppress_zeros:
            assert 0 not in list(published_counts(node))
    assert (
        recoverable_table_cells(
            result.indicators,
            result.tables,
            indicators,
            tables,
            threshold=threshold,
            suppress_zeros=suppress_zeros,
        )
        == []
    )
    again = suppress_with_tables(
        indicators, tables, threshold=threshold, suppress_zeros=suppress_zeros
    )
    assert again.reasons == result.reasons  # deterministic


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(seed=st.integers(0, 10**6), suppress_zeros=st.booleans())
def test_no_small_published_count_and_nothing_recoverable(
    seed: int, suppress_zeros: bool
) -> None:
    check(seed, 10, suppress_zeros)


def test_the_random_reports_have_small_cells_to_protect() -> None:
    hidden = 0
    for seed in range(5):
        indicators, tables = random_report(seed)
        hidden += len(suppress_with_tables(indicators, tables).reasons)
    assert hidden > 20

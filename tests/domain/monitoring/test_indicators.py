"""Indicators on hand-built data sets, against hand-computed figures (DuckDB).

The data sets and their hand computation are in :mod:`.scenarios`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .builders import compute_for, write_dataset
from .scenarios import AS_OF, PERIOD, scenario

YEARS = ["2019", "2020", "2021", "2022", "2023"]


def run(
    tmp_path_factory: pytest.TempPathFactory, name: str, **options: Any
) -> dict[str, Any]:
    folder = write_dataset(tmp_path_factory.mktemp(name), **scenario(name))
    return compute_for(
        folder,
        as_of=options.pop("as_of", AS_OF),
        period_from=options.pop("period_from", PERIOD[0]),
        period_to=options.pop("period_to", PERIOD[1]),
        **options,
    )


def years(**counts: int) -> dict[str, int]:
    """``{"2019": 0, ..., "2023": 0}`` with the given years (``y2020=3``) filled."""
    return {year: counts.get(f"y{year}", 0) for year in YEARS}


def rate(numerator: int, denominator: int, value: float | None) -> dict[str, Any]:
    return {"numerator": numerator, "denominator": denominator, "rate": value}


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run(tmp_path_factory, "window")


def test_window_counts_its_last_day_and_not_the_day_after(
    window: dict[str, Any],
) -> None:
    # 2020-08-31 + 24 months = 2022-08-31; 2020-02-29 + 24 months = 2022-02-28.
    door = window["doorstroom"]
    assert door["total"] == 2
    assert door["by"]["year"] == years(y2022=2)
    assert door["by"]["instrument"] == {"CM": 1, "LDE": 1, "IM": 0}


def test_rate_counts_ended_dossiers_by_end_date(window: dict[str, Any]) -> None:
    rates = window["doorstroom_rate"]
    assert rates["total"] == rate(2, 4, 0.5)
    assert rates["by"]["year"]["2020"] == rate(2, 4, 0.5)
    assert rates["by"]["year"]["2022"] == rate(0, 0, None)
    assert rates["by"]["instrument"]["LDE"] == rate(1, 2, 0.5)


def test_work_starting_before_the_dossier_end_and_nec_work_with_a_wop(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    result = run(tmp_path_factory, "overlap")
    # Only o1: running NEC work since 2019 gives doorstroom on 2020-07-01.
    assert result["doorstroom"]["total"] == 1
    assert result["doorstroom"]["by"]["year"] == years(y2020=1)
    assert result["doorstroom_rate"]["total"] == rate(1, 3, 0.3333)


def test_pending_dossiers_and_dates_after_as_of(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    result = run(tmp_path_factory, "pending")
    assert result["doorstroom"]["total"] == 1
    assert result["doorstroom"]["by"]["year"] == years(y2023=1)
    rates = result["doorstroom_rate"]
    assert rates["total"] == rate(1, 1, 1.0)
    assert rates["by"]["year"] == {
        "2019": rate(0, 0, None),
        "2020": rate(0, 0, None),
        "2021": rate(1, 1, 1.0),
        "2022": rate(0, 0, None),
        "2023": rate(0, 0, None),
    }


def test_an_earlier_as_of_turns_a_doorstroom_into_pending(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # With as_of 2023-06-29, q5's work (from 2023-06-30) is not known yet.
    result = run(
        tmp_path_factory,
        "pending",
        as_of=AS_OF.replace(day=29),
        period_to=AS_OF.replace(day=29),
    )
    assert result["doorstroom"]["total"] == 0
    assert result["doorstroom_rate"]["total"] == rate(0, 0, None)


@pytest.fixture(scope="module")
def durable(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run(tmp_path_factory, "durability")


def test_durability_gap_pending_and_month_end_rules(durable: dict[str, Any]) -> None:
    classes = durable["durable_doorstroom_12m"]
    assert classes["durable"]["total"] == 3
    assert classes["durable"]["by"]["year"] == years(y2020=1, y2021=2)
    assert classes["pending"]["total"] == 2
    assert classes["pending"]["by"]["year"] == years(y2023=2)
    assert classes["niet_duurzaam"]["total"] == 3
    assert classes["niet_duurzaam"]["by"]["year"] == years(y2021=2, y2023=1)


def test_durability_classes_add_up_to_doorstroom_cell_by_cell(
    durable: dict[str, Any],
) -> None:
    door = durable["doorstroom"]
    classes = durable["durable_doorstroom_12m"]
    assert door["total"] == 8
    for dim, cells in door["by"].items():
        for category, count in cells.items():
            parts = [classes[c]["by"][dim].get(category, 0) for c in classes]
            assert sum(parts) == count, (dim, category)


def test_a_32_day_gap_breaks_the_run_and_31_does_not(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # Only u1 (31 days) and u2 (32 days), reported for 2021.
    result = run(
        tmp_path_factory,
        "durability",
        period_from=PERIOD[0].replace(year=2021),
        period_to=PERIOD[0].replace(year=2021, month=1, day=31),
    )
    classes = result["durable_doorstroom_12m"]
    assert (classes["durable"]["total"], classes["niet_duurzaam"]["total"]) == (1, 1)


def test_ties_unknowns_and_leap_day_birthdays(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    door = run(tmp_path_factory, "demography")["doorstroom"]
    assert door["total"] == 4
    assert door["by"]["sector"] == {"47": 3, "onbekend": 1}
    assert door["by"]["age_band"] == {"<25": 1, "25-54": 1, "55+": 1, "onbekend": 1}
    assert door["by"]["province"] == {
        "ANT": 0,
        "LIM": 1,
        "OVL": 0,
        "VBR": 0,
        "WVL": 0,
        "BRU": 1,
        "BUI": 1,
        "onbekend": 1,
    }
    assert door["by"]["sex"] == {"M": 0, "V": 2, "X": 1, "onbekend": 1}
    assert door["by"]["instrument"] == {"CM": 3, "LDE": 0, "IM": 1}


def test_undated_advices_left_out_by_default(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    advices = run(tmp_path_factory, "advices")["doorstroomklaar_advices"]
    assert advices == {
        "total": 1,
        "by": {
            "instrument": {"CM": 1, "LDE": 0},
            "year": years(y2020=1),
            "province": {
                "ANT": 0,
                "LIM": 0,
                "OVL": 1,
                "VBR": 0,
                "WVL": 0,
                "BRU": 0,
                "BUI": 0,
                "onbekend": 0,
            },
            "age_band": {"<25": 1, "25-54": 0, "55+": 0, "onbekend": 0},
        },
    }


def test_undated_advices_counted_under_onbekend_when_asked(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    advices = run(tmp_path_factory, "advices", include_undated=True)[
        "doorstroomklaar_advices"
    ]
    assert advices["total"] == 2
    assert advices["by"]["instrument"] == {"CM": 1, "LDE": 1}
    assert advices["by"]["year"] == {**years(y2020=1), "onbekend": 1}
    # The undated advice takes its age on as_of: 27.
    assert advices["by"]["age_band"] == {"<25": 1, "25-54": 1, "55+": 0, "onbekend": 0}


def test_trajectories_started_and_ended(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    result = run(tmp_path_factory, "trajectories")
    started = result["trajectories_started"]
    assert started["total"] == 2
    assert started["by"]["year"] == years(y2019=1, y2020=1)
    assert started["by"]["partner"] == {"Argos": 1, "In-Z": 1}
    ended = result["trajectories_ended"]
    assert ended["total"] == 2
    assert ended["by"]["end_reason"] == {
        "werk_nec": 1,
        "werk_sec": 0,
        "stopzetting_werknemer": 0,
        "stopzetting_partner": 0,
        "ziekte": 0,
        "andere": 1,
    }
    assert ended["by"]["stage"] == {"zonder_stage": 1, "met_stage": 1}
    assert ended["by"]["year"] == years(y2019=1, y2020=1)
    assert ended["by"]["partner"] == {"Argos": 2}


def test_status_at_as_of_and_employer_rule(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    status = run(tmp_path_factory, "status")["status_at_as_of"]
    assert status == {
        "total": 7,
        "by": {
            "status": {
                "nec_zonder_wop": 3,
                "nec_met_wop": 1,
                "sec": 2,
                "niet_aan_het_werk": 1,
            },
            "employer": {"zelfde_werkgever": 3, "andere_werkgever": 3},
        },
    }


def test_status_ignores_the_report_period(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    status = run(
        tmp_path_factory,
        "status",
        period_from=PERIOD[0].replace(year=2010),
        period_to=PERIOD[0].replace(year=2010, month=12, day=31),
    )["status_at_as_of"]
    assert status["total"] == 7


def test_sec_nec_sec_months_to_return(tmp_path_factory: pytest.TempPathFactory) -> None:
    returns = run(tmp_path_factory, "returns")["sec_nec_sec"]
    assert returns["total"] == 5
    assert returns["months_to_return"] == {"0-5": 2, "6-11": 1, "12-23": 1, "24+": 1}
    assert returns["by"]["year"] == years(y2020=1, y2021=4)
    assert returns["by"]["instrument"] == {"CM": 4, "LDE": 1, "IM": 0}


def test_empty_data_gives_zeros_and_absent_rates(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path, **{"employers": scenario("window")["employers"]})
    result = compute_for(
        folder, as_of=AS_OF, period_from=PERIOD[0], period_to=PERIOD[1]
    )
    assert result["doorstroom"]["total"] == 0
    assert result["doorstroom"]["by"]["year"] == years()
    assert result["doorstroom"]["by"]["sector"] == {}
    assert result["doorstroom_rate"]["total"] == rate(0, 0, None)
    assert result["status_at_as_of"]["by"]["status"]["niet_aan_het_werk"] == 0
    assert list(result) == [
        "doorstroom",
        "doorstroom_rate",
        "sec_nec_sec",
        "durable_doorstroom_12m",
        "doorstroomklaar_advices",
        "trajectories_started",
        "trajectories_ended",
        "status_at_as_of",
    ]


def test_event_tables_carry_fairness_columns_and_count_by_any_dims(
    tmp_path: Path,
) -> None:
    from doorstroom.domain.monitoring.events import count_by, doorstroom_events
    from doorstroom.domain.monitoring.loading import load_tables

    from .builders import dossier, employer, person, spell

    folder = write_dataset(
        tmp_path,
        persons=[person("e1", education="laag", sex="V"), person("e2", education=None)],
        employers=[employer("sec", circuit="SEC"), employer("nec", nace="01.1")],
        wop_dossiers=[
            # 730 + 547 days = 3.5 years in the social economy by 2013-06-30.
            dossier("de1", "e1", "2010-01-01", "2011-12-31"),
            dossier("de2", "e1", "2012-01-01", "2013-06-30", instrument="LDE"),
            dossier("de3", "e2", "2019-01-01", "2019-06-30"),
        ],
        employment=[
            spell("se1", "e1", "2013-07-01", "2013-09-30"),
            spell("se2", "e2", "2019-07-01"),
        ],
    )
    tables = load_tables(folder)
    events = doorstroom_events(tables, AS_OF)
    rows = sorted(
        events.select(
            "dossier_id",
            "education",
            "sex",
            "se_years",
            "dossier_employer_id",
            "nec_employer_id",
            "sector",
            "durability",
        )
        .to_pyarrow()
        .to_pylist(),
        key=lambda row: row["dossier_id"],
    )
    assert rows == [
        # se1 (from 2013-07-01) lies within 24 months of both de1 and de2.
        {
            "dossier_id": "de1",
            "education": "laag",
            "sex": "V",
            "se_years": "<2",
            "dossier_employer_id": "sec",
            "nec_employer_id": "nec",
            "sector": "01",
            "durability": "niet_duurzaam",
        },
        {
            "dossier_id": "de2",
            "education": "laag",
            "sex": "V",
            "se_years": "2-4",
            "dossier_employer_id": "sec",
            "nec_employer_id": "nec",
            "sector": "01",
            "durability": "niet_duurzaam",
        },
        {
            "dossier_id": "de3",
            "education": "onbekend",
            "sex": "M",
            "se_years": "<2",
            "dossier_employer_id": "sec",
            "nec_employer_id": "nec",
            "sector": "01",
            "durability": "durable",
        },
    ]
    cross = count_by(
        events, date(2013, 1, 1), date(2019, 12, 31), ["instrument", "year"]
    )
    assert sorted(
        cross.to_pyarrow().to_pylist(), key=lambda r: (r["instrument"], r["year"])
    ) == [
        {"instrument": "CM", "year": "2013", "n": 1},
        {"instrument": "CM", "year": "2019", "n": 1},
        {"instrument": "LDE", "year": "2013", "n": 1},
    ]


def test_rates_round_half_up_to_four_decimals() -> None:
    from doorstroom.domain.monitoring.indicators import rate_value

    assert rate_value(1, 32) == 0.0313  # 0.03125 exactly
    assert rate_value(1, 3) == 0.3333
    assert rate_value(2, 3) == 0.6667
    assert rate_value(0, 5) == 0.0
    assert rate_value(0, 0) is None


def test_stacked_query_gives_the_rows_of_the_separate_queries(
    tmp_path: Path,
) -> None:
    """DuckDB runs every count as one stacked query compiled without select
    fusion; the rows are those of the queries run one by one (compiled as Ibis
    does by default), and Ibis' global option is left as it was."""
    import ibis

    from doorstroom.domain.monitoring.events import EventBuilder, count_by
    from doorstroom.domain.monitoring.indicators import fetch_all
    from doorstroom.domain.monitoring.loading import load_tables

    from .scenarios import all_scenarios

    tables = load_tables(write_dataset(tmp_path, **all_scenarios()))
    events = EventBuilder(tables, AS_OF, cache=False)
    queries = {
        "doorstroom": count_by(
            events.doorstroom(), *PERIOD, ["province", "year", "durability", "sector"]
        ),
        "rate": count_by(events.doorstroom_rate(), *PERIOD, ["outcome", "age_band"]),
        "returns": count_by(events.sec_nec_sec(), *PERIOD, ["months_bucket"]),
        "status": count_by(events.status_at_as_of(), None, None, ["status"]),
    }

    def as_set(rows: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
        return {
            name: {repr(sorted(row.items())) for row in found}
            for name, found in rows.items()
        }

    assert ibis.options.sql.fuse_selects is True
    stacked = fetch_all(queries, stacked=True)
    assert ibis.options.sql.fuse_selects is True
    separate = fetch_all(queries, stacked=False)
    assert all(stacked.values())
    assert as_set(stacked) == as_set(separate)


def test_the_collector_is_paused_while_computing_and_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from doorstroom.domain.monitoring import indicators
    from doorstroom.domain.monitoring.loading import load_tables

    tables = load_tables(write_dataset(tmp_path, **scenario("window")))
    seen: list[bool] = []
    real_fetch = indicators.fetch_all

    def recording_fetch(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(indicators, "fetch_all", recording_fetch)
    assert gc.isenabled()
    indicators.compute_indicators(tables, as_of=AS_OF, **PERIOD_KW)
    assert seen == [False]
    assert gc.isenabled()

    gc.disable()
    try:
        indicators.compute_indicators(tables, as_of=AS_OF, **PERIOD_KW)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(KeyError):
        indicators.compute_indicators(
            {"x": tables["persons"]}, as_of=AS_OF, **PERIOD_KW
        )
    assert gc.isenabled()


PERIOD_KW = {"period_from": PERIOD[0], "period_to": PERIOD[1]}

"""Disclosure control (contract §4) on hand-built indicator objects."""

from __future__ import annotations

import copy
import json

import pytest

from doorstroom.domain.monitoring.suppression import (
    Cell,
    InconsistentIndicatorsError,
    build_model,
    exact_figures,
    may_see_exact_figures,
    pad_empty_breakdowns,
    publish,
    recoverable_cells,
    suppress,
)


def counts(total: int, **by: dict[str, int]) -> dict:
    return {"total": total, "by": dict(by)}


def rate(numerator: int, denominator: int) -> dict:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": round(numerator / denominator, 4) if denominator else None,
    }


# ------------------------------------------------------------------ primary


def test_counts_from_1_to_k_minus_1_are_suppressed_zero_and_k_are_not():
    # given: a breakdown with 0, 1, 9, 10 and 30
    indicators = {
        "trajectories_started": counts(
            50, year={"2019": 0, "2020": 1, "2021": 9, "2022": 10, "2023": 30}
        )
    }
    # when
    published = suppress(indicators).indicators["trajectories_started"]
    # then: 1 and 9 are primary; the relation still has two hidden cells
    assert published["by"]["year"] == {
        "2019": 0,
        "2020": None,
        "2021": None,
        "2022": 10,
        "2023": 30,
    }
    assert published["total"] == 50
    assert published["suppressed"] == {"year": {"2020": "below 10", "2021": "below 10"}}


def test_the_threshold_is_a_parameter():
    indicators = {"trajectories_started": counts(20, year={"2019": 4, "2020": 16})}
    published = suppress(indicators, threshold=5).indicators["trajectories_started"]
    assert published["suppressed"]["year"]["2019"] == "below 5"
    assert published["by"]["year"] == {"2019": None, "2020": None}
    assert published["suppressed"]["year"]["2020"] == (
        "secondary: protects trajectories_started.year.2019"
    )


def test_zeros_are_suppressed_only_on_request_with_the_same_reason():
    indicators = {
        "trajectories_started": counts(40, year={"2019": 0, "2020": 20, "2021": 20})
    }
    plain = suppress(indicators).indicators["trajectories_started"]
    assert plain["by"]["year"] == {"2019": 0, "2020": 20, "2021": 20}
    assert plain["suppressed"] == {}

    zeros = suppress(indicators, suppress_zeros=True).indicators["trajectories_started"]
    # The zero hides under the same reason as a small count, so the reason does
    # not give it away; it needs a second cell as any suppressed cell does.
    assert zeros["suppressed"]["year"]["2019"] == "below 10"
    assert zeros["by"]["year"]["2019"] is None
    assert zeros["by"]["year"]["2020"] is None
    assert zeros["suppressed"]["year"]["2020"] == (
        "secondary: protects trajectories_started.year.2019"
    )


# ---------------------------------------------------------------- secondary


def test_secondary_takes_the_smallest_remaining_non_zero_cell():
    indicators = {
        "doorstroomklaar_advices": counts(
            95,
            province={
                "ANT": 40,
                "LIM": 0,
                "OVL": 13,
                "VBR": 25,
                "WVL": 12,
                "BRU": 5,
            },
        )
    }
    published = suppress(indicators).indicators["doorstroomklaar_advices"]
    assert published["by"]["province"] == {
        "ANT": 40,
        "LIM": 0,
        "OVL": 13,
        "VBR": 25,
        "WVL": None,
        "BRU": None,
    }
    assert published["suppressed"] == {
        "province": {
            "BRU": "below 10",
            "WVL": "secondary: protects doorstroomklaar_advices.province.BRU",
        }
    }


def test_ties_are_broken_by_the_cell_label():
    indicators = {
        "trajectories_started": counts(
            39, partner={"Zeta": 12, "Alfa": 12, "Mid": 12, "Klein": 3}
        )
    }
    published = suppress(indicators).indicators["trajectories_started"]
    # Alfa < Mid < Zeta in code-point order.
    assert published["by"]["partner"] == {
        "Zeta": 12,
        "Alfa": None,
        "Mid": 12,
        "Klein": None,
    }


def test_a_zero_beside_the_hidden_cell_is_never_taken():
    indicators = {
        "trajectories_started": counts(
            14,
            year={"2019": 0, "2020": 0, "2021": 14},
            province={"ANT": 0, "LIM": 3, "OVL": 11},
        )
    }
    published = suppress(indicators).indicators["trajectories_started"]
    # LIM is primary; ANT is zero, so OVL is the second cell. The year
    # breakdown and the total stay: 14 = 0 + 0 + 14 reveals no hidden cell.
    assert published["by"]["province"] == {"ANT": 0, "LIM": None, "OVL": None}
    assert published["total"] == 14
    assert published["by"]["year"] == {"2019": 0, "2020": 0, "2021": 14}


def test_two_small_cells_protect_each_other_under_a_shown_total():
    indicators = {
        "trajectories_started": counts(12, year={"2019": 12}, partner={"A": 3, "B": 9})
    }
    published = suppress(indicators).indicators["trajectories_started"]
    assert published["by"]["partner"] == {"A": None, "B": None}
    assert published["total"] == 12


def test_total_fallback_and_propagation_through_linked_tables():
    # given: doorstroom 32 (ANT 20, BRU 12) = durable 15 (ANT 3, BRU 12)
    #        + pending 17 (ANT 17, BRU 0) + niet_duurzaam 0
    indicators = {
        "doorstroom": counts(32, province={"ANT": 20, "BRU": 12}),
        "durable_doorstroom_12m": {
            "durable": counts(15, province={"ANT": 3, "BRU": 12}),
            "pending": counts(17, province={"ANT": 17, "BRU": 0}),
            "niet_duurzaam": counts(0, province={"ANT": 0, "BRU": 0}),
        },
    }
    # when
    result = suppress(indicators)
    # then, step by step (relations in name order):
    assert result.reasons == {
        # primary
        "durable_doorstroom_12m.durable.province.ANT": "below 10",
        # durable: 15 = ANT + BRU -> the other part
        "durable_doorstroom_12m.durable.province.BRU": (
            "secondary: protects durable_doorstroom_12m.durable.province.ANT"
        ),
        # link ANT: doorstroom ANT 20 = durable ANT + pending ANT 17 + 0
        "durable_doorstroom_12m.pending.province.ANT": (
            "secondary: protects durable_doorstroom_12m.durable.province.ANT"
        ),
        # link BRU: doorstroom BRU = durable BRU + 0 + 0: no part left, so the
        # whole (the doorstroom cell) goes
        "doorstroom.province.BRU": (
            "secondary: protects durable_doorstroom_12m.durable.province.BRU"
        ),
        "doorstroom.province.ANT": "secondary: protects doorstroom.province.BRU",
        # pending: total 17 = ANT + 0: no part left, so the total goes ...
        "durable_doorstroom_12m.pending.total": (
            "secondary: protects durable_doorstroom_12m.pending.province.ANT"
        ),
        # ... and propagates: doorstroom 32 = durable + pending + niet (0)
        "durable_doorstroom_12m.durable.total": (
            "secondary: protects durable_doorstroom_12m.pending.total"
        ),
    }
    assert result.indicators["doorstroom"]["total"] == 32
    assert recoverable_cells(result.indicators, indicators) == []


def test_a_single_category_breakdown_hides_with_its_total():
    indicators = {
        "trajectories_started": counts(
            6,
            year={"2019": 0, "2020": 6},
            province={"ANT": 6, "BRU": 0},
        )
    }
    result = suppress(indicators)
    published = result.indicators["trajectories_started"]
    assert published["total"] is None
    assert published["by"]["year"] == {"2019": 0, "2020": None}
    assert published["by"]["province"] == {"ANT": None, "BRU": 0}
    assert set(result.reasons.values()) == {"below 10"}


def test_employer_breakdown_is_linked_to_the_statuses_at_work():
    indicators = {
        "status_at_as_of": {
            "total": 25,
            "by": {
                "status": {
                    "nec_zonder_wop": 20,
                    "nec_met_wop": 0,
                    "sec": 0,
                    "niet_aan_het_werk": 5,
                },
                "employer": {"zelfde_werkgever": 0, "andere_werkgever": 20},
            },
        }
    }
    result = suppress(indicators)
    published = result.indicators["status_at_as_of"]
    # niet_aan_het_werk 5 is primary; the smallest other non-zero part is
    # nec_zonder_wop (20); the employer relation (zelfde + andere =
    # nec_zonder_wop + nec_met_wop + sec) then has one hidden cell, so
    # andere_werkgever (20) goes too.
    assert published["by"]["status"] == {
        "nec_zonder_wop": None,
        "nec_met_wop": 0,
        "sec": 0,
        "niet_aan_het_werk": None,
    }
    assert published["by"]["employer"] == {
        "zelfde_werkgever": 0,
        "andere_werkgever": None,
    }
    assert published["total"] == 25
    assert published["suppressed"]["employer"]["andere_werkgever"] == (
        "secondary: protects status_at_as_of.status.nec_zonder_wop"
    )
    assert recoverable_cells(result.indicators, indicators) == []


def test_months_to_return_sum_to_the_total():
    indicators = {
        "sec_nec_sec": {
            "total": 12,
            "by": {
                "province": {"ANT": 12, "BRU": 0},
                "year": {"2020": 7, "2021": 5},
            },
            "months_to_return": {"0-5": 12, "6-11": 0, "12-23": 0, "24+": 0},
        }
    }
    result = suppress(indicators)
    published = result.indicators["sec_nec_sec"]
    # year: 7 and 5 are primary. Nothing forces more.
    assert published["by"]["year"] == {"2020": None, "2021": None}
    assert published["total"] == 12

    indicators["sec_nec_sec"]["months_to_return"] = {
        "0-5": 4,
        "6-11": 0,
        "12-23": 8,
        "24+": 0,
    }
    result = suppress(indicators)
    published = result.indicators["sec_nec_sec"]
    assert published["months_to_return"] == {
        "0-5": None,
        "6-11": 0,
        "12-23": None,
        "24+": 0,
    }
    assert published["suppressed"]["months_to_return"] == {
        "0-5": "below 10",
        "12-23": "below 10",
    }


def test_suppressed_total_is_protected_in_every_relation_it_is_in():
    indicators = {
        "doorstroomklaar_advices": counts(
            8,
            instrument={"CM": 8, "LDE": 0},
            year={"2019": 3, "2020": 5},
        ),
        "sec_nec_sec": {
            "total": 30,
            "by": {"province": {"ANT": 30}},
            "months_to_return": {"0-5": 4, "6-11": 26, "12-23": 0, "24+": 0},
        },
    }
    result = suppress(indicators)
    advices = result.indicators["doorstroomklaar_advices"]
    assert advices["total"] is None
    assert advices["by"]["instrument"] == {"CM": None, "LDE": 0}
    sec = result.indicators["sec_nec_sec"]
    # months_to_return: 0-5 is primary, 6-11 the only other non-zero bucket.
    assert sec["months_to_return"] == {"0-5": None, "6-11": None, "12-23": 0, "24+": 0}
    assert sec["suppressed"] == {
        "months_to_return": {
            "0-5": "below 10",
            "6-11": "secondary: protects sec_nec_sec.months_to_return.0-5",
        }
    }
    assert sec["total"] == 30


# -------------------------------------------------------------------- rates


def test_rate_parts_are_counts_and_the_rate_hides_with_them():
    indicators = {
        "doorstroom_rate": {
            "total": rate(60, 100),
            "by": {
                "province": {
                    "ANT": rate(35, 50),
                    "LIM": rate(20, 40),
                    "BRU": rate(5, 10),
                }
            },
        }
    }
    result = suppress(indicators)
    published = result.indicators["doorstroom_rate"]
    assert published["total"] == {"numerator": 60, "denominator": 100, "rate": 0.6}
    assert published["by"]["province"] == {
        "ANT": {"numerator": 35, "denominator": 50, "rate": 0.7},
        "LIM": {"numerator": None, "denominator": 40, "rate": None},
        "BRU": {"numerator": None, "denominator": 10, "rate": None},
    }
    assert published["suppressed"] == {
        "province": {
            "BRU": {"numerator": "below 10", "rate": "numerator suppressed"},
            "LIM": {
                "numerator": "secondary: protects doorstroom_rate.province.BRU.numerator",
                "rate": "numerator suppressed",
            },
        }
    }


def test_rate_with_both_parts_hidden_names_both():
    indicators = {
        "doorstroom_rate": {
            "total": rate(14, 60),
            "by": {
                "year": {"2020": rate(4, 8), "2021": rate(10, 52)},
            },
        }
    }
    published = suppress(indicators).indicators["doorstroom_rate"]
    assert published["by"]["year"]["2020"] == {
        "numerator": None,
        "denominator": None,
        "rate": None,
    }
    assert published["suppressed"]["year"]["2020"] == {
        "numerator": "below 10",
        "denominator": "below 10",
        "rate": "numerator and denominator suppressed",
    }
    # Both relations (numerators, denominators) got their second cell.
    assert published["by"]["year"]["2021"]["numerator"] is None
    assert published["by"]["year"]["2021"]["denominator"] is None


def test_rate_without_denominator_is_absent_but_not_suppressed():
    indicators = {
        "doorstroom_rate": {
            "total": rate(20, 20),
            "by": {"sex": {"M": rate(20, 20), "V": rate(0, 0)}},
        }
    }
    published = suppress(indicators).indicators["doorstroom_rate"]
    assert published["by"]["sex"]["V"] == {
        "numerator": 0,
        "denominator": 0,
        "rate": None,
    }
    assert published["suppressed"] == {}


# ----------------------------------------------------------- linked tables


def durability_indicators() -> dict:
    """Doorstroom 50 (ANT 45, BRU 5) split in durable 40, pending 6, niet 4."""
    return {
        "doorstroom": counts(50, province={"ANT": 45, "BRU": 5}, year={"2020": 50}),
        "durable_doorstroom_12m": {
            "durable": counts(40, province={"ANT": 36, "BRU": 4}, year={"2020": 40}),
            "pending": counts(6, province={"ANT": 6, "BRU": 0}, year={"2020": 6}),
            "niet_duurzaam": counts(4, province={"ANT": 3, "BRU": 1}, year={"2020": 4}),
        },
    }


def test_durability_classes_are_linked_to_doorstroom_cell_by_cell():
    indicators = durability_indicators()
    model = build_model(indicators)
    names = {r.name for r in model.relations}
    assert "durable_doorstroom_12m.total=classes" in names
    assert "durable_doorstroom_12m.province.BRU=classes" in names
    relation = next(
        r
        for r in model.relations
        if r.name == "durable_doorstroom_12m.province.BRU=classes"
    )
    assert relation.whole == (Cell("doorstroom", None, None, "province", "BRU"),)
    assert {c.group for c in relation.parts} == {"durable", "pending", "niet_duurzaam"}

    result = suppress(indicators)
    assert recoverable_cells(result.indicators, indicators) == []
    published = result.indicators
    # BRU is 5 in doorstroom: hidden, and ANT with it.
    assert published["doorstroom"]["by"]["province"] == {"ANT": None, "BRU": None}
    # The small classes are hidden; pending's total (6) and niet's (4) too,
    # so the year cells that equal them are hidden as well.
    assert published["durable_doorstroom_12m"]["pending"]["total"] is None
    assert published["durable_doorstroom_12m"]["pending"]["by"]["year"]["2020"] is None
    # Durable's total 40 = doorstroom 50 - pending - niet: with pending and
    # niet hidden, it cannot be derived; it may stay.
    durable = published["durable_doorstroom_12m"]["durable"]
    assert durable["total"] == 40
    assert durable["by"]["province"]["BRU"] is None


def test_without_the_link_a_class_would_give_a_doorstroom_cell_away():
    # The naive pattern: suppress only within each table. The audit finds
    # what the link between the tables gives away.
    indicators = {
        "doorstroom": counts(50, province={"ANT": 30, "LIM": 15, "BRU": 5}),
        "durable_doorstroom_12m": {
            "durable": counts(50, province={"ANT": 30, "LIM": 15, "BRU": 5}),
            "pending": counts(0, province={"ANT": 0, "LIM": 0, "BRU": 0}),
            "niet_duurzaam": counts(0, province={"ANT": 0, "LIM": 0, "BRU": 0}),
        },
    }
    naive = copy.deepcopy(indicators)
    naive["doorstroom"]["by"]["province"].update({"LIM": None, "BRU": None})
    naive["durable_doorstroom_12m"]["durable"]["by"]["province"].update(
        {"ANT": None, "BRU": None}
    )
    # Within each table two cells are hidden, yet durable LIM (15, published)
    # equals doorstroom LIM, and durable ANT equals doorstroom ANT (published).
    found = {c.cell: c.value for c in recoverable_cells(naive, indicators)}
    assert found == {
        "doorstroom.province.BRU": 5,
        "doorstroom.province.LIM": 15,
        "durable_doorstroom_12m.durable.province.ANT": 30,
        "durable_doorstroom_12m.durable.province.BRU": 5,
    }
    # The real pattern hides the same cells in both tables.
    published = suppress(indicators).indicators
    assert recoverable_cells(published, indicators) == []
    assert published["doorstroom"]["by"]["province"] == {
        "ANT": 30,
        "LIM": None,
        "BRU": None,
    }
    assert published["durable_doorstroom_12m"]["durable"]["by"]["province"] == {
        "ANT": 30,
        "LIM": None,
        "BRU": None,
    }


def test_doorstroom_and_the_rate_are_not_linked():
    # Events by doorstroom date vs dossiers by end date: no relation.
    indicators = {
        "doorstroom": counts(20, year={"2020": 20}),
        "doorstroom_rate": {
            "total": rate(20, 30),
            "by": {"year": {"2020": rate(20, 30)}},
        },
    }
    model = build_model(indicators)
    for relation in model.relations:
        indicators_in = {c.indicator for c in relation.cells}
        assert len(indicators_in) == 1, relation.name


# ------------------------------------------------------------------- audit


def test_audit_uses_upper_bounds_of_the_reasons():
    # A + B = 18 with both below 10 can only be 9 + 9.
    indicators = {"trajectories_started": counts(30, partner={"A": 9, "B": 9, "C": 12})}
    naive = copy.deepcopy(indicators)
    naive["trajectories_started"]["by"]["partner"].update({"A": None, "B": None})
    naive["trajectories_started"]["suppressed"] = {
        "partner": {"A": "below 10", "B": "below 10"}
    }
    found = recoverable_cells(naive, indicators)
    assert [(c.cell, c.value, c.lower, c.upper) for c in found] == [
        ("trajectories_started.partner.A", 9, 9.0, 9.0),
        ("trajectories_started.partner.B", 9, 9.0, 9.0),
    ]
    # With non-negativity alone, A + B = 18 leaves A anywhere in 0 .. 18.
    assert recoverable_cells(naive, indicators, use_reasons=False) == []
    # Suppression sees it and hides a third cell.
    result = suppress(indicators)
    assert result.indicators["trajectories_started"]["by"]["partner"] == {
        "A": None,
        "B": None,
        "C": None,
    }
    assert result.reasons["trajectories_started.partner.C"] == (
        "secondary: protects trajectories_started.partner.A"
    )
    assert recoverable_cells(result.indicators, indicators) == []


def test_audit_reports_a_cell_alone_in_its_relation():
    indicators = {"trajectories_started": counts(30, year={"2019": 4, "2020": 26})}
    naive = copy.deepcopy(indicators)
    naive["trajectories_started"]["by"]["year"]["2019"] = None
    found = recoverable_cells(naive, indicators, use_reasons=False)
    assert [(c.cell, c.value) for c in found] == [("trajectories_started.year.2019", 4)]


def test_audit_rejects_a_published_figure_that_differs():
    indicators = {"trajectories_started": counts(30, year={"2019": 4, "2020": 26})}
    wrong = copy.deepcopy(indicators)
    wrong["trajectories_started"]["by"]["year"]["2020"] = 25
    with pytest.raises(ValueError, match="published 25"):
        recoverable_cells(wrong, indicators)


def test_suppress_zeros_pins_no_zero_through_an_empty_open_list():
    # An empty open list says the total is 0; padded with a hidden 'onbekend'
    # it no longer does.
    indicators = {
        "doorstroom": counts(12, province={"ANT": 12}, sector={"47": 12}),
        "durable_doorstroom_12m": {
            "durable": counts(12, province={"ANT": 12}, sector={"47": 12}),
            "pending": counts(0, province={"ANT": 0}, sector={}),
            "niet_duurzaam": counts(0, province={"ANT": 0}, sector={}),
        },
    }
    padded = pad_empty_breakdowns(indicators)
    assert padded["durable_doorstroom_12m"]["pending"]["by"]["sector"] == {
        "onbekend": 0
    }
    assert padded["doorstroom"]["by"]["sector"] == {"47": 12, "onbekend": 0}
    result = suppress(indicators, suppress_zeros=True)
    pending = result.indicators["durable_doorstroom_12m"]["pending"]
    assert pending["total"] is None
    assert pending["by"]["sector"] == {"onbekend": None}
    assert recoverable_cells(result.indicators, indicators) == []


# --------------------------------------------------------- determinism etc.


def test_same_input_same_cells_whatever_the_key_order():
    indicators = durability_indicators()
    indicators["trajectories_started"] = counts(
        40, partner={"B": 3, "A": 12, "C": 25}, year={"2020": 40}
    )
    first = suppress(indicators)
    again = suppress(copy.deepcopy(indicators))
    assert json.dumps(first.indicators) == json.dumps(again.indicators)

    reordered = {
        name: copy.deepcopy(indicators[name]) for name in reversed(list(indicators))
    }
    reordered["trajectories_started"]["by"] = {
        "year": {"2020": 40},
        "partner": {"C": 25, "A": 12, "B": 3},
    }
    assert suppress(reordered).reasons.keys() == first.reasons.keys()


def test_input_is_left_untouched():
    indicators = durability_indicators()
    before = copy.deepcopy(indicators)
    suppress(indicators, suppress_zeros=True)
    assert indicators == before


def test_inconsistent_indicators_are_refused():
    indicators = {"trajectories_started": counts(30, year={"2019": 4, "2020": 20})}
    with pytest.raises(
        InconsistentIndicatorsError, match=r"trajectories_started.year: 30 != 24"
    ):
        suppress(indicators)
    with pytest.raises(InconsistentIndicatorsError, match="numerator"):
        suppress({"doorstroom_rate": {"total": rate(5, 3), "by": {}}})


def test_unknown_figures_are_refused_rather_than_published_unprotected():
    with pytest.raises(ValueError, match="unknown keys"):
        suppress({"trajectories_started": {"total": 3, "by": {}, "median": 4}})


# ------------------------------------------------------- exact figures gate


def test_exact_figures_only_when_asked_and_allowed():
    indicators = {"trajectories_started": counts(30, year={"2019": 4, "2020": 26})}
    assert may_see_exact_figures(has_exact_figures_permission=True) is True
    assert may_see_exact_figures(has_exact_figures_permission=False) is False

    exact = publish(indicators, exact_requested=True, exact_allowed=True)
    assert exact.applied is False
    assert exact.header() == {
        "threshold": 10,
        "applied": False,
        "suppress_zeros": False,
    }
    assert exact.indicators["trajectories_started"]["by"]["year"]["2019"] == 4

    denied = publish(indicators, exact_requested=True, exact_allowed=False)
    assert denied.applied is True
    assert denied.indicators["trajectories_started"]["by"]["year"]["2019"] is None

    not_asked = publish(indicators, exact_requested=False, exact_allowed=True)
    assert not_asked.applied is True
    assert not_asked.indicators["trajectories_started"]["by"]["year"]["2019"] is None


def test_exact_figures_keep_the_shape():
    indicators = durability_indicators()
    exact = exact_figures(indicators)
    assert exact.indicators["doorstroom"] == {
        **indicators["doorstroom"],
        "suppressed": {},
    }
    assert exact.indicators["durable_doorstroom_12m"]["pending"]["suppressed"] == {}
    assert exact.reasons == {}


def test_what_only_a_sharper_reader_could_pin_is_reported_not_published():
    # Total 2 = 1 + 1 with k = 3: everything is hidden and the contract's reader
    # learns nothing; a reader who takes the published zeros to mean "a hidden
    # cell is at least 1" knows the total is at least 2, so 2, so 1 + 1.
    indicators = {
        "trajectories_started": counts(2, year={"2019": 1, "2020": 1, "2021": 0})
    }
    result = suppress(indicators, threshold=3)
    published = result.indicators["trajectories_started"]
    assert published["total"] is None
    assert published["by"]["year"] == {"2019": None, "2020": None, "2021": 0}
    report = {"suppression": result.header(), "indicators": result.indicators}
    assert recoverable_cells(report, indicators) == []
    sharp = recoverable_cells(report, indicators, strict=True)
    assert [(c.cell, c.value) for c in sharp] == [
        ("trajectories_started.total", 2),
        ("trajectories_started.year.2019", 1),
        ("trajectories_started.year.2020", 1),
    ]
    assert result.residual == [c.cell for c in sharp]
    # Hiding the zeros takes that knowledge away.
    zeros = suppress(indicators, threshold=3, suppress_zeros=True)
    assert zeros.residual == []


def test_the_sharper_reader_is_served_where_a_cell_can_still_help():
    # A (below 10) + B (secondary, so at least 10) = 11 pins A = 1, B = 10 for
    # the sharper reader; a third cell takes that away.
    indicators = {
        "trajectories_started": counts(31, partner={"A": 1, "B": 10, "C": 20})
    }
    result = suppress(indicators)
    assert result.indicators["trajectories_started"]["by"]["partner"] == {
        "A": None,
        "B": None,
        "C": None,
    }
    assert result.reasons["trajectories_started.partner.C"] == (
        "secondary: protects trajectories_started.partner.A"
    )
    assert result.residual == []

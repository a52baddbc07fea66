"""At the default size, the monitoring engine's figures match the seeds (001, 003)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doorstroom.domain.synth import DEFAULT_PERSONS, SynthSummary

# 001: doorstroom 2019-2022 and SEC_NEC_SEC returns per province of residence.
DOORSTROOM_001 = {
    "ANT": 742,
    "LIM": 353,
    "OVL": 581,
    "VBR": 255,
    "WVL": 678,
    "BRU": 8,
    "BUI": 10,
}
RETURNS_001 = {
    "ANT": 150,
    "LIM": 63,
    "OVL": 105,
    "VBR": 44,
    "WVL": 123,
    "BRU": 2,
    "BUI": 0,
}
# 003: the 206 doorstroomklaar advices (LDE 9/77/74 + 2 undated, CM 12/19/11 + 2).
READY_PROVINCES_003 = {"ANT": 65, "LIM": 41, "OVL": 44, "VBR": 31, "WVL": 25}
READY_AGES_003 = {"<25": 3, "25-54": 154, "55+": 49}
# 003: ESF call 432 trajectories per partner (our fictional DP01-DP18), 2018 + 2019.
PARTNERS_003 = [1, 1, 4, 1, 7, 1, 2, 1, 1, 2, 5, 19, 15, 2, 1, 3, 1, 15]


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _assert_shares(
    found: dict[str, int], expected: dict[str, int], tolerance: float
) -> None:
    total_found = sum(found.values())
    total_expected = sum(expected.values())
    for province, count in expected.items():
        share = found.get(province, 0) / total_found
        assert share == pytest.approx(count / total_expected, abs=tolerance), province


def test_default_size_is_the_documented_flemish_size(
    default_population: tuple[Path, SynthSummary],
) -> None:
    _, summary = default_population
    assert DEFAULT_PERSONS == 60_000
    assert summary.persons == 60_000
    assert summary.unplaced_slots == 0
    # about ten employment spells per person (the monitoring benchmark's ratio)
    assert 9.0 <= summary.employment / summary.persons <= 11.0


def test_default_population_passes_the_contract_validation(
    default_population: tuple[Path, SynthSummary],
) -> None:
    from doorstroom.domain.monitoring.validation import validate_folder

    result = validate_folder(default_population[0])
    assert [problem.format_nl() for problem in result.problems] == []
    assert list(result.warnings) == []


def test_doorstroom_2019_2022_matches_001(report_2019_2022: dict[str, Any]) -> None:
    doorstroom = report_2019_2022["doorstroom"]
    assert doorstroom["total"] == pytest.approx(2627, rel=0.10)
    _assert_shares(doorstroom["by"]["province"], DOORSTROOM_001, 0.02)
    # unknown provinces exist but stay rare
    assert (
        0 < doorstroom["by"]["province"].get("onbekend", 0) < 0.01 * doorstroom["total"]
    )


def test_returns_2019_2022_match_001(report_2019_2022: dict[str, Any]) -> None:
    returns = report_2019_2022["sec_nec_sec"]
    assert returns["total"] == pytest.approx(487, rel=0.10)
    _assert_shares(returns["by"]["province"], RETURNS_001, 0.02)
    # most returns come within 24 months of the doorstroom
    months = returns["months_to_return"]
    assert months["0-5"] + months["6-11"] + months["12-23"] > 0.65 * returns["total"]


def test_transitions_are_mostly_durable(report_2019_2022: dict[str, Any]) -> None:
    durable = report_2019_2022["durable_doorstroom_12m"]
    total = report_2019_2022["doorstroom"]["total"]
    assert (
        sum(durable[kind]["total"] for kind in ("durable", "pending", "niet_duurzaam"))
        == total
    )
    assert 0.5 < durable["durable"]["total"] / total < 0.8


def test_doorstroom_rate_and_breakdowns_are_plausible(
    report_2019_2022: dict[str, Any],
) -> None:
    rate = report_2019_2022["doorstroom_rate"]["total"]["rate"]
    assert 0.15 < rate < 0.35
    by = report_2019_2022["doorstroom"]["by"]
    assert by["instrument"]["CM"] > by["instrument"]["LDE"] > 0
    assert all(
        500 < by["year"][year] < 800 for year in ("2019", "2020", "2021", "2022")
    )
    ages = by["age_band"]
    assert ages["25-54"] > 0.6 * sum(ages.values())
    assert 0.1 * sum(ages.values()) < ages["55+"] < ages["25-54"]
    assert 0 < ages["<25"] < 0.1 * sum(ages.values())
    # interim offices (NACE 78) and retail (47) are among the sectors people move to
    assert by["sector"]["78"] > 0 and by["sector"]["47"] > 0


def test_doorstroomklaar_advices_match_003(report_2018_2020: dict[str, Any]) -> None:
    advices = report_2018_2020["doorstroomklaar_advices"]
    assert advices["total"] == 206
    assert advices["by"]["instrument"] == {"CM": 44, "LDE": 162}
    assert {k: v for k, v in advices["by"]["year"].items() if v} == {
        "2018": 21,
        "2019": 96,
        "2020": 85,
        "onbekend": 4,
    }
    assert {
        k: v for k, v in advices["by"]["province"].items() if v
    } == READY_PROVINCES_003
    assert {k: v for k, v in advices["by"]["age_band"].items() if v} == READY_AGES_003


def test_advices_are_vdab_evaluations_since_2018(
    default_population: tuple[Path, SynthSummary],
) -> None:
    rows = _read(default_population[0], "advices")
    assert {row["instrument"] for row in rows} == {"CM", "LDE"}
    assert min(row["date"] for row in rows if row["date"]) >= "2018-01-01"
    early = [row for row in rows if not row["date"] or row["date"] <= "2019-12-31"]
    not_ready = [row for row in early if row["result"] == "niet_doorstroomklaar"]
    # 003: 357 evaluations in 2018, 2019 or of unknown date, 121 of them doorstroomklaar
    assert len(early) == 357
    assert len(not_ready) == 236


def test_esf_call_trajectories_match_003(report_november_2019: dict[str, Any]) -> None:
    started = report_november_2019["trajectories_started"]
    assert started["total"] == 82
    assert started["by"]["year"] == {"2018": 9, "2019": 73}
    partners = started["by"]["partner"]
    assert [partners.get(f"DP{n:02d}", 0) for n in range(1, 19)] == PARTNERS_003
    assert {k: v for k, v in started["by"]["province"].items() if v} == {
        "ANT": 17,
        "LIM": 22,
        "OVL": 23,
        "VBR": 14,
        "WVL": 6,
    }
    assert {k: v for k, v in started["by"]["age_band"].items() if v} == {
        "<25": 1,
        "25-54": 65,
        "55+": 16,
    }
    ended = report_november_2019["trajectories_ended"]
    assert ended["total"] == 30
    assert ended["by"]["stage"] == {"zonder_stage": 17, "met_stage": 13}
    assert ended["by"]["year"] == {"2018": 1, "2019": 29}


def test_partners_are_fictional(default_population: tuple[Path, SynthSummary]) -> None:
    partners = {
        row["partner_id"] for row in _read(default_population[0], "trajectories")
    }
    assert partners <= {f"DP{n:02d}" for n in range(1, 25)}
    assert len(partners) == 24


def test_trajectories_continue_after_the_call(report_2018_2020: dict[str, Any]) -> None:
    started = report_2018_2020["trajectories_started"]["by"]["year"]
    assert started["2020"] > 50


def test_advised_persons_mostly_still_work_with_the_same_employer(
    report_november_2019: dict[str, Any], report_2018_2020: dict[str, Any]
) -> None:
    for report, working_share, same_share in (
        (report_november_2019, 0.85, 0.75),
        (report_2018_2020, 0.6, 0.5),
    ):
        status = report["status_at_as_of"]
        total = status["total"]
        working = total - status["by"]["status"]["niet_aan_het_werk"]
        employer = status["by"]["employer"]
        assert working > working_share * total
        assert employer["zelfde_werkgever"] > same_share * total
        assert employer["zelfde_werkgever"] > employer["andere_werkgever"] > 0


def _age(birth: str, at: date) -> int:
    born = date.fromisoformat(birth)
    return at.year - born.year - ((at.month, at.day) < (born.month, born.day))


def test_person_attributes_look_like_the_seeds(
    default_population: tuple[Path, SynthSummary],
) -> None:
    persons = _read(default_population[0], "persons")
    total = len(persons)
    ages = [
        _age(row["birth_date"], date(2020, 1, 1))
        for row in persons
        if row["birth_date"]
    ]
    young = sum(age < 25 for age in ages) / len(ages)
    middle = sum(25 <= age <= 54 for age in ages) / len(ages)
    old = sum(age >= 55 for age in ages) / len(ages)
    assert young < 0.15 and middle > 0.55 and old > 0.1
    assert 0 < total - len(ages) < 0.01 * total
    assert {row["sex"] for row in persons} == {"M", "V", "X", ""}
    assert {row["education"] for row in persons} == {"laag", "midden", "hoog", ""}
    assert 0 < sum(not row["province"] for row in persons) < 0.02 * total


def test_employers_have_realistic_codes(
    default_population: tuple[Path, SynthSummary],
) -> None:
    employers = _read(default_population[0], "employers")
    assert {row["circuit"] for row in employers} == {"SEC", "NEC"}
    codes = [row["nace"] for row in employers]
    assert any("." in code and len(code) == 6 for code in codes)  # 47.111
    assert any(code.isdigit() and len(code) == 5 for code in codes)  # 47111
    assert any(len(code) == 4 and code[2] == "." for code in codes)  # 01.1
    assert "" in codes
    assert all(code == "" or code[:2].isdigit() for code in codes)
    interim = [
        row for row in employers if row["nace"].replace(".", "").startswith("782")
    ]
    assert interim and all(row["circuit"] == "NEC" for row in interim)


def test_generator_reads_the_definitions_like_the_engine(
    report_2019_2022: dict[str, Any],
) -> None:
    """The generator counts events with its own numpy reading of spec §3 to hit the
    seeds' totals exactly; the engine must find exactly those totals too."""
    assert report_2019_2022["doorstroom"]["total"] == 2627
    assert report_2019_2022["sec_nec_sec"]["total"] == 487
    provinces = report_2019_2022["sec_nec_sec"]["by"]["province"]
    assert {k: v for k, v in provinces.items() if v} == {
        k: v for k, v in RETURNS_001.items() if v
    }

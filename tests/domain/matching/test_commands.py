"""The ``bench matching`` and ``match-eval`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorstroom.cli import main
from doorstroom.domain.matching import person_to_dict
from tests.domain.matching.builders import person


def test_bench_matching_prints_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "bench",
                "matching",
                "--persons",
                "300",
                "--vacancies",
                "200",
                "--format",
                "json",
            ]
        )
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    assert (figures["persons"], figures["vacancies"], figures["k"]) == (300, 200, 10)
    assert figures["seconds"] >= figures["seconds_top_k_both_ways"] > 0
    assert figures["peak_memory_mb"] > 0
    assert figures["machine"]["cores"] >= 1
    assert 0 < figures["persons_with_a_list"] <= 300


def test_match_eval_synthetic(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["match-eval", "--synthetic", "--persons", "400", "--vacancies", "1500"])
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    assert figures["persons"] > 0
    assert 0 <= figures["random_precision_at_10"] <= figures["precision_at_10"] <= 1


def test_match_eval_on_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persons = tmp_path / "persons.json"
    persons.write_text(
        json.dumps([person_to_dict(person(levels={"accuracy": 3.0}))]), encoding="utf-8"
    )
    vacancies = tmp_path / "v.csv"
    vacancies.write_text(
        "id,title,employer_id,employer_name,sector,postcode,hours,shifts,physical_demands,"
        "language_level,reachable_by,requirements\n"
        "v1,A,e,E,logistics,9000,30,,,,,accuracy:4\n"
        "v2,B,e,E,logistics,9000,30,,,,,accuracy:3\n",
        encoding="utf-8",
    )
    outcomes = tmp_path / "o.csv"
    outcomes.write_text(
        "person_id,vacancy_id,status\np1,v1,refused\np1,v2,hired\n", encoding="utf-8"
    )
    args = ["match-eval", "--outcomes", str(outcomes), "--persons-file", str(persons)]
    assert main([*args, "--vacancies-file", str(vacancies)]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["mean_average_precision"] == 1.0
    assert figures["precision_at_10"] == 0.1
    assert main(args) == 2

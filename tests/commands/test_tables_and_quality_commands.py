"""``doorstroom report`` writes the cross tables and the quality summary;
``doorstroom import`` prints the data-quality summary in Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorstroom.cli import main
from tests.domain.monitoring.test_tables import build_folder

PERIOD = ["--from", "2019-01-01", "--to", "2022-12-31", "--as-of", "2023-06-30"]


def test_report_json_has_tables_and_quality(tmp_path: Path) -> None:
    folder = build_folder(tmp_path / "data")
    out = tmp_path / "report.json"
    code = main(
        [
            "report",
            "--data",
            str(folder),
            *PERIOD,
            "--out",
            str(out),
            "--no-suppression",
        ]
    )
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["tables"]["status_province"]["cells"]["sec"]["LIM"] == 1
    assert data["tables"]["trajectories_ended_year_stage"]["cells"]["2019"] == {
        "zonder_stage": 1,
        "met_stage": 0,
    }
    # Dates after as_of: none in this folder; four persons, one without work.
    assert data["quality"]["rows"]["persons"] == 4
    assert data["quality"]["persons_without_employment"] == 2


@pytest.mark.django_db(transaction=True)
def test_import_prints_the_quality_summary(tmp_path: Path, capsys) -> None:
    folder = build_folder(tmp_path / "data")
    assert main(["import", "--data", str(folder), "--as-of", "2020-12-31"]) == 0
    out = capsys.readouterr().out
    assert "Ingelezen / imported:" in out
    assert "Datakwaliteit (peildatum 2020-12-31):" in out
    assert "    - personen: 4\n" in out
    # As of 2020-12-31: d3 (2021-01-01), s3 and the advice of 2021 lie after it.
    assert "    - WOP-dossiers, startdatum: 1\n" in out
    # One undated advice (unknown) and one dated after as_of.
    assert out.count("    - adviezen, datum: 1\n") == 2
    assert "  Personen zonder enige tewerkstelling: 2\n" in out

"""``doorstroom report`` end to end (contract §5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorstroom.cli import main
from tests.domain.monitoring.builders import (
    advice,
    dossier,
    employer,
    person,
    spell,
    write_dataset,
)

PERIOD = ["--from", "2019-01-01", "--to", "2022-12-31", "--as-of", "2023-06-30"]


def write_small_dataset(folder: Path) -> Path:
    """40 CM dossiers ended 2020-06-30, each followed on 2020-09-01 by NEC work.

    Persons: 25 in Antwerpen, 3 in Limburg, 12 in Oost-Vlaanderen, all men
    born 1980-06-15. The first 11 of Antwerpen have a doorstroomklaar advice of
    2021-03-01. Expected, for 2019-2022 as of 2023-06-30: 40 doorstroom events
    (2020), all durable; the rate 40/40; 11 advices; 11 persons working in
    the NEC without WOP on the reference date, for another employer.
    """
    provinces = ["ANT"] * 25 + ["LIM"] * 3 + ["OVL"] * 12
    persons, dossiers, spells, advices = [], [], [], []
    for number, province in enumerate(provinces):
        pid = f"p{number:02d}"
        persons.append(person(pid, province=province))
        dossiers.append(dossier(f"d{number:02d}", pid, "2018-01-01", "2020-06-30"))
        spells.append(
            spell(
                f"w{number:02d}",
                pid,
                "2018-01-01",
                "2020-06-30",
                employer_id="sec",
                wop_dossier_id=f"d{number:02d}",
            )
        )
        spells.append(
            spell(f"n{number:02d}", pid, "2020-09-01", None, employer_id="nec")
        )
        if number < 11:
            advices.append(advice(f"a{number:02d}", pid, "2021-03-01"))
    return write_dataset(
        folder,
        persons=persons,
        employers=[
            employer("sec", circuit="SEC", nace="88.101"),
            employer("nec", circuit="NEC", nace="47.111"),
        ],
        wop_dossiers=dossiers,
        employment=spells,
        advices=advices,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_dataset(tmp_path_factory.mktemp("data"))


def run_report(data: Path, out: Path, *extra: str) -> int:
    return main(["report", "--data", str(data), *PERIOD, "--out", str(out), *extra])


def test_json_report_has_the_contract_shape_and_figures(data_dir, tmp_path, capsys):
    out = tmp_path / "report.json"
    # when
    code = run_report(data_dir, out, "--format", "json")
    # then
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert list(report)[:4] == ["as_of", "period", "suppression", "indicators"]
    assert report["as_of"] == "2023-06-30"
    assert report["period"] == {"from": "2019-01-01", "to": "2022-12-31"}
    assert report["suppression"]["threshold"] == 10
    assert report["suppression"]["applied"] is True
    indicators = report["indicators"]
    assert list(indicators) == [
        "doorstroom",
        "doorstroom_rate",
        "sec_nec_sec",
        "durable_doorstroom_12m",
        "doorstroomklaar_advices",
        "trajectories_started",
        "trajectories_ended",
        "status_at_as_of",
    ]
    doorstroom = indicators["doorstroom"]
    assert doorstroom["total"] == 40
    # Limburg (3) is below 10; Oost-Vlaanderen (12) hides with it.
    assert doorstroom["by"]["province"] == {
        "ANT": 25,
        "LIM": None,
        "OVL": None,
        "VBR": 0,
        "WVL": 0,
        "BRU": 0,
        "BUI": 0,
        "onbekend": 0,
    }
    assert doorstroom["suppressed"]["province"] == {
        "LIM": "below 10",
        "OVL": "secondary: protects doorstroom.province.LIM",
    }
    assert doorstroom["by"]["year"] == {"2019": 0, "2020": 40, "2021": 0, "2022": 0}
    assert doorstroom["by"]["instrument"] == {"CM": 40, "LDE": 0, "IM": 0}
    assert doorstroom["by"]["age_band"] == {
        "<25": 0,
        "25-54": 40,
        "55+": 0,
        "onbekend": 0,
    }
    assert doorstroom["by"]["sector"] == {"47": 40}

    rate = indicators["doorstroom_rate"]
    assert rate["total"] == {"numerator": 40, "denominator": 40, "rate": 1.0}
    assert rate["by"]["province"]["ANT"] == {
        "numerator": 25,
        "denominator": 25,
        "rate": 1.0,
    }
    assert rate["by"]["province"]["LIM"] == {
        "numerator": None,
        "denominator": None,
        "rate": None,
    }
    assert rate["suppressed"]["province"]["LIM"] == {
        "numerator": "below 10",
        "denominator": "below 10",
        "rate": "numerator and denominator suppressed",
    }

    durable = indicators["durable_doorstroom_12m"]
    assert durable["durable"]["total"] == 40
    assert durable["durable"]["by"]["province"]["ANT"] == 25
    assert durable["durable"]["by"]["province"]["LIM"] is None
    assert durable["pending"]["total"] == 0
    assert durable["niet_duurzaam"]["total"] == 0

    assert indicators["sec_nec_sec"]["total"] == 0
    assert indicators["sec_nec_sec"]["months_to_return"] == {
        "0-5": 0,
        "6-11": 0,
        "12-23": 0,
        "24+": 0,
    }
    advices = indicators["doorstroomklaar_advices"]
    assert advices["total"] == 11
    assert advices["by"]["instrument"] == {"CM": 11, "LDE": 0}
    assert advices["by"]["year"]["2021"] == 11
    status = indicators["status_at_as_of"]
    assert status["total"] == 11
    assert status["by"]["status"]["nec_zonder_wop"] == 11
    assert status["by"]["employer"] == {"zelfde_werkgever": 0, "andere_werkgever": 11}
    assert indicators["trajectories_started"]["total"] == 0
    assert "suppression applied" in capsys.readouterr().err


def test_no_suppression_gives_exact_figures_and_says_so(data_dir, tmp_path):
    out = tmp_path / "exact.json"
    assert run_report(data_dir, out, "--no-suppression") == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["suppression"]["applied"] is False
    assert report["suppression"]["threshold"] == 10
    assert "niet publiceren" in report["suppression"]["note"]
    assert report["indicators"]["doorstroom"]["by"]["province"]["LIM"] == 3
    assert report["indicators"]["doorstroom"]["suppressed"] == {}


def test_threshold_and_suppress_zeros_options(data_dir, tmp_path):
    out = tmp_path / "k3.json"
    assert run_report(data_dir, out, "--threshold", "3", "--suppress-zeros") == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["suppression"] == {
        "threshold": 3,
        "applied": True,
        "suppress_zeros": True,
    }
    doorstroom = report["indicators"]["doorstroom"]
    # The zeros are hidden now, as "below 3". Limburg (3) is not below 3, but
    # zeros hidden beside published cells would add up to 0 and be pinned, so
    # the smallest non-zero province goes too; and since a secondary cell is
    # known to be at least 3, Limburg = 40 - 25 - zeros would still be pinned,
    # so Oost-Vlaanderen goes as well.
    assert doorstroom["by"]["province"] == {
        "ANT": 25,
        "LIM": None,
        "OVL": None,
        "VBR": None,
        "WVL": None,
        "BRU": None,
        "BUI": None,
        "onbekend": None,
    }
    reasons = doorstroom["suppressed"]["province"]
    assert reasons["VBR"] == reasons["onbekend"] == "below 3"
    assert reasons["LIM"] == "secondary: protects doorstroom.province.BRU"
    assert reasons["OVL"].startswith("secondary: protects ")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "html"])
def test_other_formats_are_written(data_dir, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    assert run_report(data_dir, out, "--format", fmt) == 0
    content = out.read_bytes()
    if fmt == "csv":
        assert content.startswith(
            b"indicator,part,dimension,category,value,suppressed_reason"
        )
        assert b"doorstroom,count,province,LIM,,below 10" in content
    elif fmt == "xlsx":
        assert content[:2] == b"PK"
    else:
        assert b'<html lang="nl-BE">' in content
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_invalid_folder_exits_2_lists_problems_and_writes_nothing(tmp_path, capsys):
    # given: an unknown sex code on line 3 and a dossier of a missing person
    data = write_dataset(
        tmp_path / "bad",
        persons=[person("p1"), person("p2", sex="Q")],
        employers=[employer("sec", circuit="SEC")],
        wop_dossiers=[dossier("d1", "ghost", "2019-01-01")],
    )
    out = tmp_path / "report.json"
    # when
    code = run_report(data, out)
    # then
    assert code == 2
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad"]
    err = capsys.readouterr().err
    assert "persons.csv, regel 3, kolom 'sex'" in err
    assert "persons.csv, line 3, column 'sex'" in err
    assert "wop_dossiers.csv, regel 2, kolom 'person_id'" in err
    assert "wop_dossiers.csv, line 2, column 'person_id'" in err
    assert "no report was written" in err


def test_missing_file_exits_2(tmp_path, capsys):
    data = write_small_dataset(tmp_path / "data")
    (data / "advices.csv").unlink()
    out = tmp_path / "report.json"
    assert run_report(data, out) == 2
    assert not out.exists()
    assert "advices.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2019-13-01"], "not a date"),
        (["--as-of", "30/06/2023"], "not a date"),
        (["--format", "pdf"], "invalid choice"),
        (["--threshold", "0"], "at least 1"),
    ],
)
def test_bad_arguments_exit_2(data_dir, tmp_path, capsys, arguments, message):
    out = tmp_path / "report.json"
    argv = ["report", "--data", str(data_dir), *PERIOD, "--out", str(out), *arguments]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_period_backwards_exits_2(data_dir, tmp_path, capsys):
    out = tmp_path / "report.json"
    code = main(
        [
            "report",
            "--data",
            str(data_dir),
            "--from",
            "2022-01-01",
            "--to",
            "2021-12-31",
            "--as-of",
            "2023-06-30",
            "--out",
            str(out),
        ]
    )
    assert code == 2
    assert "is after --to" in capsys.readouterr().err
    assert not out.exists()


def test_out_must_be_a_file_in_an_existing_folder(data_dir, tmp_path, capsys):
    assert run_report(data_dir, tmp_path) == 2
    assert "--out is a folder" in capsys.readouterr().err
    assert run_report(data_dir, tmp_path / "missing" / "report.json") == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_rendering_leaves_no_file(data_dir, tmp_path, monkeypatch):
    import doorstroom.domain.monitoring.report as report_module

    def broken(report, fmt):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(report_module, "render", broken)
    out = tmp_path / "report.json"
    with pytest.raises(RuntimeError, match="renderer crashed"):
        run_report(data_dir, out)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_whole(data_dir, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old content", encoding="utf-8")
    assert run_report(data_dir, out) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2023-06-30"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_help_text_is_english_and_names_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = capsys.readouterr().out
    for option in (
        "--data",
        "--from",
        "--to",
        "--as-of",
        "--format",
        "--out",
        "--no-suppression",
        "--include-undated",
        "--backend",
        "--threshold",
        "--suppress-zeros",
    ):
        assert option in text
    assert "disclosure control" in text


def test_backend_option_reaches_the_loader(data_dir, tmp_path, monkeypatch):
    # The engines themselves are compared in the indicator tests (DuckDB and
    # PySpark); here only the wiring: --backend picks the loader's backend
    # and the report records it.
    import doorstroom.domain.monitoring.loading as loading

    real_load = loading.load_tables
    asked: list[str] = []

    def recording_load(path, backend="duckdb", **kwargs):
        asked.append(backend)
        tables = real_load(path, "duckdb", **kwargs)
        tables.backend = backend
        return tables

    monkeypatch.setattr(loading, "load_tables", recording_load)
    out = tmp_path / "report.json"
    assert run_report(data_dir, out, "--backend", "spark") == 0
    assert asked == ["spark"]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["options"] == {"include_undated": False, "backend": "spark"}
    assert report["indicators"]["doorstroom"]["total"] == 40

"""``generate`` and ``doorstroom synth``: determinism, contract validity, extras."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from doorstroom import cli
from doorstroom.domain.synth import generate, generator
from doorstroom.domain.synth.generator import calibrated_subset

CONTRACT_FILES = (
    "persons",
    "employers",
    "wop_dossiers",
    "employment",
    "advices",
    "trajectories",
)

# Main postcode ranges per province (bpost): residence and postcode must agree.
POSTCODE_RANGES = {
    "BRU": [(1000, 1299)],
    "VBR": [(1500, 1999), (3000, 3499)],
    "ANT": [(2000, 2999)],
    "LIM": [(3500, 3999)],
    "WVL": [(8000, 8999)],
    "OVL": [(9000, 9999)],
    "BUI": [(1300, 1499), (4000, 7999)],
}

# The organisations named in 003: synthetic data is never attributed to them.
REAL_PARTNERS_003 = (
    "Levanto", "Argos", "Web", "Loca", "Buurtservice", "BLM", "Mentor", "GOB", "Synkroon",
    "Compaan", "Intro", "Gent", "In-Z", "Televil", "Jomi", "Wroeter", "Werkmaat", "Emino",
)  # fmt: skip


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 1,000 persons, so that a small population spans several chunks."""
    monkeypatch.setattr(generator, "CHUNK_SIZE", 1_000)


@pytest.mark.usefixtures("small_chunks")
def test_same_size_and_seed_give_byte_identical_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", persons=3_500, seed=7, app_extras=True)
    second = generate(tmp_path / "b", persons=3_500, seed=7, app_extras=True)
    assert first == second
    names = [*CONTRACT_FILES, "identities", "partners", "organisations"]
    for name in names:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (
            tmp_path / "b" / f"{name}.csv"
        ).read_bytes(), name
    other = generate(tmp_path / "c", persons=3_500, seed=8)
    assert (tmp_path / "c" / "employment.csv").read_bytes() != (
        tmp_path / "a" / "employment.csv"
    ).read_bytes()
    assert other.persons == 3_500


def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    # another interpreter, another string hash seed, the command line: same bytes
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    command = [
        sys.executable,
        "-m",
        "doorstroom.cli",
        "synth",
        "--out",
        str(tmp_path / "cli"),
    ]
    subprocess.run(
        [*command, "--persons", "2000", "--seed", "6"],
        check=True,
        env=environment,
        capture_output=True,
    )
    generate(tmp_path / "api", persons=2_000, seed=6)
    for name in CONTRACT_FILES:
        assert (tmp_path / "cli" / f"{name}.csv").read_bytes() == (
            tmp_path / "api" / f"{name}.csv"
        ).read_bytes(), name


@pytest.mark.usefixtures("small_chunks")
def test_output_passes_the_contract_validation(tmp_path: Path) -> None:
    from doorstroom.domain.monitoring.validation import validate_folder

    summary = generate(tmp_path, persons=4_200, seed=3)
    result = validate_folder(tmp_path)
    assert [problem.format_nl() for problem in result.problems] == []
    assert summary.persons == len(_rows(tmp_path, "persons")) == 4_200
    assert summary.employment == len(_rows(tmp_path, "employment"))


@pytest.mark.usefixtures("small_chunks")
def test_histories_are_consistent(tmp_path: Path) -> None:
    generate(tmp_path, persons=2_500, seed=5)
    dossiers = {row["dossier_id"]: row for row in _rows(tmp_path, "wop_dossiers")}
    circuit = {
        row["employer_id"]: row["circuit"] for row in _rows(tmp_path, "employers")
    }
    spells = _rows(tmp_path, "employment")
    for spell in spells:
        assert spell["end_date"] >= "2010-01-01" or not spell["end_date"]
        assert spell["start_date"] <= "2024-12-31"
        dossier = dossiers.get(spell["wop_dossier_id"])
        if dossier is None:
            continue
        # a spell under a WOP lies within its dossier, with the dossier's employer
        assert dossier["person_id"] == spell["person_id"]
        assert dossier["employer_id"] == spell["employer_id"]
        assert dossier["start_date"] <= spell["start_date"]
        assert (
            not dossier["end_date"]
            or spell["end_date"]
            and spell["end_date"] <= dossier["end_date"]
        )
    for dossier in dossiers.values():
        expected = "NEC" if dossier["instrument"] == "IM" else "SEC"
        assert circuit[dossier["employer_id"]] == expected
    linked = {spell["wop_dossier_id"] for spell in spells}
    assert set(dossiers) <= linked
    hours = {spell["hours_per_week"] for spell in spells}
    assert {"38", "19", "30.4", ""} <= hours
    instruments = {dossier["instrument"] for dossier in dossiers.values()}
    assert instruments == {"CM", "LDE", "IM"}
    im_starts = [d["start_date"] for d in dossiers.values() if d["instrument"] == "IM"]
    assert min(im_starts) >= "2023-07-01"


def test_app_extras_leave_the_contract_files_unchanged(tmp_path: Path) -> None:
    generate(tmp_path / "plain", persons=1_500, seed=2)
    summary = generate(tmp_path / "extras", persons=1_500, seed=2, app_extras=True)
    for name in CONTRACT_FILES:
        assert (tmp_path / "plain" / f"{name}.csv").read_bytes() == (
            tmp_path / "extras" / f"{name}.csv"
        ).read_bytes()
    assert not (tmp_path / "plain" / "identities.csv").exists()
    assert summary.extras == {
        "identities": 1_500,
        "partners": 24,
        "organisations": summary.employers,
    }


def test_app_extras_are_plausible_and_fictional(tmp_path: Path) -> None:
    generate(tmp_path, persons=2_000, seed=4, app_extras=True)
    persons = {row["person_id"]: row for row in _rows(tmp_path, "persons")}
    identities = _rows(tmp_path, "identities")
    assert [row["person_id"] for row in identities] == list(persons)
    for row in identities:
        assert row["first_name"] and row["last_name"]
        province = persons[row["person_id"]]["province"]
        if not province:
            assert row["postcode"] == row["municipality"] == ""
            continue
        code = int(row["postcode"])
        assert any(low <= code <= high for low, high in POSTCODE_RANGES[province]), row
        assert row["municipality"]
    partners = _rows(tmp_path, "partners")
    assert [row["partner_id"] for row in partners] == [
        f"DP{n:02d}" for n in range(1, 25)
    ]
    for row in partners:
        assert row["kind"] == "doorstroompartner"
        assert row["name"].endswith("(fictief)")
        assert not any(real in row["name"] for real in REAL_PARTNERS_003)
    employers = {row["employer_id"]: row for row in _rows(tmp_path, "employers")}
    organisations = _rows(tmp_path, "organisations")
    assert [row["employer_id"] for row in organisations] == list(employers)
    kinds = {
        "maatwerkbedrijf": "SEC",
        "lde_initiatief": "SEC",
        "nec_employer": "NEC",
        "interim": "NEC",
    }
    assert {row["kind"] for row in organisations} == set(kinds)
    for row in organisations:
        employer = employers[row["employer_id"]]
        assert kinds[row["kind"]] == employer["circuit"]
        assert row["name"] == employer["name"] and row["name"].endswith("(fictief)")
        if employer["province"]:
            assert any(
                low <= int(row["postcode"]) <= high
                for low, high in POSTCODE_RANGES[employer["province"]]
            )


def test_figures_scale_with_the_population(tmp_path: Path) -> None:
    from doorstroom.domain.monitoring.indicators import compute_indicators
    from doorstroom.domain.monitoring.loading import load_tables

    generate(tmp_path, persons=20_000, seed=11)
    figures = compute_indicators(
        load_tables(tmp_path),
        period_from=date(2019, 1, 1),
        period_to=date(2022, 12, 31),
        as_of=date(2024, 6, 30),
    )
    # a third of the default population: a third of 001's figures
    assert figures["doorstroom"]["total"] == pytest.approx(2627 / 3, rel=0.05)
    assert figures["sec_nec_sec"]["total"] == pytest.approx(487 / 3, rel=0.10)


def test_population_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate(tmp_path, persons=0)


def test_a_single_person_is_a_valid_population(tmp_path: Path) -> None:
    from doorstroom.domain.monitoring.validation import validate_folder

    summary = generate(tmp_path, persons=1)
    assert summary.persons == 1 and summary.wop_dossiers >= 1
    assert validate_folder(tmp_path).problems == []


def test_command_line_writes_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exit_code = cli.main(
        [
            "synth",
            "--out",
            str(tmp_path),
            "--persons",
            "600",
            "--seed",
            "9",
            "--app-extras",
        ]
    )
    assert exit_code == 0
    output = capsys.readouterr().out
    assert "persons.csv: 600 rows" in output
    assert "identities.csv: 600 rows" in output
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{name}.csv"
        for name in (*CONTRACT_FILES, "identities", "partners", "organisations")
    )
    with pytest.raises(SystemExit):
        cli.main(["synth", "--out", str(tmp_path), "--persons", "0"])


def test_calibrated_subset_hits_both_targets() -> None:
    # persons:            0  1  2  3  4  5  6  7
    doorstroom = np.array([1, 0, 2, 0, 1, 1, 0, 3])
    returns = np.array([0, 0, 1, 0, 0, 0, 0, 2])
    keep = calibrated_subset(
        doorstroom,
        returns,
        size=5,
        doorstroom_target=3,
        return_target=1,
        rng=np.random.default_rng(0),
    )
    assert keep.size == 5 and np.all(np.diff(keep) > 0)
    assert returns[keep].sum() == 1  # person 2 (person 7 has two returns)
    assert doorstroom[keep].sum() == 3  # person 2's two plus one of persons 0, 4, 5
    assert set(keep) >= {1, 3, 6}

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.domain.trajectory_types import (
    TrajectoryTypeError,
    get_trajectory_type,
    latest_types,
    load_directory,
    load_trajectory_type,
)

VALID = """
id = "mini"
version = 2
name = "Mini"
source = "000 L1818"
outcomes = ["werk"]

[[phases]]
id = "a"
name = "A"
source = "000 L1"

[[phases.steps]]
id = "s1"
name = "Stap 1"
source = "000 L2"
forms = ["intakeformulier"]
"""


def write(tmp_path: Path, text: str, name: str = "mini.v2.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_types_have_the_guide_phases_in_order():
    doorstroom = get_trajectory_type("doorstroom_sec_nec")
    assert doorstroom.key == "doorstroom_sec_nec@1"
    assert [p.id for p in doorstroom.phases] == [
        "voortraject",
        "competentiemeting",
        "jobmatching",
        "stage",
        "job",
        "nazorg",
    ]
    voortraject = doorstroom.phase("voortraject")
    assert [s.id for s in voortraject.steps] == [
        "start_vraag_werknemer",
        "start_vraag_organisatie",
        "start_verplicht_lde",
        "intake_1",
        "intake_2_screening",
    ]
    assert voortraject.step("intake_1").forms == (
        "intakeformulier",
        "motivatietest",
        "engagementsverklaring",
    )
    assert doorstroom.phase_index("stage") == 3

    toeleiding = get_trajectory_type("toeleiding", 1)
    assert [p.id for p in toeleiding.phases] == [
        "toeleiding",
        "contactlegging",
        "contextvoorwaarden",
        "orientering",
        "warme_overdracht",
        "opvolging",
    ]
    assert toeleiding.outcomes == ("werk", "opleiding", "werkzoekend", "niet_actief")
    assert [t.id for t in latest_types()] == ["doorstroom_sec_nec", "toeleiding"]


def test_versions_live_side_by_side_and_latest_wins(tmp_path):
    write(tmp_path, VALID)
    write(tmp_path, VALID.replace("version = 2", "version = 3"), "mini.v3.toml")
    types = load_directory(tmp_path)
    assert sorted(types) == [("mini", 2), ("mini", 3)]


def test_unknown_type_or_version_is_a_key_error():
    with pytest.raises(KeyError):
        get_trajectory_type("bestaat_niet")
    with pytest.raises(KeyError):
        get_trajectory_type("toeleiding", 99)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('name = "Mini"\n', ""), "name", "ontbreekt"),
        (("version = 2", "version = 0"), "version", "minstens 1"),
        (("version = 2", 'version = "2"'), "version", "geheel getal"),
        (('["werk"]', '["rijk"]'), "outcomes[0]", "onbekende uitkomst 'rijk'"),
        (
            ('forms = ["intakeformulier"]', 'forms = ["intakeformulier", "x"]'),
            "phases[0].steps[0].forms[1]",
            "onbekend formulier 'x'",
        ),
        (('id = "s1"', 'id = ""'), "phases[0].steps[0].id", "niet-lege tekst"),
    ],
)
def test_invalid_files_name_file_and_field_in_dutch(tmp_path, change, field, message):
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(TrajectoryTypeError) as caught:
        load_trajectory_type(path)
    assert caught.value.file == "mini.v2.toml"
    assert caught.value.field == field
    assert str(caught.value).startswith(f"mini.v2.toml: veld '{field}': ")
    assert message in str(caught.value)


def test_duplicate_step_ids_are_refused(tmp_path):
    extra = VALID + '\n[[phases.steps]]\nid = "s1"\nname = "Nog eens"\nsource = "x"\n'
    with pytest.raises(TrajectoryTypeError, match=r"phases\[0\]\.steps\[1\]\.id"):
        load_trajectory_type(write(tmp_path, extra))


def test_file_name_must_match_id_and_version(tmp_path):
    with pytest.raises(TrajectoryTypeError, match="moet 'mini.v2.toml' zijn"):
        load_trajectory_type(write(tmp_path, VALID, "mini.toml"))


def test_broken_toml_is_reported(tmp_path):
    with pytest.raises(TrajectoryTypeError, match="geen geldige TOML"):
        load_trajectory_type(write(tmp_path, "id = "))


def test_no_phases_is_refused(tmp_path):
    text = 'id = "mini"\nversion = 2\nname = "M"\nsource = "x"\n'
    with pytest.raises(TrajectoryTypeError, match="'phases': moet minstens één fase"):
        load_trajectory_type(write(tmp_path, text))

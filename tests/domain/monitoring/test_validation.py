"""Validation of a data folder: every problem with its file, line and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from doorstroom.domain.monitoring import validation
from doorstroom.domain.monitoring.loading import validate_and_load
from doorstroom.domain.monitoring.validation import Problem, validate_folder

from .builders import (
    advice,
    dossier,
    employer,
    person,
    spell,
    trajectory,
    write_dataset,
)
from .scenarios import all_scenarios


def where(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.line, p.column, p.code) for p in problems]


def small_valid() -> dict[str, list[dict[str, object]]]:
    return {
        "persons": [person("p1"), person("p2")],
        "employers": [employer("sec", circuit="SEC"), employer("nec")],
        "wop_dossiers": [dossier("d1", "p1", "2019-01-01", "2020-06-30")],
        "employment": [
            spell(
                "s1",
                "p1",
                "2019-01-01",
                "2020-06-30",
                employer_id="sec",
                wop_dossier_id="d1",
            ),
            spell("s2", "p1", "2020-08-01"),
        ],
        "advices": [advice("a1", "p2", None)],
        "trajectories": [trajectory("t1", "p2", "2020-01-01", "2020-03-01")],
    }


def test_a_valid_folder_has_no_problems(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path, **all_scenarios())
    result = validate_folder(folder)
    assert result.ok
    assert result.problems == []
    assert result.warnings == []
    assert result.rows["persons.csv"] == len(all_scenarios()["persons"])


def test_one_problem_of_each_kind(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        persons=[
            person("p1"),  # line 2
            person("p2", birth_date="2021-02-30"),  # line 3: no such day
            person("p3", sex="Q"),  # line 4
            person("p1"),  # line 5: duplicate of line 2
            person("p4", province=" ANT", education="universitair"),  # line 6
        ],
        employers=[
            employer("sec", circuit="SEC"),  # line 2
            employer("nec", nace="4"),  # line 3
            employer("x1", circuit=""),  # line 4
            employer("x2", circuit="ABC", nace="47..1"),  # line 5
        ],
        wop_dossiers=[
            dossier("d1", "p1", "2020-01-01", "2019-12-31"),  # line 2: end < start
            dossier("d2", "p9", "2020-01-01", employer_id="zz", instrument="XX"),  # 3
            dossier("d3", "p1", "", "2020/01/01"),  # line 4
            dossier("d4", "p1", "2020-01-01", "2020-01-01"),  # line 5: fine
        ],
        employment=[
            spell("s1", "p1", "2020-01-01", hours_per_week="-1"),  # line 2
            spell("s2", "p1", "2020-01-01", hours_per_week="3,5"),  # line 3
            spell("s3", "p1", "2020-01-01", hours_per_week="1e3"),  # line 4
            spell("s4", "p1", "2020-01-01", "2020-1-5", wop_dossier_id="d9"),  # line 5
            spell("s1", "p1", "2030-01-01"),  # line 6: duplicate, after any as_of
            spell("s6", "p1", "2020-01-01", hours_per_week="37.5"),  # line 7: fine
        ],
        advices=[
            advice("a1", "p1", "2020-01-01", result="ja"),  # line 2
            advice("a2", "p1", "2020-13-01", instrument="IM"),  # line 3
        ],
        trajectories=[
            trajectory("t1", "p1", "2020-01-01", None, end_reason="ziekte"),  # line 2
            trajectory("t2", "p1", "2020-01-01", "2020-02-01", end_reason=""),  # line 3
            trajectory("t3", "p1", "2020-01-01", "2020-02-01", end_reason="weg"),  # 4
            trajectory("t4", "p1", "2020-01-01", stage="", partner_id=""),  # line 5
        ],
    )
    result = validate_folder(folder)
    assert where(result.problems) == [
        ("persons.csv", 3, "birth_date", "invalid_date"),
        ("persons.csv", 4, "sex", "invalid_code"),
        ("persons.csv", 5, "person_id", "duplicate_id"),
        ("persons.csv", 6, "province", "invalid_code"),
        ("persons.csv", 6, "education", "invalid_code"),
        ("employers.csv", 3, "nace", "invalid_nace"),
        ("employers.csv", 4, "circuit", "required"),
        ("employers.csv", 5, "circuit", "invalid_code"),
        ("employers.csv", 5, "nace", "invalid_nace"),
        ("wop_dossiers.csv", 2, "end_date", "end_before_start"),
        ("wop_dossiers.csv", 3, "person_id", "unknown_reference"),
        ("wop_dossiers.csv", 3, "employer_id", "unknown_reference"),
        ("wop_dossiers.csv", 3, "instrument", "invalid_code"),
        ("wop_dossiers.csv", 4, "start_date", "required"),
        ("wop_dossiers.csv", 4, "end_date", "invalid_date"),
        ("employment.csv", 2, "hours_per_week", "invalid_number"),
        ("employment.csv", 3, "hours_per_week", "invalid_number"),
        ("employment.csv", 4, "hours_per_week", "invalid_number"),
        ("employment.csv", 5, "end_date", "invalid_date"),
        ("employment.csv", 5, "wop_dossier_id", "unknown_reference"),
        ("employment.csv", 6, "spell_id", "duplicate_id"),
        ("advices.csv", 2, "result", "invalid_code"),
        ("advices.csv", 3, "date", "invalid_date"),
        ("advices.csv", 3, "instrument", "invalid_code"),
        ("trajectories.csv", 2, "end_reason", "end_reason_without_end"),
        ("trajectories.csv", 3, "end_reason", "end_reason_missing"),
        ("trajectories.csv", 4, "end_reason", "invalid_code"),
        ("trajectories.csv", 5, "partner_id", "required"),
        ("trajectories.csv", 5, "stage", "required"),
    ]
    assert not result.ok


def test_messages_name_file_line_and_column_in_dutch_and_english(
    tmp_path: Path,
) -> None:
    rows = small_valid()
    rows["persons"].append(person("p1"))
    rows["employment"].append(spell("s3", "p7", "2020-01-01"))
    result = validate_folder(write_dataset(tmp_path, **rows))
    assert [p.format_nl() for p in result.problems] == [
        "persons.csv, regel 4, kolom 'person_id': de id 'p1' komt dubbel voor: "
        "ze staat al op regel 2.",
        "employment.csv, regel 4, kolom 'person_id': verwijst naar persoon 'p7', "
        "die niet bestaat in persons.csv.",
    ]
    assert result.problems[1].format_en() == (
        "employment.csv, line 4, column 'person_id': refers to person 'p7', "
        "which does not exist in persons.csv."
    )


def test_a_duplicate_is_reported_at_every_later_occurrence(tmp_path: Path) -> None:
    rows = small_valid()
    rows["advices"] = [advice("a1", "p1", None)] * 3 + [advice("a2", "p1", None)]
    result = validate_folder(write_dataset(tmp_path, **rows))
    assert where(result.problems) == [
        ("advices.csv", 3, "advice_id", "duplicate_id"),
        ("advices.csv", 4, "advice_id", "duplicate_id"),
    ]
    assert "line 2" in result.problems[1].format_en()


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path, **small_valid(), omit=["advices"], raw={"trajectories.csv": ""}
    )
    result = validate_folder(folder)
    assert where(result.problems) == [
        ("advices.csv", None, None, "missing_file"),
        ("trajectories.csv", 1, None, "empty_file"),
    ]
    assert result.problems[0].format_nl() == "advices.csv: het bestand ontbreekt."


def test_missing_duplicate_and_extra_columns(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        **small_valid(),
        raw={
            "persons.csv": "person_id,birth_date,sex,province,education,sex,note\n"
            "p1,1980-01-01,M,ANT,laag,V,x\np2,,,,,,\n",
            "advices.csv": "advice_id,person_id,date,instrument\na1,p1,,CM\n",
        },
    )
    result = validate_folder(folder)
    assert where(result.problems) == [
        ("persons.csv", 1, "sex", "duplicate_column"),
        ("advices.csv", 1, "result", "missing_column"),
    ]
    assert where(result.warnings) == [("persons.csv", 1, "note", "extra_column")]


def test_rows_with_the_wrong_number_of_fields_and_bad_utf8(tmp_path: Path) -> None:
    persons = (
        b"person_id,birth_date,sex,province,education\n"
        b"p1,1980-01-01,M,ANT,laag\n"  # line 2
        b"p7,1980-01-01,M\n"  # line 3: 3 fields
        b"p8,1980-01-01,M,ANT,laag,extra\n"  # line 4: 6 fields
        b"p9,1980-01-01,M,\xffNT,laag\n"  # line 5: not UTF-8
        b"p2,1980-01-01,Q,ANT,laag\n"  # line 6: still checked
    )
    rows = small_valid()
    folder = write_dataset(tmp_path, **rows, raw={"persons.csv": persons})
    result = validate_folder(folder)
    assert where(result.problems) == [
        ("persons.csv", 3, None, "field_count"),
        ("persons.csv", 4, None, "field_count"),
        ("persons.csv", 5, "province", "invalid_utf8"),
        ("persons.csv", 6, "sex", "invalid_code"),
    ]
    assert result.problems[0].format_en() == (
        "persons.csv, line 3: expected 5 fields, found 3."
    )


def test_quoted_line_breaks_keep_physical_line_numbers(tmp_path: Path) -> None:
    employers = (
        "employer_id,name,circuit,nace,province\n"
        'sec,"Maatwerk\nbedrijf, Gent",SEC,,OVL\n'  # lines 2-3
        'nec,"Bakkerij ""De Korenaar""",NEC,10.71,ANT\n'  # line 4
        "bad,Winkel,NEC,abc,ANT\n"  # line 5
    )
    folder = write_dataset(tmp_path, **small_valid(), raw={"employers.csv": employers})
    result = validate_folder(folder)
    assert where(result.problems) == [("employers.csv", 5, "nace", "invalid_nace")]


def test_bom_crlf_and_trailing_empty_lines_are_accepted(tmp_path: Path) -> None:
    persons = (
        "\ufeffperson_id,birth_date,sex,province,education\r\n"
        "p1,1980-01-01,M,ANT,laag\r\n"
        "p2,,,,\r\n"
        "\r\n\r\n"
    )
    folder = write_dataset(tmp_path, **small_valid(), raw={"persons.csv": persons})
    result = validate_folder(folder)
    assert result.problems == []
    assert result.warnings == []
    assert result.rows["persons.csv"] == 2
    _, tables = validate_and_load(folder)
    assert tables is not None
    assert tables["persons"].person_id.execute().tolist() == ["p1", "p2"]


def test_a_problem_in_a_crlf_file_has_the_right_line(tmp_path: Path) -> None:
    persons = (
        "\ufeffperson_id,birth_date,sex,province,education\r\n"
        "p1,1980-01-01,M,ANT,laag\r\n"
        "p2,1980-02-30,,,\r\n"
    )
    folder = write_dataset(tmp_path, **small_valid(), raw={"persons.csv": persons})
    assert where(validate_folder(folder).problems) == [
        ("persons.csv", 3, "birth_date", "invalid_date")
    ]


def test_an_empty_line_between_records_is_a_warning(tmp_path: Path) -> None:
    persons = (
        "person_id,birth_date,sex,province,education\n"
        "p1,1980-01-01,M,ANT,laag\n"
        "\n"
        "p2,1980-01-01,Q,ANT,laag\n"
    )
    folder = write_dataset(tmp_path, **small_valid(), raw={"persons.csv": persons})
    result = validate_folder(folder)
    assert where(result.warnings) == [("persons.csv", 3, None, "blank_line")]
    assert where(result.problems) == [("persons.csv", 4, "sex", "invalid_code")]


def test_a_long_list_is_cut_with_a_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validation, "MAX_PROBLEMS_PER_CHECK", 2)
    rows = small_valid()
    rows["persons"] = [person(f"p{i}", sex="Q") for i in range(1, 6)]
    result = validate_folder(write_dataset(tmp_path, **rows))
    assert where(result.problems) == [
        ("persons.csv", 2, "sex", "invalid_code"),
        ("persons.csv", 3, "sex", "invalid_code"),
        ("persons.csv", None, "sex", "too_many"),
    ]
    assert result.problems[-1].format_nl() == (
        "persons.csv, kolom 'sex': en nog 3 regels met hetzelfde probleem."
    )


def test_a_spell_pointing_to_another_persons_dossier_is_a_warning(
    tmp_path: Path,
) -> None:
    rows = small_valid()
    rows["employment"].append(spell("s3", "p2", "2019-01-01", wop_dossier_id="d1"))
    result = validate_folder(write_dataset(tmp_path, **rows))
    assert result.ok
    assert where(result.warnings) == [
        ("employment.csv", 4, "wop_dossier_id", "dossier_of_other_person")
    ]


def test_validate_and_load_loads_nothing_from_an_invalid_folder(tmp_path: Path) -> None:
    rows = small_valid()
    rows["persons"].append(person("p1"))
    result, tables = validate_and_load(write_dataset(tmp_path, **rows))
    assert tables is None
    assert where(result.problems) == [("persons.csv", 4, "person_id", "duplicate_id")]


def test_validate_and_load_gives_typed_tables(tmp_path: Path) -> None:
    result, tables = validate_and_load(write_dataset(tmp_path, **small_valid()))
    assert result.ok and tables is not None
    schema = tables["employment"].schema()
    assert str(schema["start_date"]) == "date"
    assert str(schema["hours_per_week"]) == "float64"
    assert str(schema["spell_id"]) == "string"
    spells = tables["employment"].order_by("spell_id").to_pyarrow().to_pydict()
    assert spells["start_date"] == [date(2019, 1, 1), date(2020, 8, 1)]
    assert spells["end_date"] == [date(2020, 6, 30), None]
    assert spells["wop_dossier_id"] == ["d1", None]
    assert spells["hours_per_week"] == [38.0, 38.0]

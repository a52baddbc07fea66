"""Vacancy import: CSV, JSON and feeds, all or nothing, errors by line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.domain.competences import JobProfile, Requirement, builtin_framework
from doorstroom.domain.matching import (
    LanguageLevel,
    PhysicalDemand,
    RecordedFeed,
    Shift,
    TravelMode,
    VacancyImportError,
    adjust_profile,
    import_feed,
    load_vacancies_csv,
    load_vacancies_json,
    vacancies_from_csv_text,
    vacancies_from_json_text,
)

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = (
    "id,title,employer_id,employer_name,sector,postcode,hours,shifts,physical_demands,"
    "language_level,reachable_by,profile,requirements,tasks\n"
)
GOOD_ROW = (
    "v1,Magazijnier,acme,Acme Logistiek,logistics,9000,38,day|early,heavy_lifting,A2,"
    "bike|car,,accuracy:3:2:2|physical_capacity:3,"
    "picking:0.7:accuracy:Orders verzamelen|loading:0.3:physical_capacity:Laden\n"
)
WAREHOUSE = JobProfile(
    "warehouse",
    "Magazijnmedewerker",
    (
        Requirement("accuracy", 3, weight=2.0),  # type: ignore[arg-type]
        Requirement("cooperation", 2),  # type: ignore[arg-type]
        Requirement("motivation", 3),  # type: ignore[arg-type]
    ),
)


def test_csv_row_becomes_a_vacancy(tmp_path: Path) -> None:
    path = tmp_path / "vacatures.csv"
    path.write_text("\ufeff" + HEADER + GOOD_ROW, encoding="utf-8")
    (vacancy,) = load_vacancies_csv(path, framework=builtin_framework("sw_lde"))
    assert vacancy.id == "v1"
    assert vacancy.employer.name == "Acme Logistiek"
    assert vacancy.hours == 38.0
    assert vacancy.shifts == {Shift.DAY, Shift.EARLY}
    assert vacancy.physical_demands == {PhysicalDemand.HEAVY_LIFTING}
    assert vacancy.language_level is LanguageLevel.A2
    assert vacancy.reachable_by == {TravelMode.BIKE, TravelMode.CAR}
    accuracy = vacancy.profile.requirement("accuracy")
    assert (int(accuracy.required), accuracy.weight, int(accuracy.cutoff)) == (
        3,
        2.0,
        2,
    )  # type: ignore[arg-type]
    assert [t.id for t in vacancy.tasks] == ["picking", "loading"]
    assert vacancy.tasks[0].name == "Orders verzamelen"
    assert vacancy.tasks[1].share == 0.3
    assert vacancy.source == "vacatures.csv"


def test_csv_starts_from_a_job_profile_and_adjusts_it() -> None:
    row = "v2,Magazijnier,acme,Acme,logistics,9000,30,,,,,warehouse,accuracy:4|-cooperation|dutch_language:2,\n"
    (vacancy,) = vacancies_from_csv_text(
        HEADER + row, profiles={"warehouse": WAREHOUSE}
    )
    assert [
        (r.competence_id, int(r.required)) for r in vacancy.profile.requirements
    ] == [
        ("accuracy", 4),
        ("motivation", 3),
        ("dutch_language", 2),
    ]
    # Unspecified lists get the defaults: day work, reachable by every mode.
    assert vacancy.shifts == {Shift.DAY}
    assert vacancy.reachable_by == set(TravelMode)


def test_adjust_profile_keeps_order_and_framework() -> None:
    adjusted = adjust_profile(
        WAREHOUSE,
        profile_id="v9",
        name="Magazijnier nacht",
        set_requirements=[Requirement("cooperation", 3)],  # type: ignore[arg-type]
        remove=["motivation"],
    )
    assert [(r.competence_id, int(r.required)) for r in adjusted.requirements] == [
        ("accuracy", 3),
        ("cooperation", 3),
    ]
    assert adjusted.id == "v9"


def test_csv_import_is_all_or_nothing_and_names_line_and_field() -> None:
    bad = (
        HEADER
        + GOOD_ROW
        + "v2,Poetser,acme,Acme,cleaning,900,60,day|moon,,Z9,,,accuracy:5,\n"
        + "v1,Dubbel,acme,Acme,cleaning,9000,20,,,,,,accuracy:3,x:2:accuracy:Taak\n"
        + "v4,Zonder,acme,Acme,cleaning,9000,20,,,,,unknown_profile,,\n"
    )
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_csv_text(bad, source="v.csv")
    messages = caught.value.messages("nl")
    assert "v.csv:3: postcode: '900' is geen Belgische postcode (4 cijfers)" in messages
    assert "v.csv:3: hours: 60 uur per week ligt niet tussen 0 en 50" in messages
    assert any(
        m.startswith("v.csv:3: shifts: onbekende waarde 'moon'") for m in messages
    )
    assert "v.csv:3: language_level: 'Z9' is geen taalniveau (A1-C2)" in messages
    assert any(m.startswith("v.csv:3: requirements[0]:") for m in messages)
    assert "v.csv:4: tasks[0].share: aandeel '2' ligt niet tussen 0 en 1" in messages
    assert "v.csv:5: profile: onbekend jobprofiel 'unknown_profile'" in messages
    english = caught.value.messages("en")
    assert "v.csv:3: postcode: '900' is not a Belgian postcode (4 digits)" in english
    assert "v.csv:5: profile: unknown job profile 'unknown_profile'" in english


def test_duplicate_ids_and_unknown_columns_are_refused() -> None:
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_csv_text(HEADER + GOOD_ROW + GOOD_ROW, source="d.csv")
    assert caught.value.messages() == [
        "d.csv:3: id: vacature 'v1' staat er al (zie regel 2)"
    ]
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_csv_text(HEADER.replace("hours", "uren"), source="h.csv")
    assert caught.value.messages() == [
        "h.csv:1: hours: kolom ontbreekt",
        "h.csv:1: uren: onbekende kolom (tikfout?)",
    ]


def test_task_must_use_required_competences() -> None:
    row = "v1,Magazijnier,acme,Acme,logistics,9000,38,,,,,,accuracy:3,t:0.5:cooperation:Samen\n"
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_csv_text(HEADER + row, source="t.csv")
    assert caught.value.messages() == [
        "t.csv:2: tasks[0].competences: taak 't' vraagt competenties die niet in de "
        "vereisten staan: cooperation"
    ]


def test_unknown_competence_with_framework() -> None:
    row = "v1,Magazijnier,acme,Acme,logistics,9000,38,,,,,,forklift:3,\n"
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_csv_text(
            HEADER + row, source="f.csv", framework=builtin_framework("sw_lde")
        )
    assert caught.value.messages() == [
        "f.csv:2: requirements[0].competence: competentie 'forklift' staat niet in het kader"
    ]


def test_json_import_and_line_numbers(tmp_path: Path) -> None:
    text = """{
  "vacancies": [
    {"id": "v1", "title": "Poetser", "employer": {"id": "p", "name": "Proper"},
     "sector": "cleaning", "postcode": "2000", "hours": 19,
     "requirements": [{"competence": "independence", "required": 3}]},
    {"id": "v2", "title": "Kok", "employer": {"id": "p", "name": "Proper"},
     "sector": "hospitality", "postcode": "2000", "hours": "veel",
     "requirements": [{"competence": "cooperation", "required": 3, "cutoff": 4}]}
  ]
}
"""
    with pytest.raises(VacancyImportError) as caught:
        vacancies_from_json_text(text, source="v.json")
    messages = caught.value.messages()
    assert "v.json:6: vacancies[1].hours: 'veel' is geen getal" in messages
    assert any(
        m.startswith("v.json:6: vacancies[1].requirements[0]:") for m in messages
    )
    path = tmp_path / "ok.json"
    path.write_text(
        text.replace('"veel"', "24").replace(', "cutoff": 4', ""), encoding="utf-8"
    )
    vacancies = load_vacancies_json(path)
    assert [v.id for v in vacancies] == ["v1", "v2"]
    assert vacancies[1].hours == 24.0


def test_recorded_feed_is_translated_and_imported() -> None:
    feed = RecordedFeed(FIXTURES / "feed_recorded.json")
    vacancies = import_feed(feed)
    assert [v.id for v in vacancies] == ["ext-1001", "ext-1002"]
    first = vacancies[0]
    assert first.employer.name == "Acme Logistiek"
    assert first.postcode == "9000"
    assert first.profile.requirement("accuracy").cutoff == 2
    assert [t.id for t in first.tasks] == ["picking", "loading"]
    assert vacancies[1].language_level is LanguageLevel.A1
    assert vacancies[1].source == "vacature-feed"


def test_broken_feed_imports_nothing_and_names_the_record() -> None:
    with pytest.raises(VacancyImportError) as caught:
        import_feed(RecordedFeed(FIXTURES / "feed_broken.json"))
    messages = caught.value.messages()
    assert (
        "vacature-feed: pages[0].items[1].postcode: '90' is geen Belgische postcode (4 cijfers)"
        in messages
    )
    assert any(
        m.startswith("vacature-feed: pages[0].items[1].requirements[0]:")
        for m in messages
    )
    assert len(messages) == 2

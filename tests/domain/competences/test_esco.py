from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from doorstroom.domain.competences import (
    EscoImportError,
    FrameworkChanges,
    Level,
    builtin_framework,
    derive,
    draft_job_profile,
    load_esco,
)

FIXTURE = Path(__file__).parent / "fixtures" / "esco"
SKILL = "http://data.europa.eu/esco/skill/0f1e2d3c-0000-4000-8000-00000000000"
OCCUPATION = "http://data.europa.eu/esco/occupation/0f1e2d3c-0000-4000-8000-000000000"
WAREHOUSE = OCCUPATION + "101"


def copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "ESCO dataset - v1.2.0 - classification - nl - csv"
    shutil.copytree(FIXTURE, target)
    return tmp_path


def test_import_reads_skills_occupations_and_relations():
    esco = load_esco(FIXTURE, "nl")
    assert len(esco.skills) == 6
    assert len(esco.occupations) == 2
    assert len(esco.relations) == 8
    teams = esco.skills[SKILL + "1"]
    assert teams.preferred_label == "in teams werken"
    assert teams.alt_labels == ("samenwerken", "in een team werken")
    assert (teams.skill_type, teams.reuse_level) == ("skill/competence", "transversal")
    warehouse = esco.occupations[WAREHOUSE]
    assert (warehouse.preferred_label, warehouse.isco_group, warehouse.code) == (
        "magazijnmedewerker",
        "9333",
        "9333.1",
    )
    assert warehouse.alt_labels == ("magazijnier", "orderpicker")


def test_occupation_skills_split_essential_and_optional():
    esco = load_esco(FIXTURE)
    essential, optional = esco.occupation_skills(WAREHOUSE)
    assert [s.preferred_label for s in essential] == [
        "in teams werken",
        "nauwkeurig werken",
        "veiligheidsvoorschriften in het magazijn",
        "voorraad beheren",
    ]
    assert [s.preferred_label for s in optional] == [
        "heftruck besturen",
        "Nederlands spreken",
    ]


def test_search_matches_alternative_labels():
    esco = load_esco(FIXTURE)
    assert [s.preferred_label for s in esco.search_skills("SAMENWERKEN")] == [
        "in teams werken"
    ]
    assert [o.preferred_label for o in esco.search_occupations("orderpicker")] == [
        "magazijnmedewerker"
    ]
    assert esco.search_skills("  ") == ()


def test_language_suffix_selects_the_files():
    english = load_esco(FIXTURE, "en")
    assert english.language == "en"
    assert [s.preferred_label for s in english.skills.values()] == [
        "work in teams",
        "work accurately",
    ]
    assert english.occupations == {} and english.relations == ()
    with pytest.raises(
        EscoImportError,
        match=r"skills_fr\.csv: bestand niet gevonden \(wel gevonden voor: en, nl\)",
    ):
        load_esco(FIXTURE, "fr")


def test_files_in_a_subfolder_without_suffix_and_with_odd_header_case(tmp_path):
    root = copy_fixture(tmp_path)
    folder = next(root.iterdir())
    (folder / "skills_en.csv").unlink()
    skills = (folder / "skills_nl.csv").read_text(encoding="utf-8")
    (folder / "skills_nl.csv").unlink()
    header, rest = skills.split("\n", 1)
    (folder / "Skills.csv").write_text(
        "\ufeff" + header.replace("conceptUri", " ConceptURI ") + "\n" + rest,
        encoding="utf-8",
    )
    # v1.1 relations: no label columns.
    relations = (
        (folder / "occupationSkillRelations_nl.csv")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    v11 = ["occupationUri,relationType,skillType,skillUri"] + [
        ",".join(line.split(",")[i] for i in (0, 2, 3, 4)) for line in relations[1:]
    ]
    (folder / "occupationSkillRelations_nl.csv").write_text(
        "\n".join(v11) + "\n", encoding="utf-8"
    )
    esco = load_esco(root, "nl")
    assert len(esco.skills) == 6 and len(esco.relations) == 8


def test_bad_rows_are_reported_with_file_line_and_column(tmp_path):
    root = copy_fixture(tmp_path)
    folder = next(root.iterdir())
    skills = folder / "skills_nl.csv"
    lines = skills.read_text(encoding="utf-8").split("\n")
    # Physical line 7 (record 4; records 1 and 2 span two lines each) loses its URI.
    assert lines[6].startswith(
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/"
    )
    lines[6] = lines[6].replace(SKILL + "4", "")
    # Physical line 8 gets a URI that is not an ESCO skill.
    lines[7] = lines[7].replace(SKILL + "5", "https://example.org/5")
    skills.write_text("\n".join(lines), encoding="utf-8")
    relations = folder / "occupationSkillRelations_nl.csv"
    rel = relations.read_text(encoding="utf-8").split("\n")
    rel[1] = rel[1].replace(",essential,", ",verplicht,")
    rel[2] = rel[2].replace(SKILL + "2", SKILL + "9")
    relations.write_text("\n".join(rel), encoding="utf-8")

    with pytest.raises(EscoImportError) as caught:
        load_esco(root)
    found = [(p.file, p.line, p.column) for p in caught.value.problems]
    assert found == [
        ("skills_nl.csv", 7, "conceptUri"),
        ("skills_nl.csv", 8, "conceptUri"),
        ("occupationSkillRelations_nl.csv", 2, "relationType"),
        ("occupationSkillRelations_nl.csv", 3, "skillUri"),
        # relations to the two skills that were refused above
        ("occupationSkillRelations_nl.csv", 4, "skillUri"),
        ("occupationSkillRelations_nl.csv", 7, "skillUri"),
        ("occupationSkillRelations_nl.csv", 9, "skillUri"),
    ]
    message = str(caught.value)
    assert "skills_nl.csv, regel 7, kolom conceptUri: leeg" in message
    assert (
        "regel 2, kolom relationType: verwacht essential of optional, niet 'verplicht'"
        in message
    )


def test_missing_columns_and_ragged_rows(tmp_path):
    folder = tmp_path / "esco"
    folder.mkdir()
    (folder / "skills_nl.csv").write_text(
        "conceptUri,label\nhttp://data.europa.eu/esco/skill/x,iets\n", encoding="utf-8"
    )
    with pytest.raises(EscoImportError) as caught:
        load_esco(folder)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (1, "preferredLabel", "kolom ontbreekt")
    ]
    (folder / "skills_nl.csv").write_text(
        "conceptUri,preferredLabel\nhttp://data.europa.eu/esco/skill/x,iets,extra\n",
        encoding="utf-8",
    )
    with pytest.raises(EscoImportError, match="regel 2: 3 velden in plaats van 2"):
        load_esco(folder)
    with pytest.raises(EscoImportError, match="map niet gevonden"):
        load_esco(tmp_path / "nergens")


def test_draft_job_profile_from_framework_esco_links():
    esco = load_esco(FIXTURE)
    base = builtin_framework("sw_lde")

    def linked(competence_id: str, *numbers: int):
        return dataclasses.replace(
            base.competence(competence_id),
            esco_uris=tuple(SKILL + str(n) for n in numbers),
        )

    framework = derive(
        base,
        "sw_lde_esco",
        FrameworkChanges(
            replace=(
                linked("cooperation", 1),
                linked("accuracy", 5),
                linked("dutch_language", 4),
            )
        ),
    )
    profile, unmapped = draft_job_profile(esco, WAREHOUSE, framework)
    assert profile.id == "esco_0f1e2d3c_0000_4000_8000_000000000101"
    assert profile.name == "magazijnmedewerker"
    assert profile.framework == framework.ref
    assert [
        (r.competence_id, r.required, r.weight, r.cutoff) for r in profile.requirements
    ] == [
        ("cooperation", Level.GOOD, 2.0, None),
        ("accuracy", Level.GOOD, 2.0, None),
        ("dutch_language", Level.MODERATE, 1.0, None),
    ]
    assert [s.preferred_label for s in unmapped] == [
        "veiligheidsvoorschriften in het magazijn",
        "voorraad beheren",
    ]
    with pytest.raises(ValueError, match="Geen enkele competentie"):
        draft_job_profile(esco, WAREHOUSE, base)

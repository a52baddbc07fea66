from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from doorstroom.domain.competences import (
    BUILTIN_FRAMEWORK_IDS,
    BehaviourIndicator,
    Competence,
    CompetenceGroup,
    FrameworkChanges,
    FrameworkError,
    FrameworkFileError,
    RaterRole,
    builtin_framework,
    builtin_frameworks,
    consensus_levels,
    derive,
    find_framework,
    framework_to_dict,
    load_framework,
    validate_round,
)
from doorstroom.domain.competences.assessments import AssessmentError

from .builders import assessment_round, sheet

INDICATOR = BehaviourIndicator(
    "Gebruikt de heftruck veilig.",
    (
        "Rijdt onveilig.",
        "Rijdt veilig onder toezicht.",
        "Rijdt veilig.",
        "Leert anderen veilig rijden.",
    ),
)


def forklift(**changes: object) -> Competence:
    competence = Competence(
        id="forklift",
        name="Heftruck besturen",
        definition="Een heftruck veilig en vlot besturen.",
        group="extra",
        indicators=(INDICATOR,),
    )
    return dataclasses.replace(competence, **changes)  # type: ignore[arg-type]


# ------------------------------------------------------------------ shipped data


def test_every_builtin_framework_loads_and_has_four_level_indicators():
    frameworks = builtin_frameworks()
    assert [f.id for f in frameworks] == list(BUILTIN_FRAMEWORK_IDS)
    for framework in frameworks:
        assert framework.version == 1
        assert len(set(framework.competence_ids)) == len(framework.competences)
        for competence in framework.competences:
            assert competence.indicators
            for indicator in competence.indicators:
                assert len(indicator.levels) == 4
                assert all(text.strip() for text in indicator.levels)


def test_sw_lde_framework_follows_the_guide_lists():
    framework = builtin_framework("sw_lde")
    groups = {
        g.id: [c.name for c in framework.in_group(g.id)] for g in framework.groups
    }
    assert groups["core"] == [
        "Samenwerken",
        "Zelfstandigheid – zelfredzaamheid",
        "Initiatief",
        "Flexibiliteit",
        "Leervermogen en leergierigheid",
        "Motivatie",
    ]
    assert groups["additional"] == [
        "Nauwkeurigheid",
        "Discipline – omgaan met regels en afspraken",
        "Gezag aanvaarden",
        "Stressbestendigheid",
        "Conflicthantering",
    ]
    assert groups["extra"] == [
        "Voorkomen",
        "Fysieke en medische mogelijkheden",
        "Lees-, schrijf- en rekenvaardigheden",
        "Communicatievaardigheden",
        "Taalkennis Nederlands",
        "Werkorganisatie en tijdsbeheer",
    ]


def test_bw_card_has_the_eleven_competences_of_the_guide():
    framework = builtin_framework("bw_card")
    assert [c.name for c in framework.competences] == [
        "Nauwkeurigheid en orde",
        "Verantwoordelijkheid",
        "Initiatief nemen",
        "Samenwerken",
        "Voorkomen en uiterlijk",
        "Flexibiliteit",
        "Houding",
        "Werktempo",
        "Stiptheid",
        "Assertiviteit en omgaan met gezag",
        "Klantvriendelijkheid",
    ]


def test_generic_ability_profile_has_29_abilities_in_five_groups():
    framework = builtin_framework("work_abilities")
    assert len(framework.competences) == 29
    assert [len(framework.in_group(g.id)) for g in framework.groups] == [8, 5, 8, 4, 4]


def test_shared_ideas_share_an_id_across_frameworks():
    ids = {f.id: set(f.competence_ids) for f in builtin_frameworks()}
    assert {"cooperation", "initiative", "flexibility"} <= ids["sw_lde"] & ids[
        "bw_card"
    ]


def test_indicator_text_per_level():
    framework = builtin_framework("sw_lde")
    indicator = framework.competence("initiative").indicators[0]
    assert indicator.text(1) == "Blijft wachten tot iemand zegt wat er moet gebeuren."
    assert indicator.text(4).startswith("Neemt in overleg")


def test_unknown_builtin_id_is_refused():
    with pytest.raises(KeyError):
        builtin_framework("melba")


# ------------------------------------------------------------------- file loader

VALID_TOML = """
id = "mini"
version = 1
name = "Mini"

[[groups]]
id = "core"
name = "Kern"

[[competences]]
id = "cooperation"
group = "core"
name = "Samenwerken"
definition = "Samen werken."

[[competences.indicators]]
behaviour = "Helpt collega's."
onvoldoende = "a"
matig = "b"
goed = "c"
zeer_goed = "d"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_loader_reads_a_valid_toml_file(tmp_path):
    framework = load_framework(write(tmp_path, "mini.toml", VALID_TOML))
    assert framework.id == "mini"
    assert framework.competence("cooperation").indicators[0].levels == (
        "a",
        "b",
        "c",
        "d",
    )


def test_loader_names_file_and_field_of_every_problem(tmp_path):
    text = (
        VALID_TOML.replace("version = 1\n", "")
        .replace('goed = "c"\n', "")
        .replace('group = "core"', 'group = "kern"')
        + """
[[competences]]
id = "cooperation"
group = "core"
name = "Nog eens"
definition = "Dubbel."
kleur = "rood"

[[competences.indicators]]
behaviour = "x"
onvoldoende = "a"
matig = "b"
goed = "c"
zeer_goed = ""
"""
    )
    with pytest.raises(FrameworkFileError) as caught:
        load_framework(write(tmp_path, "kapot.toml", text))
    problems = {(p.file, p.field) for p in caught.value.problems}
    assert problems == {
        ("kapot.toml", "version"),
        ("kapot.toml", "competences[0] 'cooperation'.group"),
        ("kapot.toml", "competences[0] 'cooperation'.indicators[0]"),
        ("kapot.toml", "competences[1] 'cooperation'.id"),
        ("kapot.toml", "competences[1] 'cooperation'.kleur"),
        ("kapot.toml", "competences[1] 'cooperation'.indicators[0].zeer_goed"),
    }
    message = str(caught.value)
    assert "kapot.toml: version: ontbreekt" in message
    assert "ontbreekt: goed" in message
    assert "dubbele competentie 'cooperation'" in message


def test_loader_refuses_bad_version_and_unparsable_files(tmp_path):
    with pytest.raises(FrameworkFileError, match="version: verwacht een geheel getal"):
        load_framework(
            write(
                tmp_path, "v.toml", VALID_TOML.replace("version = 1", 'version = "1.0"')
            )
        )
    with pytest.raises(FrameworkFileError, match="stuk.toml"):
        load_framework(write(tmp_path, "stuk.toml", "id = ["))
    with pytest.raises(FrameworkFileError, match=r"\.toml- of \.json"):
        load_framework(write(tmp_path, "mini.yaml", "id: mini"))


def test_loader_refuses_esco_links_that_are_not_esco_skills(tmp_path):
    text = VALID_TOML.replace(
        'definition = "Samen werken."',
        'definition = "Samen werken."\nesco = ["http://example.org/skill/1"]',
    )
    with pytest.raises(
        FrameworkFileError, match=r"competences\[0\] 'cooperation'\.esco\[0\]"
    ):
        load_framework(write(tmp_path, "esco.toml", text))


def test_json_round_trip_keeps_content_and_hash(tmp_path):
    original = builtin_framework("bw_card")
    path = tmp_path / "bw_card.json"
    path.write_text(
        json.dumps(framework_to_dict(original), ensure_ascii=False), encoding="utf-8"
    )
    loaded = load_framework(path)
    assert loaded == original
    assert loaded.content_hash == original.content_hash


# ------------------------------------------------------------- hash and derive


def test_content_hash_is_stable_and_changes_with_any_content():
    framework = builtin_framework("sw_lde")
    assert framework.content_hash == builtin_framework("sw_lde").content_hash
    assert len(framework.content_hash) == 64
    reworded = dataclasses.replace(
        framework.competence("initiative"), definition="Anders geformuleerd."
    )
    changed = derive(framework, "sw_lde", FrameworkChanges(replace=(reworded,)))
    assert changed.content_hash != framework.content_hash


def test_derive_makes_a_new_version_and_leaves_the_original_alone():
    base = builtin_framework("sw_lde")
    before = framework_to_dict(base)
    copy = derive(
        base,
        "sw_lde_de_schakel",
        FrameworkChanges(
            name="Competenties De Schakel",
            remove=("appearance",),
            replace=(
                dataclasses.replace(
                    base.competence("initiative"), name="Initiatief nemen"
                ),
            ),
            add=(forklift(),),
        ),
    )
    assert (copy.id, copy.version) == ("sw_lde_de_schakel", 1)
    assert copy.derived_from == base.ref
    assert copy.name == "Competenties De Schakel"
    assert "appearance" not in copy.competence_ids
    assert copy.competence_ids[-1] == "forklift"
    assert copy.competence("initiative").name == "Initiatief nemen"
    assert framework_to_dict(base) == before

    next_version = derive(copy, copy.id, FrameworkChanges(description="Versie 2."))
    assert next_version.version == 2
    assert next_version.derived_from == copy.ref
    assert derive(copy, copy.id, FrameworkChanges(), version=7).version == 7


def test_derive_refuses_changes_to_unknown_or_existing_competences():
    base = builtin_framework("sw_lde")
    with pytest.raises(FrameworkError, match="niet verwijderen"):
        derive(base, "x", FrameworkChanges(remove=("forklift",)))
    with pytest.raises(FrameworkError, match="niet vervangen"):
        derive(base, "x", FrameworkChanges(replace=(forklift(),)))
    with pytest.raises(FrameworkError, match="bestaat al"):
        derive(base, "x", FrameworkChanges(add=(forklift(id="cooperation"),)))
    with pytest.raises(FrameworkError, match="onbekende groep 'vak'"):
        derive(base, "x", FrameworkChanges(add=(forklift(group="vak"),)))
    added = derive(
        base,
        "x",
        FrameworkChanges(
            add_groups=(CompetenceGroup("vak", "Vaktechnisch"),),
            add=(forklift(group="vak"),),
        ),
    )
    assert [c.id for c in added.in_group("vak")] == ["forklift"]


def test_frameworks_are_immutable_values():
    framework = builtin_framework("bw_card")
    with pytest.raises(dataclasses.FrozenInstanceError):
        framework.version = 2  # type: ignore[misc]
    with pytest.raises(FrameworkError, match="vier niveaus"):
        BehaviourIndicator("x", ("a", "b", "c", " "))


def test_deriving_after_an_assessment_changes_neither_the_assessment_nor_its_scores():
    # given: a round scored on version 1 of the organisation's framework
    v1 = derive(builtin_framework("sw_lde"), "sw_lde_org", FrameworkChanges())
    round_ = assessment_round(
        "r1",
        date(2024, 3, 1),
        sheet("coach", RaterRole.COACH, {"initiative": 2, "appearance": 3}),
        sheet("wvb", RaterRole.FLOOR_SUPERVISOR, {"initiative": 3, "appearance": 3}),
        framework=v1.ref,
    )
    validate_round(round_, v1)
    stored = repr(round_)
    scores = consensus_levels(round_)

    # when: the organisation rewrites a competence and drops another
    v2 = derive(
        v1,
        v1.id,
        FrameworkChanges(
            remove=("appearance",),
            replace=(
                dataclasses.replace(v1.competence("initiative"), definition="Nieuw."),
            ),
        ),
    )

    # then: the stored round still points at version 1, with the same scores
    assert v2.version == 2 and v2.content_hash != v1.content_hash
    assert repr(round_) == stored
    assert round_.framework == v1.ref
    assert consensus_levels(round_) == scores == {"appearance": 3.0, "initiative": 2.5}
    assert find_framework(round_.framework, [v2, v1]) is v1
    assert (
        find_framework(round_.framework, [v2, v1]).competence("initiative").definition
        != "Nieuw."
    )
    with pytest.raises(AssessmentError, match="hoort bij kader"):
        validate_round(round_, v2)


def test_find_framework_detects_a_version_changed_in_place():
    v1 = builtin_framework("sam_attitudes")
    tampered = dataclasses.replace(v1, name="Stiekem gewijzigd")
    assert (tampered.id, tampered.version) == (v1.id, v1.version)
    with pytest.raises(FrameworkError, match="inhoudshash verschilt"):
        find_framework(v1.ref, [tampered])
    with pytest.raises(FrameworkError, match="niet gevonden"):
        find_framework(dataclasses.replace(v1.ref, version=9), [v1])

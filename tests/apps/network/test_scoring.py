"""The checklist data and its scoring, on hand-computed answers (no Django)."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.domain.readiness import (
    AnswersError,
    ChecklistError,
    get_checklist,
    is_overdue,
    load_checklist,
    parse_checklist,
    percent,
    score,
)

from .answers import ANSWERS

ON_WAY = "Op weg"
READY = "Doorstroomklaar"
MUCH = "Nog veel werk"


def test_the_guides_eleven_statements_in_four_themes():
    checklist = get_checklist()
    assert checklist.key == "organisatie_doorstroomklaar@1"
    assert [(t.id, len(t.statements)) for t in checklist.themes] == [
        ("visie", 3),
        ("werking", 3),
        ("coach", 2),
        ("netwerk", 3),
    ]
    assert len({s.id for s in checklist.statements}) == 11
    assert [(s.code, s.points) for s in checklist.scale] == [
        ("akkoord", 2),
        ("gedeeltelijk", 1),
        ("niet_akkoord", 0),
    ]
    # every statement cites its line in the guide (seed 000, L1757–L1810)
    lines = sorted(int(s.source.split("L")[1]) for s in checklist.statements)
    assert lines == [1757, 1762, 1767, 1772, 1777, 1783, 1789, 1794, 1800, 1805, 1810]


def test_scores_per_theme_and_overall_on_hand_computed_answers():
    result = score(get_checklist(), ANSWERS)
    assert [(t.theme_id, t.points, t.max_points, t.percent) for t in result.themes] == [
        ("visie", 3, 6, 50),
        ("werking", 6, 6, 100),
        ("coach", 0, 4, 0),
        ("netwerk", 4, 6, 67),
    ]
    assert (result.points, result.max_points, result.percent) == (13, 22, 59)
    assert result.reading.startswith(ON_WAY)
    readings = [t.reading.split(":")[0] for t in result.themes]
    assert readings == [ON_WAY, READY, MUCH, ON_WAY]
    assert result.weak_statements == (
        "visie_afgebakend",
        "visie_dagelijks_werk",
        "coach_functieprofiel",
        "coach_vorming",
        "netwerk_visie_uitdragen",
        "netwerk_commercieel",
    )


def test_all_agreed_is_ready_with_no_weak_statements():
    checklist = get_checklist()
    result = score(checklist, {s.id: "akkoord" for s in checklist.statements})
    assert (result.points, result.percent, result.weak_statements) == (22, 100, ())
    assert result.reading.startswith(READY)


def test_percent_rounds_half_up_and_reading_bands_at_their_boundaries():
    assert percent(1, 8) == 13  # 12.5
    assert percent(5, 8) == 63  # 62.5
    assert percent(2, 3) == 67
    assert percent(1, 3) == 33
    checklist = get_checklist()
    assert checklist.reading(49).startswith(MUCH)
    assert checklist.reading(50).startswith(ON_WAY)
    assert checklist.reading(79).startswith(ON_WAY)
    assert checklist.reading(80).startswith(READY)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"coach_vorming": None}, "Geen antwoord bij de stelling"),
        ({"coach_vorming": "misschien"}, "Ongeldig antwoord 'misschien'"),
        ({"bestaat_niet": "akkoord"}, "Onbekende stelling 'bestaat_niet'"),
    ],
)
def test_incomplete_or_wrong_answers_are_refused(change, message):
    answers = dict(ANSWERS)
    for key, value in change.items():
        if value is None:
            del answers[key]
        else:
            answers[key] = value
    with pytest.raises(AnswersError, match=message):
        score(get_checklist(), answers)


def test_overdue_only_after_the_due_day_and_never_when_done():
    from datetime import date

    due = date(2026, 3, 31)
    assert not is_overdue(due, done=False, today=date(2026, 3, 30))
    assert not is_overdue(due, done=False, today=due)  # the boundary day itself
    assert is_overdue(due, done=False, today=date(2026, 4, 1))
    assert not is_overdue(due, done=True, today=date(2026, 4, 1))


def _minimal() -> dict:
    return {
        "id": "x",
        "version": 1,
        "name": "X",
        "source": "test",
        "scale": [{"code": "ja", "label": "Ja", "points": 1}],
        "readings": [{"min_percent": 0, "text": "t"}],
        "themes": [
            {
                "id": "a",
                "name": "A",
                "source": "s",
                "statements": [{"id": "s1", "text": "T", "source": "s"}],
            }
        ],
    }


def test_invalid_checklist_data_names_the_field():
    data = _minimal()
    data["themes"][0]["statements"].append({"id": "s1", "text": "U", "source": "s"})
    with pytest.raises(ChecklistError, match=r"statements\[1\].*twee keer"):
        parse_checklist(data, "x.v1.toml")
    data = _minimal()
    data["readings"].append({"min_percent": 0, "text": "u"})
    with pytest.raises(ChecklistError, match=r"readings\[1\]\.min_percent"):
        parse_checklist(data, "x.v1.toml")
    data = _minimal()
    data["version"] = 0
    with pytest.raises(ChecklistError, match="'version'"):
        parse_checklist(data, "x.v1.toml")
    assert parse_checklist(_minimal(), "x.v1.toml").max_points == 1


def test_file_name_must_match_id_and_version(tmp_path: Path):
    import doorstroom.domain.readiness as readiness

    source = (
        Path(readiness.__file__).parent / "data" / "organisatie_doorstroomklaar.v1.toml"
    )
    wrong = tmp_path / "organisatie_doorstroomklaar.v2.toml"
    wrong.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ChecklistError, match="bestandsnaam"):
        load_checklist(wrong)

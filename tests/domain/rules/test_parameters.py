"""The rules' numbers as versioned parameters (issue 4): the loader picks the
version in force on a date, and a later version changes outcomes only from then."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.rules import REGISTRY, StageFacts, broken, check_stage
from doorstroom.domain.rules.parameters import (
    Parameter,
    ParameterError,
    default_parameters,
    load_parameters,
    param,
    parse_parameters,
    using_parameters,
)

EXPECTED_TODAY = {
    "pop.max_age": 1,
    "lde.max_duration": 5,
    "lde.warning_before_deadline": 6,
    "vdab.evaluation_after": 5,
    "advice.trajectory_start_within": 3,
    "stage.bvs.min_half_days": 2,
    "stage.bvs.max_half_days": 10,
    "stage.bvs.max_per_company": 2,
    "phase_limit.voortraject": 1,
    "phase_limit.jobmatching": 3,
    "phase_limit.stage": 3,
    "phase_limit.nazorg": 3,
    "coaching.budget": 140,
    "coaching.warning_share": 0.9,
    "pop.send_to_vdab_within": 1,
}

TWO_VERSIONS = """
[[parameters]]
id = "coaching.budget"
value = 140
unit = "uur"
valid_from = 2015-04-01
source = "004 L860"

[[parameters]]
id = "coaching.budget"
value = 160
unit = "uur"
valid_from = 2027-01-01
source = "test"
"""


def test_the_packaged_file_holds_every_number_with_unit_date_and_source():
    parameters = default_parameters()
    assert set(parameters.ids) == set(EXPECTED_TODAY)
    for pid, value in EXPECTED_TODAY.items():
        version = parameters.version(pid, date(2026, 6, 1))
        assert version.value == value, pid
        assert version.unit and version.source, pid
        assert version.valid_from <= date(2026, 6, 1)


def test_the_version_in_force_on_a_date(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(TWO_VERSIONS, encoding="utf-8")
    parameters = load_parameters(path)
    assert parameters.value("coaching.budget", date(2026, 12, 31)) == 140
    assert parameters.value("coaching.budget", date(2027, 1, 1)) == 160
    # before the first valid_from, the oldest statement applies
    assert parameters.value("coaching.budget", date(2010, 1, 1)) == 140
    assert [v.value for v in parameters.versions("coaching.budget")] == [140, 160]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[parameters]]\nid = "x"\nvalue = 1\nunit = "u"\nsource = "s"', "misses"),
        (
            '[[parameters]]\nid = "x"\nvalue = "1"\nunit = "u"\n'
            'valid_from = 2020-01-01\nsource = "s"',
            "must be a number",
        ),
        (
            '[[parameters]]\nid = "x"\nvalue = 1\nunit = "u"\n'
            'valid_from = "2020"\nsource = "s"',
            "must be a date",
        ),
        (TWO_VERSIONS.replace("2027-01-01", "2015-04-01"), "same valid_from"),
    ],
)
def test_invalid_files_are_refused(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_parameters(text)


def test_an_unknown_parameter_is_an_error():
    with pytest.raises(ParameterError, match="unknown parameter"):
        default_parameters().value("no.such", date(2026, 1, 1))


def newer(pid: str, value, valid_from: date):
    return default_parameters().with_version(
        Parameter(
            id=pid, value=value, unit="test", valid_from=valid_from, source="test"
        )
    )


def test_a_later_lde_term_applies_only_to_lde_starts_from_its_date():
    rule = REGISTRY.get("reminder.lde_transition_deadline")
    with using_parameters(newer("lde.max_duration", 4, date(2027, 1, 1))):
        before = rule.check(
            lde_start=date(2026, 12, 31), transitioned=False, today=date(2030, 8, 1)
        )
        after = rule.check(
            lde_start=date(2027, 1, 1), transitioned=False, today=date(2030, 8, 1)
        )
    assert before.ok  # still five years: 31/12/2031, warned from 30/6/2031
    assert before.due_on == date(2031, 12, 31)
    assert not after.ok  # four years: 1/1/2031, warned from 1/7/2030
    assert after.due_on == date(2031, 1, 1)
    assert "maximaal 4 jaar" in after.explanation_nl
    # outside the block the packaged numbers are back
    assert param("lde.max_duration", date(2027, 1, 1)) == 5


def test_a_larger_coaching_budget_applies_only_from_its_date():
    rule = REGISTRY.get("reminder.coaching_budget")
    sessions = ((date(2027, 2, 1), 130 * 60),)
    with using_parameters(newer("coaching.budget", 160, date(2027, 1, 1))):
        old = rule.check(
            coaching_since=date(2026, 12, 31),
            coaching_sessions=sessions,
            today=date(2027, 3, 1),
        )
        new = rule.check(
            coaching_since=date(2027, 1, 1),
            coaching_sessions=sessions,
            today=date(2027, 3, 1),
        )
    assert not old.ok  # 130 of 140 h: 92 %
    assert new.ok  # 130 of 160 h: 81 %


def test_a_longer_bvs_applies_only_to_stages_from_its_date():
    facts = {"kind": "BVS", "full_days": 6, "programme": "x"}
    with using_parameters(newer("stage.bvs.max_half_days", 12, date(2027, 1, 1))):
        before = broken(check_stage(StageFacts(**facts, on=date(2026, 12, 31))))
        after = broken(check_stage(StageFacts(**facts, on=date(2027, 1, 1))))
    assert [r.rule_id for r in before] == ["stage.bvs.duration"]
    assert "hoogstens 5 voltijdse of 10 halftijdse" in before[0].explanation_nl
    assert after == []


def test_a_later_phase_limit_applies_only_to_phases_begun_from_its_date():
    rule = REGISTRY.get("reminder.phase_limit")
    args = {
        "phase": "voortraject",
        "pauses": (),
        "paused": False,
        "today": date(2027, 6, 1),
    }
    with using_parameters(newer("phase_limit.voortraject", 2, date(2027, 1, 1))):
        old = rule.check(phase_start=date(2026, 12, 31), **args)
        new = rule.check(phase_start=date(2027, 1, 1), **args)
    assert old.due_on == date(2027, 1, 31)
    assert new.due_on == date(2027, 3, 1)

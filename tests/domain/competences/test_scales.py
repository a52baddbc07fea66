from __future__ import annotations

import pytest

from doorstroom.domain.competences.scales import (
    Level,
    check_level_value,
    format_number_nl,
    level_label_nl,
    parse_level,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, Level.INSUFFICIENT),
        ("2", Level.MODERATE),
        ("Goed", Level.GOOD),
        ("  zeer   goed ", Level.VERY_GOOD),
        ("zeer_goed", Level.VERY_GOOD),
        ("very_good", Level.VERY_GOOD),
        (Level.MODERATE, Level.MODERATE),
        ("niet geobserveerd", None),
        ("NG", None),
        (None, None),
    ],
)
def test_parse_level_accepts_labels_numbers_and_not_observed(value, expected):
    assert parse_level(value) is expected


@pytest.mark.parametrize("value", [0, 5, "", "slecht", True, 2.5])
def test_parse_level_refuses_anything_else(value):
    with pytest.raises(ValueError, match="Ongeldig niveau"):
        parse_level(value)


def test_level_labels_and_codes_follow_the_glossary():
    assert [level.label_nl for level in Level] == [
        "Onvoldoende",
        "Matig",
        "Goed",
        "Zeer goed",
    ]
    assert [level.code for level in Level] == [
        "insufficient",
        "moderate",
        "good",
        "very_good",
    ]


def test_level_label_of_fractional_and_unknown_levels():
    assert level_label_nl(3) == "Goed"
    assert level_label_nl(2.5) == "2,5"
    assert level_label_nl(None) == "Niet geobserveerd"


def test_check_level_value_refuses_values_off_the_scale():
    assert check_level_value(2.5, "x") == 2.5
    for bad in (0.99, 4.01, float("nan"), "3", True):
        with pytest.raises(ValueError, match="x"):
            check_level_value(bad, "x")  # type: ignore[arg-type]


def test_format_number_nl_uses_a_decimal_comma():
    assert format_number_nl(0.8529411) == "0,85"
    assert format_number_nl(100.0, 0) == "100"
    assert format_number_nl(-0.001) == "0"

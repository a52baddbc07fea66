from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.domain.competences import (
    RaterRole,
    icc_2_1,
    icc_label_nl,
    kappa_label_nl,
    round_agreement,
    weighted_kappa,
)

from .builders import assessment_round, sheet

COACH, WVB, OBS, SELF = (
    RaterRole.COACH,
    RaterRole.FLOOR_SUPERVISOR,
    RaterRole.OBSERVER,
    RaterRole.SELF,
)


def test_quadratic_kappa_by_hand():
    # Five competences: A = 1 2 3 4 4, B = 1 2 4 4 3.
    # Observed weighted disagreement: two cells one level apart, weight 1/9 each:
    #   sum(w*O) = 2 * (1/9) / 5 = 2/45.
    # Both marginals are (1, 1, 1, 2)/5, mean 2.8, variance 1.36, so
    #   sum((i-j)^2 * E) = 1.36 + 1.36 + 0^2 = 2.72 and sum(w*E) = 2.72/9.
    # kappa = 1 - (2/45) / (2.72/9) = 1 - 0.4/2.72 = 29/34.
    assert weighted_kappa([1, 2, 3, 4, 4], [1, 2, 4, 4, 3]) == pytest.approx(29 / 34)


def test_linear_kappa_by_hand():
    # Same data, linear weights |i-j|/3: sum(w*O) = 2*(1/3)/5 = 2/15.
    # sum(|i-j| * a_i * b_j) with a = b = (.2,.2,.2,.4):
    #   pairs at distance 1: (1,2),(2,3) both ways: 4*.04 = .16; (3,4) both ways: 2*.08 = .16
    #   distance 2: (1,3) both ways .08; (2,4) both ways .16 -> 2*.24 = .48
    #   distance 3: (1,4) both ways .16 -> 3*.16 = .48
    #   total 0.32 + 0.48 + 0.48 = 1.28, so sum(w*E) = 1.28/3.
    # kappa = 1 - (2/15)/(1.28/3) = 1 - 0.4/1.28 = 0.6875.
    assert weighted_kappa(
        [1, 2, 3, 4, 4], [1, 2, 4, 4, 3], weights="linear"
    ) == pytest.approx(0.6875)


def test_kappa_edge_cases():
    assert weighted_kappa([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    # Complete reversal on a symmetric spread is worse than chance.
    assert weighted_kappa([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="niet te berekenen"):
        weighted_kappa([3, 3, 3], [3, 3, 3])
    with pytest.raises(ValueError, match="dezelfde items"):
        weighted_kappa([1, 2], [1])
    with pytest.raises(ValueError, match="hoort niet bij de schaal"):
        weighted_kappa([1, 5], [1, 2])


@given(
    st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=2, max_size=30)
)
def test_quadratic_kappa_equals_the_moment_formula(pairs):
    # Known identity: quadratic kappa = 2 cov(a, b) / (var a + var b + (mean a - mean b)^2),
    # with population moments.
    a = np.array([p[0] for p in pairs], dtype=float)
    b = np.array([p[1] for p in pairs], dtype=float)
    denominator = a.var() + b.var() + (a.mean() - b.mean()) ** 2
    if denominator == 0:
        return
    expected = 2 * np.mean((a - a.mean()) * (b - b.mean())) / denominator
    assert weighted_kappa(list(a.astype(int)), list(b.astype(int))) == pytest.approx(
        expected
    )
    assert weighted_kappa(list(b.astype(int)), list(a.astype(int))) == pytest.approx(
        expected
    )


def test_icc_2_1_by_hand():
    # Four competences (rows) by three raters (columns):
    #   1 2 1 / 2 2 3 / 3 4 3 / 4 4 4; grand mean 33/12 = 2.75.
    # Row means 4/3, 7/3, 10/3, 4 -> SSR = 3 * 49/12 = 12.25, MSR = 49/12.
    # Column means 2.5, 3, 2.75 -> SSC = 4 * 0.125 = 0.5, MSC = 0.25.
    # SST = 14.25 -> SSE = 14.25 - 12.25 - 0.5 = 1.5, MSE = 1.5 / 6 = 0.25.
    # ICC(2,1) = (49/12 - 1/4) / (49/12 + 2 * 1/4 + 3 * (1/4 - 1/4) / 4) = 46/55.
    scores = [[1, 2, 1], [2, 2, 3], [3, 4, 3], [4, 4, 4]]
    assert icc_2_1(scores) == pytest.approx(46 / 55)


def test_icc_2_1_matches_shrout_and_fleiss():
    # Shrout & Fleiss (1979), table 2: six targets, four judges; ICC(2,1) = .29.
    data = [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ]
    assert icc_2_1(data) == pytest.approx(0.2898, abs=5e-5)


def test_icc_edge_cases():
    with pytest.raises(ValueError, match="geen spreiding"):
        icc_2_1([[2, 2], [2, 2]])
    with pytest.raises(ValueError, match="minstens twee"):
        icc_2_1([[1, 2, 3]])
    with pytest.raises(ValueError, match="ontbrekende"):
        icc_2_1([[1, np.nan], [2, 3]])


@given(
    st.lists(
        st.lists(st.integers(1, 4), min_size=3, max_size=3), min_size=3, max_size=12
    ),
    st.integers(-3, 3),
)
def test_icc_ignores_a_shift_of_all_scores(rows, shift):
    matrix = np.array(rows, dtype=float)
    try:
        base = icc_2_1(matrix)
    except ValueError:
        return
    assert icc_2_1(matrix + shift) == pytest.approx(base, abs=1e-9)
    assert base <= 1 + 1e-12


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (-0.1, "geen overeenstemming (minder dan op basis van toeval)"),
        (0.1, "nauwelijks overeenstemming"),
        (0.3, "zwakke overeenstemming"),
        (0.5, "matige overeenstemming"),
        (0.72, "sterke overeenstemming"),
        (0.9, "(bijna) volledige overeenstemming"),
    ],
)
def test_kappa_labels(value, label):
    assert kappa_label_nl(value) == label


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0.3, "zwakke overeenstemming"),
        (0.6, "matige overeenstemming"),
        (46 / 55, "goede overeenstemming"),
        (0.95, "uitstekende overeenstemming"),
    ],
)
def test_icc_labels(value, label):
    assert icc_label_nl(value) == label


def test_round_agreement_uses_kappa_for_two_raters_and_skips_the_self_assessment():
    round_ = assessment_round(
        "r",
        date(2024, 3, 1),
        sheet("me", SELF, {"a": 4, "b": 4, "c": 4, "d": 4, "e": 4, "f": 4}),
        sheet("coach", COACH, {"a": 1, "b": 2, "c": 3, "d": 4, "e": 4, "f": 2}),
        sheet("wvb", WVB, {"a": 1, "b": 2, "c": 4, "d": 4, "e": 3, "f": None}),
    )
    result = round_agreement(round_)
    assert result.method == "weighted_kappa"
    assert result.rater_ids == ("coach", "wvb")
    assert result.competence_ids == ("a", "b", "c", "d", "e")
    assert result.excluded_ids == ("f",)
    assert result.value == pytest.approx(29 / 34)
    assert result.label_nl == "(bijna) volledige overeenstemming"
    assert result.reading_nl == (
        "(bijna) volledige overeenstemming tussen de 2 beoordelaars (gewogen kappa 0,85, "
        "op 5 competenties). 1 competentie telt niet mee omdat niet elke beoordelaar "
        "ze observeerde."
    )


def test_round_agreement_uses_icc_for_three_raters():
    round_ = assessment_round(
        "r",
        date(2024, 3, 1),
        sheet("coach", COACH, {"a": 1, "b": 2, "c": 3, "d": 4}),
        sheet("wvb", WVB, {"a": 2, "b": 2, "c": 4, "d": 4}),
        sheet("obs", OBS, {"a": 1, "b": 3, "c": 3, "d": 4}),
    )
    result = round_agreement(round_)
    assert result.method == "icc_2_1"
    assert result.value == pytest.approx(46 / 55)
    assert result.reading_nl.startswith(
        "Goede overeenstemming tussen de 3 beoordelaars (ICC(2,1) 0,84"
    )


def test_round_agreement_without_enough_raters_or_data_says_why():
    alone = assessment_round("r", date(2024, 3, 1), sheet("coach", COACH, {"a": 2}))
    result = round_agreement(alone)
    assert (result.method, result.value) == ("none", None)
    assert "minstens twee beoordelaars" in result.reading_nl
    same = assessment_round(
        "r",
        date(2024, 3, 1),
        sheet("coach", COACH, {"a": 3, "b": 3}),
        sheet("wvb", WVB, {"a": 3, "b": 3}),
    )
    result = round_agreement(same)
    assert result.value is None
    assert "niet te berekenen" in result.reading_nl

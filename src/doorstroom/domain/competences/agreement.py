"""Inter-rater agreement: do the raters of a round see the same person?

The guide advises several raters so that the picture is "zo objectief mogelijk".
This module measures how far they agree:

* two raters: **weighted Cohen's kappa** with quadratic weights. With ``k = 4``
  categories, observed proportions ``O[i, j]`` (rater A says ``i``, rater B says
  ``j``), expected proportions ``E = outer(row totals, column totals)`` and weights
  ``w[i, j] = (i - j)**2 / (k - 1)**2``::

      kappa_w = 1 - sum(w * O) / sum(w * E)

  1 means full agreement, 0 agreement no better than chance, below 0 worse than
  chance. A one-level difference costs little, a three-level difference a lot.

* three or more raters: **ICC(2,1)** (Shrout & Fleiss 1979): two-way random
  effects, absolute agreement, single rater. With ``n`` competences (rows),
  ``k`` raters (columns) and the two-way ANOVA mean squares for rows (MSR),
  columns (MSC) and error (MSE)::

      ICC(2,1) = (MSR - MSE) / (MSR + (k - 1) * MSE + k * (MSC - MSE) / n)

Only competences that every compared rater observed count (complete cases);
the others are listed as excluded. Readings in plain Dutch follow Landis & Koch
(1977) for kappa and Koo & Li (2016) for the ICC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from doorstroom.domain.competences.assessments import (
    OTHER_ROLES,
    AssessmentRound,
    RaterRole,
)
from doorstroom.domain.competences.scales import MAX_LEVEL, MIN_LEVEL, format_number_nl

#: Below this, a denominator counts as zero (the statistic is undefined).
_EPSILON = 1e-12


def weighted_kappa(
    rater_a: Sequence[int],
    rater_b: Sequence[int],
    *,
    categories: Sequence[int] = (1, 2, 3, 4),
    weights: Literal["quadratic", "linear"] = "quadratic",
) -> float:
    """Weighted Cohen's kappa of two raters on an ordinal scale.

    Parameters
    ----------
    rater_a, rater_b:
        The two raters' levels for the same items, in the same order.
    categories:
        The ordered categories (default the four levels 1-4). All of them shape
        the weights, also those nobody used.
    weights:
        ``"quadratic"`` (default) or ``"linear"`` disagreement weights.

    Returns
    -------
    float
        Kappa, at most 1.

    Raises
    ------
    ValueError
        When the lists are empty or of different length, hold a value outside
        ``categories``, or kappa is undefined (both raters always gave the same
        single category, so chance agreement is already perfect).

    Examples
    --------
    >>> round(weighted_kappa([1, 2, 3, 4, 4], [1, 2, 4, 4, 3]), 4)
    0.8529
    """
    if len(rater_a) != len(rater_b):
        raise ValueError("Beide beoordelaars moeten dezelfde items beoordelen.")
    if not rater_a:
        raise ValueError("Geen items om te vergelijken.")
    index = {category: position for position, category in enumerate(categories)}
    k = len(categories)
    if k < 2:
        raise ValueError("Er zijn minstens twee categorieën nodig.")
    try:
        a = np.array([index[value] for value in rater_a])
        b = np.array([index[value] for value in rater_b])
    except KeyError as exc:
        raise ValueError(f"Waarde {exc.args[0]!r} hoort niet bij de schaal.") from exc
    observed = np.zeros((k, k))
    np.add.at(observed, (a, b), 1.0)
    observed /= len(a)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    i, j = np.indices((k, k))
    distance = np.abs(i - j) / (k - 1)
    weight = distance**2 if weights == "quadratic" else distance
    chance_disagreement = float((weight * expected).sum())
    if chance_disagreement <= _EPSILON:
        raise ValueError(
            "Kappa is niet te berekenen: beide beoordelaars gaven overal hetzelfde "
            "ene niveau."
        )
    return 1.0 - float((weight * observed).sum()) / chance_disagreement


def icc_2_1(scores: npt.ArrayLike) -> float:
    """ICC(2,1): two-way random effects, absolute agreement, single rater.

    Parameters
    ----------
    scores:
        Matrix with one row per item (competence) and one column per rater, no
        missing values.

    Returns
    -------
    float
        The intraclass correlation, at most 1 (it can be negative).

    Raises
    ------
    ValueError
        With fewer than two items or raters, missing values, or when the ICC is
        undefined (no variation at all between items and raters).

    Examples
    --------
    Shrout & Fleiss (1979), table 2 (six targets, four judges):

    >>> data = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
    ...         [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    >>> round(icc_2_1(data), 2)
    0.29
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2:
        raise ValueError("Er zijn minstens twee items en twee beoordelaars nodig.")
    if not np.isfinite(x).all():
        raise ValueError("De matrix mag geen ontbrekende waarden bevatten.")
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * float(((x.mean(axis=1) - grand) ** 2).sum())
    ss_cols = n * float(((x.mean(axis=0) - grand) ** 2).sum())
    ss_total = float(((x - grand) ** 2).sum())
    ss_error = ss_total - ss_rows - ss_cols
    ms_rows = ss_rows / (n - 1)
    ms_cols = ss_cols / (k - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    if denominator <= _EPSILON:
        raise ValueError(
            "ICC is niet te berekenen: er is geen spreiding tussen de competenties "
            "of de beoordelaars."
        )
    return (ms_rows - ms_error) / denominator


def kappa_label_nl(value: float) -> str:
    """Plain Dutch label for a kappa value (Landis & Koch 1977).

    Examples
    --------
    >>> kappa_label_nl(0.72)
    'sterke overeenstemming'
    """
    if value < 0:
        return "geen overeenstemming (minder dan op basis van toeval)"
    if value <= 0.20:
        return "nauwelijks overeenstemming"
    if value <= 0.40:
        return "zwakke overeenstemming"
    if value <= 0.60:
        return "matige overeenstemming"
    if value <= 0.80:
        return "sterke overeenstemming"
    return "(bijna) volledige overeenstemming"


def icc_label_nl(value: float) -> str:
    """Plain Dutch label for an ICC value (Koo & Li 2016).

    Examples
    --------
    >>> icc_label_nl(0.8)
    'goede overeenstemming'
    """
    if value < 0:
        return "geen overeenstemming"
    if value < 0.50:
        return "zwakke overeenstemming"
    if value < 0.75:
        return "matige overeenstemming"
    if value < 0.90:
        return "goede overeenstemming"
    return "uitstekende overeenstemming"


@dataclass(frozen=True)
class AgreementResult:
    """Agreement between the raters of one round.

    Attributes
    ----------
    method:
        ``"weighted_kappa"`` (two raters), ``"icc_2_1"`` (three or more) or
        ``"none"`` (fewer than two raters).
    value:
        The statistic, or ``None`` when it cannot be computed.
    rater_ids:
        The raters compared, in round order.
    competence_ids:
        The competences every compared rater observed (the items used).
    excluded_ids:
        Competences rated in the round but not observed by every compared rater.
    label_nl:
        Short Dutch label ("sterke overeenstemming"), or ``""`` without a value.
    reading_nl:
        One plain Dutch sentence.
    """

    method: Literal["weighted_kappa", "icc_2_1", "none"]
    value: float | None
    rater_ids: tuple[str, ...]
    competence_ids: tuple[str, ...]
    excluded_ids: tuple[str, ...]
    label_nl: str
    reading_nl: str


def round_agreement(
    round_: AssessmentRound,
    *,
    roles: Iterable[RaterRole] = OTHER_ROLES,
    weights: Literal["quadratic", "linear"] = "quadratic",
) -> AgreementResult:
    """How well the raters of a round agree.

    Parameters
    ----------
    round_:
        The round.
    roles:
        Which raters to compare. Default: everyone except the self-assessment
        (comparing self and others is :func:`~doorstroom.domain.competences.assessments.self_vs_others`).
    weights:
        Kappa weights for two raters.

    Returns
    -------
    AgreementResult
        Weighted kappa for two raters, ICC(2,1) for three or more, computed on
        the competences every compared rater observed.
    """
    sheets = round_.sheets_for(roles)
    rater_ids = tuple(sheet.rater_id for sheet in sheets)
    all_ids = round_.competence_ids
    if len(sheets) < 2:
        return AgreementResult(
            "none",
            None,
            rater_ids,
            (),
            all_ids,
            "",
            "Er zijn minstens twee beoordelaars nodig om overeenstemming te meten.",
        )
    complete = tuple(
        cid for cid in all_ids if all(sheet.level(cid) is not None for sheet in sheets)
    )
    excluded = tuple(cid for cid in all_ids if cid not in complete)
    levels = [sheet.levels() for sheet in sheets]
    matrix = [[int(by_id[cid] or 0) for by_id in levels] for cid in complete]
    method: Literal["weighted_kappa", "icc_2_1"] = (
        "weighted_kappa" if len(sheets) == 2 else "icc_2_1"
    )
    try:
        if method == "weighted_kappa":
            value = weighted_kappa(
                [row[0] for row in matrix],
                [row[1] for row in matrix],
                categories=tuple(range(MIN_LEVEL, MAX_LEVEL + 1)),
                weights=weights,
            )
        else:
            value = icc_2_1(matrix if matrix else np.empty((0, len(sheets))))
    except ValueError as exc:
        return AgreementResult(
            method, None, rater_ids, complete, excluded, "", str(exc)
        )
    label = kappa_label_nl(value) if method == "weighted_kappa" else icc_label_nl(value)
    statistic = "gewogen kappa" if method == "weighted_kappa" else "ICC(2,1)"
    reading = (
        f"{label[0].upper()}{label[1:]} tussen de {len(sheets)} beoordelaars "
        f"({statistic} {format_number_nl(value)}, op {len(complete)} "
        f"{'competentie' if len(complete) == 1 else 'competenties'})."
    )
    if excluded:
        reading += (
            f" {len(excluded)} {'competentie telt' if len(excluded) == 1 else 'competenties tellen'} "
            "niet mee omdat niet elke beoordelaar ze observeerde."
        )
    return AgreementResult(method, value, rater_ids, complete, excluded, label, reading)

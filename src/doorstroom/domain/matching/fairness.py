"""Fairness report: match rates per group (sex, age band, origin).

Group attributes are kept apart from matching data on purpose. They live in
:class:`GroupAttributes`, which no ranking function accepts; this module only
reads ranked lists *after* ranking and counts per group:

* **match rate**: share of persons with at least one proposed vacancy that no
  competence blocks;
* **good match rate**: share whose best unblocked vacancy has fit ≥
  ``good_fit`` (default 0.8);
* **mean best fit** over persons with a match;
* **ratio to the best group** for the match rate; below 0.8 (the "four-fifths"
  rule of thumb) the group is flagged for a closer look.

Groups smaller than ``min_group_size`` are reported without rates (too small to
read and a re-identification risk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: Attributes the report groups by.
GROUP_ATTRIBUTES = ("sex", "age_band", "origin")


@dataclass(frozen=True)
class GroupAttributes:
    """Sensitive attributes of one person, for the fairness report only.

    Attributes
    ----------
    person_id:
        The person.
    sex, age_band, origin:
        Codes as recorded (e.g. ``M``/``V``/``X``, ``<25``/``25-54``/``55+``,
        ``belg``/``eu``/``niet_eu``); ``None`` when not recorded.
    """

    person_id: str
    sex: str | None = None
    age_band: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class GroupRate:
    """Rates for one group value."""

    attribute: str
    value: str
    persons: int
    match_rate: float | None
    good_match_rate: float | None
    mean_best_fit: float | None
    ratio_to_best: float | None
    flagged: bool


def fairness_report(
    person_ids: Sequence[str],
    fits: np.ndarray,
    blocked: np.ndarray,
    groups: Sequence[GroupAttributes],
    *,
    good_fit: float = 0.8,
    min_group_size: int = 10,
) -> list[GroupRate]:
    """Match rates per group from ranked lists.

    Parameters
    ----------
    person_ids:
        Owners of the ranked lists (rows of ``fits``).
    fits, blocked:
        ``(persons, k)`` from :class:`~doorstroom.domain.matching.ranking.TopK`
        (NaN fit = no entry).
    groups:
        Group attributes; persons without an entry count as "onbekend".
    good_fit:
        Fit from which a match counts as good.
    min_group_size:
        Smaller groups get no rates.

    Returns
    -------
    list of GroupRate
        Per attribute in :data:`GROUP_ATTRIBUTES` order, values sorted.
    """
    by_person = {g.person_id: g for g in groups}
    usable = ~np.isnan(fits) & ~blocked
    best = np.where(usable, fits, -np.inf).max(axis=1, initial=-np.inf)
    matched = np.isfinite(best)
    good = matched & (best >= good_fit)
    rates: list[GroupRate] = []
    for attribute in GROUP_ATTRIBUTES:
        values = np.array(
            [
                (getattr(by_person[pid], attribute) if pid in by_person else None)
                or "onbekend"
                for pid in person_ids
            ],
            dtype=object,
        )
        rows: list[dict[str, Any]] = []
        for value in sorted(set(values.tolist())):
            mask = values == value
            n = int(mask.sum())
            if n < min_group_size:
                rows.append(
                    {"value": value, "n": n, "rate": None, "good": None, "mean": None}
                )
                continue
            rows.append(
                {
                    "value": value,
                    "n": n,
                    "rate": float(matched[mask].mean()),
                    "good": float(good[mask].mean()),
                    "mean": float(best[mask & matched].mean())
                    if (mask & matched).any()
                    else None,
                }
            )
        top = max((r["rate"] for r in rows if r["rate"] is not None), default=None)
        for r in rows:
            ratio = None if r["rate"] is None or not top else r["rate"] / top
            rates.append(
                GroupRate(
                    attribute,
                    r["value"],
                    r["n"],
                    r["rate"],
                    r["good"],
                    r["mean"],
                    ratio,
                    ratio is not None and ratio < 0.8,
                )
            )
    return rates

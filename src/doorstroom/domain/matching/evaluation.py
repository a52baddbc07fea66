"""Offline evaluation of the ranking against recorded decisions and outcomes.

Coaches record what happened with a proposed pair: invited, stage, hired, or
refused (by whom, why). Invited, stage and hired count as **relevant**; refused
does not. Pairs without an outcome are unjudged.

We rank, per person, only the vacancies with an outcome (a *condensed list*:
unjudged vacancies are left out instead of being counted as misses, because a
coach only ever decided on a few) and compute

* ``precision@10 = (relevant among the first 10) / 10``;
* ``AP = (1/R) Σ_{i relevant} precision@i`` with ``R`` the person's relevant
  outcomes; **MAP** is its mean over persons with at least one relevant outcome;

and the same for a random order as the baseline (exact expectation for
precision@10; for MAP the mean over seeded shuffles).

On synthetic data the outcomes come from a **hidden fit**: the fit computed from
the persons' true levels (before assessment noise and without unknowns) plus
Gaussian noise, thresholded into hired / stage / invited / refused. A ranking that
finds the hidden fit scores well above the random baseline.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import numpy as np

from doorstroom.domain.matching.ranking import (
    BLOCKED_OFFSET,
    FIT_RESOLUTION,
    MatchIndex,
)
from doorstroom.domain.matching.synthetic import COMPETENCES, SyntheticWorld


class OutcomeStatus(StrEnum):
    """What happened with a proposed pair."""

    INVITED = "invited"
    STAGE = "stage"
    HIRED = "hired"
    REFUSED = "refused"


#: Statuses that count as relevant.
RELEVANT = frozenset({OutcomeStatus.INVITED, OutcomeStatus.STAGE, OutcomeStatus.HIRED})


@dataclass(frozen=True)
class Outcome:
    """A recorded decision on one person-vacancy pair.

    Attributes
    ----------
    person_id, vacancy_id:
        The pair.
    status:
        Invited, stage, hired or refused.
    refused_by:
        ``worker`` or ``employer`` when refused.
    reason:
        Free text or a code, when refused.
    """

    person_id: str
    vacancy_id: str
    status: OutcomeStatus
    refused_by: str | None = None
    reason: str | None = None

    @property
    def relevant(self) -> bool:
        """Invited, stage or hired."""
        return self.status in RELEVANT


@dataclass(frozen=True)
class EvaluationResult:
    """Figures of :func:`evaluate`."""

    persons: int
    judged_pairs: int
    relevant_pairs: int
    precision_at_10: float
    mean_average_precision: float
    random_precision_at_10: float
    random_map: float

    def to_dict(self) -> dict[str, float | int]:
        """JSON-compatible figures."""
        return {
            "persons": self.persons,
            "judged_pairs": self.judged_pairs,
            "relevant_pairs": self.relevant_pairs,
            "precision_at_10": self.precision_at_10,
            "mean_average_precision": self.mean_average_precision,
            "random_precision_at_10": self.random_precision_at_10,
            "random_map": self.random_map,
        }


def precision_at_k(relevance: Sequence[bool], k: int = 10) -> float:
    """Share of relevant items among the first ``k`` positions (missing ones count as not relevant).

    Examples
    --------
    >>> precision_at_k([True, False, True], k=10)
    0.2
    """
    return sum(bool(r) for r in list(relevance)[:k]) / k


def average_precision(relevance: Sequence[bool]) -> float:
    """Mean of precision@i over the positions i of the relevant items (0 if none).

    Examples
    --------
    >>> average_precision([True, False, True])  # (1/1 + 2/3) / 2
    0.8333333333333333
    """
    hits = 0
    total = 0.0
    for position, relevant in enumerate(relevance, start=1):
        if relevant:
            hits += 1
            total += hits / position
    return total / hits if hits else 0.0


def evaluate(
    index: MatchIndex,
    outcomes: Iterable[Outcome],
    *,
    k: int = 10,
    shuffles: int = 20,
    seed: int = 7,
) -> EvaluationResult:
    """Precision@k and MAP of the index's ranking against recorded outcomes.

    Parameters
    ----------
    index:
        The ranking (persons and vacancies the outcomes refer to).
    outcomes:
        Recorded outcomes; pairs outside the index are ignored, and for a pair
        recorded twice the last one counts.
    k:
        Cut-off for precision.
    shuffles:
        Random orders averaged for the MAP baseline.
    seed:
        Seed of those shuffles.
    """
    person_row = {pid: i for i, pid in enumerate(index.person_ids)}
    vacancy_col = {vid: j for j, vid in enumerate(index.vacancy_ids)}
    judged: dict[int, dict[int, bool]] = defaultdict(dict)
    for outcome in outcomes:
        row = person_row.get(outcome.person_id)
        col = vacancy_col.get(outcome.vacancy_id)
        if row is not None and col is not None:
            judged[row][col] = outcome.relevant
    rows = sorted(r for r, pairs in judged.items() if any(pairs.values()))
    n_judged = sum(len(judged[r]) for r in judged)
    n_relevant = sum(sum(p.values()) for p in judged.values())
    if not rows:
        return EvaluationResult(0, n_judged, n_relevant, 0.0, 0.0, 0.0, 0.0)
    prow = np.concatenate([np.full(len(judged[r]), r, dtype=np.intp) for r in rows])
    cols = np.concatenate([np.array(sorted(judged[r]), dtype=np.intp) for r in rows])
    q = index.pair_keys(prow, cols)
    rng = np.random.default_rng(seed)
    precisions, aps, random_precisions, random_aps = [], [], [], []
    start = 0
    for r in rows:
        n = len(judged[r])
        row_cols, row_q = cols[start : start + n], q[start : start + n]
        start += n
        order = np.lexsort((row_cols, -row_q))
        relevance = [judged[r][int(c)] for c in row_cols[order]]
        precisions.append(precision_at_k(relevance, k))
        aps.append(average_precision(relevance))
        relevant = sum(relevance)
        random_precisions.append(relevant * min(k, n) / n / k)
        random_aps.append(
            float(
                np.mean(
                    [
                        average_precision(list(rng.permutation(relevance)))
                        for _ in range(shuffles)
                    ]
                )
            )
        )
    return EvaluationResult(
        persons=len(rows),
        judged_pairs=n_judged,
        relevant_pairs=n_relevant,
        precision_at_10=float(np.mean(precisions)),
        mean_average_precision=float(np.mean(aps)),
        random_precision_at_10=float(np.mean(random_precisions)),
        random_map=float(np.mean(random_aps)),
    )


def synthetic_outcomes(
    world: SyntheticWorld,
    index: MatchIndex,
    *,
    per_person: int = 20,
    noise: float = 0.08,
    max_persons: int | None = 2000,
    seed: int = 11,
) -> list[Outcome]:
    """Outcomes from a hidden fit with noise, for feasible pairs of synthetic persons.

    For each person (up to ``max_persons``) up to ``per_person`` feasible
    vacancies are drawn; the hidden score is the fit from the true levels plus
    ``N(0, noise)``, minus 0.25 when a true level is below a cut-off; ≥ 0.90 hired, ≥ 0.85 stage, ≥ 0.80 invited, else refused
    (by the employer on competences or by the worker, at random).

    Parameters
    ----------
    world:
        The synthetic world (its ``true_levels`` are the hidden truth).
    index:
        An index over ``world.persons`` and the vacancies.
    per_person, noise, max_persons, seed:
        Sampling settings.
    """
    rng = np.random.default_rng(seed)
    by_id = {p.id: i for i, p in enumerate(world.persons)}
    truth = [
        replace(
            index.persons[row],
            levels={
                c: float(world.true_levels[by_id[pid], j])
                for j, c in enumerate(COMPETENCES)
            },
        )
        for row, pid in enumerate(
            index.person_ids[: max_persons or len(index.person_ids)]
        )
    ]
    hidden = MatchIndex(truth, index.vacancies, world.gazetteer)
    outcomes: list[Outcome] = []
    for rows in hidden._blocks():
        prow, cols = index.block_pairs(rows)
        if prow.size == 0:
            continue
        chosen = []
        for r in np.unique(prow):
            candidates = np.flatnonzero(prow == r)
            take = min(per_person, candidates.size)
            chosen.extend(rng.choice(candidates, size=take, replace=False).tolist())
        picked = np.array(sorted(chosen), dtype=np.intp)
        prow, cols = prow[picked], cols[picked]
        q = hidden.pair_keys(prow, cols)
        blocked = q < 0
        fit = np.where(blocked, q + BLOCKED_OFFSET, q) / FIT_RESOLUTION - 0.25 * blocked
        score = fit + rng.normal(0.0, noise, size=fit.size)
        for r, c, s in zip(prow.tolist(), cols.tolist(), score.tolist(), strict=True):
            person_id, vacancy_id = index.person_ids[r], index.vacancy_ids[c]
            if s >= 0.90:
                outcomes.append(Outcome(person_id, vacancy_id, OutcomeStatus.HIRED))
            elif s >= 0.85:
                outcomes.append(Outcome(person_id, vacancy_id, OutcomeStatus.STAGE))
            elif s >= 0.80:
                outcomes.append(Outcome(person_id, vacancy_id, OutcomeStatus.INVITED))
            else:
                by = "employer" if rng.random() < 0.7 else "worker"
                reason = "competences" if by == "employer" else "not_interested"
                outcomes.append(
                    Outcome(person_id, vacancy_id, OutcomeStatus.REFUSED, by, reason)
                )
    return outcomes


OUTCOME_COLUMNS = ("person_id", "vacancy_id", "status", "refused_by", "reason")


def write_outcomes_csv(outcomes: Iterable[Outcome], path: str | Path) -> None:
    """Write outcomes as CSV (columns :data:`OUTCOME_COLUMNS`)."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTCOME_COLUMNS)
        for o in outcomes:
            writer.writerow(
                [
                    o.person_id,
                    o.vacancy_id,
                    o.status.value,
                    o.refused_by or "",
                    o.reason or "",
                ]
            )


def load_outcomes_csv(path: str | Path) -> list[Outcome]:
    """Read outcomes written by :func:`write_outcomes_csv` (or the app's export).

    Raises
    ------
    ValueError
        Naming file, line and field of the first problems (all or nothing).
    """
    path = Path(path)
    problems: list[str] = []
    outcomes: list[Outcome] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(OUTCOME_COLUMNS[:3]) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(
                f"{path.name}:1: kolommen ontbreken: {', '.join(sorted(missing))}"
            )
        for row in reader:
            line = reader.line_num
            try:
                status = OutcomeStatus((row["status"] or "").strip())
            except ValueError:
                problems.append(
                    f"{path.name}:{line}: status: onbekend '{row['status']}'"
                )
                continue
            if not row["person_id"] or not row["vacancy_id"]:
                problems.append(f"{path.name}:{line}: person_id/vacancy_id: ontbreekt")
                continue
            outcomes.append(
                Outcome(
                    row["person_id"].strip(),
                    row["vacancy_id"].strip(),
                    status,
                    (row.get("refused_by") or "").strip() or None,
                    (row.get("reason") or "").strip() or None,
                )
            )
    if problems:
        raise ValueError("\n".join(problems))
    return outcomes

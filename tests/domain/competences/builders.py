"""Small builders for competence tests."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from doorstroom.domain.competences import (
    AssessmentRound,
    FrameworkRef,
    RaterRole,
    RaterSheet,
    Rating,
)

REF = FrameworkRef("demo", 1, "0" * 64)


def sheet(
    rater_id: str, role: RaterRole, levels: Mapping[str, int | str | None]
) -> RaterSheet:
    """A rater sheet from ``{competence_id: level}`` (None = niet geobserveerd)."""
    return RaterSheet(
        rater_id, role, tuple(Rating(cid, level) for cid, level in levels.items())
    )


def assessment_round(
    round_id: str,
    held_on: date,
    *sheets: RaterSheet,
    person_id: str = "p1",
    framework: FrameworkRef = REF,
) -> AssessmentRound:
    """An assessment round of one person."""
    return AssessmentRound(round_id, person_id, framework, held_on, tuple(sheets))

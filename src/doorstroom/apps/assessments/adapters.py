"""Stored rows <-> domain dataclasses of :mod:`doorstroom.domain.competences`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from doorstroom.domain.competences import (
    AssessmentRound,
    Framework,
    FrameworkRef,
    JobProfile,
    Level,
    RaterRole,
    RaterSheet,
    Rating,
    StarrNote,
    framework_from_dict,
    framework_to_dict,
    job_profile_from_dict,
)

from . import models as m

STARR_FIELDS = ("situation", "task", "activities", "result", "reflection")


@lru_cache(maxsize=64)
def _framework_from_json(content_hash: str, text: str) -> Framework:
    import json

    framework = framework_from_dict(json.loads(text), source="kader")
    if framework.content_hash != content_hash:
        raise ValueError(
            f"Kader {framework.id} v{framework.version}: de inhoud past niet bij de "
            "bewaarde hash (in place gewijzigd?)."
        )
    return framework


def framework_of(row: m.FrameworkVersion) -> Framework:
    """The domain framework of a stored version (checked against its hash)."""
    import json

    text = json.dumps(row.data, sort_keys=True, ensure_ascii=False)
    return _framework_from_json(row.content_hash, text)


def framework_row_values(framework: Framework) -> dict[str, Any]:
    """Field values to store ``framework`` as a :class:`FrameworkVersion`."""
    return {
        "framework_id": framework.id,
        "version": framework.version,
        "content_hash": framework.content_hash,
        "name": framework.name,
        "data": framework_to_dict(framework),
    }


def framework_ref(row: m.FrameworkVersion) -> FrameworkRef:
    return FrameworkRef(row.framework_id, row.version, row.content_hash)


def starr_of(row: m.RatingRow) -> StarrNote | None:
    values = {name: getattr(row, name) for name in STARR_FIELDS}
    if not any(value.strip() for value in values.values()):
        return None
    return StarrNote(**values)


def sheet_of(row: m.RaterSheet, ratings: Iterable[m.RatingRow]) -> RaterSheet:
    return RaterSheet(
        rater_id=row.rater_key,
        role=RaterRole(row.role),
        ratings=tuple(
            Rating(
                competence_id=rating.competence_id,
                level=None if rating.level is None else Level(rating.level),
                starr=starr_of(rating),
                comment=rating.comment,
            )
            for rating in ratings
        ),
    )


def round_of(row: m.AssessmentRound) -> AssessmentRound:
    """The domain round of a stored round (use ``prefetch_related('sheets__ratings')``)."""
    return AssessmentRound(
        id=str(row.pk),
        person_id=str(row.person_id),
        framework=framework_ref(row.framework),
        held_on=row.held_on,
        sheets=tuple(
            sheet_of(sheet, sheet.ratings.all()) for sheet in row.sheets.all()
        ),
    )


def job_profile_of(row: m.JobProfile) -> JobProfile:
    return job_profile_from_dict(
        {
            "id": str(row.pk),
            "name": row.name,
            "requirements": row.requirements,
            "framework": {
                "id": row.framework.framework_id,
                "version": row.framework.version,
                "content_hash": row.framework.content_hash,
            },
        }
    )


def job_profile_of_version(row: m.JobProfileVersion) -> JobProfile:
    """The domain profile of one stored version of a job profile."""
    return job_profile_from_dict(
        {
            "id": str(row.profile_id),
            "name": row.name,
            "requirements": row.requirements,
            "framework": {
                "id": row.framework.framework_id,
                "version": row.framework.version,
                "content_hash": row.framework.content_hash,
            },
        }
    )

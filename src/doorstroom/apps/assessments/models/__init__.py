"""Stored competence frameworks, assessment rounds, job profiles, POPs and
workfloor observations.

The computations live in :mod:`doorstroom.domain.competences`; these rows hold the
values, and :mod:`doorstroom.apps.assessments.adapters` turns them into domain
dataclasses.
"""

from __future__ import annotations

from .frameworks import FrameworkVersion
from .job_profiles import JobProfile, JobProfileVersion
from .observation import ObservationNote, ObservationPlan
from .pop import PopAction, PopPlan
from .rounds import AssessmentRound, RaterSheet, RatingRow

__all__ = [
    "AssessmentRound",
    "FrameworkVersion",
    "JobProfile",
    "JobProfileVersion",
    "ObservationNote",
    "ObservationPlan",
    "PopAction",
    "PopPlan",
    "RaterSheet",
    "RatingRow",
]

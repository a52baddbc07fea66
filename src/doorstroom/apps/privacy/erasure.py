"""Anonymising the case file forms, competence records and matching data of a
person (called by :func:`doorstroom.apps.privacy.services.erase_person`, inside
its transaction).

The rule is the one of the whole erasure: free text and whatever names or
describes the person is blanked; dates, codes, statuses, levels and ratings stay,
so every figure built on them stays the same. Names of staff (the coach who
recorded a form, the observer, the VDAB evaluator) stay: they say nothing about
the person once the person has no name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import Storage
from django.db.models import Q

from doorstroom.apps.assessments import models as am
from doorstroom.apps.casefiles.models import (
    AcceptedHow,
    EngagementDeclaration,
    IntakeRecord,
    StepRecord,
    TransitionPlan,
    TransitionPlanRow,
    VdabEvaluationInterview,
    VdabEvaluationRequest,
)
from doorstroom.apps.matches.models import MatchDecision, MatchPreferences
from doorstroom.apps.target_workers.models import Person

STARR_BLANK = {
    "situation": "",
    "task": "",
    "activities": "",
    "result": "",
    "reflection": "",
}


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file to delete from its storage once the erasure is committed."""

    storage: Storage
    name: str

    def delete(self) -> None:
        """Remove the file (a file already gone is no error)."""
        self.storage.delete(self.name)


def erase_case_file_forms(person: Person, login_id: int | None) -> list[StoredFile]:
    """Blank the text of intakes, engagement declarations, PDPs and VDAB
    evaluations; detach the signed declarations and return their files.

    Kept: every date, the motivation level, how and when a declaration was
    accepted, who registered each step (unless the worker did), the PDP rows'
    due dates, done flags and evaluations, and the VDAB
    request's codes, interview date and questionnaire flags.

    Returns
    -------
    list of StoredFile
        The signed copies to delete from storage after the commit (the fields
        are already blank).
    """
    IntakeRecord.objects.filter(case_file__person=person).update(
        situation="",
        work_history="",
        education="",
        wishes="",
        mobility="",
        barriers="",
        motivation="",
    )
    declarations = EngagementDeclaration.objects.filter(case_file__person=person)
    files = [
        StoredFile(d.signed_file.storage, d.signed_file.name)
        for d in declarations.exclude(signed_file="")
    ]
    declarations.update(commitments="", signed_file="", signed_content_type="")
    # Accepted in the worker's own portal (or by their login): the name is theirs.
    own = Q(accepted_how=AcceptedHow.PORTAL)
    if login_id is not None:
        own |= Q(accepted_by_id=login_id)
    declarations.filter(own).update(accepted_by_name="")
    if login_id is not None:
        # Steps the worker registered themselves (accepting in the portal).
        StepRecord.objects.filter(
            case_file__person=person, recorded_by_id=login_id
        ).update(recorded_by_name="")
    TransitionPlan.objects.filter(case_file__person=person).update(
        where_now="", wants=""
    )
    TransitionPlanRow.objects.filter(plan__case_file__person=person).update(
        need="", barrier="", resource="", action="", who="", remarks=""
    )
    VdabEvaluationRequest.objects.filter(case_file__person=person).update(note="")
    VdabEvaluationInterview.objects.filter(request__case_file__person=person).update(
        attendees="", summary=""
    )
    return files


def erase_competence_text(person: Person, login_id: int | None) -> None:
    """Blank the STARR notes and comments of every rating and observation, the
    POP actions' text, and the worker's own name on a self-assessment or an
    agreed POP. Levels, competences, rounds, dates and the link of a note to the
    rating it supports stay."""
    am.RatingRow.objects.filter(sheet__round__person=person).update(
        **STARR_BLANK, comment=""
    )
    own_sheet = Q(role=am.rounds.RaterRoleChoice.SELF)
    if login_id is not None:
        own_sheet |= Q(rater_id=login_id)
    am.RaterSheet.objects.filter(own_sheet, round__person=person).update(rater_name="")
    am.ObservationNote.objects.filter(person=person).update(**STARR_BLANK)
    am.PopPlan.objects.filter(person=person).update(agreed_by_name="")
    am.PopAction.objects.filter(plan__person=person).update(
        action="", helper="", measurable_result=""
    )


def erase_matching_data(person: Person) -> None:
    """Blank the reasons of matching decisions and drop the recorded physical
    limits (kept only with the worker's agreement, which ends with the erasure).
    Statuses, who refused, hours, shifts, travel, language level and sectors
    stay."""
    MatchDecision.objects.filter(person=person).update(reason="")
    MatchPreferences.objects.filter(person=person).update(
        physical_limits=[], limits_agreed=False
    )

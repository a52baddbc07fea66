"""The parts of a worker's data export that come from the case file forms, the
competence records and matching.

Each function returns plain JSON-ready data (strings, numbers, booleans, lists,
dicts): codes as stored, plus a ``*_label`` in plain words where a code alone
means little to the worker. Nothing here checks permissions or writes audit
entries: :func:`doorstroom.apps.privacy.services.export_person_data` does.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from doorstroom.apps.assessments import adapters
from doorstroom.apps.assessments import models as am
from doorstroom.apps.casefiles.models import (
    CaseFile,
    EngagementDeclaration,
    TransitionPlan,
    VdabEvaluationRequest,
)
from doorstroom.apps.matches.choices import (
    PHYSICAL_DEMAND_LABELS,
    SHIFT_LABELS,
    TRAVEL_MODE_LABELS,
)
from doorstroom.apps.matches.models import MatchDecision, MatchPreferences
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.competences import level_label_nl

STARR = adapters.STARR_FIELDS


def plain(value: Any) -> Any:
    """A stored value as JSON: dates as ISO text, decimals as numbers."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _fields(obj, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: plain(getattr(obj, name)) for name in names}


def _label(obj, name: str) -> str:
    """The plain-words label of a choice field (empty when the value is empty)."""
    return str(getattr(obj, f"get_{name}_display")()) if getattr(obj, name) else ""


class _CompetenceNames:
    """Competence names per stored framework version (read once per version)."""

    def __init__(self) -> None:
        self._names: dict[int, dict[str, str]] = {}

    def __call__(self, framework: am.FrameworkVersion, competence_id: str) -> str:
        if framework.pk not in self._names:
            domain = adapters.framework_of(framework)
            self._names[framework.pk] = {c.id: c.name for c in domain.competences}
        return self._names[framework.pk].get(competence_id, competence_id)


# --- case file forms ------------------------------------------------------------


INTAKE_FIELDS = (
    "date",
    "situation",
    "work_history",
    "education",
    "wishes",
    "mobility",
    "barriers",
    "motivation",
    "motivation_level",
    "recorded_by_name",
)


def _engagement(declaration: EngagementDeclaration) -> dict[str, Any]:
    signed = declaration.signed_file
    return {
        **_fields(
            declaration,
            ("date", "commitments", "accepted_how", "accepted_at", "accepted_by_name"),
        ),
        "accepted_how_label": _label(declaration, "accepted_how"),
        # That a signed copy exists, its date and type; not the scanned bytes
        # (the worker downloads the copy itself from their file).
        "signed_copy": {
            "uploaded_on": plain(declaration.accepted_at),
            "file_type": declaration.signed_content_type,
            "file_extension": PurePath(signed.name).suffix.lower(),
        }
        if signed
        else None,
        "recorded_by_name": declaration.recorded_by_name,
    }


def _pdp(plan: TransitionPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        **_fields(plan, ("where_now", "wants", "version", "updated_at")),
        "updated_by_name": plan.updated_by_name,
        "rows": [
            _fields(
                row,
                (
                    "need",
                    "barrier",
                    "resource",
                    "action",
                    "who",
                    "due_on",
                    "done",
                    "evaluation",
                    "remarks",
                ),
            )
            for row in plan.rows.all()
        ],
    }


def _vdab_request(request: VdabEvaluationRequest) -> dict[str, Any]:
    interview = getattr(request, "interview", None)
    advice = request.advice
    return {
        **_fields(request, ("requested_on", "requested_by", "reason", "note")),
        "requested_by_label": _label(request, "requested_by"),
        "reason_label": _label(request, "reason"),
        "recorded_by_name": request.recorded_by_name,
        "interview": _fields(
            interview,
            (
                "date",
                "evaluator_name",
                "attendees",
                "worker_questionnaire",
                "employer_questionnaire",
                "pop_date",
                "summary",
            ),
        )
        if interview is not None
        else None,
        "advice": {
            "instrument": advice.instrument,
            "date": plain(advice.date),
            "result": advice.result,
            "result_label": _label(advice, "result"),
        },
    }


def case_file_forms(case_file: CaseFile) -> dict[str, Any]:
    """Intake forms, engagement declarations, screenings, the PDP and the VDAB
    evaluation requests (with interview and advice) of one case file."""
    intakes = []
    for intake in case_file.intakes.all():
        intakes.append(
            {
                **_fields(intake, INTAKE_FIELDS),
                "motivation_level_label": _label(intake, "motivation_level"),
            }
        )
    screenings = [
        {
            "date": plain(s.date),
            "first_coach": _user_name(s.first_coach),
            "second_coach": _user_name(s.second_coach),
            "assessment_round_date": plain(s.assessment_round.held_on),
        }
        for s in case_file.screenings.select_related(
            "first_coach", "second_coach", "assessment_round"
        )
    ]
    return {
        "intakes": intakes,
        "engagements": [_engagement(d) for d in case_file.engagements.all()],
        "screenings": screenings,
        "pdp": _pdp(TransitionPlan.objects.filter(case_file=case_file).first()),
        "vdab_requests": [
            _vdab_request(r)
            for r in case_file.vdab_requests.select_related("advice", "interview")
        ],
    }


def _user_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


# --- competences ----------------------------------------------------------------


def competences(person: Person) -> dict[str, Any]:
    """Assessment rounds with every rater's levels and STARR notes (the
    self-assessment included), the POP with its actions, and the workfloor
    observations: the plans that followed the person and the notes about them."""
    name_of = _CompetenceNames()
    rounds = []
    for round_row in (
        am.AssessmentRound.objects.filter(person=person)
        .select_related("framework")
        .prefetch_related("sheets__ratings")
    ):
        framework = round_row.framework
        rounds.append(
            {
                "held_on": plain(round_row.held_on),
                "framework": framework.name,
                "sheets": [
                    {
                        "role": sheet.role,
                        "role_label": _label(sheet, "role"),
                        "rater_name": sheet.rater_name,
                        "ratings": [
                            {
                                "competence_id": rating.competence_id,
                                "competence": name_of(framework, rating.competence_id),
                                "level": rating.level,
                                "level_label": level_label_nl(rating.level),
                                **_fields(rating, STARR),
                                "comment": rating.comment,
                            }
                            for rating in sheet.ratings.all()
                        ],
                    }
                    for sheet in round_row.sheets.all()
                ],
            }
        )
    pop = am.PopPlan.objects.filter(person=person).first()
    plans = person.observation_plans.select_related("observer", "framework")
    notes = (
        am.ObservationNote.objects.filter(person=person)
        .select_related("plan__framework", "round")
        .order_by("observed_on", "id")
    )
    return {
        "assessment_rounds": rounds,
        "pop": {
            **_fields(pop, ("start_date", "version", "updated_at", "agreed_at")),
            "agreed_by_name": pop.agreed_by_name,
            "actions": [
                _fields(
                    action,
                    (
                        "competence_id",
                        "competence_name",
                        "blocking",
                        "action",
                        "helper",
                        "due_date",
                        "measurable_result",
                    ),
                )
                for action in pop.actions.all()
            ],
        }
        if pop is not None
        else None,
        "observation_plans": [
            {
                "name": plan.name,
                "observer": _user_name(plan.observer),
                "starts_on": plain(plan.starts_on),
                "ends_on": plain(plan.ends_on),
                "competences": [
                    name_of(plan.framework, cid) for cid in plan.competence_ids
                ],
            }
            for plan in plans
        ],
        "observation_notes": [
            {
                "observed_on": plain(note.observed_on),
                "plan": note.plan.name,
                "competence_id": note.competence_id,
                "competence": name_of(note.plan.framework, note.competence_id),
                **_fields(note, STARR),
                "author_name": note.author_name,
                "rated_in_round_of": plain(note.round.held_on) if note.round else None,
            }
            for note in notes
        ],
    }


# --- matching -------------------------------------------------------------------


def _labels(codes: list[str], labels: dict) -> list[str]:
    return [str(labels.get(code, code)) for code in codes]


def matching(person: Person) -> dict[str, Any]:
    """What the worker accepts in a job, and the decisions on proposed jobs."""
    prefs = MatchPreferences.objects.filter(person=person).first()
    preferences = None
    if prefs is not None:
        preferences = {
            **_fields(
                prefs,
                (
                    "hours_min",
                    "hours_max",
                    "shifts",
                    "travel_modes",
                    "max_travel_minutes",
                    "physical_limits",
                    "limits_agreed",
                    "language_level",
                    "wished_sectors",
                    "no_go_sectors",
                    "updated_at",
                ),
            ),
            "shifts_labels": _labels(prefs.shifts, SHIFT_LABELS),
            "travel_modes_labels": _labels(prefs.travel_modes, TRAVEL_MODE_LABELS),
            "physical_limits_labels": _labels(
                prefs.physical_limits, PHYSICAL_DEMAND_LABELS
            ),
        }
    decisions = [
        {
            "vacancy": decision.vacancy.title,
            "employer": decision.vacancy.employer.name,
            "status": decision.status,
            "status_label": _label(decision, "status"),
            "refused_by": decision.refused_by,
            "refused_by_label": _label(decision, "refused_by"),
            "reason": decision.reason,
            "decided_at": plain(decision.decided_at),
        }
        for decision in MatchDecision.objects.filter(person=person).select_related(
            "vacancy__employer"
        )
    ]
    return {"match_preferences": preferences, "match_decisions": decisions}

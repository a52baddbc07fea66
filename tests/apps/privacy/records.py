"""One person with every kind of record the export and the erasure must cover,
built through the apps' own service functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as am
from doorstroom.apps.assessments import services as assessments
from doorstroom.apps.casefiles import models as cm
from doorstroom.apps.casefiles import services as casefiles
from doorstroom.apps.matches import adapters as match_adapters
from doorstroom.apps.matches import services as matches
from doorstroom.apps.matches.models import MatchDecision, MatchPreferences
from tests.apps.factories import (
    EmploymentSpellFactory,
    UserFactory,
    WopDossierFactory,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

VACANCIES_CSV = (
    "id,title,employer_id,employer_name,sector,postcode,hours,shifts,"
    "physical_demands,language_level,reachable_by,profile,requirements,tasks\n"
    "mag-1,Magazijnmedewerker,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "accuracy:2|motivation:3,\n"
    "mag-2,Orderpicker,logistiek-nv,Logistiek NV,transport,2800,37,day,,A2,,,"
    "cooperation:3:2|accuracy:2,\n"
)

#: Every free text written below: none may survive an erasure.
TEXTS = {
    "intake_situation": "Woont sinds mei bij haar zus in Mechelen",
    "intake_history": "Poetshulp bij Dienstencheque Zonneschijn",
    "intake_education": "Tweede jaar BSO verzorging",
    "intake_wishes": "Kassierster in de Colruyt",
    "intake_mobility": "Bus 1 en te voet",
    "intake_barriers": "Schulden bij het OCMW",
    "intake_motivation": "Wil haar kinderen tonen dat het kan",
    "commitments": "Elke dinsdag om 9 uur op gesprek",
    "portal_commitments": "Zelf de bus nemen naar de stage",
    "starr_situation": "Drukke ochtend aan de sorteerband",
    "starr_task": "Dozen stapelen",
    "starr_activities": "Vroeg hulp aan Ahmed",
    "starr_result": "Alles op tijd klaar",
    "starr_reflection": "Was trots op zichzelf",
    "rating_comment": "Praat weinig in de pauze",
    "self_situation": "Ik moest alleen werken",
    "where_now": "Werkt halftijds in de sorteerafdeling",
    "wants": "Voltijds werken in een winkel",
    "pdp_need": "Een rijbewijs",
    "pdp_barrier": "Geen geld voor rijlessen",
    "pdp_resource": "Broer kan helpen oefenen",
    "pdp_action": "Theorie-examen afleggen",
    "pdp_who": "Broer Karim",
    "pdp_remarks": "Angst voor het examen",
    "vdab_note": "Vraagt zelf de evaluatie aan na ruzie",
    "attendees": "Zus Maria als vertrouwenspersoon",
    "interview_summary": "Verloop gesprek: emotioneel maar positief",
    "obs_situation": "Nieuwe collega inwerken",
    "obs_task": "Uitleg geven over de scanner",
    "obs_activities": "Toonde het twee keer geduldig",
    "obs_result": "Collega werkte zelfstandig",
    "obs_reflection": "Vond uitleggen fijn",
    "pop_action": "Elke week een teamoverleg bijwonen",
    "pop_helper": "Ploegbaas Dirk",
    "pop_result": "Drie keer iets gezegd in het overleg",
    "decision_reason": "Te ver van huis, zorgt 's avonds voor haar moeder",
}


@dataclass
class Records:
    case_file: cm.CaseFile
    intake: cm.IntakeRecord
    signed: cm.EngagementDeclaration
    portal: cm.EngagementDeclaration | None
    screening: cm.Screening
    pdp: cm.TransitionPlan
    request: cm.VdabEvaluationRequest
    interview: cm.VdabEvaluationInterview
    plan: am.ObservationPlan
    note: am.ObservationNote
    pop: am.PopPlan
    decision: MatchDecision
    preferences: MatchPreferences


def build_records(world, person, *, worker=None) -> Records:
    """Every new kind of record for ``person`` (of ``world.home``); the
    worker's own parts (self-assessment, acceptance in the portal, agreeing to
    the POP) only when ``worker`` is their login."""
    t = TEXTS
    coach = world.users[Role.COACH]
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    WopDossierFactory(person=person)
    EmploymentSpellFactory(person=person)
    framework = next(
        row
        for row in assessments.ensure_builtin_frameworks()
        if row.framework_id == "sw_lde"
    )
    case_file = casefiles.open_case_file(
        actor=coach,
        person=person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2025, 9, 1),
    )
    intake = casefiles.record_intake(
        actor=coach,
        case_file=case_file,
        values={
            "date": dt.date(2025, 9, 10),
            "situation": t["intake_situation"],
            "work_history": t["intake_history"],
            "education": t["intake_education"],
            "wishes": t["intake_wishes"],
            "mobility": t["intake_mobility"],
            "barriers": t["intake_barriers"],
            "motivation": t["intake_motivation"],
            "motivation_level": 3,
        },
    )
    signed = casefiles.create_engagement(
        actor=coach,
        case_file=case_file,
        on=dt.date(2025, 9, 10),
        commitments=t["commitments"],
        signed_file=SimpleUploadedFile("getekend.pdf", PDF),
    )
    portal = None
    if worker is not None:
        portal = casefiles.create_engagement(
            actor=coach,
            case_file=case_file,
            on=dt.date(2025, 9, 12),
            commitments=t["portal_commitments"],
        )
        casefiles.accept_engagement(actor=worker, declaration=portal)
    second_coach = UserFactory(
        username="coach2", role=Role.COACH, organisation=world.home
    )
    screening = casefiles.start_screening(
        actor=coach,
        case_file=case_file,
        framework=framework,
        on=dt.date(2025, 9, 20),
        second_coach=second_coach,
    )
    casefiles.rate_screening(
        actor=coach,
        screening=screening,
        ratings={
            "cooperation": {
                "level": 2,
                "situation": t["starr_situation"],
                "task": t["starr_task"],
                "activities": t["starr_activities"],
                "result": t["starr_result"],
                "reflection": t["starr_reflection"],
                "comment": t["rating_comment"],
            },
            "accuracy": {"level": 3},
        },
    )
    casefiles.rate_screening(
        actor=second_coach,
        screening=screening,
        ratings={"cooperation": {"level": 3}, "accuracy": {"level": 4}},
    )
    if worker is not None:
        assessments.save_ratings(
            actor=worker,
            round_row=screening.assessment_round,
            ratings={"cooperation": {"level": 4, "situation": t["self_situation"]}},
        )
    pdp = casefiles.save_pdp(
        actor=coach,
        case_file=case_file,
        where_now=t["where_now"],
        wants=t["wants"],
        rows=[
            {
                "need": t["pdp_need"],
                "barrier": t["pdp_barrier"],
                "resource": t["pdp_resource"],
                "action": t["pdp_action"],
                "who": t["pdp_who"],
                "due_on": dt.date(2026, 3, 1),
                "done": True,
                "evaluation": "+",
                "remarks": t["pdp_remarks"],
            }
        ],
        expected_version=0,
        on=dt.date(2025, 10, 1),
    )
    pop = assessments.save_pop(
        actor=coach,
        person=person,
        actions=[
            {
                "competence_id": "cooperation",
                "competence_name": "Samenwerken",
                "blocking": True,
                "action": t["pop_action"],
                "helper": t["pop_helper"],
                "due_date": dt.date(2026, 1, 15),
                "measurable_result": t["pop_result"],
            }
        ],
        expected_version=0,
        start_date=dt.date(2025, 10, 1),
    )
    if worker is not None:
        pop = assessments.agree_pop(actor=worker, plan=pop, expected_version=1)
    request = casefiles.request_vdab_evaluation(
        actor=coach,
        case_file=case_file,
        requested_on=dt.date(2025, 11, 1),
        requested_by="werknemer",
        reason="na_vijf_jaar",
        instrument="CM",
        evaluator_organisation=world.vdab,
        note=t["vdab_note"],
    )
    interview = casefiles.record_vdab_interview(
        actor=coach,
        request=request,
        values={
            "date": dt.date(2025, 11, 20),
            "evaluator_name": "An VDAB",
            "attendees": t["attendees"],
            "worker_questionnaire": True,
            "employer_questionnaire": False,
            "pop_date": dt.date(2025, 10, 1),
            "summary": t["interview_summary"],
        },
    )
    casefiles.record_vdab_advice(
        actor=coach,
        request=request,
        result="doorstroomklaar",
        on=dt.date(2025, 12, 1),
        instrument="CM",
    )
    plan = assessments.create_observation_plan(
        actor=supervisor,
        observer=supervisor,
        framework=framework,
        persons=[person],
        competence_ids=["cooperation", "accuracy"],
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 20),
        name="Magazijn maart",
    )
    note = assessments.add_observation_note(
        actor=supervisor,
        plan=plan,
        person=person,
        competence_id="cooperation",
        observed_on=dt.date(2026, 3, 5),
        situation=t["obs_situation"],
        task=t["obs_task"],
        activities=t["obs_activities"],
        result=t["obs_result"],
        reflection=t["obs_reflection"],
    )
    assessments.classify_observations(
        actor=supervisor,
        plan=plan,
        person=person,
        levels={"cooperation": 3},
        held_on=dt.date(2026, 3, 21),
    )
    note.refresh_from_db()
    vacancies = {
        row.match_profile.external_id: row
        for row in matches.import_vacancies(
            actor=coach, filename="vacatures.csv", content=VACANCIES_CSV.encode()
        )
    }
    preferences = matches.save_match_preferences(
        actor=coach,
        person=person,
        values={
            "hours_min": Decimal("19"),
            "hours_max": Decimal("30"),
            "shifts": ["day"],
            "travel_modes": ["bike"],
            "max_travel_minutes": 30,
            "physical_limits": ["heavy_lifting"],
            "limits_agreed": True,
            "language_level": "A2",
            "wished_sectors": ["transport"],
            "no_go_sectors": ["cleaning"],
        },
    )
    matches.record_decision(
        actor=coach, person=person, vacancy=vacancies["mag-1"], status="invited"
    )
    decision = matches.record_decision(
        actor=coach,
        person=person,
        vacancy=vacancies["mag-2"],
        status="refused",
        refused_by="worker",
        reason=t["decision_reason"],
    )
    return Records(
        case_file=case_file,
        intake=intake,
        signed=signed,
        portal=portal,
        screening=screening,
        pdp=pdp,
        request=request,
        interview=interview,
        plan=plan,
        note=note,
        pop=pop,
        decision=decision,
        preferences=preferences,
    )


def figures(person) -> dict:
    """The dates, codes, statuses, levels and ratings figures are built on."""

    def rows(queryset, *names):
        return list(queryset.order_by("pk").values_list(*names))

    return {
        "steps": rows(
            cm.StepRecord.objects.filter(case_file__person=person),
            "kind",
            "phase",
            "step",
            "date",
        ),
        "case_files": rows(
            cm.CaseFile.objects.filter(person=person),
            "trajectory_type",
            "status",
            "outcome",
            "started_on",
        ),
        "intakes": rows(
            cm.IntakeRecord.objects.filter(case_file__person=person),
            "date",
            "motivation_level",
        ),
        "engagements": rows(
            cm.EngagementDeclaration.objects.filter(case_file__person=person),
            "date",
            "accepted_how",
            "accepted_at",
        ),
        "screenings": rows(
            cm.Screening.objects.filter(case_file__person=person),
            "date",
            "assessment_round_id",
            "first_coach_id",
            "second_coach_id",
        ),
        "pdp_rows": rows(
            cm.TransitionPlanRow.objects.filter(plan__case_file__person=person),
            "position",
            "due_on",
            "done",
            "evaluation",
        ),
        "vdab": rows(
            cm.VdabEvaluationRequest.objects.filter(case_file__person=person),
            "requested_on",
            "requested_by",
            "reason",
            "advice__result",
            "advice__date",
            "interview__date",
            "interview__worker_questionnaire",
            "interview__employer_questionnaire",
            "interview__pop_date",
        ),
        "ratings": rows(
            am.RatingRow.objects.filter(sheet__round__person=person),
            "sheet__round__held_on",
            "sheet__role",
            "competence_id",
            "level",
        ),
        "observations": rows(
            am.ObservationNote.objects.filter(person=person),
            "plan_id",
            "competence_id",
            "observed_on",
            "round_id",
        ),
        "observed": rows(
            am.ObservationPlan.objects.filter(persons=person), "pk", "starts_on"
        ),
        "pop": rows(
            am.PopAction.objects.filter(plan__person=person),
            "plan__start_date",
            "plan__version",
            "plan__agreed_at",
            "competence_id",
            "blocking",
            "due_date",
        ),
        "decisions": rows(
            MatchDecision.objects.filter(person=person),
            "vacancy_id",
            "status",
            "refused_by",
            "decided_at",
        ),
        "levels": match_adapters.latest_levels(person)[0],
    }

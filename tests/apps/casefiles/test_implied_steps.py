"""Forms that imply a step register it themselves (issue 4).

The stage, its final (and interim) evaluation, the transition arrangement, the
nazorg contact and the warm handover each register the matching step of the case
file's trajectory type, in the same transaction and audited; the caseload phase
follows at once; a step the coach already registered that day is not repeated.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.caseload import CaseloadQuery, coach_caseload
from doorstroom.apps.casefiles.models import CaseStatus, StepRecord
from doorstroom.apps.consents import services as consent_services
from tests.apps.factories import OrganisationFactory

STAGE_START = dt.date(2026, 3, 2)
STAGE_END = dt.date(2026, 3, 6)
JOB_START = dt.date(2026, 4, 1)
CONTACT_ON = dt.date(2026, 4, 8)
TODAY = dt.date(2026, 4, 20)


@pytest.fixture
def coach(world):
    return world.users[Role.COACH]


def open_file(world, coach, type_id="doorstroom_sec_nec"):
    return services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id=type_id,
        started_on=dt.date(2025, 9, 1),
    )


@pytest.fixture
def case_file(world, coach):
    return open_file(world, coach)


def stage_values(world, **changes):
    values = {
        "kind": "BVS",
        "host": world.employer,
        "start_date": STAGE_START,
        "end_date": STAGE_END,
        "full_days": 4,
        "half_days": 0,
        "work_post": "Orderpicking",
        "programme": "Rondleiding, meekijken bij orderpicking.",
        "observation_only": True,
        "enterprise_contract": False,
        "union_informed": False,
    }
    return {**values, **changes}


def transition_values(world, **changes):
    values = {
        "job_start": JOB_START,
        "employer": world.employer,
        "contract_kind": "arbeidscontract",
        "c4_wording": True,
        "activa": False,
        "return_guarantee": False,
        "return_guarantee_until": None,
        "guidance_premium": False,
        "hybrid": False,
        "note": "",
    }
    return {**values, **changes}


def steps(case_file):
    """(phase, step, date, result, kind) of every entry, in timeline order."""
    return list(
        StepRecord.objects.filter(case_file=case_file).values_list(
            "phase", "step", "date", "result", "kind"
        )
    )


def caseload_phase(world, coach) -> str:
    rows = coach_caseload(actor=coach, query=CaseloadQuery(), today=TODAY).rows
    (row,) = [r for r in rows if r.person.pk == world.own_person.pk]
    return row.phase


def step_audits(case_file, step) -> int:
    return AuditEvent.objects.filter(
        object_type="case_file",
        object_id=str(case_file.pk),
        action="update",
        detail__startswith=f"step {step} (",
    ).count()


def test_a_new_stage_registers_stage_started_and_the_caseload_shows_stage(
    world, coach, case_file
):
    assert caseload_phase(world, coach) == "Voortraject"
    placement = services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    assert steps(case_file) == [
        ("stage", "stage_gestart", STAGE_START, "BVS gestart bij Logistiek NV", "stap")
    ]
    entry = StepRecord.objects.get(case_file=case_file)
    assert (entry.recorded_by, entry.recorded_by_name) == (coach, "coach")
    assert step_audits(case_file, "stage_gestart") == 1
    assert AuditEvent.objects.filter(
        object_type="placement", object_id=str(placement.pk), action="create"
    ).exists()
    assert caseload_phase(world, coach) == "Stage"


def test_stage_started_by_hand_that_day_is_not_repeated(world, coach, case_file):
    services.register_step(
        actor=coach,
        case_file=case_file,
        phase="stage",
        step="stage_gestart",
        on=STAGE_START,
        result="Door de coach",
    )
    services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    assert [s[3] for s in steps(case_file)] == ["Door de coach"]
    assert step_audits(case_file, "stage_gestart") == 0
    # the same step on another day is a new line
    services.register_stage(
        actor=coach,
        person=world.own_person,
        values=stage_values(
            world,
            host=OrganisationFactory(nec=True, name="Verzending NV"),
            start_date=STAGE_START + dt.timedelta(days=14),
            end_date=STAGE_END + dt.timedelta(days=14),
        ),
    )
    assert [(s[1], s[2]) for s in steps(case_file)] == [
        ("stage_gestart", STAGE_START),
        ("stage_gestart", STAGE_START + dt.timedelta(days=14)),
    ]


def test_final_and_interim_evaluations_register_their_steps(world, coach, case_file):
    placement = services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    services.register_evaluation(
        actor=coach,
        placement=placement,
        kind="tussentijds",
        on=dt.date(2026, 3, 4),
        evaluated_by="Ploegbaas",
        summary="Tempo moet omhoog.",
        rating=2,
    )
    services.register_evaluation(
        actor=coach,
        placement=placement,
        kind="eind",
        on=STAGE_END,
        evaluated_by="Ploegbaas",
        summary="Klaar voor een job.",
        rating=3,
    )
    assert [s[1:4] for s in steps(case_file)] == [
        ("stage_gestart", STAGE_START, "BVS gestart bij Logistiek NV"),
        (
            "stage_tussentijdse_evaluatie",
            dt.date(2026, 3, 4),
            "Tussentijdse evaluatie: voldoende",
        ),
        ("stage_eindevaluatie", STAGE_END, "Eindevaluatie: goed"),
    ]
    assert step_audits(case_file, "stage_eindevaluatie") == 1
    assert caseload_phase(world, coach) == "Stage"
    # a second final evaluation that day (or one by hand) adds no line
    services.register_evaluation(
        actor=coach,
        placement=placement,
        kind="eind",
        on=STAGE_END,
        evaluated_by="Coach",
        summary="Bevestigd.",
        rating=4,
    )
    assert [s[1] for s in steps(case_file)].count("stage_eindevaluatie") == 1


def test_transition_registers_the_contract_step_on_the_first_nec_workday(
    world, coach, case_file
):
    services.record_transition(
        actor=coach, case_file=case_file, values=transition_values(world)
    )
    assert steps(case_file) == [
        (
            "job",
            "contract_nec",
            JOB_START,
            "Arbeidscontract bij Logistiek NV",
            "stap",
        )
    ]
    assert step_audits(case_file, "contract_nec") == 1
    assert caseload_phase(world, coach) == "Job in het NEC"
    # saving the arrangement again with the same first workday: no duplicate
    services.record_transition(
        actor=coach, case_file=case_file, values=transition_values(world, activa=True)
    )
    assert len(steps(case_file)) == 1
    # an intent declaration without an employer names only the document
    services.record_transition(
        actor=coach,
        case_file=case_file,
        values=transition_values(
            world,
            employer=None,
            contract_kind="intentieverklaring",
            job_start=JOB_START + dt.timedelta(days=7),
        ),
    )
    assert steps(case_file)[-1][2:4] == (
        JOB_START + dt.timedelta(days=7),
        "Formele intentieverklaring (onbepaalde duur)",
    )


def test_contract_registered_by_hand_that_day_is_not_repeated(world, coach, case_file):
    services.register_step(
        actor=coach,
        case_file=case_file,
        phase="job",
        step="contract_nec",
        on=JOB_START,
    )
    services.record_transition(
        actor=coach, case_file=case_file, values=transition_values(world)
    )
    assert [(s[1], s[3]) for s in steps(case_file)] == [("contract_nec", "")]


def test_a_nazorg_contact_registers_the_nazorg_step_and_phase(world, coach, case_file):
    services.record_transition(
        actor=coach, case_file=case_file, values=transition_values(world)
    )
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        on=CONTACT_ON,
        with_whom="beiden",
        channel="bezoek",
        note="Eerste week goed",
        planned_on=JOB_START + dt.timedelta(days=7),
    )
    assert steps(case_file)[-1] == (
        "nazorg",
        "nazorg_contact",
        CONTACT_ON,
        "Contact met werknemer en werkgever (bezoek)",
        "stap",
    )
    assert step_audits(case_file, "nazorg_contact") == 1
    assert caseload_phase(world, coach) == "Nazorg"
    # an extra contact the same day, or one registered by hand: no second line
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        on=CONTACT_ON,
        with_whom="werknemer",
        channel="telefoon",
    )
    assert [s[1] for s in steps(case_file)].count("nazorg_contact") == 1
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        on=CONTACT_ON + dt.timedelta(days=1),
        with_whom="werknemer",
        channel="telefoon",
    )
    assert [s[1] for s in steps(case_file)].count("nazorg_contact") == 2


def test_no_step_when_the_type_lacks_it_or_the_case_file_is_paused(world, coach):
    toeleiding = open_file(world, coach, "toeleiding")
    services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    services.record_transition(
        actor=coach, case_file=toeleiding, values=transition_values(world)
    )
    assert steps(toeleiding) == []
    doorstroom = open_file(world, coach)
    services.change_status(
        actor=coach,
        case_file=doorstroom,
        status=CaseStatus.PAUSED,
        reason="Ziek",
        on=dt.date(2026, 2, 1),
    )
    services.register_aftercare_contact(
        actor=coach,
        case_file=doorstroom,
        on=CONTACT_ON,
        with_whom="werknemer",
        channel="telefoon",
    )
    assert [s[4] for s in steps(doorstroom)] == ["pauze"]


def test_the_stage_step_goes_to_the_file_whose_type_has_it(world, coach):
    doorstroom = open_file(world, coach)
    toeleiding = services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="toeleiding",
        started_on=dt.date(2026, 1, 1),
    )
    services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    assert steps(toeleiding) == []
    assert [s[1] for s in steps(doorstroom)] == ["stage_gestart"]


# --- Warm handover: the type's "warme overdracht" step


def give_handover_consent(world, organisation):
    return consent_services.give_consent(
        actor=world.users[Role.COACH],
        person=world.own_person,
        organisation=organisation,
        purpose="overdracht",
        scope=["identiteit", "traject"],
        given_how="ondertekend",
    )


@pytest.mark.parametrize(
    ("type_id", "phase", "step", "phase_name"),
    [
        ("toeleiding", "warme_overdracht", "overdracht", "Warme overdracht"),
        ("doorstroom_sec_nec", "nazorg", "warme_overdracht", "Nazorg"),
    ],
)
def test_a_handover_registers_the_types_handover_step(
    world, coach, type_id, phase, step, phase_name
):
    case_file = open_file(world, coach, type_id)
    give_handover_consent(world, world.partner)
    on = dt.date(2026, 4, 10)
    handover = services.hand_over(
        actor=coach,
        person=world.own_person,
        to_organisation=world.partner,
        on=on,
        note="Sterk in orderpicking",
    )
    assert steps(case_file) == [
        (phase, step, on, "Warme overdracht aan Partner Vooruit", "stap")
    ]
    assert step_audits(case_file, step) == 1
    assert AuditEvent.objects.filter(
        object_type="handover", object_id=str(handover.pk), action="create"
    ).exists()
    assert caseload_phase(world, coach) == phase_name

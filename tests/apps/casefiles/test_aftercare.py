"""Nazorg: the transition arrangement and contacts against the thinning schedule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import AftercareContact, TransitionArrangement
from tests.apps.factories import logged_in_client

JOB_START = dt.date(2026, 3, 2)


@pytest.fixture
def coach(world):
    return world.users[Role.COACH]


@pytest.fixture
def case_file(world, coach):
    return services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2025, 9, 1),
    )


def transition_values(world, **changes):
    values = {
        "job_start": JOB_START,
        "employer": world.employer,
        "contract_kind": "arbeidscontract",
        "c4_wording": True,
        "activa": True,
        "return_guarantee": True,
        "return_guarantee_until": dt.date(2027, 3, 1),
        "guidance_premium": True,
        "hybrid": False,
        "note": "",
    }
    return {**values, **changes}


def test_c4_wording_is_the_guides_text():
    assert services.C4_WORDING == (
        "Ontslag in onderlinge toestemming omwille van doorstroom naar een "
        "arbeidscontract in het NEC met betere arbeidsomstandigheden."
    )


def test_transition_starts_the_schedule_and_contacts_fill_it(world, coach, case_file):
    assert services.planned_aftercare(case_file) == []
    services.record_transition(
        actor=coach, case_file=case_file, values=transition_values(world)
    )
    planned = services.planned_aftercare(case_file)
    assert planned[:5] == [
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 23),
        dt.date(2026, 3, 30),
        dt.date(2026, 4, 13),
    ]
    assert len(planned) == 13
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        planned_on=dt.date(2026, 3, 9),
        on=dt.date(2026, 3, 10),
        with_whom="werknemer",
        channel="telefoon",
        note="Goed gestart",
    )
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        on=dt.date(2026, 3, 12),
        with_whom="werkgever",
        channel="bezoek",
    )
    with pytest.raises(services.CaseFileError, match="contactschema"):
        services.register_aftercare_contact(
            actor=coach,
            case_file=case_file,
            planned_on=dt.date(2026, 3, 10),
            on=dt.date(2026, 3, 10),
            with_whom="werknemer",
            channel="telefoon",
        )
    care = services.aftercare(
        actor=coach, case_file=case_file, today=dt.date(2026, 3, 20)
    )
    states = [(p.planned_on, p.state) for p in care.schedule[:3]]
    assert states == [
        (dt.date(2026, 3, 9), "gedaan"),
        (dt.date(2026, 3, 16), "te_laat"),
        (dt.date(2026, 3, 23), "gepland"),
    ]
    assert [c.channel for c in care.extra_contacts] == ["bezoek"]
    assert dt.date(2026, 3, 9) not in care.open_dates


def test_hybrid_work_needs_hours_in_both(world, coach, case_file):
    with pytest.raises(services.CaseFileError, match="hybride"):
        services.record_transition(
            actor=coach,
            case_file=case_file,
            values=transition_values(world, hybrid=True, hybrid_sec_hours=Decimal(19)),
        )
    transition = services.record_transition(
        actor=coach,
        case_file=case_file,
        values=transition_values(
            world,
            hybrid=True,
            hybrid_sec_hours=Decimal("19"),
            hybrid_nec_hours=Decimal("19"),
            return_guarantee=False,
            return_guarantee_until=None,
        ),
    )
    assert (transition.hybrid_sec_hours, transition.hybrid_nec_hours) == (19, 19)
    with pytest.raises(services.CaseFileError, match="terugkeergarantie"):
        services.record_transition(
            actor=coach,
            case_file=case_file,
            values=transition_values(world, return_guarantee=False),
        )


def test_only_own_case_workers_record_aftercare(world, case_file):
    with pytest.raises(PermissionDenied):
        services.record_transition(
            actor=world.users["partner_coach"],
            case_file=case_file,
            values=transition_values(world),
        )
    assert not TransitionArrangement.objects.exists()


def test_aftercare_pages_and_htmx_contact(world, coach, case_file):
    client = logged_in_client(coach)
    response = client.post(
        f"/trajecten/{case_file.pk}/overgang/",
        {
            "transition-job_start": "2026-03-02",
            "transition-employer": world.employer.pk,
            "transition-contract_kind": "intentieverklaring",
            "transition-c4_wording": "on",
            "transition-activa": "on",
            "transition-guidance_premium": "on",
        },
    )
    assert response.status_code == 302
    transition = TransitionArrangement.objects.get(case_file=case_file)
    assert (transition.contract_kind, transition.activa, transition.hybrid) == (
        "intentieverklaring",
        True,
        False,
    )
    response = client.post(
        f"/trajecten/{case_file.pk}/nazorgcontact/",
        {
            "contact-planned_on": "2026-03-16",
            "contact-on": "2026-03-16",
            "contact-with_whom": "beiden",
            "contact-channel": "bezoek",
            "contact-note": "Samen met ploegbaas",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.startswith('<section class="card" id="aftercare-schedule">')
    assert "Samen met ploegbaas" in html
    assert AftercareContact.objects.get().planned_on == dt.date(2026, 3, 16)
    page = client.get(f"/trajecten/{case_file.pk}/nazorg/").content.decode()
    assert "met betere arbeidsomstandigheden." in page
    timeline = client.get(f"/personen/{world.own_person.pk}/traject/")
    assert f"/trajecten/{case_file.pk}/nazorg/" in timeline.content.decode()
    # another organisation without consent does not see the page
    other = logged_in_client(world.users[Role.EMPLOYER_CONTACT])
    assert other.get(f"/trajecten/{case_file.pk}/nazorg/").status_code == 404

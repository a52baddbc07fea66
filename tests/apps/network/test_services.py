"""Services: permission, validation (Dutch errors, nothing saved), audit, overdue."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.network import services
from doorstroom.apps.network.models import (
    ActionItem,
    Contact,
    Partner,
    ReadinessRound,
)

from .answers import ANSWERS

TODAY = date(2026, 3, 10)


@pytest.fixture
def coach(world):
    return world.users[Role.COACH]


@pytest.fixture
def readiness_round(coach):
    return services.submit_readiness_round(
        actor=coach, answers=ANSWERS, filled_on=TODAY, today=TODAY
    )


def test_a_local_government_keeps_its_employment_target(world, coach):
    partner = services.create_partner(
        actor=coach,
        name=" Stad Mechelen ",
        kind="lokaal_bestuur",
        contact_name="Diversiteitsambtenaar",
        municipality="Mechelen",
        employment_target_percent=Decimal("2.0"),
    )
    partner.refresh_from_db()
    assert (partner.name, partner.organisation, partner.employment_target_percent) == (
        "Stad Mechelen",
        world.home,
        Decimal("2.0"),
    )
    event = AuditEvent.objects.get(object_type="network_partner")
    assert (event.person_id, event.actor_username, event.action) == (
        None,
        "coach",
        "create",
    )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"kind": "nec_werkgever", "employment_target_percent": Decimal("2")},
            "employment_target_percent",
            "enkel voor een lokaal bestuur",
        ),
        (
            {"kind": "lokaal_bestuur", "employment_target_percent": Decimal("101")},
            "employment_target_percent",
            "tussen 0 en 100",
        ),
        ({"kind": "bank"}, "kind", "soort partner"),
        ({"kind": "consultancy", "name": "   "}, "name", "naam"),
    ],
)
def test_invalid_partner_is_refused_and_nothing_saved(coach, values, field, message):
    values = {"name": "Partner", **values}
    with pytest.raises(services.NetworkError, match=message) as caught:
        services.create_partner(actor=coach, **values)
    assert caught.value.field == field
    assert not Partner.objects.exists()
    assert not AuditEvent.objects.filter(object_type="network_partner").exists()


def test_same_partner_name_twice_in_one_organisation_is_refused(world, coach):
    services.create_partner(actor=coach, name="Interim Plus", kind="interimkantoor")
    with pytest.raises(services.NetworkError, match="al een partner"):
        services.create_partner(actor=coach, name="interim plus", kind="interimkantoor")
    # another organisation may have a partner of the same name
    other = services.create_partner(
        actor=world.users["partner_coach"], name="Interim Plus", kind="interimkantoor"
    )
    assert other.organisation == world.partner
    assert Partner.objects.count() == 2


@pytest.mark.parametrize(
    "role",
    [
        Role.FLOOR_SUPERVISOR,
        Role.TARGET_WORKER,
        Role.VDAB_EVALUATOR,
        Role.EMPLOYER_CONTACT,
        Role.ANALYST,
    ],
)
def test_only_coaches_and_administrators_write(world, role):
    with pytest.raises(PermissionDenied):
        services.create_partner(actor=world.users[role], name="X", kind="andere")
    with pytest.raises(PermissionDenied):
        services.submit_readiness_round(
            actor=world.users[role], answers=ANSWERS, filled_on=TODAY
        )
    assert not Partner.objects.exists()
    assert not ReadinessRound.objects.exists()


def test_another_organisations_partner_cannot_be_changed_or_logged(world, coach):
    partner = services.create_partner(actor=coach, name="Logistiek NV", kind="andere")
    stranger = world.users["partner_coach"]
    with pytest.raises(PermissionDenied):
        services.update_partner(actor=stranger, partner=partner, name="Overgenomen")
    with pytest.raises(PermissionDenied):
        services.log_contact(
            actor=stranger, partner=partner, kind="leertafel", on=TODAY, who="X"
        )
    partner.refresh_from_db()
    assert partner.name == "Logistiek NV"
    assert not Contact.objects.exists()


def test_contact_log_refuses_future_dates_and_early_follow_up(coach):
    partner = services.create_partner(actor=coach, name="Bouw BV", kind="nec_werkgever")
    with pytest.raises(services.NetworkError, match="toekomst") as caught:
        services.log_contact(
            actor=coach,
            partner=partner,
            kind="bedrijfsbezoek",
            on=TODAY + timedelta(days=1),
            who="Sofie",
            today=TODAY,
        )
    assert caught.value.field == "date"
    with pytest.raises(services.NetworkError, match="opvolgdatum"):
        services.log_contact(
            actor=coach,
            partner=partner,
            kind="bedrijfsbezoek",
            on=TODAY,
            who="Sofie",
            follow_up="Bellen",
            follow_up_on=TODAY - timedelta(days=1),
            today=TODAY,
        )
    assert not Contact.objects.exists()
    contact = services.log_contact(
        actor=coach,
        partner=partner,
        kind="meeloopdag",
        on=TODAY,
        who="Tom (werkvloerbegeleider)",
        follow_up="Tweede meeloopdag plannen",
        follow_up_on=TODAY,
        today=TODAY,
    )
    assert list(partner.contacts.values_list("kind", "who")) == [
        ("meeloopdag", "Tom (werkvloerbegeleider)")
    ]
    assert contact.created_by == coach


def test_a_round_is_stored_with_its_version_and_scored_again(coach, readiness_round):
    assert (readiness_round.checklist_id, readiness_round.checklist_version) == (
        "organisatie_doorstroomklaar",
        1,
    )
    assert readiness_round.answers.count() == 11
    assert services.round_score(readiness_round).percent == 59
    second = services.submit_readiness_round(
        actor=coach,
        answers=dict.fromkeys(ANSWERS, "akkoord"),
        filled_on=TODAY + timedelta(days=90),
        today=TODAY + timedelta(days=90),
    )
    history = services.round_history(coach)
    assert [(row.round.pk, row.score.percent) for row in history] == [
        (second.pk, 100),
        (readiness_round.pk, 59),
    ]


def test_incomplete_round_is_refused_and_nothing_saved(coach):
    answers = dict(ANSWERS)
    del answers["coach_vorming"]
    with pytest.raises(services.NetworkError, match="Geen antwoord") as caught:
        services.submit_readiness_round(actor=coach, answers=answers, filled_on=TODAY)
    assert caught.value.field == "answers"
    with pytest.raises(services.NetworkError, match="toekomst"):
        services.submit_readiness_round(
            actor=coach, answers=ANSWERS, filled_on=TODAY + timedelta(1), today=TODAY
        )
    assert not ReadinessRound.objects.exists()


def test_actions_only_on_weak_statements(coach, readiness_round):
    with pytest.raises(services.NetworkError, match="niet volledig akkoord"):
        services.add_action(
            actor=coach,
            readiness_round=readiness_round,
            statement_id="werking_methodieken",  # answered akkoord
            action="X",
            owner="Y",
            due_on=TODAY,
        )
    assert not ActionItem.objects.exists()
    item = services.add_action(
        actor=coach,
        readiness_round=readiness_round,
        statement_id="coach_vorming",
        action="Vorming communiceren met werkgevers",
        owner="Hilde",
        due_on=TODAY,
    )
    assert item.organisation_id == coach.organisation_id


def test_overdue_flag_on_its_boundary_day(coach, readiness_round):
    due = date(2026, 3, 31)
    item = services.add_action(
        actor=coach,
        readiness_round=readiness_round,
        statement_id="netwerk_commercieel",
        action="Folder voor werkgevers",
        owner="Sofie",
        due_on=due,
    )

    def overdue(today):
        [row] = services.action_rows(coach, today)
        return row.overdue

    assert overdue(date(2026, 3, 30)) is False
    assert overdue(due) is False
    assert overdue(date(2026, 4, 1)) is True
    services.mark_action_done(actor=coach, item=item, today=date(2026, 4, 2))
    item.refresh_from_db()
    assert (item.done, item.done_on) == (True, date(2026, 4, 2))
    assert overdue(date(2026, 4, 3)) is False

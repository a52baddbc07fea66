from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.matches import services
from doorstroom.apps.matches.models import MatchDecision, MatchPreferences
from doorstroom.domain.matching import (
    MatchPerson,
    builtin_gazetteer,
    load_outcomes_csv,
    rank_vacancies,
    vacancies_from_csv_text,
)
from tests.apps.factories import ConsentFactory, logged_in_client

from .conftest import CONSENSUS, VACANCIES_CSV


def test_person_ranking_equals_the_domain_ranking(world, matching):
    coach = world.users[Role.COACH]
    rows = services.vacancies_for_person(actor=coach, person=world.own_person)
    # Hand-checked: far-1 is too far, long-1 asks too many hours; mag-1 is fully
    # met (accuracy 2.5 >= 2, motivation 3.5 >= 3), mag-2 misses cooperation.
    assert [r.vacancy.match_profile.external_id for r in rows] == ["mag-1", "mag-2"]
    assert rows[0].fit == pytest.approx(1.0)
    assert rows[1].fit < 1.0
    person = MatchPerson(
        id=str(world.own_person.pk),
        levels=CONSENSUS,
        postcode="2800",
        consent_matching=True,
    )
    domain = rank_vacancies(
        person, vacancies_from_csv_text(VACANCIES_CSV), builtin_gazetteer()
    )
    assert [(e.vacancy_id, e.fit) for e in domain] == [
        (r.vacancy.match_profile.external_id, r.fit) for r in rows
    ]
    # The reasons: the nearly failed constraint first, then what is missing.
    assert rows[1].reasons[0] == (
        "De uren (37 u/week) liggen net binnen de wens (0-38 uur)."
    )
    assert any(s.startswith("Groeipunten: Samenwerken") for s in rows[1].reasons)
    assert rows[0].reasons[-1] == (
        "Voldoet al aan wat de job vraagt voor: Nauwkeurigheid en Motivatie."
    )


def test_preferences_change_the_ranking(world, matching):
    MatchPreferences.objects.create(person=world.own_person, hours_min=32, hours_max=40)
    rows = services.vacancies_for_person(
        actor=world.users[Role.COACH], person=world.own_person
    )
    # mag-1 has 30 hours (< 32): only mag-2 (37 h) is left; long-1 has 45.
    assert [r.vacancy.match_profile.external_id for r in rows] == ["mag-2"]


def test_person_page_shows_reasons_and_is_audited(world, matching):
    client = logged_in_client(world.users[Role.COACH])
    before = AuditEvent.objects.filter(person_id=world.own_person.pk).count()
    response = client.get(f"/matching/personen/{world.own_person.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("Magazijnmedewerker") < text.index("Orderpicker")
    assert "Schoonmaker" not in text
    assert (
        AuditEvent.objects.filter(person_id=world.own_person.pk).count() == before + 1
    )


@pytest.mark.parametrize(
    "role",
    [Role.ANALYST, Role.EMPLOYER_CONTACT, Role.VDAB_EVALUATOR, Role.TARGET_WORKER],
)
def test_person_matching_denied(world, matching, role):
    user = world.users[role]
    with pytest.raises(PermissionDenied):
        services.vacancies_for_person(actor=user, person=world.own_person)
    status = logged_in_client(user).get(f"/matching/personen/{world.own_person.pk}/")
    assert status.status_code in (403, 404)


def test_other_organisation_needs_a_matching_consent(world, matching):
    partner_coach = world.users["partner_coach"]
    person = world.partner_person  # visible to the partner via trajectory consent
    with pytest.raises(PermissionDenied):
        services.vacancies_for_person(actor=partner_coach, person=person)
    client = logged_in_client(partner_coach)
    assert client.get(f"/matching/personen/{person.pk}/").status_code == 403
    vacancy = matching["mag-1"]
    assert services.candidates_for_vacancy(actor=partner_coach, vacancy=vacancy) == []
    ConsentFactory(person=person, organisation=world.partner, purpose="matching")
    assert client.get(f"/matching/personen/{person.pk}/").status_code == 200
    rows = services.candidates_for_vacancy(actor=partner_coach, vacancy=vacancy)
    assert [r.person for r in rows] == [person]


def test_candidates_never_include_persons_the_user_may_not_see(world, matching):
    coach = world.users[Role.COACH]
    # A matching consent for the home organisation, but no trajectory link:
    # other_person stays invisible, so never a candidate.
    ConsentFactory(
        person=world.other_person, organisation=world.home, purpose="matching"
    )
    rows = services.candidates_for_vacancy(actor=coach, vacancy=matching["mag-1"])
    persons = {r.person for r in rows}
    assert persons == {world.own_person, world.worker_person}
    assert rows[0].person == world.own_person  # rated; the worker has no levels
    response = logged_in_client(coach).get(
        f"/matching/vacatures/{matching['mag-1'].pk}/kandidaten/"
    )
    assert response.status_code == 200
    assert "Andere" not in response.content.decode()
    for role in (Role.ANALYST, Role.EMPLOYER_CONTACT, Role.VDAB_EVALUATOR):
        user = world.users[role]
        with pytest.raises(PermissionDenied):
            services.candidates_for_vacancy(actor=user, vacancy=matching["mag-1"])
        page = logged_in_client(user).get(
            f"/matching/vacatures/{matching['mag-1'].pk}/kandidaten/"
        )
        assert page.status_code == 403


def test_decisions_recorded_and_exported_for_match_eval(world, matching, tmp_path):
    coach = world.users[Role.COACH]
    person = world.own_person
    services.record_decision(
        actor=coach, person=person, vacancy=matching["mag-2"], status="invited"
    )
    with pytest.raises(ValidationError):
        services.record_decision(
            actor=coach, person=person, vacancy=matching["mag-1"], status="refused"
        )
    client = logged_in_client(coach)
    response = client.post(
        f"/matching/personen/{person.pk}/beslissing/",
        {
            "vacancy": matching["mag-1"].pk,
            "status": "refused",
            "refused_by": "worker",
            "reason": "te ver van de kinderopvang",
        },
    )
    assert response.status_code == 302
    assert MatchDecision.objects.count() == 2
    services.record_decision(
        actor=coach, person=person, vacancy=matching["mag-2"], status="hired"
    )
    text = services.export_outcomes_csv(actor=coach)
    rows = sorted(list(csv.reader(io.StringIO(text)))[1:])
    assert rows == [
        [str(person.pk), "mag-1", "refused", "worker", "te ver van de kinderopvang"],
        [str(person.pk), "mag-2", "hired", "", ""],
    ]
    path = tmp_path / "outcomes.csv"
    path.write_text(text, encoding="utf-8")
    outcomes = load_outcomes_csv(path)
    assert {(o.vacancy_id, o.status.value, o.relevant) for o in outcomes} == {
        ("mag-1", "refused", False),
        ("mag-2", "hired", True),
    }
    download = client.get("/matching/uitkomsten.csv")
    assert download.status_code == 200
    assert download.content.decode() == text
    with pytest.raises(PermissionDenied):
        services.record_decision(
            actor=world.users[Role.ANALYST],
            person=person,
            vacancy=matching["mag-1"],
            status="invited",
        )

"""Fairness report: per group, protected like the monitoring report; never an input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.matches import fairness, services
from tests.apps.factories import PersonFactory, UserFactory, logged_in_client

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def groups(world, matching):
    """Home organisation: 14 women (own_person and worker_person included), 3 men,
    11 persons without a recorded sex; all born in 1982 (25-54) and living in
    Mechelen, so mag-1 (Mechelen, 30 h, day work) is open to every one of them."""
    for _ in range(12):
        PersonFactory(organisation=world.home, sex="V")
    for _ in range(3):
        PersonFactory(organisation=world.home, sex="M")
    for _ in range(11):
        PersonFactory(organisation=world.home, sex="")
    return world


def row_html(html: str, group: str) -> str:
    match = re.search(
        rf'<tr data-group="{re.escape(group)}"[^>]*>(.*?)</tr>', html, re.S
    )
    assert match, group
    return match.group(1)


def rows_by_value(page, attribute: str) -> dict[str, fairness.GroupRow]:
    for _label, rows in page.sections:
        if rows and rows[0].attribute == attribute:
            return {r.value: r for r in rows}
    raise AssertionError(attribute)


def test_small_group_suppressed_large_group_shown(groups):
    page = fairness.fairness_for(
        actor=groups.users[Role.COACH], organisation=groups.home, today=TODAY
    )
    sex = rows_by_value(page, "sex")
    # 14 women: every one has an unblocked vacancy (mag-1), so 100 %.
    assert sex["V"].persons == 14
    assert sex["V"].rates["matched"] == 1.0
    # Only own_person (fit 1.0) has a good match: 1 is below 10, not shown.
    assert sex["V"].rates["good_match"] is None
    # 3 men: below 10, not shown; the 11 unknown ones are hidden to protect them
    # (otherwise 28 - 14 - 11 gives the 3 away).
    assert sex["M"].persons is None and sex["M"].rates["matched"] is None
    assert sex["onbekend"].persons is None
    assert page.persons == 28
    age = rows_by_value(page, "age_band")
    assert set(age) == {"25-54"} and age["25-54"].persons == 28
    assert not page.decisions_recorded
    assert page.indicators == ("matched", "good_match")


def test_fairness_page_renders_protected_rows(groups):
    client = logged_in_client(groups.users[Role.COACH])
    response = client.get(f"/matching/eerlijkheid/{groups.home.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    women = row_html(html, "sex:V")
    assert "<td>14</td><td>100%</td><td>×</td>" in women
    men = row_html(html, "sex:M")
    assert "3" not in men and men.count("×") >= 3
    assert 'id="fairness-total">28<' in html
    # the index sends a case worker to their own organisation
    index = client.get("/matching/eerlijkheid/")
    assert index.status_code == 302
    assert index["Location"] == f"/matching/eerlijkheid/{groups.home.pk}/"


def test_decisions_add_rates_and_small_counts_stay_hidden(groups):
    coach = groups.users[Role.COACH]
    rows = services.vacancies_for_person(actor=coach, person=groups.own_person)
    services.record_decision(
        actor=coach, person=groups.own_person, vacancy=rows[0].vacancy, status="hired"
    )
    page = fairness.fairness_for(actor=coach, organisation=groups.home, today=TODAY)
    assert page.decisions_recorded
    sex = rows_by_value(page, "sex")
    assert sex["V"].rates["hired"] is None  # 1 hired: below 10
    assert sex["V"].rates["matched"] == 1.0


def test_group_attributes_never_change_the_ranking(groups):
    """Sex and birth date are not ranking inputs: changing them leaves every
    ranked list as it was, while the fairness report sees the change."""
    coach = groups.users[Role.COACH]
    vacancy = services.open_profiles().get(external_id="mag-1").vacancy

    def lists():
        mine = services.vacancies_for_person(actor=coach, person=groups.own_person)
        theirs = services.candidates_for_vacancy(actor=coach, vacancy=vacancy)
        return (
            [(r.vacancy.pk, r.fit) for r in mine],
            [(r.person.pk, r.fit) for r in theirs],
        )

    before = lists()
    report_before = fairness.fairness_for(
        actor=coach, organisation=groups.home, today=TODAY
    )
    groups.home.persons.update(sex="M", birth_date=dt.date(2005, 1, 1))
    assert lists() == before
    report_after = fairness.fairness_for(
        actor=coach, organisation=groups.home, today=TODAY
    )
    assert set(rows_by_value(report_before, "sex")) == {"V", "M", "onbekend"}
    assert set(rows_by_value(report_after, "sex")) == {"M"}
    assert set(rows_by_value(report_after, "age_band")) == {"<25"}


def test_other_organisation_refused_analyst_allowed(groups):
    url = f"/matching/eerlijkheid/{groups.home.pk}/"
    stranger = UserFactory(role=Role.COACH, organisation=groups.other)
    with pytest.raises(PermissionDenied):
        fairness.fairness_for(actor=stranger, organisation=groups.home)
    for user in (
        stranger,
        groups.users["partner_coach"],
        groups.users[Role.VDAB_EVALUATOR],
        groups.users[Role.EMPLOYER_CONTACT],
        groups.users[Role.TARGET_WORKER],
    ):
        assert logged_in_client(user).get(url).status_code == 403, user.username
    analyst = logged_in_client(groups.users[Role.ANALYST])
    assert analyst.get(url).status_code == 200
    index = analyst.get("/matching/eerlijkheid/").content.decode()
    assert f'href="{url}"' in index
    assert logged_in_client(groups.users[Role.ORG_ADMIN]).get(url).status_code == 200


def test_aggregate_read_is_logged_without_person_entries(groups):
    person_events = AuditEvent.objects.filter(person_id__isnull=False).count()
    logged_in_client(groups.users[Role.ANALYST]).get(
        f"/matching/eerlijkheid/{groups.home.pk}/"
    )
    assert AuditEvent.objects.filter(person_id__isnull=False).count() == person_events
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.person_id is None
    assert event.person_organisation_id == groups.home.pk
    assert event.detail.startswith("matching fairness report")


def test_age_band():
    assert (
        fairness.age_band(dt.date(2001, 3, 17), TODAY) == "<25"
    )  # turns 25 the next day
    assert fairness.age_band(dt.date(2001, 3, 16), TODAY) == "25-54"
    assert fairness.age_band(dt.date(1971, 3, 17), TODAY) == "25-54"
    assert fairness.age_band(dt.date(1971, 3, 16), TODAY) == "55+"
    assert fairness.age_band(None, TODAY) == "onbekend"


def test_organisation_without_persons_or_vacancies(world):
    page = fairness.fairness_for(
        actor=world.users[Role.ANALYST], organisation=world.partner, today=TODAY
    )
    assert page.persons == 0
    assert all(rows == [] for _label, rows in page.sections)
    response = logged_in_client(world.users[Role.ANALYST]).get(
        f"/matching/eerlijkheid/{world.partner.pk}/"
    )
    assert response.status_code == 200
    assert (
        logged_in_client(world.users[Role.ANALYST])
        .get("/matching/eerlijkheid/999999/")
        .status_code
        == 404
    )

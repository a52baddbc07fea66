"""Jobcarving page: the blocking tasks of a hand-built vacancy, and a carved job."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import Action, AuditEvent
from doorstroom.apps.matches import services
from tests.apps.factories import logged_in_client

from .conftest import HEADER

#: own_person has cooperation 1.0 (consensus), below the cut-off 2: the task
#: "Orders samen klaarzetten" (40 %) blocks. Without it 60 % of 30 h = 18 h
#: remain, with accuracy (kept task) and motivation (general) still asked.
#: Fit before: weights 2·(3-1) + 1·(2-1) + 1·(3-1) = 7, gap 2·(3-1) = 4,
#: 1 - 4/7 = 0.43; after: accuracy 2.5 >= 2 and motivation 3.5 >= 3, fit 1.
CARVE_CSV = HEADER + (
    "carve-1,Magazijnier,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "cooperation:3:2:2|accuracy:2|motivation:3,"
    "pick:0.4:cooperation:Orders samen klaarzetten|"
    "scan:0.6:accuracy:Goederen scannen en controleren\n"
)


@pytest.fixture
def carve(world, matching):
    (row,) = services.import_vacancies(
        actor=world.users[Role.COACH], filename="carve.csv", content=CARVE_CSV.encode()
    )
    return row


def section(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">(.*?)</(ul|section|table)>', html, re.S)
    assert match, element_id
    return match.group(1)


def test_proposal_of_the_hand_built_case(world, carve):
    page = services.carving_for(
        actor=world.users[Role.COACH], person=world.own_person, vacancy=carve
    )
    proposal = page.proposal
    assert proposal.blocking_competences == ("cooperation",)
    assert [t.id for t in proposal.blocking_tasks] == ["pick"]
    assert [t.id for t in proposal.kept_tasks] == ["scan"]
    assert proposal.carved.hours == 18.0
    assert {r.competence_id for r in proposal.carved.profile.requirements} == {
        "accuracy",
        "motivation",
    }
    assert page.fit_before_percent == 43  # 1 - 4/7
    assert page.fit_after_percent == 100
    assert proposal.blockers_after == ()
    (blocking,) = page.blocking
    assert (blocking.name, blocking.actual, blocking.cutoff) == ("Samenwerken", 1.0, 2)


def test_page_shows_blocking_tasks_and_carved_job_and_is_audited(world, carve):
    client = logged_in_client(world.users[Role.COACH])
    person = world.own_person
    before = AuditEvent.objects.filter(person_id=person.pk).count()
    response = client.get(f"/matching/personen/{person.pk}/jobcarving/{carve.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Orders samen klaarzetten (40% van de werktijd)" in section(
        html, "blocking-tasks"
    )
    assert "Goederen scannen" not in section(html, "blocking-tasks")
    assert "Goederen scannen en controleren (60% van de werktijd)" in section(
        html, "kept-tasks"
    )
    assert "Samenwerken" in section(html, "blocking")
    assert "<dd>18 (was 30)</dd>" in html
    assert "<dd>100% (was 43%)</dd>" in html
    assert "Afdrukken" in html and 'src="/static/matches/print.js"' in html
    events = AuditEvent.objects.filter(person_id=person.pk)
    assert events.count() == before + 1
    latest = events.order_by("-sequence").first()
    assert latest.action == Action.READ
    assert latest.detail == f"matching: jobcarving for vacancy {carve.pk}"


def test_link_only_on_rows_that_almost_fit(world, carve, matching):
    rows = services.vacancies_for_person(
        actor=world.users[Role.COACH], person=world.own_person
    )
    # mag-1 and mag-2: no competence blocks; carve-1: cooperation blocks, and
    # carving the task away helps.
    assert [(r.vacancy.match_profile.external_id, r.can_carve) for r in rows] == [
        ("mag-1", False),
        ("mag-2", False),
        ("carve-1", True),
    ]
    html = (
        logged_in_client(world.users[Role.COACH])
        .get(f"/matching/personen/{world.own_person.pk}/")
        .content.decode()
    )
    links = re.findall(r'href="(/matching/personen/\d+/jobcarving/\d+/)"', html)
    assert links == [f"/matching/personen/{world.own_person.pk}/jobcarving/{carve.pk}/"]
    assert html.count("Jobcarving bekijken") == 1
    # from each row to the vacancy's ranked candidates
    assert f'href="/matching/vacatures/{carve.pk}/kandidaten/"' in html
    candidates = logged_in_client(world.users[Role.COACH]).get(
        f"/matching/vacatures/{carve.pk}/kandidaten/"
    )
    assert "Jobcarving bekijken" in candidates.content.decode()


def test_carving_refused_to_others(world, carve):
    url = f"/matching/personen/{world.own_person.pk}/jobcarving/{carve.pk}/"
    with pytest.raises(PermissionDenied):
        services.carving_for(
            actor=world.users["partner_coach"], person=world.own_person, vacancy=carve
        )
    for user in (
        world.users["partner_coach"],
        world.users[Role.ANALYST],
        world.users[Role.EMPLOYER_CONTACT],
        world.users[Role.TARGET_WORKER],
    ):
        assert logged_in_client(user).get(url).status_code in (403, 404)
    # a visible person of another organisation without a matching consent
    partner = logged_in_client(world.users["partner_coach"])
    other = f"/matching/personen/{world.partner_person.pk}/jobcarving/{carve.pk}/"
    assert partner.get(other).status_code == 403


def test_person_file_links_to_ranked_vacancies(world, matching):
    url = f"/personen/{world.own_person.pk}/"
    html = logged_in_client(world.users[Role.COACH]).get(url).content.decode()
    assert f'href="/matching/personen/{world.own_person.pk}/"' in html
    # a VDAB evaluator may open some files but never matches
    evaluated = f"/personen/{world.evaluated_person.pk}/"
    html = logged_in_client(world.users[Role.VDAB_EVALUATOR]).get(evaluated)
    assert "/matching/personen/" not in html.content.decode()

"""Accessibility: pages with several forms never repeat an element id, and every
``<label for>`` points at its own field (issue 4)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import services
from doorstroom.apps.consents import services as consent_services
from tests.apps.factories import logged_in_client

FIELD_TAGS = {"input", "select", "textarea"}


class IdCollector(HTMLParser):
    """Every ``id`` with its tag, and every ``<label for>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[tuple[str, str]] = []
        self.label_targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.append((values["id"], tag))
        if tag == "label" and values.get("for"):
            self.label_targets.append(values["for"])


def id_problems(html: str) -> list[str]:
    """Duplicate ids, and labels whose ``for`` is not exactly one form field."""
    parser = IdCollector()
    parser.feed(html)
    counts = Counter(i for i, _tag in parser.ids)
    tags = dict(parser.ids)
    problems = [f"id {i!r} occurs {n} times" for i, n in counts.items() if n > 1]
    for target, n in Counter(parser.label_targets).items():
        if target not in tags:
            problems.append(f"label for {target!r}: no such element")
        elif tags[target] not in FIELD_TAGS:
            problems.append(f"label for {target!r}: a <{tags[target]}>")
        if n > 1:
            problems.append(f"{n} labels for {target!r}")
    return problems


def test_the_checker_finds_duplicates_and_stray_labels():
    html = (
        '<form><label for="id_on">Datum</label><input id="id_on"></form>'
        '<form><label for="id_on">Datum</label><input id="id_on"></form>'
        '<label for="id_gone">Weg</label><p id="x"></p><label for="x">X</label>'
    )
    assert id_problems(html) == [
        "id 'id_on' occurs 2 times",
        "2 labels for 'id_on'",
        "label for 'id_gone': no such element",
        "label for 'x': a <p>",
    ]
    assert id_problems('<label for="a">A</label><textarea id="a"></textarea>') == []


PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def coach(world):
    return world.users[Role.COACH]


@pytest.fixture
def filled_case_file(world, coach):
    """A doorstroom case file with every multi-form page in its fullest state:
    two open engagement declarations, a stage, a transition arrangement, two VDAB
    requests (one with its advice) and an open warm handover."""
    person = world.own_person
    case_file = services.open_case_file(
        actor=coach,
        person=person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2025, 9, 1),
    )
    for day in (10, 11):
        services.create_engagement(
            actor=coach,
            case_file=case_file,
            on=dt.date(2025, 9, day),
            commitments="Afspraken",
        )
    placement = world.placement
    placement.start_date, placement.end_date = dt.date(2026, 3, 2), dt.date(2026, 3, 6)
    placement.save()
    services.record_transition(
        actor=coach,
        case_file=case_file,
        values={
            "job_start": dt.date(2026, 4, 1),
            "employer": world.employer,
            "contract_kind": "arbeidscontract",
            "note": "Voltijds",
        },
    )
    first = services.request_vdab_evaluation(
        actor=coach,
        case_file=case_file,
        requested_on=dt.date(2025, 10, 1),
        requested_by="werknemer",
        reason="op_vraag",
        instrument="CM",
    )
    services.record_vdab_advice(
        actor=coach,
        request=first,
        result="niet_doorstroomklaar",
        on=dt.date(2025, 11, 1),
        instrument="CM",
    )
    services.request_vdab_evaluation(
        actor=coach,
        case_file=case_file,
        requested_on=dt.date(2026, 1, 5),
        requested_by="werkgever",
        reason="op_vraag",
        instrument="LDE",
    )
    consent_services.give_consent(
        actor=coach,
        person=person,
        organisation=world.partner,
        purpose="overdracht",
        scope=["identiteit", "traject"],
        given_how="ondertekend",
    )
    services.hand_over(
        actor=coach,
        person=person,
        to_organisation=world.partner,
        on=dt.date(2026, 4, 10),
        note="Overdrachtsnota",
    )
    return case_file


def test_multi_form_pages_have_unique_ids_and_labels_that_fit(
    world, coach, filled_case_file
):
    case_file = filled_case_file
    client = logged_in_client(coach)
    pages = {
        "intake": f"/trajecten/{case_file.pk}/intake/",
        "stage follow-up": f"/stages/{world.placement.pk}/opvolging/",
        "aftercare": f"/trajecten/{case_file.pk}/nazorg/",
        "PDP and POP": f"/trajecten/{case_file.pk}/plannen/",
        "VDAB": f"/trajecten/{case_file.pk}/vdab/",
        "handover": f"/personen/{world.own_person.pk}/overdracht/",
        "timeline": f"/personen/{world.own_person.pk}/traject/",
    }
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        found[name] = id_problems(html)
    assert found == {name: [] for name in pages}
    # the pages do hold the forms whose fields used to collide
    intake = client.get(pages["intake"]).content.decode()
    for field_id in ("id_intake-date", "id_engagement-on", "id_screening-on"):
        assert f'id="{field_id}"' in intake
    assert intake.count('name="upload') == 2 and 'id="id_engagement-signed_file"' in (
        intake
    )
    vdab = client.get(pages["VDAB"]).content.decode()
    assert vdab.count('-instrument"') >= 3  # request + advice + the new request
    assert 'id="id_request-instrument"' in vdab


def test_a_post_with_an_error_renders_the_page_with_unique_ids(
    world, coach, filled_case_file
):
    """The bound form comes back under its own prefix (a VDAB interview before
    the request: refused), beside the other requests' unbound forms."""
    case_file = filled_case_file
    second = case_file.vdab_requests.get(requested_by="werkgever")
    client = logged_in_client(coach)
    response = client.post(
        f"/vdab/{second.pk}/gesprek/",
        {
            f"interview{second.pk}-date": "2025-12-01",
            f"interview{second.pk}-evaluator_name": "An VDAB",
            f"interview{second.pk}-summary": "Gesprek",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Het gesprek ligt voor de aanvraag." in html
    assert 'value="An VDAB"' in html
    assert id_problems(html) == []
    upload = client.post(
        f"/engagementen/{case_file.engagements.first().pk}/opladen/",
        {"signed_file": SimpleUploadedFile("scan.pdf", PDF)},
    )
    # a post without the row's prefix is not this row's upload
    assert upload.status_code == 400
    declaration = case_file.engagements.first()
    ok = client.post(
        f"/engagementen/{declaration.pk}/opladen/",
        {f"upload{declaration.pk}-signed_file": SimpleUploadedFile("scan.pdf", PDF)},
    )
    assert ok.status_code == 302

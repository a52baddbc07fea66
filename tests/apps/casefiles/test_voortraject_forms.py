"""The forms of the case file: intake, engagement, screening, PDP/POP, VDAB."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services as assessments
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import (
    EngagementDeclaration,
    IntakeRecord,
    StepRecord,
    TransitionPlan,
    VdabEvaluationRequest,
)
from doorstroom.apps.imports.exports import export_folder
from doorstroom.apps.trajectories.models import Advice
from tests.apps.factories import UserFactory, logged_in_client

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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


def steps(case_file, step):
    return list(
        StepRecord.objects.filter(case_file=case_file, step=step).values_list(
            "result", "recorded_by_name", "date"
        )
    )


def prefixed(prefix: str, data: dict) -> dict:
    """Form data as the page posts it: each field name under the form's prefix."""
    return {f"{prefix}-{name}": value for name, value in data.items()}


INTAKE = {
    "date": "2025-09-10",
    "situation": "Werkt 3 jaar in de sorteerafdeling.",
    "work_history": "Magazijn, schoonmaak",
    "education": "BSO logistiek",
    "wishes": "Heftruckchauffeur in een gewoon bedrijf",
    "mobility": "Fiets, geen rijbewijs",
    "barriers": "Kinderopvang 's ochtends",
    "motivation": "Wil meer verdienen en bijleren.",
    "motivation_level": "3",
}


def test_intake_form_saves_and_shows_on_the_timeline(world, coach, case_file):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:intake_save", args=[case_file.pk]),
        prefixed("intake", INTAKE),
    )
    assert response.status_code == 302
    intake = IntakeRecord.objects.get(case_file=case_file)
    assert intake.mobility == "Fiets, geen rijbewijs"
    assert steps(case_file, "intake_1") == [
        (
            "Intakeformulier ingevuld (motivatie: eerder hoog)",
            "coach",
            dt.date(2025, 9, 10),
        )
    ]
    page = client.get(reverse("casefiles:timeline", args=[world.own_person.pk]))
    assert "Intakeformulier ingevuld (motivatie: eerder hoog)" in page.content.decode()
    assert AuditEvent.objects.filter(detail=f"intake form {intake.pk}").count() == 1


def test_invalid_intake_gives_dutch_errors_and_saves_nothing(coach, case_file):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:intake_save", args=[case_file.pk]),
        prefixed("intake", {**INTAKE, "situation": "", "motivation_level": "9"}),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Dit veld is vereist." in text
    assert "Selecteer een geldige keuze" in text
    assert not IntakeRecord.objects.exists()
    assert steps(case_file, "intake_1") == []


def test_another_organisations_coach_is_refused(world, case_file):
    stranger = UserFactory(role=Role.COACH, organisation=world.other)
    with pytest.raises(PermissionDenied):
        services.record_intake(
            actor=stranger,
            case_file=case_file,
            values={**INTAKE, "date": dt.date(2025, 9, 10), "motivation_level": 3},
        )
    client = logged_in_client(stranger)
    for name in ("intake_save", "pdp_save", "vdab_request", "engagement_save"):
        assert (
            client.post(reverse(f"casefiles:{name}", args=[case_file.pk])).status_code
            == 404
        )
    assert (
        client.get(reverse("casefiles:pop_pdf", args=[case_file.pk])).status_code == 404
    )
    assert not IntakeRecord.objects.exists()


def test_engagement_accepted_by_the_worker_in_the_portal(world, coach, case_file):
    declaration = services.create_engagement(
        actor=coach,
        case_file=case_file,
        on=dt.date(2025, 9, 10),
        commitments="Elke week een gesprek.",
    )
    assert not declaration.accepted
    worker = world.users[Role.TARGET_WORKER]
    # the worker of another file cannot accept this one
    with pytest.raises(PermissionDenied):
        services.accept_engagement(actor=worker, declaration=declaration)
    own_file = services.open_case_file(
        actor=coach,
        person=world.worker_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2025, 9, 1),
    )
    own = services.create_engagement(
        actor=coach,
        case_file=own_file,
        on=dt.date(2025, 9, 10),
        commitments="Afspraken",
    )
    client = logged_in_client(worker)
    assert (
        "Afspraken" in client.get(reverse("casefiles:my_engagements")).content.decode()
    )
    response = client.post(reverse("casefiles:my_engagement_accept", args=[own.pk]))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.accepted_how == "portaal"
    assert own.accepted_by == worker and own.accepted_at is not None
    assert steps(own_file, "intake_1")[-1][:2] == (
        "Engagementsverklaring aanvaard door de werknemer",
        "werknemer",
    )


def test_engagement_accepted_on_screen_records_who_and_when(coach, case_file):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:engagement_save", args=[case_file.pk]),
        prefixed(
            "engagement",
            {
                "on": "2025-09-10",
                "commitments": "Afspraken",
                "accepted_on_screen": "on",
            },
        ),
    )
    assert response.status_code == 302
    declaration = EngagementDeclaration.objects.get()
    assert declaration.accepted_how == "scherm" and declaration.accepted_by == coach
    assert steps(case_file, "intake_1")[0][0] == (
        "Engagementsverklaring: aanvaard op het scherm, in gesprek met de coach"
    )


def test_signed_upload_is_stored_under_media_and_served_only_to_the_allowed(
    world, coach, case_file, media
):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:engagement_save", args=[case_file.pk]),
        prefixed(
            "engagement",
            {
                "on": "2025-09-10",
                "commitments": "Afspraken",
                "signed_file": SimpleUploadedFile("getekend.pdf", PDF),
            },
        ),
    )
    assert response.status_code == 302
    declaration = EngagementDeclaration.objects.get()
    assert declaration.accepted_how == "getekend"
    stored = media / declaration.signed_file.name
    assert stored.read_bytes() == PDF
    assert declaration.signed_file.name.startswith("casefiles/engagement/")
    url = reverse("casefiles:engagement_file", args=[declaration.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    for user in (
        UserFactory(role=Role.COACH, organisation=world.other),
        world.users[Role.EMPLOYER_CONTACT],
        world.users[Role.ANALYST],
    ):
        assert logged_in_client(user).get(url).status_code == 404
    # no public URL: MEDIA_URL is not served
    assert client.get(f"/media/{declaration.signed_file.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "scan.pdf",
            b"MZ\x90\x00 not a pdf",
            "Alleen een PDF, JPEG of PNG is toegelaten",
        ),
        ("scan.png", PDF, "De extensie van het bestand past niet bij de inhoud."),
        ("scan.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "Het bestand is te groot"),
    ],
)
def test_upload_type_and_size_are_checked(
    coach, case_file, media, name, content, message
):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:engagement_save", args=[case_file.pk]),
        prefixed(
            "engagement",
            {
                "on": "2025-09-10",
                "commitments": "Afspraken",
                "signed_file": SimpleUploadedFile(name, content),
            },
        ),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EngagementDeclaration.objects.exists()
    assert steps(case_file, "intake_1") == []
    assert not (media / "casefiles").exists() or not any(
        (media / "casefiles").rglob("*.*")
    )


def test_upload_later_on_an_open_declaration(coach, case_file):
    declaration = services.create_engagement(
        actor=coach,
        case_file=case_file,
        on=dt.date(2025, 9, 10),
        commitments="Afspraken",
    )
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:engagement_upload", args=[declaration.pk]),
        {f"upload{declaration.pk}-signed_file": SimpleUploadedFile("scan.png", PNG)},
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.signed_content_type == "image/png"
    assert declaration.signed_file.name.endswith(".png")


def test_screening_two_coaches_and_self_rating_side_by_side(world, coach, case_file):
    second = world.users[Role.FLOOR_SUPERVISOR]
    second_coach = UserFactory(
        username="coach2", role=Role.COACH, organisation=world.home
    )
    framework = assessments.ensure_builtin_frameworks()[0]
    with pytest.raises(services.CaseFileError, match="tweede coach"):
        services.start_screening(
            actor=coach,
            case_file=case_file,
            framework=framework,
            on=dt.date(2025, 9, 20),
            second_coach=coach,
        )
    screening = services.start_screening(
        actor=coach,
        case_file=case_file,
        framework=framework,
        on=dt.date(2025, 9, 20),
        second_coach=second_coach,
    )
    ids = list(assessments.adapters.framework_of(framework).competence_ids)[:4]
    services.rate_screening(
        actor=coach,
        screening=screening,
        ratings={
            cid: {
                "level": level,
                "situation": "Lijnwissel",
                "task": "Stapelen",
                "activities": "Vroeg uitleg",
                "result": "Foutloos",
                "reflection": "Rustig gebleven",
            }
            for cid, level in zip(ids, [1, 2, 3, 4], strict=True)
        },
    )
    client2 = logged_in_client(second_coach)
    response = client2.post(
        reverse("casefiles:screening", args=[screening.pk]),
        {
            f"level_{cid}": str(level)
            for cid, level in zip(ids, [1, 2, 4, 4], strict=True)
        },
    )
    assert response.status_code == 302
    # a third case worker of the organisation does not rate in this screening
    with pytest.raises(PermissionDenied):
        services.rate_screening(
            actor=second, screening=screening, ratings={ids[0]: {"level": 2}}
        )
    view = services.open_screening(actor=coach, screening=screening)
    # kappa by hand: O has 1/4 on (0,0),(1,1),(2,3),(3,3); quadratic weights
    # w=(d/3)^2: observed disagreement = (1/9)/4; expected from margins
    # a=(1/4 each), b=(1/4,1/4,0,1/2) gives sum w*E = 23/72 ... kappa = 1-(1/36)/(23/72)*... checked below
    a, b = [1, 2, 3, 4], [1, 2, 4, 4]
    obs = sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) / 9 / 4
    exp = sum((x - y) ** 2 / 9 for x in a for y in b) / 16
    assert view.agreement.value == pytest.approx(1 - obs / exp)
    page = (
        logged_in_client(coach)
        .get(reverse("casefiles:screening", args=[screening.pk]))
        .content.decode()
    )
    assert "Lijnwissel" in page and "Rustig gebleven" in page
    assert (
        steps(case_file, "intake_2_screening")[0][0] == "Screening door coach en coach2"
    )


def pdp_post(version, action="Rijlessen volgen", **extra):
    return {
        "pdp_meta-version": str(version),
        "pdp_meta-on": "2025-10-01",
        "pdp_meta-where_now": "Sorteerafdeling",
        "pdp_meta-wants": "Chauffeur",
        "pdp-TOTAL_FORMS": "1",
        "pdp-INITIAL_FORMS": "0",
        "pdp-MIN_NUM_FORMS": "0",
        "pdp-MAX_NUM_FORMS": "40",
        "pdp-0-need": "Rijbewijs",
        "pdp-0-barrier": "Kost",
        "pdp-0-resource": "Premie VDAB",
        "pdp-0-action": action,
        "pdp-0-who": "Coach",
        "pdp-0-due_on": "2026-03-01",
        "pdp-0-done": "on",
        **extra,
    }


def test_pdp_saves_and_second_concurrent_save_is_refused(world, coach, case_file):
    colleague = world.users[Role.ORG_ADMIN]
    first, second = logged_in_client(coach), logged_in_client(colleague)
    assert (
        first.post(
            reverse("casefiles:pdp_save", args=[case_file.pk]), pdp_post(0)
        ).status_code
        == 302
    )
    plan = TransitionPlan.objects.get()
    assert plan.version == 1
    # both open version 1; the first save wins, the second is refused
    assert (
        first.post(
            reverse("casefiles:pdp_save", args=[case_file.pk]), pdp_post(1, "Eerste")
        ).status_code
        == 302
    )
    response = second.post(
        reverse("casefiles:pdp_save", args=[case_file.pk]), pdp_post(1, "Tweede")
    )
    assert response.status_code == 409
    assert (
        "Dit PDP is intussen door iemand anders gewijzigd" in response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.version == 2
    assert [r.action for r in plan.rows.all()] == ["Eerste"]
    assert [r[0] for r in steps(case_file, "pop_pdp")] == [
        "PDP versie 1: 1 van 1 acties voltooid",
        "PDP versie 2: 1 van 1 acties voltooid",
    ]


def pop_post(version, action, start="2025-10-01"):
    return {
        "pop_meta-version": str(version),
        "pop_meta-start_date": start,
        "pop-TOTAL_FORMS": "1",
        "pop-INITIAL_FORMS": "0",
        "pop-MIN_NUM_FORMS": "0",
        "pop-MAX_NUM_FORMS": "40",
        "pop-0-competence_id": "cooperation",
        "pop-0-competence_name": "Samenwerken",
        "pop-0-action": action,
        "pop-0-helper": "Werkvloerbegeleider",
        "pop-0-due_date": "2026-01-15",
        "pop-0-measurable_result": "3 overlegmomenten bijgewoond",
    }


def test_pop_concurrency_flag_and_pdf(world, coach, case_file):
    colleague = world.users[Role.ORG_ADMIN]
    first, second = logged_in_client(coach), logged_in_client(colleague)
    url = reverse("casefiles:pop_save", args=[case_file.pk])
    assert (
        first.post(url, pop_post(0, "Teamoverleg bijwonen", "2024-06-01")).status_code
        == 302
    )
    assert first.post(url, pop_post(1, "Eerste", "2024-06-01")).status_code == 302
    response = second.post(url, pop_post(1, "Tweede", "2024-06-01"))
    assert response.status_code == 409
    assert (
        "Dit POP is intussen door iemand anders gewijzigd" in response.content.decode()
    )
    pop = world.own_person.pop_plan
    pop.refresh_from_db()
    assert [a.action for a in pop.actions.all()] == ["Eerste"] and pop.version == 2
    overview = services.plan_overview(
        actor=coach, case_file=case_file, today=dt.date(2025, 6, 2)
    )
    assert overview.pop_flag is not None
    assert "Het laatste POP dateert van 01/06/2024" in overview.pop_flag.explanation_nl
    assert (
        services.plan_overview(
            actor=coach, case_file=case_file, today=dt.date(2025, 6, 1)
        ).pop_flag
        is None
    )
    assert steps(case_file, "pop_pdp")[-1][0] == "POP versie 2 opgesteld (1 acties)"

    response = first.get(reverse("casefiles:pop_pdf", args=[case_file.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    text = " ".join(text.split())
    for expected in (
        "Persoonlijk ontwikkelingsplan (POP)",
        "Maatwerk Mechelen",
        "Eigen Persoon",
        "Samenwerken",
        "Eerste",
        "Werkvloerbegeleider",
        "15/01/2026",
        "3 overlegmomenten bijgewoond",
        "Handtekeningen",
        "De werknemer",
        "De doorstroomcoach",
    ):
        assert expected in text, expected
    assert AuditEvent.objects.filter(detail="pop pdf").count() == 1


def test_vdab_request_interview_and_advice_counted_by_the_export(
    world, coach, case_file, tmp_path
):
    client = logged_in_client(coach)
    response = client.post(
        reverse("casefiles:vdab_request", args=[case_file.pk]),
        {
            "request-requested_on": "2025-11-01",
            "request-requested_by": "werknemer",
            "request-reason": "na_vijf_jaar",
            "request-instrument": "CM",
            "request-evaluator_organisation": str(world.vdab.pk),
        },
    )
    assert response.status_code == 302
    request = VdabEvaluationRequest.objects.get()
    assert request.advice.result == "" and request.advice.requested_on == dt.date(
        2025, 11, 1
    )
    # interview before the request: Dutch error, nothing saved
    bad = client.post(
        reverse("casefiles:vdab_interview", args=[request.pk]),
        prefixed(
            f"interview{request.pk}",
            {"date": "2025-10-01", "evaluator_name": "An VDAB", "summary": "Gesprek"},
        ),
    )
    assert (
        bad.status_code == 400
        and "Het gesprek ligt voor de aanvraag." in bad.content.decode()
    )
    ok = client.post(
        reverse("casefiles:vdab_interview", args=[request.pk]),
        prefixed(
            f"interview{request.pk}",
            {
                "date": "2025-11-20",
                "evaluator_name": "An VDAB",
                "summary": "Gesprek",
                "worker_questionnaire": "on",
                "pop_date": "2024-10-01",
            },
        ),
    )
    assert ok.status_code == 302
    page = client.get(reverse("casefiles:vdab", args=[case_file.pk])).content.decode()
    assert "Het laatste POP dateert van 01/10/2024" in page
    advice = client.post(
        reverse("casefiles:vdab_advice", args=[request.pk]),
        prefixed(
            f"advice{request.pk}",
            {"result": "doorstroomklaar", "on": "2025-12-01", "instrument": "CM"},
        ),
    )
    assert advice.status_code == 302
    row = Advice.objects.get(pk=request.advice_id)
    assert (row.result, row.date, row.instrument) == (
        "doorstroomklaar",
        dt.date(2025, 12, 1),
        "CM",
    )
    assert [s[0] for s in steps(case_file, "vdab_evaluatie")] == [
        "VDAB-evaluatie aangevraagd door de werknemer (na vijf jaar tewerkstelling)",
        "Evaluatiegesprek met An VDAB",
        "Advies VDAB: doorstroomklaar (CM)",
    ]
    export_folder(tmp_path / "out")
    lines = (tmp_path / "out" / "advices.csv").read_text().splitlines()
    assert (
        f"{row.external_id},{world.own_person.external_id},2025-12-01,CM,doorstroomklaar"
        in lines
    )

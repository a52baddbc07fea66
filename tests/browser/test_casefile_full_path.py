"""One worker through the whole doorstroom path, in the browser (issue 4).

A coach logs in, opens a worker of their organisation and takes the doorstroom
trajectory from intake to nazorg through the pages only: intake form, engagement
declaration accepted on screen, screening with a second coach, PDP and POP,
a step in jobmatching, a BVS with its agreement PDF, the stage follow-up, the
NEC job with its transition arrangement and the first nazorg contact. The stage,
the final evaluation, the transition arrangement and the nazorg contact register
their steps on the timeline themselves: the coach registers none of them by hand.
Then the timeline, the caseload phase and the caseload counts per phase are
checked; the expected counts are computed from the database, not written down.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services as assessments
from doorstroom.apps.casefiles import services as casefiles
from doorstroom.apps.casefiles.models import (
    AftercareContact,
    CaseFile,
    CaseStatus,
    EngagementDeclaration,
    StepRecord,
    TransitionArrangement,
)
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.trajectory_types import get_trajectory_type
from doorstroom.domain.trajectory_types.aftercare import planned_contacts
from tests.apps.factories import (
    PASSWORD,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

TYPE_ID = "doorstroom_sec_nec"
NO_CASE_FILE = "Geen lopend traject"
PHASES_IN_ORDER = [
    "Voortraject",
    "Competentiemeting en POP/PDP",
    "Jobmatching",
    "Stage",
    "Job in het NEC",
    "Nazorg",
]


def short(day: date) -> str:
    """A date as the Dutch (nl-be) pages show it: ``j-n-Y``."""
    return f"{day.day}-{day.month}-{day.year}"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def register_step(page, step: str, on: date, result: str) -> None:
    """Register a step with the htmx form of the timeline; wait for the swap."""
    page.get_by_text("Stap registreren", exact=True).click()
    form = page.locator("form[hx-post]")
    form.locator("select[name$='-step']").select_option(step)
    form.locator("input[name$='-on']").fill(on.isoformat())
    form.get_by_label("Resultaat").fill(result)
    form.get_by_role("button", name="Registreer stap").click()
    page.locator("table.timeline").get_by_text(result).wait_for()


def expected_phase_counts(organisation) -> dict[str, int]:
    """Per phase name, the persons of ``organisation`` whose current case file is
    in that phase, straight from the rows (docs/caseload.md): the current case
    file is the most recently started active or paused one, its phase that of
    its last entry (the first phase when it has none)."""
    counts: dict[str, int] = {}
    for person in Person.objects.active().filter(organisation=organisation):
        case_file = (
            CaseFile.objects.filter(
                person=person, status__in=[CaseStatus.ACTIVE, CaseStatus.PAUSED]
            )
            .order_by("-started_on", "-id")
            .first()
        )
        if case_file is None:
            key = NO_CASE_FILE
        else:
            trajectory_type = get_trajectory_type(
                case_file.trajectory_type, case_file.type_version
            )
            last = (
                StepRecord.objects.filter(case_file=case_file)
                .exclude(phase="")
                .order_by("-date", "-id")
                .first()
            )
            key = (
                trajectory_type.phase(last.phase).name
                if last
                else trajectory_type.phases[0].name
            )
        counts[key] = counts.get(key, 0) + 1
    return counts


def shown_phase_counts(page) -> dict[str, int]:
    counts = {}
    for text in page.locator("span.phase-count").all_inner_texts():
        name, _sep, number = text.rpartition(":")
        counts[name.strip()] = int(number)
    return counts


@pytest.fixture
def world(db):
    """A maatwerkbedrijf with two coaches, the worker who goes the whole path and
    colleagues in other phases; an NEC host; a person of another organisation."""
    today = timezone.localdate()
    home = OrganisationFactory(name="Maatwerk Mechelen")
    other = OrganisationFactory(name="Maatwerk Lier")
    host = OrganisationFactory(nec=True, name="Logistiek NV")
    coach = UserFactory(
        username="coach-sofie",
        first_name="Sofie",
        last_name="Claes",
        role=Role.COACH,
        organisation=home,
    )
    UserFactory(username="coach-pieter", role=Role.COACH, organisation=home)
    outsider = UserFactory(role=Role.COACH, organisation=other)
    jan = PersonFactory(organisation=home, first_name="Jan", last_name="Janssens")
    framework = next(
        r for r in assessments.ensure_builtin_frameworks() if r.framework_id == "sw_lde"
    )

    def case_file(person, actor, steps, status=None):
        opened = casefiles.open_case_file(
            actor=actor,
            person=person,
            type_id=TYPE_ID,
            started_on=today - timedelta(days=200),
        )
        for offset, (phase, step) in enumerate(steps):
            casefiles.register_step(
                actor=actor,
                case_file=opened,
                phase=phase,
                step=step,
                on=today - timedelta(days=190 - offset),
            )
        if status:
            casefiles.change_status(
                actor=actor,
                case_file=opened,
                status=status,
                reason="Verhuisd",
                on=today - timedelta(days=100),
            )

    intake = ("voortraject", "intake_1")
    stage = ("stage", "stage_gestart")
    # two colleagues in the stage, one after intake, one with an empty case
    # file (first phase), one without and one with a closed case file
    for first, last in (("Els", "Peeters"), ("Kevin", "Mertens")):
        person = PersonFactory(organisation=home, first_name=first, last_name=last)
        case_file(person, coach, [intake, stage])
    case_file(
        PersonFactory(organisation=home, first_name="Mohamed", last_name="Maes"),
        coach,
        [intake],
    )
    case_file(
        PersonFactory(organisation=home, first_name="Nathalie", last_name="Willems"),
        coach,
        [],
    )
    PersonFactory(organisation=home, first_name="Fatima", last_name="Aerts")
    case_file(
        PersonFactory(organisation=home, first_name="Bart", last_name="Goossens"),
        coach,
        [intake],
        status=CaseStatus.CLOSED,
    )
    # another organisation's person in nazorg: not in this coach's counts
    case_file(
        PersonFactory(organisation=other, first_name="Lien", last_name="Smet"),
        outsider,
        [intake, ("nazorg", "nazorg_contact")],
    )
    return {
        "home": home,
        "host": host,
        "jan": jan,
        "framework": framework,
        "today": today,
    }


@pytest.mark.django_db(transaction=True)
def test_one_worker_from_intake_to_nazorg(live_server, page, world):
    base = live_server.url
    jan, host, today = world["jan"], world["host"], world["today"]
    day = {
        "start": today - timedelta(days=150),
        "screening": today - timedelta(days=140),
        "plans": today - timedelta(days=130),
        "application": today - timedelta(days=100),
        "stage_start": today - timedelta(days=60),
        "stage_end": today - timedelta(days=57),
        "job": today - timedelta(days=10),
        "aftercare": today - timedelta(days=3),
    }
    problems, errors = [], []
    page.on(
        "console",
        lambda msg: problems.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # --- log in, open Jan from the caseload, then his trajectory
    log_in(page, base, "coach-sofie")
    page.wait_for_url(f"{base}/personen/")
    # all persons of the organisation (Jan's case file is not opened yet)
    page.goto(f"{base}/personen/?personen=alle")
    page.get_by_role("link", name="Janssens, Jan").click()
    page.get_by_role("link", name="Trajectdossier en tijdlijn").click()
    page.get_by_role("heading", name="Traject van Jan Janssens").wait_for()
    page.get_by_label("Soort traject").select_option(TYPE_ID)
    page.get_by_label("Startdatum").fill(day["start"].isoformat())
    page.get_by_role("button", name="Open traject").click()
    page.get_by_text("Traject geopend.").wait_for()

    # --- intake 1: the intake form and the engagement declaration, on screen
    page.get_by_role("link", name="Intake en screening").click()
    page.get_by_text("Intakeformulier invullen").click()
    form = page.locator("form[action$='/intake/bewaar/']")
    form.get_by_label("Datum").fill(day["start"].isoformat())
    form.get_by_label("Huidige situatie").fill("Drie jaar in de verpakkingsafdeling.")
    form.get_by_label("Wensen en jobdoelwit").fill(
        "Magazijnier in een logistiek bedrijf"
    )
    form.get_by_label("Motivatie om door te stromen").fill("Wil een vast contract.")
    form.get_by_label("Motivatie (inschatting)").select_option(label="Hoog")
    form.get_by_role("button", name="Bewaar intakeformulier").click()
    page.get_by_text("Intakeformulier bewaard.").wait_for()
    assert (
        "Drie jaar in de verpakkingsafdeling."
        in page.locator("#intakes article.intake").inner_text()
    )

    page.get_by_text("Engagementsverklaring opstellen").click()
    form = page.locator("form[action$='/engagement/']")
    form.locator("input[name='engagement-on']").fill(day["start"].isoformat())
    form.get_by_label("Afspraken en wederzijdse verwachtingen").fill(
        "Jan komt naar elk gesprek; de coach zoekt mee naar een stage."
    )
    form.get_by_label("De werknemer aanvaardt de verklaring nu, op het scherm").check()
    form.get_by_role("button", name="Bewaar engagementsverklaring").click()
    page.get_by_text("Engagementsverklaring bewaard.").wait_for()
    engagement = page.locator("#engagements tbody tr").first.inner_text()
    assert "Aanvaard op het scherm, in gesprek met de coach" in engagement
    assert "Sofie Claes" in engagement

    # --- intake 2: the screening with a second coach; the first coach rates
    page.get_by_text("Screening starten met een tweede coach").click()
    form = page.locator("form[action$='/screening/']")
    form.get_by_label("Kader").select_option(label=str(world["framework"]))
    form.locator("input[name='screening-on']").fill(day["screening"].isoformat())
    form.get_by_label("Tweede coach").select_option(label="coach-pieter")
    form.get_by_role("button", name="Start screening").click()
    page.get_by_text("Screening gestart.").wait_for()
    page.get_by_role(
        "heading", name=re.compile("Screening van Jan Janssens")
    ).wait_for()
    first = page.locator("fieldset.rating").first
    competence = first.locator("legend").inner_text()
    first.locator("select").select_option("3")
    page.get_by_role("button", name="Bewaar mijn beoordeling").click()
    page.get_by_text("Je beoordeling is bewaard.").wait_for()
    row = page.locator("#side-by-side tbody tr").filter(
        has=page.get_by_role("rowheader", name=competence, exact=True)
    )
    # level 3 is "Goed"; the first coach's column comes after the competence
    assert row.locator("td").first.inner_text().startswith("Goed"), row.inner_text()
    page.get_by_role("link", name="Intake en screening").click()
    page.get_by_role("link", name="Traject van Jan Janssens").click()

    # --- PDP with one action row, then the POP with one SMART action
    page.get_by_role("link", name="PDP en POP").click()
    page.get_by_text("PDP bewerken").click()
    form = page.locator("form[action$='/pdp/']")
    form.get_by_label("Datum").fill(day["plans"].isoformat())
    form.get_by_label("Waar sta ik nu?").fill("Vlot in de ploeg, geen rijbewijs.")
    form.get_by_label("Wat wil ik?").fill("Werken als magazijnier.")
    row = form.locator("fieldset.pdp-row").first
    row.get_by_label("Wat heb ik nodig?").fill("Rijbewijs B")
    row.get_by_label("Concrete actie").fill("Inschrijven voor het theorie-examen")
    row.get_by_label("Wie?").fill("Jan")
    row.get_by_label("Tegen wanneer?").fill(day["application"].isoformat())
    form.get_by_role("button", name="Bewaar PDP").click()
    page.get_by_text("PDP bewaard.").wait_for()
    pdp_rows = page.locator("#pdp tbody tr")
    assert pdp_rows.count() == 1
    assert "Inschrijven voor het theorie-examen" in pdp_rows.first.inner_text()

    page.get_by_text("POP bewerken").click()
    form = page.locator("form[action$='/pop/']")
    form.get_by_label("Start van het POP").fill(day["plans"].isoformat())
    row = form.locator("fieldset.pop-row").first
    row.get_by_label("Competentie").fill("Samenwerken")
    row.get_by_label(re.compile(r"^Actie:?$")).fill("Elke week een teamoverleg leiden")
    row.get_by_label("Wie helpt").fill("Ploegbaas")
    row.get_by_label("Meetbaar resultaat").fill("Vier overleggen geleid")
    form.get_by_role("button", name="Bewaar POP").click()
    page.get_by_text("POP bewaard.").wait_for()
    assert "Elke week een teamoverleg leiden" in page.locator("#pop tbody").inner_text()
    page.get_by_role("link", name="Traject van Jan Janssens").click()

    # --- jobmatching: an application
    register_step(
        page, "jobmatching:sollicitatie", day["application"], "Gesolliciteerd"
    )

    # --- stage: a BVS within the rules, and its agreement as a PDF
    page.get_by_role("link", name="Stage registreren").click()
    page.get_by_label("Soort stage").select_option("BVS")
    page.get_by_label("Stagebedrijf").select_option(label="Logistiek NV")
    page.get_by_label("Startdatum").fill(day["stage_start"].isoformat())
    page.get_by_label("Einddatum").fill(day["stage_end"].isoformat())
    page.get_by_label("Voltijdse werkdagen").fill("4")
    page.get_by_label("Werkpost").fill("Orderpicking")
    page.get_by_label("Programma").fill("Rondleiding, meekijken bij orderpicking.")
    page.get_by_role("button", name="Bewaar stage").click()
    page.get_by_text("Stage bewaard.").wait_for()
    # the stage registered its step "stage gestart" itself
    page.locator("table.timeline").get_by_text(
        "BVS gestart bij Logistiek NV"
    ).wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Stageovereenkomst (pdf)").click()
    download = info.value
    assert download.suggested_filename.startswith("stageovereenkomst-")
    with open(download.path(), "rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Overeenkomst beroepsverkennende stage (BVS)" in text
    assert "Jan Janssens" in text and "Logistiek NV" in text
    assert "4 voltijdse en 0 halftijdse werkdagen" in text

    # --- stage follow-up: a day present and the final evaluation
    page.get_by_role("link", name="Opvolging", exact=True).click()
    form = page.locator("#attendance form")
    form.locator("input[name='attendance-on']").fill(day["stage_start"].isoformat())
    form.get_by_label("Aanwezig").select_option(label="Aanwezig")
    form.get_by_role("button", name="Registreer aanwezigheid").click()
    page.get_by_text("1 dagen aanwezig, 0 dagen afwezig.").wait_for()
    page.get_by_text("Evaluatie registreren").click()
    form = page.locator("#evaluations form")
    form.get_by_label("Soort evaluatie").select_option(label="Eindevaluatie")
    form.locator("input[name='evaluation-on']").fill(day["stage_end"].isoformat())
    form.get_by_label("Geëvalueerd door").fill("Ploegbaas Logistiek NV")
    form.get_by_label("Samenvatting").fill("Nauwkeurig en op tijd; klaar voor een job.")
    form.get_by_label("Beoordeling").select_option(label="Goed")
    form.get_by_role("button", name="Bewaar evaluatie").click()
    evaluation = page.locator("#evaluations tbody tr").filter(has_text="Eindevaluatie")
    evaluation.wait_for()
    assert "Goed" in evaluation.inner_text()
    page.get_by_role("link", name="Naar het traject").click()
    # the final evaluation registered its step itself
    page.locator("table.timeline").get_by_text("Eindevaluatie: goed").wait_for()

    # --- job: hired by the host, with the transition arrangement
    page.get_by_role("link", name="Overgang en nazorg").click()
    assert (
        page.locator("#aftercare-schedule")
        .get_by_text("Geen contactschema.")
        .is_visible()
    )
    page.get_by_text("Overgangsregeling registreren").click()
    form = page.locator("form[action$='/overgang/']")
    form.get_by_label("Eerste werkdag in het NEC").fill(day["job"].isoformat())
    form.get_by_label("NEC-werkgever").select_option(label="Logistiek NV")
    form.get_by_label("Soort document").select_option(label="Arbeidscontract")
    form.get_by_label("Het C4-formulier vermeldt de afgesproken formulering").check()
    form.get_by_label(re.compile(r"^Terugkeergarantie:?$")).check()
    guarantee_until = day["job"] + timedelta(days=365)
    form.get_by_label("Terugkeergarantie tot").fill(guarantee_until.isoformat())
    form.get_by_role("button", name="Bewaar overgangsregeling").click()
    page.get_by_text("Overgangsregeling bewaard.").wait_for()
    transition = page.locator("#transition dl.facts").inner_text()
    assert short(day["job"]) in transition and "Logistiek NV" in transition
    assert f"ja (tot {short(guarantee_until)})" in transition
    assert "Ontslag in onderlinge toestemming omwille van doorstroom" in (
        page.locator("#transition").inner_text()
    )

    # --- nazorg: the schedule from the first NEC workday, one contact against it
    schedule = page.locator("#aftercare-schedule tbody tr")
    planned = planned_contacts(get_trajectory_type(TYPE_ID).aftercare, day["job"])
    first_contact = day["job"] + timedelta(days=7)  # weekly in the first month
    assert planned[0] == first_contact
    assert schedule.count() == len(planned) > 4
    assert short(first_contact) in schedule.first.inner_text()
    assert schedule.first.get_attribute("class") == "aftercare-te_laat"
    form = page.locator("#aftercare-schedule form")
    form.get_by_label("Gepland contact").select_option(first_contact.isoformat())
    form.get_by_label("Datum").fill(day["aftercare"].isoformat())
    form.get_by_label("Met wie").select_option(label="Werknemer en werkgever")
    form.get_by_label("Hoe").select_option(label="Bezoek")
    form.locator("textarea[name='contact-note']").fill("Eerste week goed verlopen.")
    form.get_by_role("button", name="Registreer contact").click()
    page.locator("#aftercare-schedule tr.aftercare-gedaan").wait_for()
    done = page.locator("#aftercare-schedule tbody tr").first.inner_text()
    assert short(day["aftercare"]) in done and "Eerste week goed verlopen." in done
    page.get_by_role("link", name="Naar het traject").click()

    # --- the timeline: every phase in order, each line with its date and who
    rows = page.locator("table.timeline tbody tr")
    lines = [
        [cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]
    phases = [line[1] for line in lines]
    assert [p for i, p in enumerate(phases) if i == 0 or p != phases[i - 1]] == (
        PHASES_IN_ORDER
    )
    assert [line[0] for line in lines] == [
        short(d)
        for d in (
            day["start"],  # intake form
            day["start"],  # engagement declaration
            day["screening"],
            day["plans"],  # PDP
            day["plans"],  # POP
            day["application"],
            day["stage_start"],
            day["stage_end"],
            day["job"],
            day["aftercare"],
        )
    ]
    assert all(line[3] == "Sofie Claes" for line in lines), lines
    assert (
        lines[1][4]
        == "Engagementsverklaring: aanvaard op het scherm, in gesprek met de coach"
    )
    # the four steps the forms registered themselves: step name and result
    assert [line[2:5:2] for line in lines[6:]] == [
        ["Stage gestart (BVS, TBS of enclave)", "BVS gestart bij Logistiek NV"],
        ["Eindevaluatie op de werkvloer", "Eindevaluatie: goed"],
        [
            "Arbeidscontract of intentieverklaring NEC",
            "Arbeidscontract bij Logistiek NV",
        ],
        ["Nazorgcontact", "Contact met werknemer en werkgever (bezoek)"],
    ]
    for step in ("stage_gestart", "stage_eindevaluatie", "contract_nec"):
        assert StepRecord.objects.filter(case_file__person=jan, step=step).count() == 1
    assert lines[-1][2] == "Nazorgcontact"
    assert StepRecord.objects.filter(case_file__person=jan).count() == len(lines)
    declaration = EngagementDeclaration.objects.get(case_file__person=jan)
    assert declaration.accepted_how == "scherm"
    arrangement = TransitionArrangement.objects.get(case_file__person=jan)
    assert arrangement.employer == host and arrangement.return_guarantee
    assert arrangement.c4_wording and arrangement.job_start == day["job"]
    assert AftercareContact.objects.filter(
        case_file__person=jan, planned_on=first_contact
    ).exists()

    # --- the caseload: Jan in nazorg, the counts per phase as in the database
    page.get_by_role("link", name="Personen", exact=True).click()
    page.wait_for_url(f"{base}/personen/")
    page.goto(f"{base}/personen/?personen=alle")
    jan_row = page.locator("#caseload-rows tr").filter(
        has=page.get_by_role("link", name="Janssens, Jan")
    )
    assert jan_row.locator("td").nth(1).inner_text().strip() == "Nazorg"
    expected = expected_phase_counts(world["home"])
    assert expected["Nazorg"] == 1 and expected[NO_CASE_FILE] == 2
    assert shown_phase_counts(page) == expected
    persons = Person.objects.active().filter(organisation=world["home"]).count()
    assert page.locator("#count-persons").inner_text() == str(persons)

    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert not errors, errors

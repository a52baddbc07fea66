"""The distance: hand-computed, and the same numbers in page, API and PDF."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import logged_in_client

pytestmark = pytest.mark.django_db

# Consensus (median of coach and werkvloerbegeleider): cooperation 1, initiative 2.5,
# motivation 3.5, accuracy 2.5; dutch_language unknown.
# Known: sum w*g = 2*2 + 1*1.5 = 5.5; sum w*(r-1) = 2*2 + 3 + 2 + 1 = 10.
FIT = 1 - 5.5 / 10  # 0.45
FIT_UPPER = 1 - 5.5 / 12  # dutch_language met
FIT_LOWER = 1 - 7.5 / 12  # dutch_language at level 1
COVERAGE = 5 / 6


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_distance_is_the_same_in_page_api_and_pdf(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    person, profile = world.own_person, competences.job_profile
    api = client.get(f"/api/persons/{person.pk}/distance/?job_profile={profile.pk}")
    data = api.json()
    assert data["fit"] == pytest.approx(FIT)
    assert data["fit_upper"] == pytest.approx(FIT_UPPER)
    assert data["fit_lower"] == pytest.approx(FIT_LOWER)
    assert data["coverage"] == pytest.approx(COVERAGE)
    assert data["blockers"] == ["cooperation"]
    assert data["gaps_open"] == ["initiative"]
    assert data["unknown"] == ["dutch_language"]
    assert sorted(data["met"]) == ["accuracy", "motivation"]
    assert data["within_reach"] is False
    gaps = {g["competence_id"]: g for g in data["gaps"]}
    assert gaps["initiative"]["actual"] == 2.5 and gaps["initiative"]["gap"] == 1.5
    assert data["explanation"][0].startswith(
        "De fit met de job 'Magazijnmedewerker' is 45%"
    )

    page = client.get(
        f"/competenties/personen/{person.pk}/afstand/?job_profile={profile.pk}"
    )
    html = _flat(page.content.decode())
    pdf = client.get(
        f"/competenties/personen/{person.pk}/afstand.pdf?job_profile={profile.pk}"
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    for sentence in data["explanation"]:
        escaped = sentence.replace("'", "&#x27;")
        assert escaped in html, sentence
        assert _flat(sentence) in text, sentence
    for number in ["45%", "54%", "83%", "1,5"]:
        assert number in html and number in text, number
    # the per-competence rows: required, actual and gap of initiative
    assert re.search(r"Initiatief</th><td>4 \(Zeer goed\)</td><td>2,5</td>", html)
    assert "Initiatief 4 (Zeer goed) 2,5" in text
    # a filed document: title, person, organisation, job profile, date
    assert "Competentieafstandsmeting en POP" in text
    assert str(person) in text and world.home.name in text
    assert "Magazijnmedewerker" in text


def test_page_embeds_the_radar_and_growth_figures_as_json(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    page = client.get(
        f"/competenties/personen/{world.own_person.pk}/afstand/"
        f"?job_profile={competences.job_profile.pk}"
    ).content.decode()
    match = re.search(
        r'<script id="radar-figure" type="application/json">(.*?)</script>', page, re.S
    )
    figure = json.loads(match.group(1))
    person_trace = next(t for t in figure["data"] if t["name"] == "Huidig niveau")
    # framework order: cooperation, initiative, motivation, accuracy, dutch_language
    assert person_trace["r"] == [1.0, 2.5, 3.5, 2.5, None, 1.0]
    growth = json.loads(
        re.search(
            r'<script id="growth-figure" type="application/json">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    assert growth["data"][0]["x"] == ["2026-03-02"]
    assert "<script>" not in page  # no inline script (CSP)
    assert 'src="/grafieken/plotly.min.js"' in page


def test_plotly_is_served_from_the_installed_package(client):
    response = client.get("/grafieken/plotly.min.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"plotly.js" in response.content[:500]


def test_distance_without_any_round_has_unknown_fit(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    from tests.apps.factories import PersonFactory

    newcomer = PersonFactory(organisation=world.home)
    data = client.get(
        f"/api/persons/{newcomer.pk}/distance/?job_profile={competences.job_profile.pk}"
    ).json()
    assert data["fit"] is None and data["fit_lower"] == 0.0 and data["fit_upper"] == 1.0
    assert (
        client.get(f"/api/persons/{newcomer.pk}/distance/?job_profile=abc").status_code
        == 400
    )
    assert (
        client.get(
            f"/api/persons/{newcomer.pk}/distance/?job_profile=999999"
        ).status_code
        == 404
    )


def test_plotly_css_replaces_the_inline_styles_plotly_would_inject(
    client, world, competences
):
    css = client.get("/grafieken/plotly.css")
    assert css["Content-Type"].startswith("text/css")
    body = css.content.decode()
    assert ".js-plotly-plot .plotly .modebar{" in body
    assert ".maplibregl-map{" in body
    page = logged_in_client(world.users[Role.COACH]).get(
        f"/competenties/personen/{world.own_person.pk}/afstand/"
        f"?job_profile={competences.job_profile.pk}"
    )
    assert (
        '<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"'
        ' href="/grafieken/plotly.css">' in page.content.decode()
    )


def test_distance_page_in_english(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(
        f"/competenties/personen/{world.own_person.pk}/afstand/"
        f"?job_profile={competences.job_profile.pk}"
    ).content.decode()
    assert "Distance to the job" in page and "Proposed development plan" in page


def test_growth_follows_the_rounds_in_date_order(world, competences):
    import datetime as dt

    from doorstroom.apps.assessments import services

    from .conftest import levels

    coach = world.users[Role.COACH]
    later = services.start_round(
        actor=coach,
        person=world.own_person,
        framework=competences.framework,
        held_on=dt.date(2026, 9, 1),
    )
    services.save_ratings(
        actor=coach, round_row=later, ratings=levels({"cooperation": 3})
    )
    view = services.person_distance(
        actor=coach, person=world.own_person, job_profile=competences.job_profile
    )
    assert view.round_row == later  # the latest round gives the distance
    assert view.growth["dates"] == ["2026-03-02", "2026-09-01"]
    series = {s["competence_id"]: s["values"] for s in view.growth["series"]}
    assert series["cooperation"] == [1.0, 3.0]
    assert series["initiative"] == [2.5, None]
    # cooperation 3 meets the requirement now: no blocker any more
    assert view.result.blockers == ()


def test_job_profile_form_refuses_a_cutoff_above_the_required_level(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/competenties/jobprofielen/nieuw/?kader={competences.framework.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Heftruckchauffeur",
            "required_cooperation": "2",
            "weight_cooperation": "1",
            "cutoff_cooperation": "3",
        },
    )
    assert response.status_code == 200
    assert "niet hoger dan het gevraagde niveau" in response.content.decode()
    response = client.post(
        url,
        {
            "name": "Heftruckchauffeur",
            "required_cooperation": "3",
            "weight_cooperation": "2",
            "cutoff_cooperation": "2",
        },
    )
    assert response.status_code == 302
    api = client.get("/api/job-profiles/").json()["results"]
    saved = next(p for p in api if p["name"] == "Heftruckchauffeur")
    assert saved["requirements"] == [
        {"competence": "cooperation", "required": 3, "weight": 2.0, "cutoff": 2}
    ]

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from django.test import Client
from openpyxl import load_workbook

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.imports.services import import_folder
from doorstroom.domain.synth import generate
from tests.apps.factories import logged_in_client

QUERY = "period_from=2019-01-01&period_to=2022-12-31&as_of=2024-06-30"


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash") / "data"
    generate(folder, persons=1200, seed=5, app_extras=True)
    return folder


@pytest.fixture
def analyst(world, population, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    import_folder(population)
    return logged_in_client(world.users[Role.ANALYST])


def published_counts(node):
    """Every published count in a report's indicators (rates' parts included)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"suppressed", "rate"}:
                continue
            yield from published_counts(value)
    elif isinstance(node, int) and not isinstance(node, bool):
        yield node


@pytest.mark.django_db
def test_dashboard_shows_suppressed_figures_and_charts(analyst):
    page = analyst.get(f"/cijfers/?{QUERY}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Statistische geheimhouding toegepast" in body
    for chart in ("fig-province", "fig-year", "fig-sankey", "fig-survival"):
        assert f'id="{chart}"' in body, chart
    assert 'src="/grafieken/plotly.min.js"' in body  # from the plotly package
    assert 'id="at-risk"' in body and 'id="cohorts"' in body
    assert 'id="fairness"' in body and "Opleidingsniveau" in body

    report = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    assert report["suppression"]["applied"] is True
    assert all(n == 0 or n >= 10 for n in published_counts(report["indicators"]))


@pytest.mark.django_db
def test_filters_narrow_the_figures(analyst):
    everything = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    antwerp = json.loads(
        analyst.get(f"/cijfers/download.json?{QUERY}&province=ANT").content
    )
    assert antwerp["filters"] == {"province": "ANT"}
    assert (
        antwerp["indicators"]["doorstroom"]["total"]
        == (everything["indicators"]["doorstroom"]["by"]["province"]["ANT"])
    )


@pytest.mark.django_db
def test_downloads_in_every_format(analyst):
    xlsx = analyst.get(f"/cijfers/download.xlsx?{QUERY}")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) >= 9
    csv_text = analyst.get(f"/cijfers/download.csv?{QUERY}").content.decode()
    assert csv_text.splitlines()[0].startswith("indicator")
    html = analyst.get(f"/cijfers/download.html?{QUERY}").content.decode()
    assert "<table" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html)


@pytest.mark.django_db
def test_bad_filter_input_is_a_clear_error(analyst):
    response = analyst.get(
        "/cijfers/?period_from=2023-01-01&period_to=2019-01-01&as_of=2024-06-30"
    )
    assert "De periode begint na haar einde." in response.content.decode()
    assert analyst.get(f"/cijfers/download.json?{QUERY}&sector=abc").status_code == 400


@pytest.mark.django_db
def test_only_aggregate_roles_see_the_dashboard(world):
    for role in (
        Role.COACH,
        Role.TARGET_WORKER,
        Role.EMPLOYER_CONTACT,
        Role.VDAB_EVALUATOR,
    ):
        client = Client()
        client.force_login(world.users[role])
        assert client.get(f"/cijfers/?{QUERY}").status_code == 403
        assert client.get(f"/cijfers/download.json?{QUERY}").status_code == 403


def table_counts(tables):
    """Every published figure of the cross tables."""
    for table in tables.values():
        grids = table["blocks"].values() if "blocks" in table else [table]
        for grid in grids:
            for cells in grid["cells"].values():
                yield from cells.values()
            yield from grid["row_totals"].values()
            yield from grid["column_totals"].values()
            yield grid["total"]


@pytest.mark.django_db
def test_parliamentary_tables_are_shown_suppressed(analyst):
    page = analyst.get(f"/cijfers/?{QUERY}").content.decode()
    assert 'id="parliamentary-tables"' in page
    assert "Parlementaire tabellen" in page
    assert 'id="table-doorstroom_province_year"' in page
    assert "Provincie \\ Jaar" in page
    report = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    tables = report["tables"]
    assert "advices_province_year" in tables and "status_province" in tables
    figures = list(table_counts(tables))
    assert all(n is None or n == 0 or n >= 10 for n in figures)
    assert any(n is None for n in figures) and any(n and n >= 10 for n in figures)
    # A row total that repeats an indicator cell is shown (or hidden) alike.
    by_province = report["indicators"]["doorstroom"]["by"]["province"]
    assert tables["doorstroom_province_year"]["row_totals"] == by_province


@pytest.fixture
def computations(monkeypatch):
    """Count the report computations behind the dashboard's cache."""
    from doorstroom.apps.reports import services

    services.figure_cache.clear()
    calls = []
    compute = services.compute_report

    def counting(tables, query, *, exact_allowed):
        calls.append((dict(query.filters), exact_allowed))
        return compute(tables, query, exact_allowed=exact_allowed)

    monkeypatch.setattr(services, "compute_report", counting)
    return calls


@pytest.mark.django_db
def test_the_same_request_is_computed_once(analyst, computations):
    first = analyst.get(f"/cijfers/?{QUERY}")
    second = analyst.get(f"/cijfers/?{QUERY}")
    report = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    assert len(computations) == 1
    assert first.status_code == second.status_code == 200
    assert 'id="fig-survival"' in second.content.decode()
    assert report["suppression"]["applied"] is True


@pytest.mark.django_db
def test_another_filter_is_computed_apart(analyst, computations):
    everything = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    antwerp = json.loads(
        analyst.get(f"/cijfers/download.json?{QUERY}&province=ANT").content
    )
    analyst.get(f"/cijfers/download.json?{QUERY}&province=ANT")
    assert computations == [({}, False), ({"province": "ANT"}, False)]
    assert antwerp["filters"] == {"province": "ANT"}
    assert everything["filters"] == {}


@pytest.mark.django_db
def test_a_data_change_is_computed_again(analyst, computations):
    from doorstroom.apps.target_workers.models import WopDossier

    before = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    open_dossiers = WopDossier.objects.filter(end_date__isnull=True).order_by("pk")
    ended = open_dossiers.filter(start_date__lt=date(2020, 1, 1)).count()
    assert ended >= 10
    open_dossiers.filter(start_date__lt=date(2020, 1, 1)).update(
        end_date=date(2020, 6, 30)
    )
    after = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    assert len(computations) == 2
    rate_before = before["indicators"]["doorstroom_rate"]["total"]
    rate_after = after["indicators"]["doorstroom_rate"]["total"]
    assert rate_after["denominator"] != rate_before["denominator"]


@pytest.mark.django_db
def test_an_edit_that_keeps_counts_and_dates_is_computed_again(analyst, computations):
    """Moving persons to another province changes no row count and no date: the
    data version (bumped on every save) still makes the figures fresh."""
    from doorstroom.apps.reports.sources import data_fingerprint
    from doorstroom.apps.target_workers.models import Person

    before = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    fingerprint = data_fingerprint()
    moved = list(Person.objects.filter(province="ANT").order_by("pk"))
    assert len(moved) >= 10
    for person in moved:
        person.province = "LIM"
        person.save(update_fields=["province"])
    assert data_fingerprint() != fingerprint
    after = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    assert len(computations) == 2
    moved_from = before["indicators"]["doorstroom_rate"]["by"]["province"]["ANT"]
    now = after["indicators"]["doorstroom_rate"]["by"]["province"]["ANT"]
    assert moved_from["denominator"] > 0
    assert now["denominator"] == 0  # nobody lives in Antwerp any more


@pytest.mark.django_db
def test_exact_figures_are_never_served_from_another_role(
    world, analyst, computations, monkeypatch
):
    from doorstroom.apps.access import policies

    admin = world.users[Role.ORG_ADMIN]
    monkeypatch.setattr(policies, "can_see_exact_figures", lambda user: user == admin)
    admin_client = logged_in_client(admin)

    protected = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    exact = json.loads(admin_client.get(f"/cijfers/download.json?{QUERY}").content)
    again = json.loads(analyst.get(f"/cijfers/download.json?{QUERY}").content)
    # The dashboard always asks for protected figures, so both are protected;
    # what matters is that each exactness level has its own computation.
    assert computations == [({}, False), ({}, True)]
    assert protected["suppression"]["applied"] is True
    assert exact["indicators"].keys() == protected["indicators"].keys()
    assert again == protected

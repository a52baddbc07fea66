"""Copying and adapting a framework stores new versions; old rounds keep theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import adapters, services
from doorstroom.apps.assessments import models as m
from doorstroom.domain.competences import (
    BUILTIN_FRAMEWORK_IDS,
    consensus_levels,
    find_framework,
    framework_to_dict,
)
from tests.apps.factories import logged_in_client

from .conftest import levels

pytestmark = pytest.mark.django_db


def test_builtin_frameworks_are_listed_once(world):
    client = logged_in_client(world.users[Role.COACH])
    client.get("/competenties/kaders/")
    page = client.get("/competenties/kaders/")
    assert page.status_code == 200
    assert m.FrameworkVersion.objects.count() == len(BUILTIN_FRAMEWORK_IDS)
    api = client.get("/api/competence-frameworks/").json()
    assert sorted(r["framework_id"] for r in api["results"]) == sorted(
        BUILTIN_FRAMEWORK_IDS
    )
    row = m.FrameworkVersion.objects.get(framework_id="sw_lde")
    detail = client.get(f"/api/competence-frameworks/{row.pk}/").json()
    assert detail["data"] == framework_to_dict(adapters.framework_of(row))
    assert detail["content_hash"] == adapters.framework_of(row).content_hash


def test_round_is_unchanged_after_the_framework_is_copied_and_edited(world):
    coach = world.users[Role.COACH]
    builtin = next(
        r for r in services.ensure_builtin_frameworks() if r.framework_id == "sw_lde"
    )
    client = logged_in_client(coach)
    response = client.post(
        f"/competenties/kaders/{builtin.pk}/kopieren/", {"name": "Onze competenties"}
    )
    copy = m.FrameworkVersion.objects.get(organisation=world.home)
    assert response.url == f"/competenties/kaders/{copy.pk}/aanpassen/"
    assert (copy.framework_id, copy.version, copy.name) == (
        f"sw_lde_org{world.home.pk}",
        1,
        "Onze competenties",
    )
    assert (
        adapters.framework_of(copy).derived_from == adapters.framework_of(builtin).ref
    )

    round_row = services.start_round(
        actor=coach,
        person=world.own_person,
        framework=copy,
        held_on=dt.date(2026, 1, 5),
    )
    services.save_ratings(
        actor=coach,
        round_row=round_row,
        ratings=levels({"cooperation": 2, "appearance": 4}),
    )
    stored_data = dict(copy.data)
    stored_hash = copy.content_hash

    # the organisation renames "Samenwerken" and drops "Voorkomen": version 2
    framework = adapters.framework_of(copy)
    form = {"name": "Onze competenties 2026", "description": "Herwerkt"}
    for c in framework.competences:
        form[f"keep_{c.id}"] = "" if c.id == "appearance" else "on"
        form[f"name_{c.id}"] = "Samen werken" if c.id == "cooperation" else c.name
        form[f"definition_{c.id}"] = c.definition
    response = client.post(f"/competenties/kaders/{copy.pk}/aanpassen/", form)
    v2 = m.FrameworkVersion.objects.get(framework_id=copy.framework_id, version=2)
    assert response.status_code == 302
    v2_framework = adapters.framework_of(v2)
    assert "appearance" not in v2_framework.competence_ids
    assert v2_framework.competence("cooperation").name == "Samen werken"
    assert v2_framework.derived_from.version == 1

    # the round, its version and its scores are exactly as before
    round_row.refresh_from_db()
    copy.refresh_from_db()
    assert round_row.framework_id == copy.pk
    assert copy.data == stored_data and copy.content_hash == stored_hash
    domain = adapters.round_of(
        m.AssessmentRound.objects.prefetch_related("sheets__ratings").get(
            pk=round_row.pk
        )
    )
    assert domain.framework.version == 1
    assert consensus_levels(domain) == {"cooperation": 2.0, "appearance": 4.0}
    versions = [adapters.framework_of(r) for r in m.FrameworkVersion.objects.all()]
    used = find_framework(domain.framework, versions)
    assert used.competence("cooperation").name == "Samenwerken"
    # editing an older version again is refused: there is a newer one
    with pytest.raises(ValidationError):
        services.edit_framework(
            actor=coach, source=copy, name="x", description="y", remove=()
        )


def test_builtin_frameworks_cannot_be_edited_and_others_cannot_copy(world):
    builtin = services.ensure_builtin_frameworks()[0]
    with pytest.raises(PermissionDenied):
        services.edit_framework(
            actor=world.users[Role.COACH], source=builtin, name="x", description="y"
        )
    with pytest.raises(PermissionDenied):
        services.copy_framework(
            actor=world.users[Role.FLOOR_SUPERVISOR], source=builtin
        )
    with pytest.raises(PermissionDenied):
        services.copy_framework(actor=world.users[Role.ANALYST], source=builtin)


def test_another_organisation_does_not_see_our_copy(world, other_coach):
    builtin = services.ensure_builtin_frameworks()[0]
    copy = services.copy_framework(actor=world.users[Role.COACH], source=builtin)
    client = logged_in_client(other_coach)
    assert client.get(f"/competenties/kaders/{copy.pk}/").status_code == 404
    assert client.get(f"/api/competence-frameworks/{copy.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.copy_framework(actor=other_coach, source=copy)

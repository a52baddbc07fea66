"""Stored rows <-> dataclasses of :mod:`doorstroom.domain.matching`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from doorstroom.apps.assessments import adapters as assessment_adapters
from doorstroom.apps.assessments import models as am
from doorstroom.apps.placements.models import Vacancy as VacancyRow
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.competences import DEFAULT_POLICY, Framework, consensus_levels
from doorstroom.domain.matching import (
    MatchPerson,
    Vacancy,
    vacancies_from_json_text,
)

from .models import MatchPreferences, VacancyProfile


def requirements_of(vacancy: Vacancy) -> list[dict[str, Any]]:
    """The vacancy's (adjusted) requirement profile in the JSON layout."""
    rows = []
    for r in vacancy.profile.requirements:
        row: dict[str, Any] = {
            "competence": r.competence_id,
            "required": int(r.required),
            "weight": float(r.weight),
        }
        if r.cutoff is not None:
            row["cutoff"] = int(r.cutoff)
        rows.append(row)
    return rows


def profile_values(vacancy: Vacancy) -> dict[str, Any]:
    """Field values of a :class:`VacancyProfile` for a domain vacancy."""
    return {
        "sector": vacancy.sector,
        "requirements": requirements_of(vacancy),
        "tasks": [
            {
                "id": t.id,
                "name": t.name,
                "share": t.share,
                "competences": list(t.competence_ids),
            }
            for t in vacancy.tasks
        ],
        "shifts": sorted(s.value for s in vacancy.shifts),
        "physical_demands": sorted(d.value for d in vacancy.physical_demands),
        "language_level": vacancy.language_level.name,
        "reachable_by": sorted(m.value for m in vacancy.reachable_by),
        "source": vacancy.source[:200],
    }


def vacancy_record(profile: VacancyProfile) -> dict[str, Any]:
    """A stored vacancy as one record of the domain's JSON layout."""
    row = profile.vacancy
    return {
        "id": profile.external_id,
        "title": row.title,
        "employer": {"id": row.employer.external_id.lower(), "name": row.employer.name},
        "sector": profile.sector,
        "postcode": row.postcode,
        "hours": float(row.hours_per_week or 0),
        "shifts": profile.shifts,
        "physical_demands": profile.physical_demands,
        "language_level": profile.language_level,
        "reachable_by": profile.reachable_by,
        "requirements": profile.requirements,
        "tasks": profile.tasks,
    }


def domain_vacancies(profiles: Iterable[VacancyProfile]) -> dict[int, Vacancy]:
    """Domain vacancies keyed by ``placements.Vacancy`` pk (validated by the domain)."""
    profiles = list(profiles)
    if not profiles:
        return {}
    text = json.dumps({"vacancies": [vacancy_record(p) for p in profiles]})
    vacancies = vacancies_from_json_text(text, source="database")
    return {p.vacancy_id: v for p, v in zip(profiles, vacancies, strict=True)}


def latest_levels(person: Person) -> tuple[dict[str, float | None], Framework | None]:
    """Consensus levels (median of coach and werkvloerbegeleider) of the latest round."""
    latest = (
        am.AssessmentRound.objects.filter(person=person)
        .select_related("framework")
        .prefetch_related("sheets__ratings")
        .order_by("-held_on", "-id")
        .first()
    )
    if latest is None:
        return {}, None
    levels = consensus_levels(assessment_adapters.round_of(latest), DEFAULT_POLICY)
    return levels, assessment_adapters.framework_of(latest.framework)


def match_person(person: Person, levels: dict[str, float | None]) -> MatchPerson:
    """The person's matching data: levels, home postcode and stored preferences.

    Only persons the caller may match are built, so ``consent_matching`` is true.
    """
    prefs = MatchPreferences.objects.filter(person=person).first() or MatchPreferences()
    return person_from_preferences(person, prefs, levels)


def person_from_preferences(
    person: Person, prefs: MatchPreferences, levels: dict[str, float | None]
) -> MatchPerson:
    """A :class:`MatchPerson` from a (possibly unsaved) preferences row.

    Raises
    ------
    PersonError
        The preferences are not valid (Dutch message).
    """
    optional: dict[str, Any] = {}
    if prefs.shifts:
        optional["shifts"] = frozenset(prefs.shifts)
    if prefs.travel_modes:
        optional["travel_modes"] = frozenset(prefs.travel_modes)
    return MatchPerson(
        id=str(person.pk),
        levels=levels,
        postcode=person.postcode or None,
        hours_min=float(prefs.hours_min),
        hours_max=float(prefs.hours_max),
        max_travel_minutes=float(prefs.max_travel_minutes),
        physical_limits=frozenset(prefs.physical_limits if prefs.limits_agreed else ()),
        language_level=prefs.language_level,
        wished_sectors=frozenset(prefs.wished_sectors),
        no_go_sectors=frozenset(prefs.no_go_sectors),
        consent_matching=True,
        **optional,
    )


def vacancy_rows_by_pk(pks: Iterable[int]) -> dict[int, VacancyRow]:
    return {
        v.pk: v
        for v in VacancyRow.objects.filter(pk__in=list(pks)).select_related("employer")
    }

"""The weekly vacancy digest: new vacancies of the week with their best
candidates (for a coach's team) or the best-fitting ones (for a worker)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone

from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    person_subject,
    person_subjects,
    record,
)
from doorstroom.apps.placements.models import Vacancy as VacancyRow
from doorstroom.domain.matching import explain, rank_candidates, rank_vacancies

from . import adapters, permissions
from .services import MatchRow, _gazetteer, open_profiles

#: Candidates per vacancy in a coach's digest; vacancies in a worker's digest.
DIGEST_CANDIDATES = 3
DIGEST_VACANCIES = 5


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class DigestEntry:
    vacancy: VacancyRow
    candidates: list[MatchRow]


@dataclass(frozen=True)
class Digest:
    """For a coach: ``entries`` (vacancy + candidates); for a worker: ``for_worker``
    and ``matches`` (their best-fitting new vacancies)."""

    week_start: dt.date
    week_end: dt.date
    for_worker: bool
    entries: list[DigestEntry]
    matches: list[MatchRow]


def weekly_digest(*, actor, day: dt.date | None = None) -> Digest:
    """The digest of the week containing ``day`` (default today); audited.

    Raises
    ------
    PermissionDenied
        Neither a case worker who matches nor a worker with a file.
    """
    start = week_start(day or timezone.localdate())
    end = start + dt.timedelta(days=6)
    profiles = open_profiles().filter(
        vacancy__open_from__gte=start, vacancy__open_from__lte=end
    )
    by_pk = adapters.domain_vacancies(profiles)
    rows = adapters.vacancy_rows_by_pk(by_pk)
    gazetteer = _gazetteer()
    worker_person = permissions.own_person(actor)
    if worker_person is not None:
        levels, framework = adapters.latest_levels(worker_person)
        person = adapters.match_person(worker_person, levels)
        by_id = {v.id: pk for pk, v in by_pk.items()}
        ranked = rank_vacancies(
            person, list(by_pk.values()), gazetteer, k=DIGEST_VACANCIES
        )
        matches = [
            MatchRow(
                e.rank,
                e.fit,
                worker_person,
                rows[by_id[e.vacancy_id]],
                explain(
                    person, by_pk[by_id[e.vacancy_id]], gazetteer, framework=framework
                ),
            )
            for e in ranked
        ]
        record(
            actor=actor,
            action=Action.READ,
            subjects=person_subject(worker_person),
            detail="matching: weekly digest",
        )
        return Digest(start, end, True, [], matches)
    if not permissions.can_match(actor):
        raise PermissionDenied
    persons = {
        str(p.pk): p for p in permissions.persons_for_matching(actor).order_by("pk")
    }
    levels = {pid: adapters.latest_levels(p) for pid, p in persons.items()}
    match_persons = [
        adapters.match_person(p, levels[pid][0]) for pid, p in persons.items()
    ]
    by_person = {p.id: p for p in match_persons}
    entries = []
    shown: dict[int, object] = {}
    for pk in sorted(by_pk, key=lambda k: (rows[k].open_from, rows[k].title, k)):
        vacancy = by_pk[pk]
        ranked = rank_candidates(vacancy, match_persons, gazetteer, k=DIGEST_CANDIDATES)
        candidates = []
        for e in ranked:
            person = persons[e.person_id]
            shown[person.pk] = person
            candidates.append(
                MatchRow(
                    e.rank,
                    e.fit,
                    person,
                    rows[pk],
                    explain(
                        by_person[e.person_id],
                        vacancy,
                        gazetteer,
                        framework=levels[e.person_id][1],
                    ),
                )
            )
        entries.append(DigestEntry(rows[pk], candidates))
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects(shown.values()),
        detail="matching: weekly digest",
    )
    return Digest(start, end, False, entries, [])


def render_digest_pdf(digest: Digest, *, actor) -> bytes:
    """The digest as a PDF (WeasyPrint)."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "matches/digest_pdf.html",
        {"digest": digest, "actor": actor, "today": timezone.localdate()},
    )
    return HTML(string=html).write_pdf()

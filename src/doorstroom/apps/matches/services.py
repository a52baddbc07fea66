"""Vacancy import, ranking both ways with reasons, and the coach's decisions.

Every read of a person's matching data is audited; vacancies are not personal
data, so their import is not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doorstroom.apps.access import policies
from doorstroom.apps.assessments import adapters as assessment_adapters
from doorstroom.apps.assessments.services import job_profiles_visible_to
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    person_subject,
    person_subjects,
    record,
)
from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.placements.models import Vacancy as VacancyRow
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.matching import (
    Gazetteer,
    ImportProblem,
    MatchExplanation,
    PersonError,
    Vacancy,
    VacancyImportError,
    builtin_gazetteer,
    explain,
    propose_carving,
    rank_candidates,
    rank_vacancies,
    vacancies_from_csv_text,
    vacancies_from_json_text,
)
from doorstroom.domain.matching.evaluation import OUTCOME_COLUMNS

from . import adapters, permissions
from .models import (
    DecisionStatus,
    MatchDecision,
    MatchPreferences,
    RefusedBy,
    VacancyProfile,
)

#: Largest accepted import file.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
IMPORT_TYPES = {".csv": "csv", ".json": "json"}
#: Beginnings of binary files that are uploaded by mistake (checked on the content,
#: whatever the file is called), with their names in Dutch and English.
BINARY_SIGNATURES = (
    (b"PK\x03\x04", "een Excel- of ZIP-bestand", "an Excel or ZIP file"),
    (
        b"\xd0\xcf\x11\xe0",
        "een oud Excel- of Word-bestand",
        "an old Excel or Word file",
    ),
    (b"%PDF", "een PDF", "a PDF"),
    (b"\x89PNG", "een PNG-afbeelding", "a PNG image"),
    (b"\xff\xd8\xff", "een JPEG-afbeelding", "a JPEG image"),
)
#: Length of the ranked lists on pages and in the API.
TOP_K = 10
#: The fields :func:`save_match_preferences` changes.
PREFERENCE_FIELDS = (
    "hours_min",
    "hours_max",
    "shifts",
    "travel_modes",
    "max_travel_minutes",
    "physical_limits",
    "limits_agreed",
    "language_level",
    "wished_sectors",
    "no_go_sectors",
)


def _refuse(source: str, field: str, nl: str, en: str) -> VacancyImportError:
    return VacancyImportError([ImportProblem(source, None, field, nl, en)])


def parse_vacancy_file(*, actor, filename: str, content: bytes) -> tuple[Vacancy, ...]:
    """Check size and type, then parse with the domain importer (all or nothing).

    Raises
    ------
    PermissionDenied
        The actor may not import vacancies.
    VacancyImportError
        Every problem by line and field (Dutch and English); nothing is saved.
    """
    if not permissions.can_import_vacancies(actor):
        raise PermissionDenied
    source = PurePath(filename or "upload").name[:100]
    kind = IMPORT_TYPES.get(PurePath(source).suffix.lower())
    if kind is None:
        raise _refuse(
            source,
            "bestand",
            "enkel .csv- of .json-bestanden",
            "only .csv or .json files",
        )
    if len(content) > MAX_IMPORT_BYTES:
        raise _refuse(
            source,
            "bestand",
            f"bestand groter dan {MAX_IMPORT_BYTES // (1024 * 1024)} MiB",
            f"file larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB",
        )
    for magic, name_nl, name_en in BINARY_SIGNATURES:
        if content.startswith(magic):
            raise _refuse(
                source,
                "bestand",
                f"geen tekstbestand maar {name_nl}: bewaar het als CSV (UTF-8) of JSON",
                f"not a text file but {name_en}: save it as CSV (UTF-8) or JSON",
            )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(source, "bestand", "geen UTF-8-tekst", "not UTF-8 text") from None
    if "\x00" in text:
        raise _refuse(
            source,
            "bestand",
            "geen tekstbestand (bevat nul-tekens)",
            "not a text file (contains NUL characters)",
        )
    profiles = {
        str(row.pk): assessment_adapters.job_profile_of(row)
        for row in job_profiles_visible_to(actor).select_related("framework")
    }
    if kind == "csv":
        return vacancies_from_csv_text(text, source=source, profiles=profiles)
    return vacancies_from_json_text(text, source=source, profiles=profiles)


def _employer(vacancy: Vacancy) -> Organisation:
    org = Organisation.objects.filter(external_id__iexact=vacancy.employer.id).first()
    if org is None:
        org = Organisation.objects.create(
            external_id=vacancy.employer.id,
            name=vacancy.employer.name[:200],
            kind=OrganisationKind.NEC_EMPLOYER,
        )
    return org


def import_vacancies(*, actor, filename: str, content: bytes) -> list[VacancyRow]:
    """Import a CSV or JSON vacancy file: every vacancy or none.

    Existing vacancies (same vacancy id) are updated; new ones open today.
    Employers unknown by external id are added as NEC employers.

    Raises
    ------
    PermissionDenied, VacancyImportError
        See :func:`parse_vacancy_file`.
    """
    vacancies = parse_vacancy_file(actor=actor, filename=filename, content=content)
    today = timezone.localdate()
    saved: list[VacancyRow] = []
    with transaction.atomic():
        for vacancy in vacancies:
            employer = _employer(vacancy)
            profile = (
                VacancyProfile.objects.select_related("vacancy")
                .filter(external_id=vacancy.id)
                .first()
            )
            row = profile.vacancy if profile else VacancyRow(open_from=today)
            row.employer = employer
            row.title = vacancy.title[:200]
            row.hours_per_week = round(vacancy.hours, 2)
            row.postcode = vacancy.postcode
            row.save()
            values = adapters.profile_values(vacancy)
            job_profile_id = (
                vacancy.profile.id if vacancy.profile.id.isdigit() else None
            )
            if (
                job_profile_id
                and not job_profiles_visible_to(actor)
                .filter(pk=int(job_profile_id))
                .exists()
            ):
                job_profile_id = None
            VacancyProfile.objects.update_or_create(
                external_id=vacancy.id,
                defaults={**values, "vacancy": row, "job_profile_id": job_profile_id},
            )
            saved.append(row)
    return saved


def open_profiles():
    """Vacancy profiles of vacancies still open today."""
    today = timezone.localdate()
    return VacancyProfile.objects.select_related("vacancy__employer").filter(
        Q(vacancy__open_until__isnull=True) | Q(vacancy__open_until__gte=today)
    )


@dataclass(frozen=True)
class MatchRow:
    """One line of a ranked list, with the reasons."""

    rank: int
    fit: float
    person: Person
    vacancy: VacancyRow
    explanation: MatchExplanation
    #: The pair almost fits: a competence blocks, and a carved job without the
    #: tasks that need it would remain (see :func:`carving_for`).
    can_carve: bool = False

    @property
    def reasons(self) -> list[str]:
        """What they have, what is missing, the constraint that nearly failed."""
        return self.explanation.sentences_nl()

    @property
    def fit_percent(self) -> int:
        return round(100 * self.fit)


def _gazetteer() -> Gazetteer:
    return builtin_gazetteer()


def _carving_helps(person, vacancy: Vacancy) -> bool:
    """The domain's "almost fits": a carved job without the blocking tasks exists."""
    return propose_carving(person, vacancy).carved is not None


def vacancies_for_person(*, actor, person: Person, k: int = TOP_K) -> list[MatchRow]:
    """The person's best ``k`` open vacancies (domain ranking), with reasons (audited)."""
    if not permissions.can_match_person(actor, person):
        raise PermissionDenied
    levels, framework = adapters.latest_levels(person)
    match_person = adapters.match_person(person, levels)
    by_pk = adapters.domain_vacancies(open_profiles())
    rows = adapters.vacancy_rows_by_pk(by_pk)
    by_id = {v.id: pk for pk, v in by_pk.items()}
    gazetteer = _gazetteer()
    ranked = rank_vacancies(match_person, list(by_pk.values()), gazetteer, k=k)
    result = []
    for entry in ranked:
        pk = by_id[entry.vacancy_id]
        result.append(
            MatchRow(
                entry.rank,
                entry.fit,
                person,
                rows[pk],
                explain(match_person, by_pk[pk], gazetteer, framework=framework),
                entry.blocked and _carving_helps(match_person, by_pk[pk]),
            )
        )
    record(
        actor=actor,
        action=Action.READ,
        subjects=person_subject(person),
        detail="matching: ranked vacancies",
    )
    return result


def candidates_for_vacancy(
    *, actor, vacancy: VacancyRow, k: int = TOP_K
) -> list[MatchRow]:
    """The best ``k`` candidates among the persons the actor may match (audited).

    Raises
    ------
    PermissionDenied
        The actor does not match.
    VacancyProfile.DoesNotExist
        The vacancy has no requirement profile.
    """
    if not permissions.can_match(actor):
        raise PermissionDenied
    profile = VacancyProfile.objects.select_related("vacancy__employer").get(
        vacancy=vacancy
    )
    domain_vacancy = adapters.domain_vacancies([profile])[vacancy.pk]
    persons = {
        str(p.pk): p for p in permissions.persons_for_matching(actor).order_by("pk")
    }
    levels = {pid: adapters.latest_levels(p) for pid, p in persons.items()}
    match_persons = {
        pid: adapters.match_person(p, levels[pid][0]) for pid, p in persons.items()
    }
    gazetteer = _gazetteer()
    ranked = rank_candidates(
        domain_vacancy, list(match_persons.values()), gazetteer, k=k
    )
    result = [
        MatchRow(
            entry.rank,
            entry.fit,
            persons[entry.person_id],
            vacancy,
            explain(
                match_persons[entry.person_id],
                domain_vacancy,
                gazetteer,
                framework=levels[entry.person_id][1],
            ),
            entry.blocked
            and _carving_helps(match_persons[entry.person_id], domain_vacancy),
        )
        for entry in ranked
    ]
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects(row.person for row in result),
        detail=f"matching: candidates for vacancy {vacancy.pk}",
    )
    return result


def record_decision(
    *,
    actor,
    person: Person,
    vacancy: VacancyRow,
    status: str,
    refused_by: str = "",
    reason: str = "",
) -> MatchDecision:
    """Record the coach's decision on a proposed pair (audited).

    Raises
    ------
    PermissionDenied
        The actor may not match this person.
    ValidationError
        Unknown status, or a refusal without who refused and why.
    """
    if not permissions.can_match_person(actor, person):
        raise PermissionDenied
    if status not in DecisionStatus.values:
        raise ValidationError(_("Onbekende beslissing."))
    reason = reason.strip()
    if status == DecisionStatus.REFUSED:
        if refused_by not in RefusedBy.values or not reason:
            raise ValidationError(_("Bij een afwijzing: zeg wie afwees en waarom."))
    else:
        refused_by, reason = "", ""
    if not VacancyProfile.objects.filter(vacancy=vacancy).exists():
        raise ValidationError(_("Deze vacature heeft geen competentieprofiel."))
    with transaction.atomic():
        decision = MatchDecision.objects.create(
            person=person,
            vacancy=vacancy,
            status=status,
            refused_by=refused_by,
            reason=reason[:300],
            decided_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=person_subject(person),
            detail=f"matching decision {status} for vacancy {vacancy.pk}",
        )
    return decision


def decisions_for(*, actor, person: Person) -> list[MatchDecision]:
    """The decisions on a person, newest first (read as part of the matching page)."""
    if not permissions.can_match_person(actor, person):
        raise PermissionDenied
    return list(
        MatchDecision.objects.filter(person=person).select_related(
            "vacancy", "vacancy__employer"
        )
    )


def latest_decisions(actor) -> list[MatchDecision]:
    """The latest decision per pair, for persons the actor may match."""
    decisions = (
        MatchDecision.objects.filter(person__in=permissions.persons_for_matching(actor))
        .select_related("person", "vacancy__match_profile")
        .order_by("person_id", "vacancy_id", "-decided_at", "-id")
    )
    latest: dict[tuple[int, int], MatchDecision] = {}
    for decision in decisions:
        latest.setdefault((decision.person_id, decision.vacancy_id), decision)
    return list(latest.values())


def export_outcomes_csv(*, actor) -> str:
    """The decisions as the outcome CSV of ``doorstroom match-eval --outcomes``.

    ``person_id`` is the person's pk (the id matching uses), ``vacancy_id`` the
    vacancy id of its profile. One row per pair: the latest decision. Audited as
    an export for every person in it.
    """
    if not permissions.can_match(actor):
        raise PermissionDenied
    decisions = latest_decisions(actor)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTCOME_COLUMNS)
    for d in decisions:
        writer.writerow(
            [
                str(d.person_id),
                d.vacancy.match_profile.external_id,
                d.status,
                d.refused_by,
                d.reason,
            ]
        )
    persons: Sequence[Person] = list(
        {d.person_id: d.person for d in decisions}.values()
    )
    record(
        actor=actor,
        action=Action.EXPORT,
        subjects=person_subjects(persons),
        detail="matching outcomes csv",
    )
    return out.getvalue()


def preferences_of(person: Person) -> MatchPreferences:
    """The stored preferences, or unsaved defaults."""
    return MatchPreferences.objects.filter(person=person).first() or MatchPreferences(
        person=person
    )


def save_match_preferences(
    *, actor, person: Person, values: dict[str, Any]
) -> MatchPreferences:
    """Store what the worker accepts (case workers of the person's organisation; audited).

    ``values`` holds the :class:`MatchPreferences` fields. Physical limits are
    kept only with the worker's agreement to record them.

    Raises
    ------
    PermissionDenied
        The actor may not change this person's file.
    ValidationError
        Values the domain refuses (message in Dutch), or limits without agreement.
    """
    if not policies.can_edit_person(actor, person):
        raise PermissionDenied
    prefs = preferences_of(person)
    for name in PREFERENCE_FIELDS:
        if name in values:
            setattr(prefs, name, values[name])
    if prefs.physical_limits and not prefs.limits_agreed:
        raise ValidationError(
            _("Fysieke grenzen enkel noteren als de werknemer ermee instemt.")
        )
    try:
        adapters.person_from_preferences(person, prefs, {})
    except PersonError as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        prefs.save()
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=person_subject(person),
            detail="matching preferences",
        )
    return prefs


@dataclass(frozen=True)
class BlockingCompetence:
    """One competence that keeps a job out of reach, in plain words."""

    competence_id: str
    name: str
    actual: float | None
    required: int
    cutoff: int | None


@dataclass(frozen=True)
class CarvingPage:
    """A jobcarving proposal for one pair, ready for the page.

    ``proposal`` is the domain's :class:`~doorstroom.domain.matching.CarvingProposal`;
    ``blocking`` names its blocking competences with the person's level and the
    cut-off; ``explanation`` explains the original pair.
    """

    person: Person
    vacancy: VacancyRow
    proposal: Any
    blocking: list[BlockingCompetence]
    explanation: MatchExplanation
    original_hours: float

    @property
    def helps(self) -> bool:
        return self.proposal.carved is not None

    @property
    def fit_before_percent(self) -> int | None:
        fit = self.proposal.fit_before
        return None if fit is None else round(100 * fit)

    @property
    def fit_after_percent(self) -> int | None:
        fit = self.proposal.fit_after
        return None if fit is None else round(100 * fit)

    @property
    def blocking_share_percent(self) -> int:
        return round(100 * sum(t.share for t in self.proposal.blocking_tasks))


def carving_for(*, actor, person: Person, vacancy: VacancyRow) -> CarvingPage:
    """Which tasks keep ``vacancy`` out of reach for ``person``, and a carved job (audited).

    Raises
    ------
    PermissionDenied
        The actor may not match this person.
    VacancyProfile.DoesNotExist
        The vacancy has no competence profile.
    """
    if not permissions.can_match_person(actor, person):
        raise PermissionDenied
    profile = VacancyProfile.objects.select_related("vacancy__employer").get(
        vacancy=vacancy
    )
    domain_vacancy = adapters.domain_vacancies([profile])[vacancy.pk]
    levels, framework = adapters.latest_levels(person)
    match_person = adapters.match_person(person, levels)
    explanation = explain(
        match_person, domain_vacancy, _gazetteer(), framework=framework
    )
    proposal = propose_carving(match_person, domain_vacancy)
    blocking = []
    for competence_id in proposal.blocking_competences:
        gap = explanation.distance.gap_for(competence_id)
        blocking.append(
            BlockingCompetence(
                competence_id,
                gap.name,
                gap.actual,
                int(gap.required),
                None if gap.cutoff is None else int(gap.cutoff),
            )
        )
    record(
        actor=actor,
        action=Action.READ,
        subjects=person_subject(person),
        detail=f"matching: jobcarving for vacancy {vacancy.pk}",
    )
    return CarvingPage(
        person,
        vacancy,
        proposal,
        blocking,
        explanation,
        domain_vacancy.hours,
    )

"""Reads and writes of competence data: permission check, one transaction, audit.

Every function takes the acting user as ``actor`` and raises
``django.core.exceptions.PermissionDenied`` when the policy in
:mod:`.permissions` says no. Reads of a person's assessments are audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import User
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.competences import (
    DEFAULT_POLICY,
    AgreementResult,
    AssessmentError,
    DistanceResult,
    Framework,
    FrameworkChanges,
    JobProfileError,
    ObservationError,
    ObservationStep,
    SelfOtherComparison,
    StarrNote,
    builtin_action_library,
    builtin_frameworks,
    check_observer_load,
    consensus_levels,
    derive,
    distance,
    growth_series,
    job_profile_from_dict,
    pop_is_outdated,
    propose_pop,
    radar_data,
    round_agreement,
    self_vs_others,
    validate_job_profile,
    validate_round,
)
from doorstroom.domain.competences import AssessmentRound as DomainRound
from doorstroom.domain.competences import (
    ObservationPlan as DomainObservationPlan,
)
from doorstroom.domain.competences import (
    PopAction as DomainPopAction,
)

from . import adapters, permissions
from . import models as m
from .models.rounds import RaterRoleChoice


class StalePopError(Exception):
    """Someone else saved the POP after this user opened it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Dit POP is intussen door iemand anders gewijzigd. Je wijzigingen zijn "
                "niet bewaard: open het POP opnieuw en breng ze opnieuw aan."
            )
        )


def competence_subject(person: Person, object_type: str, object_id: object) -> Subject:
    return Subject(
        person_id=person.pk,
        person_organisation_id=person.organisation_id,
        object_type=object_type,
        object_id=str(object_id),
    )


def _org_subject(actor, object_type: str, object_id: object) -> Subject:
    return Subject(
        person_id=None,
        person_organisation_id=None,
        object_type=object_type,
        object_id=str(object_id),
    )


# --- frameworks ---------------------------------------------------------------


def ensure_builtin_frameworks() -> list[m.FrameworkVersion]:
    """Store the built-in frameworks (once) and return their rows."""
    rows = []
    for framework in builtin_frameworks():
        values = adapters.framework_row_values(framework)
        row = m.FrameworkVersion.objects.filter(
            framework_id=framework.id, version=framework.version
        ).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = m.FrameworkVersion.objects.create(**values)
            except IntegrityError:
                row = m.FrameworkVersion.objects.get(
                    framework_id=framework.id, version=framework.version
                )
        rows.append(row)
    return rows


def frameworks_visible_to(user) -> QuerySet[m.FrameworkVersion]:
    """Every stored version the user may read: built-in and their organisation's."""
    if not permissions.can_read_frameworks(user):
        return m.FrameworkVersion.objects.none()
    return m.FrameworkVersion.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=user.organisation_id)
    )


def latest_frameworks(user) -> list[m.FrameworkVersion]:
    """The newest version of every framework the user may read."""
    if permissions.can_read_frameworks(user):
        ensure_builtin_frameworks()
    latest: dict[str, m.FrameworkVersion] = {}
    for row in frameworks_visible_to(user).order_by("framework_id", "version"):
        latest[row.framework_id] = row
    return sorted(latest.values(), key=lambda r: (r.organisation_id is None, r.name))


def _store_framework(actor, framework: Framework) -> m.FrameworkVersion:
    try:
        with transaction.atomic():
            row = m.FrameworkVersion.objects.create(
                organisation_id=actor.organisation_id,
                created_by=actor,
                **adapters.framework_row_values(framework),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Er bestaat al een versie %(version)s van dit kader.")
            % {"version": framework.version}
        ) from exc
    record(
        actor=actor,
        action=Action.CREATE,
        subjects=_org_subject(actor, "competence_framework", row.pk),
        detail=f"{row.framework_id} v{row.version}",
    )
    return row


def copy_framework(
    *, actor, source: m.FrameworkVersion, name: str = ""
) -> m.FrameworkVersion:
    """Copy a framework for the actor's organisation (a new id, version 1)."""
    if not permissions.can_manage_frameworks(actor):
        raise PermissionDenied
    if not frameworks_visible_to(actor).filter(pk=source.pk).exists():
        raise PermissionDenied
    base = adapters.framework_of(source)
    stem = f"{source.framework_id.split('_org')[0]}_org{actor.organisation_id}"
    new_id, counter = stem, 1
    while m.FrameworkVersion.objects.filter(framework_id=new_id).exists():
        counter += 1
        new_id = f"{stem}_{counter}"
    copy = derive(
        base,
        new_id,
        FrameworkChanges(
            name=name or _("%(name)s (eigen kopie)") % {"name": base.name}
        ),
    )
    return _store_framework(actor, copy)


def edit_framework(
    *,
    actor,
    source: m.FrameworkVersion,
    name: str,
    description: str,
    remove: Sequence[str] = (),
    competence_changes: Mapping[str, Mapping[str, str]] | None = None,
) -> m.FrameworkVersion:
    """Store an adapted framework as the next version; ``source`` stays as it was.

    ``competence_changes`` maps a competence id to new ``name``/``definition``.
    """
    if not permissions.can_edit_framework(actor, source):
        raise PermissionDenied
    newest = (
        m.FrameworkVersion.objects.filter(framework_id=source.framework_id)
        .order_by("-version")
        .first()
    )
    if newest is not None and newest.pk != source.pk:
        raise ValidationError(
            _("Er bestaat al een nieuwere versie van dit kader: pas die aan.")
        )
    base = adapters.framework_of(source)
    replaced = []
    for competence in base.competences:
        change = (competence_changes or {}).get(competence.id)
        if not change or competence.id in remove:
            continue
        new = replace(
            competence,
            name=change.get("name") or competence.name,
            definition=change.get("definition") or competence.definition,
        )
        if new != competence:
            replaced.append(new)
    if len(set(remove)) >= len(base.competences):
        raise ValidationError(_("Een kader houdt minstens één competentie."))
    try:
        adapted = derive(
            base,
            base.id,
            FrameworkChanges(
                name=name or None,
                description=description or None,
                remove=tuple(remove),
                replace=tuple(replaced),
            ),
        )
    except (ValueError, KeyError) as exc:
        raise ValidationError(str(exc)) from exc
    return _store_framework(actor, adapted)


# --- assessment rounds --------------------------------------------------------


def start_round(
    *, actor, person: Person, framework: m.FrameworkVersion, held_on: dt.date
) -> m.AssessmentRound:
    """Open a new assessment round for ``person``."""
    if not permissions.can_start_round(actor, person):
        raise PermissionDenied
    if not frameworks_visible_to(actor).filter(pk=framework.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        row = m.AssessmentRound.objects.create(
            person=person, framework=framework, held_on=held_on, created_by=actor
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=competence_subject(person, "assessment_round", row.pk),
            detail=f"{framework.framework_id} v{framework.version}",
        )
    return row


def rounds_visible_to(user) -> QuerySet[m.AssessmentRound]:
    """Rounds of persons whose competences the user may read (workers: their own)."""
    rounds = m.AssessmentRound.objects.select_related("framework", "person")
    if permissions.is_worker(user):
        return rounds.filter(person__user_id=user.pk, person__erased_at__isnull=True)
    return rounds.filter(person__in=permissions.persons_with_competences(user))


def _prefetched(queryset):
    return queryset.select_related("framework", "person").prefetch_related(
        "sheets__ratings"
    )


def save_ratings(
    *,
    actor,
    round_row: m.AssessmentRound,
    ratings: Mapping[str, Mapping[str, Any]],
) -> m.RaterSheet:
    """Store the actor's ratings in a round (replacing their earlier ones).

    ``ratings`` maps competence id to ``{"level": 1-4 or None, "comment": str,
    "situation"/"task"/"activities"/"result"/"reflection": str}``. A worker can
    only fill in their own self-assessment.
    """
    person = round_row.person
    if permissions.is_worker(actor):
        if not permissions.can_self_assess(actor, person):
            raise PermissionDenied
    elif not permissions.can_rate(actor, person):
        raise PermissionDenied
    role = permissions.rater_role_for(actor, person)
    framework = adapters.framework_of(round_row.framework)
    unknown = set(ratings) - set(framework.competence_ids)
    if unknown:
        raise ValidationError(
            _("Onbekende competenties: %(ids)s") % {"ids": ", ".join(sorted(unknown))}
        )
    for values in ratings.values():
        level = values.get("level")
        if level is not None and level not in (1, 2, 3, 4):
            raise ValidationError(_("Een niveau is 1, 2, 3 of 4."))
    with transaction.atomic():
        sheet, created = m.RaterSheet.objects.update_or_create(
            round=round_row,
            rater_key=f"user:{actor.pk}",
            defaults={
                "rater": actor,
                "rater_name": actor.get_full_name() or actor.username,
                "role": role.value,
            },
        )
        sheet.ratings.all().delete()
        m.RatingRow.objects.bulk_create(
            m.RatingRow(
                sheet=sheet,
                competence_id=cid,
                level=values.get("level"),
                comment=str(values.get("comment") or ""),
                **{name: str(values.get(name) or "") for name in adapters.STARR_FIELDS},
            )
            for cid, values in ratings.items()
        )
        fresh = _prefetched(m.AssessmentRound.objects.filter(pk=round_row.pk)).get()
        try:
            validate_round(adapters.round_of(fresh), framework)
        except AssessmentError as exc:
            raise ValidationError(str(exc)) from exc
        record(
            actor=actor,
            action=Action.CREATE if created else Action.UPDATE,
            subjects=competence_subject(person, "assessment_round", round_row.pk),
            detail=f"ratings as {role.value}",
        )
    return sheet


@dataclass(frozen=True)
class RoundView:
    """What a page or the API shows of one round."""

    row: m.AssessmentRound
    round: DomainRound
    framework: Framework
    sheets: tuple[m.RaterSheet, ...]
    comparisons: tuple[SelfOtherComparison, ...] = ()
    agreement: AgreementResult | None = None
    only_self: bool = False
    matrix: tuple[dict, ...] = field(default=())


def open_round(*, actor, round_row: m.AssessmentRound) -> RoundView:
    """One round with self-vs-others and agreement (audited read).

    A worker gets only their own self-assessment sheet.
    """
    person = round_row.person
    only_self = permissions.is_worker(actor)
    if only_self:
        if not permissions.can_self_assess(actor, person):
            raise PermissionDenied
    elif not permissions.can_read_assessments(actor, person):
        raise PermissionDenied
    row = _prefetched(m.AssessmentRound.objects.filter(pk=round_row.pk)).get()
    framework = adapters.framework_of(row.framework)
    sheets = tuple(row.sheets.all())
    if only_self:
        sheets = tuple(s for s in sheets if s.role == RaterRoleChoice.SELF)
    domain_round = adapters.round_of(row)
    comparisons: tuple[SelfOtherComparison, ...] = ()
    agreement = None
    matrix: list[dict] = []
    if not only_self:
        by_id = {c.competence_id: c for c in self_vs_others(domain_round)}
        comparisons = tuple(
            by_id[cid] for cid in framework.competence_ids if cid in by_id
        )
        agreement = round_agreement(domain_round)
        levels = {
            sheet.pk: {r.competence_id: r for r in sheet.ratings.all()}
            for sheet in sheets
        }
        notes = round_observation_notes(row)
        for competence in framework.competences:
            ratings = [levels[s.pk].get(competence.id) for s in sheets]
            matrix.append(
                {
                    "competence": competence,
                    "ratings": ratings,
                    "cells": [
                        {
                            "rating": rating,
                            "starr": adapters.starr_of(rating) if rating else None,
                            "notes": notes.get((sheet.rater_key, competence.id), []),
                        }
                        for sheet, rating in zip(sheets, ratings, strict=True)
                    ],
                    "comparison": by_id.get(competence.id),
                }
            )
    record(
        actor=actor,
        action=Action.READ,
        subjects=competence_subject(person, "assessment_round", row.pk),
        detail="own self-assessment" if only_self else "assessment round",
    )
    return RoundView(
        row=row,
        round=domain_round,
        framework=framework,
        sheets=sheets,
        comparisons=comparisons,
        agreement=agreement,
        only_self=only_self,
        matrix=tuple(matrix),
    )


def person_rounds(*, actor, person: Person) -> list[m.AssessmentRound]:
    """The rounds of one person, newest first (audited list)."""
    if permissions.is_worker(actor):
        if not permissions.can_self_assess(actor, person):
            raise PermissionDenied
    elif not permissions.can_read_assessments(actor, person):
        raise PermissionDenied
    rows = list(
        m.AssessmentRound.objects.filter(person=person)
        .select_related("framework")
        .prefetch_related("sheets")
    )
    record(
        actor=actor,
        action=Action.LIST,
        subjects=competence_subject(person, "assessment_round", ""),
        detail="assessment rounds",
    )
    return rows


# --- job profiles -------------------------------------------------------------


def job_profiles_visible_to(user) -> QuerySet[m.JobProfile]:
    """The job profiles of the user's organisation (case workers only)."""
    if not permissions.can_read_frameworks(user) or user.organisation_id is None:
        return m.JobProfile.objects.none()
    return m.JobProfile.objects.filter(
        organisation_id=user.organisation_id
    ).select_related("framework")


def clean_requirements(
    requirements: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Requirements in the stored layout (``job_profile_to_dict``)."""
    return [
        {
            "competence": str(item["competence"]),
            "required": int(item["required"]),
            "weight": float(item.get("weight", 1.0)),
            **(
                {"cutoff": int(item["cutoff"])}
                if item.get("cutoff") not in (None, "")
                else {}
            ),
        }
        for item in requirements
    ]


def save_job_profile(
    *,
    actor,
    name: str,
    framework: m.FrameworkVersion,
    requirements: Sequence[Mapping[str, Any]],
    profile: m.JobProfile | None = None,
) -> m.JobProfile:
    """Create or change a job profile of the actor's organisation.

    ``requirements``: ``[{"competence", "required", "weight", "cutoff"?}]``.
    A change that alters the name, framework version or requirements stores a new
    :class:`~.models.JobProfileVersion` (``version + 1``); earlier versions stay
    as they were, so results computed against them can be reproduced.
    """
    if not permissions.can_manage_job_profiles(actor):
        raise PermissionDenied
    if profile is not None and profile.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if not frameworks_visible_to(actor).filter(pk=framework.pk).exists():
        raise PermissionDenied
    cleaned = clean_requirements(requirements)
    try:
        domain = job_profile_from_dict(
            {"id": "new", "name": name, "requirements": cleaned}
        )
        validate_job_profile(domain, adapters.framework_of(framework))
    except (JobProfileError, ValueError) as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        if profile is None:
            profile = m.JobProfile(
                organisation_id=actor.organisation_id, created_by=actor, version=1
            )
            action = Action.CREATE
            changed = True
        else:
            profile = m.JobProfile.objects.select_for_update().get(pk=profile.pk)
            action = Action.UPDATE
            changed = (
                profile.name != name
                or profile.framework_id != framework.pk
                or profile.requirements != cleaned
            )
            if changed:
                profile.version += 1
        profile.name = name
        profile.framework = framework
        profile.requirements = cleaned
        profile.save()
        if changed:
            m.JobProfileVersion.objects.create(
                profile=profile,
                version=profile.version,
                name=name,
                framework=framework,
                requirements=cleaned,
                created_by=actor,
            )
        record(
            actor=actor,
            action=action,
            subjects=_org_subject(actor, "job_profile", profile.pk),
            detail=f"{name[:180]} v{profile.version}",
        )
    return profile


def job_profile_version(
    profile: m.JobProfile, version: int | None = None
) -> m.JobProfileVersion:
    """A stored version of ``profile`` (the current one when ``version`` is None).

    Raises ``JobProfileVersion.DoesNotExist`` for an unknown version.
    """
    wanted = profile.version if version is None else version
    return m.JobProfileVersion.objects.select_related("framework").get(
        profile=profile, version=wanted
    )


# --- distance and POP ---------------------------------------------------------


@dataclass(frozen=True)
class DistanceView:
    """The gap assessment of a person against a job profile, with chart data."""

    person: Person
    job_profile: m.JobProfile
    profile_version: int
    result: DistanceResult
    framework: Framework
    round_row: m.AssessmentRound | None
    radar: dict
    growth: dict

    def as_dict(self) -> dict[str, Any]:
        """The same numbers as the API: ``DistanceResult.to_dict()`` plus the
        version of the job profile it was computed against."""
        return {**self.result.to_dict(), "profile_version": self.profile_version}


def person_distance(
    *,
    actor,
    person: Person,
    job_profile: m.JobProfile,
    version: int | None = None,
) -> DistanceView:
    """Distance between the person's latest round (default consensus: median of
    coach and werkvloerbegeleider) and a job profile (audited read).

    ``version`` picks an earlier stored version of the job profile (default: the
    current one), so a distance shown before an edit can be reproduced.
    """
    if not permissions.can_read_assessments(actor, person):
        raise PermissionDenied
    if not job_profiles_visible_to(actor).filter(pk=job_profile.pk).exists():
        raise PermissionDenied
    try:
        snapshot = job_profile_version(job_profile, version)
    except m.JobProfileVersion.DoesNotExist as exc:
        raise ValidationError(
            _("Versie %(version)s van dit jobprofiel bestaat niet.")
            % {"version": version}
        ) from exc
    rounds = list(
        _prefetched(m.AssessmentRound.objects.filter(person=person)).order_by(
            "-held_on", "-id"
        )
    )
    latest = rounds[0] if rounds else None
    # The profile's requirements were checked against its framework, so its
    # names cover every required competence (ids carry over between versions).
    framework = adapters.framework_of(snapshot.framework)
    levels = (
        consensus_levels(adapters.round_of(latest), DEFAULT_POLICY) if latest else {}
    )
    result = distance(
        levels, adapters.job_profile_of_version(snapshot), framework=framework
    )
    domain_rounds = [adapters.round_of(r) for r in rounds]
    wanted = [r["competence"] for r in snapshot.requirements]
    growth = growth_series(
        domain_rounds, DEFAULT_POLICY, competence_ids=wanted, framework=framework
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=competence_subject(person, "competence_distance", job_profile.pk),
        detail=f"distance to job profile {job_profile.pk} v{snapshot.version}",
    )
    return DistanceView(
        person=person,
        job_profile=job_profile,
        profile_version=snapshot.version,
        result=result,
        framework=framework,
        round_row=latest,
        radar=radar_data(result, framework=framework),
        growth=growth,
    )


def proposed_pop(view: DistanceView, start_date: dt.date) -> list[DomainPopAction]:
    """Draft POP actions for the gaps, from the built-in action library."""
    return propose_pop(view.result, builtin_action_library(), start_date)


def pop_for(*, actor, person: Person) -> m.PopPlan | None:
    """The person's POP, or ``None`` (audited read)."""
    if not permissions.can_read_pop(actor, person):
        raise PermissionDenied
    plan = (
        m.PopPlan.objects.filter(person=person)
        .prefetch_related("actions")
        .select_related("job_profile")
        .first()
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=competence_subject(person, "pop", plan.pk if plan else ""),
        detail="pop",
    )
    return plan


def pop_outdated(plan: m.PopPlan, today: dt.date | None = None) -> bool:
    """A POP older than a year (the yearly POP obligation)."""
    return pop_is_outdated(plan.start_date, today or timezone.localdate())


def save_pop(
    *,
    actor,
    person: Person,
    actions: Sequence[Mapping[str, Any]],
    expected_version: int,
    start_date: dt.date,
    job_profile: m.JobProfile | None = None,
) -> m.PopPlan:
    """Save the POP's actions. ``expected_version`` is the version the editor
    started from (0 for a new POP); a stale version raises :class:`StalePopError`.

    Saving a changed POP clears the worker's agreement: they agree anew.
    """
    if not permissions.can_edit_pop(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        plan = m.PopPlan.objects.select_for_update().filter(person=person).first()
        if plan is None:
            if expected_version != 0:
                raise StalePopError
            try:
                with transaction.atomic():
                    plan = m.PopPlan.objects.create(
                        person=person,
                        start_date=start_date,
                        job_profile=job_profile,
                        job_profile_version=job_profile.version
                        if job_profile
                        else None,
                        updated_by=actor,
                        version=1,
                    )
            except IntegrityError as exc:
                raise StalePopError from exc
            audit_action = Action.CREATE
        else:
            updated = m.PopPlan.objects.filter(
                pk=plan.pk, version=expected_version
            ).update(
                version=F("version") + 1,
                start_date=start_date,
                job_profile=job_profile,
                job_profile_version=job_profile.version if job_profile else None,
                updated_by=actor,
                updated_at=timezone.now(),
                agreed_by=None,
                agreed_by_name="",
                agreed_at=None,
            )
            if updated != 1:
                raise StalePopError
            plan.refresh_from_db()
            audit_action = Action.UPDATE
        plan.actions.all().delete()
        m.PopAction.objects.bulk_create(
            m.PopAction(
                plan=plan,
                position=index,
                competence_id=str(item.get("competence_id") or ""),
                competence_name=str(item.get("competence_name") or ""),
                blocking=bool(item.get("blocking")),
                action=str(item["action"]),
                helper=str(item.get("helper") or ""),
                due_date=item.get("due_date"),
                measurable_result=str(item.get("measurable_result") or ""),
            )
            for index, item in enumerate(actions)
            if str(item.get("action") or "").strip()
        )
        record(
            actor=actor,
            action=audit_action,
            subjects=competence_subject(person, "pop", plan.pk),
            detail=f"pop version {plan.version}",
        )
    return plan


def agree_pop(*, actor, plan: m.PopPlan, expected_version: int) -> m.PopPlan:
    """The worker marks the POP as agreed (who and when are recorded)."""
    person = plan.person
    if not permissions.can_agree_pop(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        updated = m.PopPlan.objects.filter(pk=plan.pk, version=expected_version).update(
            agreed_by=actor,
            agreed_by_name=actor.get_full_name() or actor.username,
            agreed_at=timezone.now(),
        )
        if updated != 1:
            raise StalePopError
        plan.refresh_from_db()
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=competence_subject(person, "pop", plan.pk),
            detail=f"pop version {plan.version} agreed",
        )
    return plan


# --- workfloor observation (WAKKER) -------------------------------------------


def observation_plans_visible_to(user) -> QuerySet[m.ObservationPlan]:
    """Plans of the user's organisation (case workers of that organisation)."""
    if (
        not permissions.can_read_frameworks(user)
        or user.organisation_id is None
        or permissions.is_worker(user)
    ):
        return m.ObservationPlan.objects.none()
    return m.ObservationPlan.objects.filter(
        organisation_id=user.organisation_id
    ).select_related("observer", "framework")


def observation_notes_visible_to(user) -> QuerySet[m.ObservationNote]:
    """Notes of the user's organisation's plans about persons whose competences
    the user may read."""
    return m.ObservationNote.objects.filter(
        plan__in=observation_plans_visible_to(user),
        person__in=permissions.persons_with_competences(user),
    ).select_related("plan", "person")


def observers_for(user) -> QuerySet[User]:
    """Colleagues who can be the observer of a plan the user sets up."""
    if not permissions.can_create_observation_plans(user):
        return User.objects.none()
    return User.objects.filter(
        organisation_id=user.organisation_id,
        is_active=True,
        role__in=permissions.OBSERVER_ROLES,
    ).order_by("last_name", "first_name", "username")


def _domain_plan(
    row: m.ObservationPlan,
    person_ids: Sequence[int],
    completed_steps: Sequence[str] | None = None,
) -> DomainObservationPlan:
    """The domain value of a (possibly unsaved) plan; refuses a broken rule."""
    try:
        return DomainObservationPlan(
            id=str(row.pk or "nieuw"),
            observer_id=row.observer.username,
            person_ids=tuple(str(pk) for pk in person_ids),
            competence_ids=tuple(row.competence_ids),
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            completed_steps=tuple(
                row.completed_steps if completed_steps is None else completed_steps
            ),
        )
    except ObservationError as exc:
        raise ValidationError(str(exc)) from exc


def _check_load(row: m.ObservationPlan, plan: DomainObservationPlan) -> None:
    """The observer's other running plans plus ``plan``: at most six persons at
    once (the guide's rule, :func:`check_observer_load`). Call inside a transaction
    that locked the observer's row."""
    others = (
        m.ObservationPlan.objects.filter(observer_id=row.observer_id)
        .exclude(pk=row.pk)
        .select_related("observer")
        .prefetch_related("persons")
    )
    plans = [
        _domain_plan(other, [p.pk for p in other.persons.all()]) for other in others
    ]
    try:
        check_observer_load([*plans, plan])
    except ObservationError as exc:
        raise ValidationError(str(exc)) from exc


def _plan_subjects(plan_pk, persons: Sequence[Person], object_type="observation_plan"):
    return [competence_subject(p, object_type, plan_pk) for p in persons]


def create_observation_plan(
    *,
    actor,
    observer,
    framework: m.FrameworkVersion,
    persons: Sequence[Person],
    competence_ids: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date,
    name: str = "",
) -> m.ObservationPlan:
    """Set up a WAKKER observation: ``observer`` follows ``persons`` on
    ``competence_ids`` of ``framework`` from ``starts_on`` to ``ends_on``.

    Refused (``ValidationError`` with the guide's Dutch reason) when the plan,
    or the observer's running plans together, would follow more than six persons
    at once.
    """
    if not permissions.can_create_observation_plans(actor):
        raise PermissionDenied
    if not permissions.can_be_observer(observer, actor.organisation_id):
        raise ValidationError(
            _("De observator is een werkvloerbegeleider of coach van je organisatie.")
        )
    if not frameworks_visible_to(actor).filter(pk=framework.pk).exists():
        raise PermissionDenied
    for person in persons:
        if not policies.can_edit_person(actor, person):
            raise PermissionDenied
    known = set(adapters.framework_of(framework).competence_ids)
    unknown = sorted(set(competence_ids) - known)
    if unknown:
        raise ValidationError(
            _("Onbekende competenties: %(ids)s") % {"ids": ", ".join(unknown)}
        )
    row = m.ObservationPlan(
        organisation_id=actor.organisation_id,
        name=name,
        observer=observer,
        framework=framework,
        competence_ids=list(dict.fromkeys(competence_ids)),
        starts_on=starts_on,
        ends_on=ends_on,
        completed_steps=[],
        created_by=actor,
    )
    domain = _domain_plan(row, [p.pk for p in persons])
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=observer.pk).first()
        _check_load(row, domain)
        row.save()
        row.persons.set(persons)
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_plan_subjects(row.pk, persons),
            detail=f"observation plan, observer {observer.username}",
        )
    return row


def add_person_to_plan(
    *, actor, plan: m.ObservationPlan, person: Person
) -> m.ObservationPlan:
    """Follow one more person in ``plan``; a seventh person is refused with the
    guide's reason (also counting the observer's other running plans)."""
    if not permissions.can_manage_observation_plan(actor, plan):
        raise PermissionDenied
    if (
        not policies.can_edit_person(actor, person)
        or person.organisation_id != plan.organisation_id
    ):
        raise PermissionDenied
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=plan.observer_id).first()
        current = list(plan.persons.values_list("pk", flat=True))
        if person.pk in current:
            raise ValidationError(_("Deze persoon staat al in het observatieplan."))
        domain = _domain_plan(plan, [*current, person.pk])
        _check_load(plan, domain)
        plan.persons.add(person)
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=competence_subject(person, "observation_plan", plan.pk),
            detail="added to observation plan",
        )
    return plan


def complete_observation_step(
    *, actor, plan: m.ObservationPlan, step: ObservationStep | str
) -> m.ObservationPlan:
    """Tick off the next WAKKER step (steps go in order)."""
    if not permissions.can_manage_observation_plan(actor, plan):
        raise PermissionDenied
    with transaction.atomic():
        plan = m.ObservationPlan.objects.select_for_update().get(pk=plan.pk)
        persons = list(plan.persons.all())
        domain = _domain_plan(plan, [p.pk for p in persons])
        try:
            done = domain.complete_step(ObservationStep(step))
        except (ObservationError, ValueError) as exc:
            raise ValidationError(str(exc)) from exc
        plan.completed_steps = [s.value for s in done.completed_steps]
        plan.save(update_fields=["completed_steps"])
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_plan_subjects(plan.pk, persons),
            detail=f"observation step {ObservationStep(step).value}",
        )
    return plan


def plan_steps(plan: m.ObservationPlan) -> list[dict[str, Any]]:
    """The six WAKKER steps with their Dutch texts and whether they are done."""
    done = set(plan.completed_steps)
    next_step = next((s for s in ObservationStep if s.value not in done), None)
    return [
        {
            "step": step,
            "label": step.label_nl,
            "description": step.description_nl,
            "done": step.value in done,
            "next": step == next_step,
        }
        for step in ObservationStep
    ]


#: Longest text of one STARR field (pages and API).
STARR_MAX_LENGTH = 2000


def add_observation_note(
    *,
    actor,
    plan: m.ObservationPlan,
    person: Person,
    competence_id: str,
    observed_on: dt.date,
    situation: str = "",
    task: str = "",
    activities: str = "",
    result: str = "",
    reflection: str = "",
) -> m.ObservationNote:
    """Write down one observation (Waarnemen, Aantekeningen maken) as a STARR note
    attached to the competence it supports."""
    if not plan.persons.filter(pk=person.pk).exists():
        raise PermissionDenied
    if not permissions.can_write_observation_note(actor, plan, person):
        raise PermissionDenied
    if competence_id not in plan.competence_ids:
        raise ValidationError(
            _("Competentie %(id)s wordt in dit plan niet geobserveerd.")
            % {"id": competence_id}
        )
    if not plan.starts_on <= observed_on <= plan.ends_on:
        raise ValidationError(
            _("De observatie valt buiten de periode van het plan (%(start)s–%(end)s).")
            % {
                "start": plan.starts_on.strftime("%d/%m/%Y"),
                "end": plan.ends_on.strftime("%d/%m/%Y"),
            }
        )
    texts = {
        "situation": situation,
        "task": task,
        "activities": activities,
        "result": result,
        "reflection": reflection,
    }
    if any(len(text) > STARR_MAX_LENGTH for text in texts.values()):
        raise ValidationError(
            _("Een STARR-veld telt hoogstens %(n)s tekens.") % {"n": STARR_MAX_LENGTH}
        )
    try:
        StarrNote(**texts)
    except AssessmentError as exc:
        raise ValidationError(str(exc)) from exc
    with transaction.atomic():
        note = m.ObservationNote.objects.create(
            plan=plan,
            person=person,
            competence_id=competence_id,
            observed_on=observed_on,
            author=actor,
            author_name=actor.get_full_name() or actor.username,
            **texts,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=competence_subject(person, "observation_note", note.pk),
            detail=f"STARR note on {competence_id}",
        )
    return note


def classify_observations(
    *,
    actor,
    plan: m.ObservationPlan,
    person: Person,
    levels: Mapping[str, int | None],
    round_row: m.AssessmentRound | None = None,
    held_on: dt.date | None = None,
) -> m.AssessmentRound:
    """Klasseren and Kwantificeren: the observer rates the observed competences
    on the four levels in an assessment round (a new one on ``held_on`` unless
    ``round_row`` is given), and the person's notes of this plan on those
    competences are linked to that rating.

    The observer's other ratings in the round stay as they were.
    """
    if not plan.persons.filter(pk=person.pk).exists():
        raise PermissionDenied
    if not permissions.can_write_observation_note(actor, plan, person):
        raise PermissionDenied
    outside = sorted(set(levels) - set(plan.competence_ids))
    if outside:
        raise ValidationError(
            _("Onbekende competenties: %(ids)s") % {"ids": ", ".join(outside)}
        )
    if not levels:
        raise ValidationError(_("Geef minstens één competentie een niveau."))
    if round_row is not None and (
        round_row.person_id != person.pk
        or round_row.framework.framework_id != plan.framework.framework_id
    ):
        raise ValidationError(
            _("Kies een meting van deze persoon met hetzelfde kader als het plan.")
        )
    with transaction.atomic():
        if round_row is None:
            round_row = start_round(
                actor=actor,
                person=person,
                framework=plan.framework,
                held_on=held_on or timezone.localdate(),
            )
        existing = m.RatingRow.objects.filter(
            sheet__round=round_row, sheet__rater_key=f"user:{actor.pk}"
        )
        merged: dict[str, dict[str, Any]] = {
            row.competence_id: {
                "level": row.level,
                "comment": row.comment,
                **{name: getattr(row, name) for name in adapters.STARR_FIELDS},
            }
            for row in existing
        }
        for competence_id, level in levels.items():
            merged.setdefault(competence_id, {})["level"] = level
        save_ratings(actor=actor, round_row=round_row, ratings=merged)
        linked = m.ObservationNote.objects.filter(
            plan=plan, person=person, competence_id__in=list(levels)
        ).update(round=round_row)
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=competence_subject(person, "observation_note", ""),
            detail=f"{linked} notes linked to round {round_row.pk}",
        )
    return round_row


@dataclass(frozen=True)
class PlanView:
    """One observation plan with its persons and notes."""

    plan: m.ObservationPlan
    persons: tuple[Person, ...]
    competences: tuple[Any, ...]
    notes: tuple[m.ObservationNote, ...]
    steps: tuple[dict, ...]
    can_manage: bool
    can_observe: bool


def open_observation_plan(*, actor, plan: m.ObservationPlan) -> PlanView:
    """A plan with the notes the actor may read (audited per person)."""
    if not permissions.can_read_observation_plan(actor, plan):
        raise PermissionDenied
    persons = tuple(plan.persons.order_by("last_name", "first_name", "pk"))
    readable = [p for p in persons if permissions.can_read_assessments(actor, p)]
    framework = adapters.framework_of(plan.framework)
    notes = tuple(
        m.ObservationNote.objects.filter(plan=plan, person__in=readable)
        .select_related("person", "round")
        .order_by("person__last_name", "competence_id", "observed_on", "id")
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=_plan_subjects(plan.pk, readable),
        detail="observation plan",
    )
    return PlanView(
        plan=plan,
        persons=persons,
        competences=tuple(
            framework.competence(cid)
            for cid in plan.competence_ids
            if cid in framework.competence_ids
        ),
        notes=notes,
        steps=tuple(plan_steps(plan)),
        can_manage=permissions.can_manage_observation_plan(actor, plan),
        can_observe=actor.pk == plan.observer_id,
    )


def _evaluation_nl(level: int | None, rated: bool) -> str:
    """Reading of the observer's level in the summary (Evalueren)."""
    if not rated:
        return _("Nog niet gekwantificeerd")
    if level is None:
        return _("Niet geobserveerd")
    if level >= 3:
        return _("Beheerst")
    return _("Groeipunt")


@dataclass(frozen=True)
class ObservationSummary:
    """Evalueren and Rapporteren: per observed competence the notes, how many,
    and the observer's rating they were classified into."""

    plan: m.ObservationPlan
    person: Person
    rows: tuple[dict[str, Any], ...]
    steps: tuple[dict, ...]


def observation_summary(
    *, actor, plan: m.ObservationPlan, person: Person, export: bool = False
) -> ObservationSummary:
    """The report of one person in one plan (audited read, or export for a PDF)."""
    if not permissions.can_read_observation_plan(actor, plan):
        raise PermissionDenied
    if not plan.persons.filter(pk=person.pk).exists():
        raise PermissionDenied
    if not permissions.can_read_assessments(actor, person):
        raise PermissionDenied
    framework = adapters.framework_of(plan.framework)
    notes = list(
        m.ObservationNote.objects.filter(plan=plan, person=person).select_related(
            "round"
        )
    )
    rounds = {n.round_id: n.round for n in notes if n.round_id}
    ratings = {
        (r.sheet.round_id, r.competence_id): r
        for r in m.RatingRow.objects.filter(
            sheet__round_id__in=list(rounds),
            sheet__rater_key=f"user:{plan.observer_id}",
        ).select_related("sheet")
    }
    rows = []
    for cid in plan.competence_ids:
        own = [n for n in notes if n.competence_id == cid]
        linked = sorted(
            {n.round_id for n in own if n.round_id},
            key=lambda pk: (rounds[pk].held_on, pk),
        )
        round_row = rounds[linked[-1]] if linked else None
        rating = ratings.get((round_row.pk, cid)) if round_row else None
        rows.append(
            {
                "competence_id": cid,
                "name": framework.competence(cid).name
                if cid in framework.competence_ids
                else cid,
                "notes": own,
                "count": len(own),
                "round": round_row,
                "rating": rating,
                "level": rating.level if rating else None,
                "evaluation": _evaluation_nl(
                    rating.level if rating else None, rating is not None
                ),
            }
        )
    record(
        actor=actor,
        action=Action.EXPORT if export else Action.READ,
        subjects=competence_subject(person, "observation_summary", plan.pk),
        detail="observation report pdf" if export else "observation report",
    )
    return ObservationSummary(
        plan=plan, person=person, rows=tuple(rows), steps=tuple(plan_steps(plan))
    )


def round_observation_notes(
    round_row: m.AssessmentRound,
) -> dict[tuple[str, str], list[m.ObservationNote]]:
    """Notes classified into this round, by (rater key, competence id): the
    rating each note supports."""
    notes: dict[tuple[str, str], list[m.ObservationNote]] = {}
    for note in m.ObservationNote.objects.filter(round=round_row).order_by(
        "observed_on", "id"
    ):
        key = (f"user:{note.author_id}", note.competence_id)
        notes.setdefault(key, []).append(note)
    return notes

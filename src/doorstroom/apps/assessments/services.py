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
    SelfOtherComparison,
    builtin_action_library,
    builtin_frameworks,
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
        for competence in framework.competences:
            matrix.append(
                {
                    "competence": competence,
                    "ratings": [levels[s.pk].get(competence.id) for s in sheets],
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
    """
    if not permissions.can_manage_job_profiles(actor):
        raise PermissionDenied
    if profile is not None and profile.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if not frameworks_visible_to(actor).filter(pk=framework.pk).exists():
        raise PermissionDenied
    cleaned = [
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
                organisation_id=actor.organisation_id, created_by=actor
            )
            action = Action.CREATE
        else:
            action = Action.UPDATE
        profile.name = name
        profile.framework = framework
        profile.requirements = cleaned
        profile.save()
        record(
            actor=actor,
            action=action,
            subjects=_org_subject(actor, "job_profile", profile.pk),
            detail=name[:200],
        )
    return profile


# --- distance and POP ---------------------------------------------------------


@dataclass(frozen=True)
class DistanceView:
    """The gap assessment of a person against a job profile, with chart data."""

    person: Person
    job_profile: m.JobProfile
    result: DistanceResult
    framework: Framework
    round_row: m.AssessmentRound | None
    radar: dict
    growth: dict

    def as_dict(self) -> dict[str, Any]:
        """The same numbers as the API (``DistanceResult.to_dict()``)."""
        return self.result.to_dict()


def person_distance(
    *, actor, person: Person, job_profile: m.JobProfile
) -> DistanceView:
    """Distance between the person's latest round (default consensus: median of
    coach and werkvloerbegeleider) and a job profile (audited read)."""
    if not permissions.can_read_assessments(actor, person):
        raise PermissionDenied
    if not job_profiles_visible_to(actor).filter(pk=job_profile.pk).exists():
        raise PermissionDenied
    rounds = list(
        _prefetched(m.AssessmentRound.objects.filter(person=person)).order_by(
            "-held_on", "-id"
        )
    )
    latest = rounds[0] if rounds else None
    # The profile's requirements were checked against its framework, so its
    # names cover every required competence (ids carry over between versions).
    framework = adapters.framework_of(job_profile.framework)
    levels = (
        consensus_levels(adapters.round_of(latest), DEFAULT_POLICY) if latest else {}
    )
    result = distance(levels, adapters.job_profile_of(job_profile), framework=framework)
    domain_rounds = [adapters.round_of(r) for r in rounds]
    wanted = [r["competence"] for r in job_profile.requirements]
    growth = growth_series(
        domain_rounds, DEFAULT_POLICY, competence_ids=wanted, framework=framework
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=competence_subject(person, "competence_distance", job_profile.pk),
        detail=f"distance to job profile {job_profile.pk}",
    )
    return DistanceView(
        person=person,
        job_profile=job_profile,
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

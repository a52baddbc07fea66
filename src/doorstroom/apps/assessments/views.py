"""Competence pages. Views parse, call a service, render; access is decided in
:mod:`.permissions` (on top of ``access.policies``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.target_workers.models import Person

from . import adapters, permissions, services
from . import models as m
from .charts import growth_figure_dict, radar_figure_dict
from .documents import render_distance_pdf, render_observation_pdf
from .forms import (
    NEW_ROUND,
    SELF_LEVELS,
    AddPersonForm,
    ClassifyForm,
    CopyFrameworkForm,
    EditFrameworkForm,
    JobProfileForm,
    ObservationNoteForm,
    ObservationPlanForm,
    PopActionFormSet,
    PopMetaForm,
    RatingsForm,
    StartRoundForm,
)
from .presentation import distance_rows, summary


def _case_worker(user) -> None:
    if not permissions.can_read_frameworks(user):
        raise PermissionDenied


def _person(user, pk: int) -> Person:
    """A person whose competences the user may read; 404 otherwise."""
    person = (
        policies.persons_visible_to(user)
        .filter(pk=pk)
        .select_related("organisation")
        .first()
    )
    if person is None:
        raise Http404
    if not permissions.can_read_assessments(user, person):
        raise PermissionDenied
    return person


def _own_person(user) -> Person:
    if not permissions.is_worker(user):
        raise PermissionDenied
    person = Person.objects.active().filter(user_id=user.pk).first()
    if person is None:
        raise Http404
    return person


def _framework(user, pk: int) -> m.FrameworkVersion:
    row = services.frameworks_visible_to(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _job_profile(user, raw) -> m.JobProfile | None:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return services.job_profiles_visible_to(user).filter(pk=pk).first()


# --- index, frameworks, job profiles -----------------------------------------


@login_required
def index(request):
    if permissions.is_worker(request.user):
        return redirect("assessments:mine")
    _case_worker(request.user)
    persons = list(
        permissions.persons_with_competences(request.user)
        .select_related("organisation")
        .order_by("last_name", "first_name")[:200]
    )
    record(
        actor=request.user,
        action=Action.LIST,
        subjects=person_subjects(persons),
        detail="competences",
    )
    return render(
        request,
        "assessments/index.html",
        {
            "persons": persons,
            "can_manage": permissions.can_manage_frameworks(request.user),
        },
    )


@login_required
def framework_list(request):
    _case_worker(request.user)
    return render(
        request,
        "assessments/framework_list.html",
        {
            "frameworks": services.latest_frameworks(request.user),
            "can_manage": permissions.can_manage_frameworks(request.user),
        },
    )


@login_required
def framework_detail(request, pk: int):
    _case_worker(request.user)
    row = _framework(request.user, pk)
    versions = services.frameworks_visible_to(request.user).filter(
        framework_id=row.framework_id
    )
    return render(
        request,
        "assessments/framework_detail.html",
        {
            "row": row,
            "framework": adapters.framework_of(row),
            "versions": versions,
            "copy_form": CopyFrameworkForm(),
            "can_manage": permissions.can_manage_frameworks(request.user),
            "can_edit": permissions.can_edit_framework(request.user, row)
            and not versions.filter(version__gt=row.version).exists(),
        },
    )


@login_required
@require_POST
def framework_copy(request, pk: int):
    row = _framework(request.user, pk)
    form = CopyFrameworkForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    copy = services.copy_framework(actor=request.user, source=row, name=name)
    messages.success(request, _("Kopie bewaard. Pas ze nu aan voor je organisatie."))
    return redirect("assessments:framework_edit", pk=copy.pk)


@login_required
def framework_edit(request, pk: int):
    row = _framework(request.user, pk)
    if not permissions.can_edit_framework(request.user, row):
        raise PermissionDenied
    framework = adapters.framework_of(row)
    form = EditFrameworkForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.edit_framework(
                actor=request.user, source=row, **form.changes()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Versie %(version)s bewaard. Oudere metingen blijven bij hun versie.")
                % {"version": new.version},
            )
            return redirect("assessments:framework_detail", pk=new.pk)
    return render(
        request,
        "assessments/framework_edit.html",
        {"row": row, "framework": framework, "form": form},
    )


@login_required
def job_profile_list(request):
    _case_worker(request.user)
    return render(
        request,
        "assessments/job_profile_list.html",
        {
            "profiles": services.job_profiles_visible_to(request.user),
            "frameworks": services.latest_frameworks(request.user),
            "can_manage": permissions.can_manage_job_profiles(request.user),
        },
    )


@login_required
def job_profile_edit(request, pk: int | None = None):
    if not permissions.can_manage_job_profiles(request.user):
        raise PermissionDenied
    profile = None
    if pk is not None:
        profile = services.job_profiles_visible_to(request.user).filter(pk=pk).first()
        if profile is None:
            raise Http404
        row = profile.framework
    else:
        try:
            row = _framework(request.user, int(request.GET.get("kader", "")))
        except ValueError as exc:
            raise Http404 from exc
    framework = adapters.framework_of(row)
    form = JobProfileForm(
        request.POST or None,
        framework=framework,
        requirements=profile.requirements if profile else (),
        initial={"name": profile.name} if profile else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_job_profile(
                actor=request.user,
                name=form.cleaned_data["name"],
                framework=row,
                requirements=form.requirements(),
                profile=profile,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Jobprofiel bewaard."))
            return redirect("assessments:job_profile_edit", pk=saved.pk)
    return render(
        request,
        "assessments/job_profile_edit.html",
        {"form": form, "profile": profile, "row": row},
    )


# --- a person's assessments ---------------------------------------------------


@login_required
def person_overview(request, pk: int):
    person = _person(request.user, pk)
    rounds = services.person_rounds(actor=request.user, person=person)
    plan = services.pop_for(actor=request.user, person=person)
    return render(
        request,
        "assessments/person.html",
        {
            "person": person,
            "rounds": rounds,
            "plan": plan,
            "plan_outdated": plan is not None and services.pop_outdated(plan),
            "can_start": permissions.can_start_round(request.user, person),
            "start_form": StartRoundForm(
                frameworks=m.FrameworkVersion.objects.filter(
                    pk__in=[f.pk for f in services.latest_frameworks(request.user)]
                ),
                initial={"held_on": timezone.localdate()},
            ),
            "job_profiles": services.job_profiles_visible_to(request.user),
        },
    )


@login_required
@require_POST
def round_start(request, pk: int):
    person = _person(request.user, pk)
    form = StartRoundForm(
        request.POST, frameworks=services.frameworks_visible_to(request.user)
    )
    if not form.is_valid():
        messages.error(request, _("Kies een kader en een datum."))
        return redirect("assessments:person", pk=pk)
    row = services.start_round(
        actor=request.user,
        person=person,
        framework=form.cleaned_data["framework"],
        held_on=form.cleaned_data["held_on"],
    )
    return redirect("assessments:round", pk=row.pk)


def _round(user, pk: int) -> m.AssessmentRound:
    row = services.rounds_visible_to(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _initial(view: services.RoundView, user) -> dict:
    initial: dict = {}
    for sheet in view.sheets:
        if sheet.rater_key != f"user:{user.pk}":
            continue
        for rating in sheet.ratings.all():
            cid = rating.competence_id
            initial[f"level_{cid}"] = (
                "ng" if rating.level is None else str(rating.level)
            )
            for name in (*adapters.STARR_FIELDS, "comment"):
                initial[f"{name}_{cid}"] = getattr(rating, name)
    return initial


@login_required
def round_detail(request, pk: int):
    if permissions.is_worker(request.user):
        return redirect("assessments:self_assess", pk=pk)
    row = _round(request.user, pk)
    if request.method == "POST":
        framework = adapters.framework_of(row.framework)
        form = RatingsForm(request.POST, framework=framework)
        if form.is_valid():
            try:
                services.save_ratings(
                    actor=request.user, round_row=row, ratings=form.ratings()
                )
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
            else:
                messages.success(request, _("Je beoordeling is bewaard."))
                return redirect("assessments:round", pk=pk)
    view = services.open_round(actor=request.user, round_row=row)
    form = RatingsForm(
        request.POST if request.method == "POST" else None,
        framework=view.framework,
        initial=_initial(view, request.user),
    )
    return render(
        request,
        "assessments/round.html",
        {
            "view": view,
            "person": row.person,
            "form": form,
            "rater_role": permissions.rater_role_for(request.user, row.person),
        },
    )


def _distance_context(request, person, profile):
    view = services.person_distance(
        actor=request.user, person=person, job_profile=profile
    )
    start = timezone.localdate()
    proposal = services.proposed_pop(view, start)
    return view, proposal


@login_required
def distance_page(request, pk: int):
    person = _person(request.user, pk)
    profile = _job_profile(request.user, request.GET.get("job_profile"))
    if profile is None:
        messages.error(request, _("Kies een jobprofiel."))
        return redirect("assessments:person", pk=pk)
    view, proposal = _distance_context(request, person, profile)
    data = view.as_dict()
    return render(
        request,
        "assessments/distance.html",
        {
            "person": person,
            "view": view,
            "data": data,
            "rows": distance_rows(data),
            "summary": summary(data),
            "radar_figure": radar_figure_dict(view.radar),
            "growth_figure": growth_figure_dict(view.growth),
            "proposal": proposal,
            "can_edit_pop": permissions.can_edit_pop(request.user, person),
        },
    )


@login_required
def distance_pdf(request, pk: int):
    person = _person(request.user, pk)
    profile = _job_profile(request.user, request.GET.get("job_profile"))
    if profile is None:
        raise Http404
    view, proposal = _distance_context(request, person, profile)
    plan = services.pop_for(actor=request.user, person=person)
    record(
        actor=request.user,
        action=Action.EXPORT,
        subjects=services.competence_subject(person, "competence_distance", profile.pk),
        detail="distance pdf",
    )
    pdf = render_distance_pdf(
        view,
        pop_actions=list(plan.actions.all()) if plan else proposal,
        plan=plan,
        actor=request.user,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="afstandsmeting-{person.pk}-{stamp}.pdf"'
    )
    return response


def _pop_initial(plan, proposal) -> list[dict]:
    if proposal is not None:
        return [
            {
                "competence_id": a.competence_id,
                "competence_name": a.competence_name,
                "blocking": a.blocking,
                "action": a.action,
                "helper": a.helper,
                "due_date": a.due_date,
                "measurable_result": a.measurable_result,
            }
            for a in proposal
        ]
    if plan is None:
        return []
    return [
        {
            "competence_id": a.competence_id,
            "competence_name": a.competence_name,
            "blocking": a.blocking,
            "action": a.action,
            "helper": a.helper,
            "due_date": a.due_date,
            "measurable_result": a.measurable_result,
        }
        for a in plan.actions.all()
    ]


@login_required
def pop_edit(request, pk: int):
    person = _person(request.user, pk)
    if not permissions.can_edit_pop(request.user, person):
        raise PermissionDenied
    plan = services.pop_for(actor=request.user, person=person)
    if request.method == "POST":
        meta = PopMetaForm(request.POST)
        formset = PopActionFormSet(request.POST, prefix="actions")
        if meta.is_valid() and formset.is_valid():
            profile = _job_profile(request.user, meta.cleaned_data.get("job_profile"))
            try:
                services.save_pop(
                    actor=request.user,
                    person=person,
                    actions=[f.cleaned_data for f in formset.forms if f.cleaned_data],
                    expected_version=meta.cleaned_data["version"],
                    start_date=meta.cleaned_data["start_date"],
                    job_profile=profile,
                )
            except services.StalePopError as exc:
                messages.error(request, str(exc))
                return render(
                    request,
                    "assessments/pop_edit.html",
                    {"person": person, "plan": plan, "meta": meta, "formset": formset},
                    status=409,
                )
            messages.success(request, _("Het POP is bewaard."))
            return redirect("assessments:person", pk=pk)
    else:
        profile = _job_profile(request.user, request.GET.get("job_profile"))
        proposal = None
        if profile is not None:
            _view, proposal = _distance_context(request, person, profile)
        elif plan is not None:
            profile = plan.job_profile
        meta = PopMetaForm(
            initial={
                "version": plan.version if plan else 0,
                "job_profile": profile.pk if profile else None,
                "start_date": plan.start_date
                if plan and proposal is None
                else timezone.localdate(),
            }
        )
        formset = PopActionFormSet(
            prefix="actions", initial=_pop_initial(plan, proposal)
        )
    return render(
        request,
        "assessments/pop_edit.html",
        {"person": person, "plan": plan, "meta": meta, "formset": formset},
    )


# --- the worker's own pages ---------------------------------------------------


@login_required
def mine(request):
    person = _own_person(request.user)
    rounds = services.person_rounds(actor=request.user, person=person)
    plan = services.pop_for(actor=request.user, person=person)
    return render(
        request,
        "assessments/mine.html",
        {
            "person": person,
            "rounds": rounds,
            "plan": plan,
            "plan_outdated": plan is not None and services.pop_outdated(plan),
        },
    )


@login_required
def self_assess(request, pk: int):
    person = _own_person(request.user)
    row = _round(request.user, pk)
    if row.person_id != person.pk:
        raise Http404
    framework = adapters.framework_of(row.framework)
    if request.method == "POST":
        form = RatingsForm(request.POST, framework=framework, starr=False)
        if form.is_valid():
            services.save_ratings(
                actor=request.user, round_row=row, ratings=form.ratings()
            )
            messages.success(request, _("Bedankt! Je antwoorden zijn bewaard."))
            return redirect("assessments:mine")
    view = services.open_round(actor=request.user, round_row=row)
    form = RatingsForm(
        request.POST if request.method == "POST" else None,
        framework=framework,
        starr=False,
        initial=_initial(view, request.user),
    )
    return render(
        request,
        "assessments/self_assess.html",
        {"row": row, "form": form, "levels": SELF_LEVELS, "person": person},
    )


@login_required
@require_POST
def pop_agree(request):
    person = _own_person(request.user)
    plan = m.PopPlan.objects.filter(person=person).first()
    if plan is None:
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
        services.agree_pop(actor=request.user, plan=plan, expected_version=version)
    except (ValueError, services.StalePopError):
        messages.error(
            request,
            _("Je POP is intussen gewijzigd. Lees het opnieuw voor je akkoord gaat."),
        )
    else:
        messages.success(request, _("Je bent akkoord met je POP."))
    return redirect("assessments:mine")


# --- workfloor observation (WAKKER) -------------------------------------------


def _plan(user, pk: int) -> m.ObservationPlan:
    plan = services.observation_plans_visible_to(user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def _own_org_persons(user):
    """Persons of the user's own organisation whose file they may change."""
    return (
        permissions.persons_with_competences(user)
        .filter(organisation_id=user.organisation_id)
        .order_by("last_name", "first_name")
    )


def _plan_person(plan: m.ObservationPlan, pk: int) -> Person:
    person = plan.persons.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@login_required
def observation_list(request):
    _case_worker(request.user)
    plans = list(
        services.observation_plans_visible_to(request.user).prefetch_related("persons")
    )
    persons = {p.pk: p for plan in plans for p in plan.persons.all()}
    record(
        actor=request.user,
        action=Action.LIST,
        subjects=[
            services.competence_subject(p, "observation_plan", "")
            for p in persons.values()
        ],
        detail="observation plans",
    )
    return render(
        request,
        "assessments/observation_list.html",
        {
            "plans": plans,
            "can_create": permissions.can_create_observation_plans(request.user),
        },
    )


@login_required
def observation_new(request):
    if not permissions.can_create_observation_plans(request.user):
        raise PermissionDenied
    latest = services.latest_frameworks(request.user)
    try:
        row = _framework(request.user, int(request.GET.get("kader", "")))
    except ValueError:
        row = next((f for f in latest if f.framework_id == "sw_lde"), latest[0])
    persons = _own_org_persons(request.user)
    form = ObservationPlanForm(
        request.POST or None,
        framework=adapters.framework_of(row),
        observers=services.observers_for(request.user),
        persons=persons,
        initial={
            "observer": request.user.pk,
            "starts_on": timezone.localdate(),
            "ends_on": timezone.localdate() + dt.timedelta(days=14),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_observation_plan(
                actor=request.user,
                observer=data["observer"],
                framework=row,
                persons=list(data["persons"]),
                competence_ids=data["competences"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                name=data["name"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het observatieplan is bewaard."))
            return redirect("assessments:observation", pk=plan.pk)
    record(
        actor=request.user,
        action=Action.LIST,
        subjects=person_subjects(persons),
        detail="observation plan form",
    )
    return render(
        request,
        "assessments/observation_new.html",
        {"form": form, "row": row, "frameworks": latest},
    )


def _plan_context(request, plan, **forms) -> dict:
    view = services.open_observation_plan(actor=request.user, plan=plan)
    persons_in = [p.pk for p in view.persons]
    return {
        "view": view,
        "plan": plan,
        "add_form": forms.get("add_form")
        or AddPersonForm(
            persons=_own_org_persons(request.user).exclude(pk__in=persons_in)
        ),
        "note_form": forms.get("note_form")
        or ObservationNoteForm(
            persons=plan.persons.all(),
            competences=view.competences,
            initial={"observed_on": timezone.localdate()},
        ),
    }


@login_required
def observation_detail(request, pk: int):
    plan = _plan(request.user, pk)
    return render(
        request, "assessments/observation_detail.html", _plan_context(request, plan)
    )


@login_required
@require_POST
def observation_add_person(request, pk: int):
    plan = _plan(request.user, pk)
    form = AddPersonForm(request.POST, persons=_own_org_persons(request.user))
    if form.is_valid():
        try:
            services.add_person_to_plan(
                actor=request.user, plan=plan, person=form.cleaned_data["person"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De persoon is toegevoegd."))
            return redirect("assessments:observation", pk=pk)
    return render(
        request,
        "assessments/observation_detail.html",
        _plan_context(request, plan, add_form=form),
        status=400,
    )


@login_required
@require_POST
def observation_step(request, pk: int):
    plan = _plan(request.user, pk)
    try:
        services.complete_observation_step(
            actor=request.user, plan=plan, step=request.POST.get("step", "")
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("assessments:observation", pk=pk)


@login_required
@require_POST
def observation_note(request, pk: int):
    plan = _plan(request.user, pk)
    framework = adapters.framework_of(plan.framework)
    form = ObservationNoteForm(
        request.POST,
        persons=plan.persons.all(),
        competences=[framework.competence(cid) for cid in plan.competence_ids],
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_observation_note(
                actor=request.user,
                plan=plan,
                person=data["person"],
                competence_id=data["competence_id"],
                observed_on=data["observed_on"],
                **{name: data[name] for name in adapters.STARR_FIELDS},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De observatie is genoteerd."))
            return redirect("assessments:observation", pk=pk)
    return render(
        request,
        "assessments/observation_detail.html",
        _plan_context(request, plan, note_form=form),
        status=400,
    )


@login_required
def observation_classify(request, pk: int, person_pk: int):
    plan = _plan(request.user, pk)
    person = _plan_person(plan, person_pk)
    if not permissions.can_write_observation_note(request.user, plan, person):
        raise PermissionDenied
    framework = adapters.framework_of(plan.framework)
    rounds = m.AssessmentRound.objects.filter(
        person=person, framework__framework_id=plan.framework.framework_id
    ).select_related("framework")
    form = ClassifyForm(
        request.POST or None,
        competences=[framework.competence(cid) for cid in plan.competence_ids],
        rounds=rounds,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["round"]
        try:
            round_row = services.classify_observations(
                actor=request.user,
                plan=plan,
                person=person,
                levels=form.levels(),
                round_row=None if choice == NEW_ROUND else rounds.get(pk=int(choice)),
                held_on=form.cleaned_data.get("held_on"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("De observaties zijn gekwantificeerd."))
            return redirect("assessments:round", pk=round_row.pk)
    summary_view = services.observation_summary(
        actor=request.user, plan=plan, person=person
    )
    return render(
        request,
        "assessments/observation_classify.html",
        {"plan": plan, "person": person, "form": form, "summary": summary_view},
    )


@login_required
def observation_report(request, pk: int, person_pk: int):
    plan = _plan(request.user, pk)
    person = _plan_person(plan, person_pk)
    report = services.observation_summary(actor=request.user, plan=plan, person=person)
    return render(
        request,
        "assessments/observation_report.html",
        {
            "plan": plan,
            "person": person,
            "report": report,
            "can_classify": permissions.can_write_observation_note(
                request.user, plan, person
            ),
        },
    )


@login_required
def observation_report_pdf(request, pk: int, person_pk: int):
    plan = _plan(request.user, pk)
    person = _plan_person(plan, person_pk)
    report = services.observation_summary(
        actor=request.user, plan=plan, person=person, export=True
    )
    response = HttpResponse(
        render_observation_pdf(report, actor=request.user),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="observatie-{plan.pk}-{person.pk}.pdf"'
    )
    return response

"""Case file pages: the timeline, step registration (htmx), stages, reminders.

Views parse, call one service, render; permissions live in ``permissions.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorstroom.apps.access import policies
from doorstroom.apps.assessments.forms import PopMetaForm
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.trajectories.models import Handover

from . import permissions, services
from .forms import (
    AftercareContactForm,
    AttendanceForm,
    CoachingSessionForm,
    EndHandoverForm,
    EngagementForm,
    EvaluationForm,
    HandoverForm,
    IncidentForm,
    IntakeForm,
    OpenCaseFileForm,
    PdpMetaForm,
    PdpRowFormSet,
    PopSentForm,
    ScreeningForm,
    SignedUploadForm,
    StageForm,
    StatusForm,
    StepForm,
    TransitionForm,
    VdabAdviceForm,
    VdabInterviewForm,
    VdabRequestForm,
    WorkerStatusForm,
)
from .models import (
    CaseFile,
    CaseStatus,
    EngagementDeclaration,
    Screening,
    VdabEvaluationRequest,
)

#: Form prefixes: several forms on one page never share an element id (the
#: POST handlers bind with the same prefix). Per-row forms add the row's key.
ATTENDANCE, EVALUATION, INCIDENT = "attendance", "evaluation", "incident"
TRANSITION, CONTACT = "transition", "contact"
INTAKE, ENGAGEMENT, SCREENING = "intake", "engagement", "screening"
PDP_META, POP_META = "pdp_meta", "pop_meta"
VDAB_REQUEST = "request"
COACHING, POP_SENT = "coaching", "pop_sent"


def upload_prefix(declaration_pk: int) -> str:
    return f"upload{declaration_pk}"


def interview_prefix(request_pk: int) -> str:
    return f"interview{request_pk}"


def advice_prefix(request_pk: int) -> str:
    return f"advice{request_pk}"


def end_handover_prefix(handover_pk: int) -> str:
    return f"end{handover_pk}"


def _readable_person(user, pk: int) -> Person:
    """A person whose case files the user may read; 404 otherwise (no leak)."""
    person = (
        permissions.persons_with_readable_case_files(user)
        .filter(pk=pk)
        .select_related("organisation")
        .first()
    )
    if person is None:
        raise Http404
    return person


def _readable_case_file(user, pk: int) -> CaseFile:
    case_file = permissions.case_files_visible_to(user).filter(pk=pk).first()
    if case_file is None:
        raise Http404
    return case_file


def _workable_person(user, pk: int) -> Person:
    """A readable person (404 otherwise) whose case files the user works in (403)."""
    person = _readable_person(user, pk)
    if not permissions.can_work_in_case_file(user, person):
        raise PermissionDenied
    return person


def _workable_case_file(user, pk: int) -> CaseFile:
    """A readable case file (404 otherwise) the user works in (403 otherwise)."""
    case_file = _readable_case_file(user, pk)
    if not permissions.can_work_in_case_file(user, case_file.person):
        raise PermissionDenied
    return case_file


def _url(name: str, pk: int) -> str:
    return reverse(name, kwargs={"pk": pk})


def _report(request, call: Callable[[], object], success_message: str) -> None:
    """Call ``call``: a success message, or the domain error as an error message."""
    try:
        call()
    except services.CaseFileError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success_message)


def _handle_form_post(
    request,
    form,
    save: Callable[[dict], object],
    *,
    page: Callable[[object], HttpResponse],
    success_message: str,
    next_url: str | Callable[[object], str],
    error_field: str | None = None,
) -> HttpResponse:
    """Save a bound ``form`` through ``save`` and redirect, or show the page again.

    Parameters
    ----------
    request : HttpRequest
        The POST request.
    form : Form
        The bound form.
    save : callable
        Called with the form's cleaned data; it calls the service.
    page : callable
        Renders the page again with the form (and its errors).
    success_message : str
        Shown after a successful save.
    next_url : str or callable
        Where to go after the save (a callable receives what ``save`` returned).
    error_field : str, optional
        The field a :class:`services.CaseFileError` is shown on (default: the form).

    Returns
    -------
    HttpResponse
        A redirect after a save, else ``page(form)``.
    """
    if form.is_valid():
        try:
            result = save(form.cleaned_data)
        except services.CaseFileError as exc:
            form.add_error(error_field, str(exc))
        else:
            messages.success(request, success_message)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return page(form)


def _save_or_error(form, save: Callable[[dict], object], invalid_message: str) -> str:
    """Save a bound ``form`` through ``save``; the error to show, or ``""``."""
    if not form.is_valid():
        return invalid_message
    try:
        save(form.cleaned_data)
    except services.CaseFileError as exc:
        return str(exc)
    return ""


def _partial_or_redirect(
    request, error: str, next_url: str, partial: Callable[[], HttpResponse]
) -> HttpResponse:
    """With htmx the ``partial`` fragment; without, the error as a message and a redirect."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(next_url)
    return partial()


def _forms_for(timeline: services.Timeline, today) -> dict:
    step_forms, status_forms = {}, {}
    for view in timeline.case_files:
        if view.case_file.status in (CaseStatus.ACTIVE, CaseStatus.PAUSED):
            initial = {"on": today}
            step_forms[view.case_file.pk] = StepForm(
                trajectory_type=view.trajectory_type,
                initial=initial,
                prefix=f"cf{view.case_file.pk}",
            )
            status_forms[view.case_file.pk] = StatusForm(
                trajectory_type=view.trajectory_type,
                initial=initial,
                prefix=f"st{view.case_file.pk}",
            )
    return {"step_forms": step_forms, "status_forms": status_forms}


def _attach_forms(timeline: services.Timeline, forms: dict) -> None:
    for view in timeline.case_files:
        view.step_form = forms["step_forms"].get(view.case_file.pk)
        view.status_form = forms["status_forms"].get(view.case_file.pk)


@login_required
def timeline(request, pk: int):
    person = _readable_person(request.user, pk)
    data = services.person_timeline(actor=request.user, person=person)
    today = timezone.localdate()
    _attach_forms(data, _forms_for(data, today))
    return render(
        request,
        "casefiles/timeline.html",
        {
            "timeline": data,
            "person": person,
            "open_form": OpenCaseFileForm(initial={"started_on": today}),
            "status_form": WorkerStatusForm(
                initial={
                    "article_60": data.status.article_60,
                    "learner_worker": data.status.learner_worker,
                }
            ),
        },
    )


@login_required
@require_POST
def open_case_file(request, pk: int):
    person = _readable_person(request.user, pk)
    form = OpenCaseFileForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Het traject is niet geopend: kijk de velden na."))
        return redirect("casefiles:timeline", pk=pk)
    _report(
        request,
        lambda: services.open_case_file(
            actor=request.user,
            person=person,
            type_id=form.cleaned_data["type_id"],
            started_on=form.cleaned_data["started_on"],
        ),
        _("Traject geopend."),
    )
    return redirect("casefiles:timeline", pk=pk)


@login_required
@require_POST
def register_step(request, pk: int):
    case_file = _readable_case_file(request.user, pk)
    trajectory_type = services.case_type(case_file)
    form = StepForm(
        request.POST, trajectory_type=trajectory_type, prefix=f"cf{case_file.pk}"
    )

    def save(data: dict) -> None:
        phase, step = form.phase_and_step()
        services.register_step(
            actor=request.user,
            case_file=case_file,
            phase=phase,
            step=step,
            on=data["on"],
            result=data["result"],
            note=data["note"],
            reason=data["reason"],
        )

    error = _save_or_error(form, save, _("De stap is niet bewaard: kijk de velden na."))

    def partial() -> HttpResponse:
        data = services.person_timeline(actor=request.user, person=case_file.person)
        view = next(v for v in data.case_files if v.case_file.pk == case_file.pk)
        view.step_form = (
            form
            if error
            else StepForm(
                trajectory_type=trajectory_type,
                initial={"on": form.cleaned_data["on"]},
                prefix=f"cf{case_file.pk}",
            )
        )
        view.status_form = StatusForm(
            trajectory_type=trajectory_type,
            initial={"on": timezone.localdate()},
            prefix=f"st{case_file.pk}",
        )
        return render(
            request,
            "casefiles/_case_file.html",
            {"view": view, "timeline": data, "step_error": error},
        )

    return _partial_or_redirect(
        request, error, _url("casefiles:timeline", case_file.person_id), partial
    )


@login_required
@require_POST
def change_status(request, pk: int):
    case_file = _readable_case_file(request.user, pk)
    form = StatusForm(
        request.POST,
        trajectory_type=services.case_type(case_file),
        prefix=f"st{case_file.pk}",
    )
    if not form.is_valid():
        messages.error(request, _("De status is niet gewijzigd: kijk de velden na."))
        return redirect("casefiles:timeline", pk=case_file.person_id)
    _report(
        request,
        lambda: services.change_status(
            actor=request.user,
            case_file=case_file,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            outcome=form.cleaned_data.get("outcome", ""),
        ),
        _("Status gewijzigd."),
    )
    return redirect("casefiles:timeline", pk=case_file.person_id)


@login_required
@require_POST
def set_worker_status(request, pk: int):
    person = _readable_person(request.user, pk)
    form = WorkerStatusForm(request.POST)
    if form.is_valid():
        services.set_worker_status(
            actor=request.user, person=person, **form.cleaned_data
        )
        messages.success(request, _("Statuut bewaard."))
    return redirect("casefiles:timeline", pk=pk)


@login_required
def stage_new(request, pk: int):
    person = _workable_person(request.user, pk)
    form = StageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.register_stage(
                actor=request.user, person=person, values=form.cleaned_data
            )
        except services.StageRulesError as exc:
            for result in exc.results:
                form.add_error(result.field or None, result.explanation_nl)
        else:
            messages.success(
                request,
                _("Stage bewaard. Download de stageovereenkomst om te laten tekenen."),
            )
            return redirect(f"{_timeline_url(person)}#stage-{placement.pk}")
    return render(
        request,
        "casefiles/stage_form.html",
        {"person": person, "form": form, "status": services.worker_status(person)},
    )


def _timeline_url(person: Person) -> str:
    return reverse("casefiles:timeline", kwargs={"pk": person.pk})


@login_required
def stage_agreement(request, pk: int):
    placement = get_object_or_404(
        Placement.objects.select_related("person", "host", "organiser"), pk=pk
    )
    if not permissions.can_read_case_files(request.user, placement.person):
        raise Http404
    pdf = services.stage_agreement_pdf(actor=request.user, placement=placement)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="stageovereenkomst-{placement.pk}.pdf"'
    )
    return response


@login_required
def reminders(request):
    if not permissions.has_caseload(request.user):
        raise PermissionDenied
    items = services.caseload_reminders(actor=request.user, today=timezone.localdate())
    return render(request, "casefiles/reminders.html", {"reminders": items})


# --- Stage follow-up


def _visible_placement(user, pk: int) -> Placement:
    """A stage the user may see; 404 otherwise (no leak)."""
    placement = (
        policies.placements_visible_to(user).filter(pk=pk).select_related("person")
    ).first()
    if placement is None:
        raise Http404
    return placement


def _follow_up_context(request, placement: Placement, **forms) -> dict:
    data = services.stage_follow_up(actor=request.user, placement=placement)
    today = timezone.localdate()
    return {
        "follow": data,
        "placement": placement,
        "attendance_form": forms.get("attendance_form")
        or AttendanceForm(initial={"on": today}, prefix=ATTENDANCE),
        "evaluation_form": forms.get("evaluation_form")
        or EvaluationForm(initial={"on": today}, prefix=EVALUATION),
        "incident_form": forms.get("incident_form")
        or IncidentForm(initial={"on": today}, prefix=INCIDENT),
        "error": forms.get("error", ""),
    }


@login_required
def stage_follow_up(request, pk: int):
    placement = _visible_placement(request.user, pk)
    return render(
        request,
        "casefiles/stage_follow_up.html",
        _follow_up_context(request, placement),
    )


def _follow_up_post(
    request,
    pk: int,
    allowed: Callable[[object, Placement], bool],
    form_class,
    save: Callable[[Placement, dict], object],
    invalid_message: str,
    partial: str,
    form_key: str,
    prefix: str,
) -> HttpResponse:
    """Save one follow-up form of a stage; htmx gets ``partial`` back.

    ``allowed(user, placement)`` decides who may post (403 otherwise); the form
    comes back (with its errors) under ``form_key`` when it was not saved; it is
    bound with the ``prefix`` the page renders it with.
    """
    placement = _visible_placement(request.user, pk)
    if not allowed(request.user, placement):
        raise PermissionDenied
    form = form_class(request.POST, prefix=prefix)
    error = _save_or_error(form, lambda data: save(placement, data), invalid_message)

    def render_partial() -> HttpResponse:
        context = _follow_up_context(
            request, placement, error=error, **{form_key: form if error else None}
        )
        return render(request, partial, context)

    return _partial_or_redirect(
        request, error, _url("casefiles:stage_follow_up", placement.pk), render_partial
    )


@login_required
@require_POST
def attendance_add(request, pk: int):
    return _follow_up_post(
        request,
        pk,
        permissions.can_register_attendance,
        AttendanceForm,
        lambda placement, data: services.register_attendance(
            actor=request.user,
            placement=placement,
            on=data["on"],
            present=data["present"],
            reason=data["reason"],
        ),
        _("De aanwezigheid is niet bewaard: kijk de velden na."),
        "casefiles/_attendance.html",
        "attendance_form",
        ATTENDANCE,
    )


@login_required
@require_POST
def evaluation_add(request, pk: int):
    return _follow_up_post(
        request,
        pk,
        permissions.can_evaluate_stage,
        EvaluationForm,
        lambda placement, data: services.register_evaluation(
            actor=request.user, placement=placement, **data
        ),
        _("De evaluatie is niet bewaard: kijk de velden na."),
        "casefiles/_evaluations.html",
        "evaluation_form",
        EVALUATION,
    )


@login_required
@require_POST
def incident_add(request, pk: int):
    return _follow_up_post(
        request,
        pk,
        permissions.can_evaluate_stage,
        IncidentForm,
        lambda placement, data: services.register_incident(
            actor=request.user, placement=placement, **data
        ),
        _("Het incident is niet bewaard: kijk de velden na."),
        "casefiles/_incidents.html",
        "incident_form",
        INCIDENT,
    )


# --- Nazorg


def _aftercare_context(request, case_file: CaseFile, **forms) -> dict:
    data = services.aftercare(
        actor=request.user, case_file=case_file, today=timezone.localdate()
    )
    return {
        "care": data,
        "case_file": case_file,
        "person": case_file.person,
        "transition_form": forms.get("transition_form")
        or TransitionForm(instance=data.transition, prefix=TRANSITION),
        "contact_form": forms.get("contact_form")
        or AftercareContactForm(
            open_dates=data.open_dates,
            initial={"on": timezone.localdate()},
            prefix=CONTACT,
        ),
        "error": forms.get("error", ""),
    }


@login_required
def aftercare(request, pk: int):
    case_file = _readable_case_file(request.user, pk)
    return render(
        request, "casefiles/aftercare.html", _aftercare_context(request, case_file)
    )


@login_required
@require_POST
def transition_save(request, pk: int):
    case_file = _workable_case_file(request.user, pk)
    return _handle_form_post(
        request,
        TransitionForm(request.POST, prefix=TRANSITION),
        lambda data: services.record_transition(
            actor=request.user, case_file=case_file, values=data
        ),
        page=lambda form: render(
            request,
            "casefiles/aftercare.html",
            _aftercare_context(request, case_file, transition_form=form),
        ),
        success_message=_("Overgangsregeling bewaard."),
        next_url=_url("casefiles:aftercare", pk),
    )


@login_required
@require_POST
def aftercare_contact_add(request, pk: int):
    case_file = _workable_case_file(request.user, pk)
    form = AftercareContactForm(
        request.POST, open_dates=services.planned_aftercare(case_file), prefix=CONTACT
    )
    error = _save_or_error(
        form,
        lambda data: services.register_aftercare_contact(
            actor=request.user, case_file=case_file, **data
        ),
        _("Het contact is niet bewaard: kijk de velden na."),
    )

    def partial() -> HttpResponse:
        context = _aftercare_context(
            request, case_file, error=error, contact_form=form if error else None
        )
        return render(request, "casefiles/_aftercare_schedule.html", context)

    return _partial_or_redirect(
        request, error, _url("casefiles:aftercare", pk), partial
    )


# --- Warm handover


@login_required
def handover(request, pk: int):
    person = _workable_person(request.user, pk)
    form = HandoverForm(request.POST or None, initial={"on": timezone.localdate()})

    def page(form) -> HttpResponse:
        handovers = services.handovers_of(actor=request.user, person=person)
        for item in handovers:
            item.end_form = (
                EndHandoverForm(
                    initial={"on": timezone.localdate()},
                    prefix=end_handover_prefix(item.pk),
                )
                if item.ended_on is None
                and permissions.can_end_handover(request.user, item)
                else None
            )
        return render(
            request,
            "casefiles/handover.html",
            {"person": person, "form": form, "handovers": handovers},
        )

    if request.method != "POST":
        return page(form)
    return _handle_form_post(
        request,
        form,
        lambda data: services.hand_over(
            actor=request.user,
            person=person,
            to_organisation=data["to_organisation"],
            on=data["on"],
            note=data["note"],
        ),
        page=page,
        success_message=_("Warme overdracht geregistreerd."),
        next_url=_url("casefiles:handover", pk),
        error_field="to_organisation",
    )


@login_required
@require_POST
def handover_end(request, pk: int):
    handover = (
        Handover.objects.filter(
            pk=pk,
            person__in=permissions.persons_with_readable_case_files(request.user),
        )
        .select_related("person")
        .first()
    )
    if handover is None:
        raise Http404
    if not permissions.can_end_handover(request.user, handover):
        raise PermissionDenied
    form = EndHandoverForm(request.POST, prefix=end_handover_prefix(handover.pk))
    error = _save_or_error(
        form,
        lambda data: services.end_handover(
            actor=request.user, handover=handover, on=data["on"]
        ),
        _("De overdracht is niet beëindigd: kijk de datum na."),
    )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Warme overdracht beëindigd."))
    return redirect("casefiles:handover", pk=handover.person_id)


# --- The forms of the voortraject: intake, engagement, screening, PDP/POP, VDAB


def _forms_case_file(user, pk: int) -> CaseFile:
    return _readable_case_file(user, pk)


def _require_forms(user, case_file: CaseFile) -> None:
    if not permissions.can_fill_in_forms(user, case_file.person):
        raise PermissionDenied


def _fillable_case_file(user, pk: int) -> CaseFile:
    """A readable case file (404 otherwise) whose forms the user fills in (403)."""
    case_file = _forms_case_file(user, pk)
    _require_forms(user, case_file)
    return case_file


def _intake_page(request, case_file: CaseFile, status: int = 200, **forms):
    from doorstroom.apps.accounts.models import Role, User
    from doorstroom.apps.assessments import services as assessments

    data = services.intake_overview(actor=request.user, case_file=case_file)
    today = timezone.localdate()
    for declaration in data.engagements:
        declaration.upload_form = SignedUploadForm(prefix=upload_prefix(declaration.pk))
    screening_form = None
    if data.can_work:
        screening_form = forms.get("screening_form") or ScreeningForm(
            initial={"on": today},
            prefix=SCREENING,
            frameworks=assessments.frameworks_visible_to(request.user),
            colleagues=User.objects.filter(
                organisation_id=case_file.person.organisation_id,
                role__in=[Role.COACH, Role.ORG_ADMIN, Role.FLOOR_SUPERVISOR],
                is_active=True,
            )
            .exclude(pk=request.user.pk)
            .order_by("username"),
        )
    return render(
        request,
        "casefiles/intake.html",
        {
            "data": data,
            "case_file": case_file,
            "person": case_file.person,
            "intake_form": forms.get("intake_form")
            or IntakeForm(initial={"date": today}, prefix=INTAKE),
            "engagement_form": forms.get("engagement_form")
            or EngagementForm(initial={"on": today}, prefix=ENGAGEMENT),
            "screening_form": screening_form,
        },
        status=status,
    )


@login_required
def intake(request, pk: int):
    case_file = _forms_case_file(request.user, pk)
    return _intake_page(request, case_file)


@login_required
@require_POST
def intake_save(request, pk: int):
    case_file = _fillable_case_file(request.user, pk)
    return _handle_form_post(
        request,
        IntakeForm(request.POST, prefix=INTAKE),
        lambda data: services.record_intake(
            actor=request.user, case_file=case_file, values=data
        ),
        page=lambda form: _intake_page(
            request, case_file, status=400, intake_form=form
        ),
        success_message=_("Intakeformulier bewaard."),
        next_url=_url("casefiles:intake", pk),
    )


@login_required
@require_POST
def engagement_save(request, pk: int):
    case_file = _fillable_case_file(request.user, pk)
    return _handle_form_post(
        request,
        EngagementForm(request.POST, request.FILES, prefix=ENGAGEMENT),
        lambda data: services.create_engagement(
            actor=request.user, case_file=case_file, **data
        ),
        page=lambda form: _intake_page(
            request, case_file, status=400, engagement_form=form
        ),
        success_message=_("Engagementsverklaring bewaard."),
        next_url=_url("casefiles:intake", pk),
    )


def _declaration(user, pk: int) -> EngagementDeclaration:
    declaration = (
        EngagementDeclaration.objects.filter(
            pk=pk,
            case_file__person__in=permissions.persons_with_readable_case_files(user),
        )
        .select_related("case_file__person")
        .first()
    )
    if declaration is None:
        raise Http404
    return declaration


@login_required
@require_POST
def engagement_upload(request, pk: int):
    declaration = _declaration(request.user, pk)
    case_file = declaration.case_file
    _require_forms(request.user, case_file)
    form = SignedUploadForm(
        request.POST, request.FILES, prefix=upload_prefix(declaration.pk)
    )
    error = _save_or_error(
        form,
        lambda data: services.attach_signed_engagement(
            actor=request.user, declaration=declaration, upload=data["signed_file"]
        ),
        # Reading the errors validates the form, as _save_or_error would.
        " ".join(form.errors.get("signed_file", []))
        or _("Het bestand is niet opgeladen."),
    )
    if error:
        messages.error(request, error)
        return _intake_page(request, case_file, status=400)
    messages.success(request, _("Getekend exemplaar opgeladen."))
    return redirect("casefiles:intake", pk=case_file.pk)


@login_required
def engagement_file(request, pk: int):
    declaration = _declaration(request.user, pk)
    if not permissions.can_read_engagement_file(
        request.user, declaration.case_file.person
    ):
        raise Http404
    try:
        handle, content_type, name = services.open_engagement_file(
            actor=request.user, declaration=declaration
        )
    except services.CaseFileError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=content_type, as_attachment=True, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_engagements(request):
    from doorstroom.apps.accounts.models import Role

    if request.user.role != Role.TARGET_WORKER:
        raise PermissionDenied
    person = Person.objects.active().filter(user_id=request.user.pk).first()
    if person is None:
        raise Http404
    items = services.engagements_of_worker(actor=request.user, person=person)
    return render(
        request,
        "casefiles/my_engagements.html",
        {"person": person, "declarations": items},
    )


@login_required
@require_POST
def my_engagement_accept(request, pk: int):
    declaration = _declaration(request.user, pk)
    _report(
        request,
        lambda: services.accept_engagement(actor=request.user, declaration=declaration),
        _("Je hebt de engagementsverklaring aanvaard."),
    )
    return redirect("casefiles:my_engagements")


@login_required
@require_POST
def screening_start(request, pk: int):
    from doorstroom.apps.accounts.models import User
    from doorstroom.apps.assessments import services as assessments

    case_file = _fillable_case_file(request.user, pk)
    form = ScreeningForm(
        request.POST,
        prefix=SCREENING,
        frameworks=assessments.frameworks_visible_to(request.user),
        colleagues=User.objects.filter(
            organisation_id=case_file.person.organisation_id
        ),
    )
    return _handle_form_post(
        request,
        form,
        lambda data: services.start_screening(
            actor=request.user,
            case_file=case_file,
            framework=data["framework"],
            on=data["on"],
            second_coach=data["second_coach"],
        ),
        page=lambda form: _intake_page(
            request, case_file, status=400, screening_form=form
        ),
        success_message=_("Screening gestart."),
        next_url=lambda screening: _url("casefiles:screening", screening.pk),
        error_field="second_coach",
    )


@login_required
def screening(request, pk: int):
    from doorstroom.apps.assessments import adapters
    from doorstroom.apps.assessments.forms import RatingsForm
    from doorstroom.apps.assessments.views import _initial

    item = (
        Screening.objects.filter(
            pk=pk,
            case_file__person__in=permissions.persons_with_readable_case_files(
                request.user
            ),
        )
        .select_related("case_file__person", "assessment_round__framework")
        .first()
    )
    if item is None:
        raise Http404
    can_rate = permissions.can_rate_screening(request.user, item)
    form = None
    status = 200
    if request.method == "POST":
        if not can_rate:
            raise PermissionDenied
        framework = adapters.framework_of(item.assessment_round.framework)
        form = RatingsForm(request.POST, framework=framework)
        if form.is_valid():
            try:
                services.rate_screening(
                    actor=request.user, screening=item, ratings=form.ratings()
                )
            except ValidationError as exc:
                messages.error(request, "; ".join(exc.messages))
                status = 400
            else:
                messages.success(request, _("Je beoordeling is bewaard."))
                return redirect("casefiles:screening", pk=pk)
        else:
            status = 400
    view = services.open_screening(actor=request.user, screening=item)
    if can_rate and form is None:
        form = RatingsForm(
            framework=view.framework, initial=_initial(view, request.user)
        )
    return render(
        request,
        "casefiles/screening.html",
        {
            "screening": item,
            "view": view,
            "form": form,
            "person": item.case_file.person,
        },
        status=status,
    )


def _plans_page(request, case_file: CaseFile, status: int = 200, **forms):
    from doorstroom.apps.assessments.forms import PopActionFormSet

    data = services.plan_overview(
        actor=request.user, case_file=case_file, today=timezone.localdate()
    )
    today = timezone.localdate()
    pdp, pop = data.pdp, data.pop
    context = {"o": data, "case_file": case_file, "person": case_file.person}
    if data.can_work:
        context["pdp_meta"] = forms.get("pdp_meta") or PdpMetaForm(
            prefix=PDP_META,
            initial={
                "version": pdp.version if pdp else 0,
                "on": today,
                "where_now": pdp.where_now if pdp else "",
                "wants": pdp.wants if pdp else "",
            },
        )
        context["pdp_rows"] = forms.get("pdp_rows") or PdpRowFormSet(
            prefix="pdp",
            initial=[
                {name: getattr(r, name) for name in services.PDP_ROW_FIELDS}
                for r in (pdp.rows.all() if pdp else [])
            ],
        )
        context["pop_meta"] = forms.get("pop_meta") or PopMetaForm(
            prefix=POP_META,
            initial={
                "version": pop.version if pop else 0,
                "start_date": pop.start_date if pop else today,
            },
        )
        context["pop_actions"] = forms.get("pop_actions") or PopActionFormSet(
            prefix="pop",
            initial=[
                {
                    name: getattr(a, name)
                    for name in (
                        "competence_id",
                        "competence_name",
                        "blocking",
                        "action",
                        "helper",
                        "due_date",
                        "measurable_result",
                    )
                }
                for a in (pop.actions.all() if pop else [])
            ],
        )
    return render(request, "casefiles/plans.html", context, status=status)


@login_required
def plans(request, pk: int):
    case_file = _forms_case_file(request.user, pk)
    return _plans_page(request, case_file)


def _save_plan(
    request,
    case_file: CaseFile,
    meta,
    items,
    save: Callable[[dict, list[dict]], object],
    success_message: str,
    form_keys: tuple[str, str],
) -> HttpResponse:
    """Save a PDP or POP: its ``meta`` form and its ``items`` formset.

    ``save`` receives the meta data and the filled-in items. A plan saved by
    someone else in between gives 409, other errors 400; the forms come back under
    ``form_keys`` (meta, items).
    """

    def page(status: int) -> HttpResponse:
        forms = dict(zip(form_keys, (meta, items), strict=True))
        return _plans_page(request, case_file, status=status, **forms)

    if meta.is_valid() and items.is_valid():
        try:
            save(
                meta.cleaned_data,
                [f.cleaned_data for f in items.forms if f.cleaned_data],
            )
        except services.StalePlanError as exc:
            meta.add_error(None, str(exc))
            return page(409)
        except services.CaseFileError as exc:
            meta.add_error(None, str(exc))
        else:
            messages.success(request, success_message)
            return redirect("casefiles:plans", pk=case_file.pk)
    return page(400)


@login_required
@require_POST
def pdp_save(request, pk: int):
    case_file = _fillable_case_file(request.user, pk)
    return _save_plan(
        request,
        case_file,
        PdpMetaForm(request.POST, prefix=PDP_META),
        PdpRowFormSet(request.POST, prefix="pdp"),
        lambda meta, rows: services.save_pdp(
            actor=request.user,
            case_file=case_file,
            where_now=meta["where_now"],
            wants=meta["wants"],
            rows=rows,
            expected_version=meta["version"],
            on=meta["on"],
        ),
        _("PDP bewaard."),
        ("pdp_meta", "pdp_rows"),
    )


@login_required
@require_POST
def pop_save(request, pk: int):
    from doorstroom.apps.assessments.forms import PopActionFormSet

    case_file = _fillable_case_file(request.user, pk)
    return _save_plan(
        request,
        case_file,
        PopMetaForm(request.POST, prefix=POP_META),
        PopActionFormSet(request.POST, prefix="pop"),
        lambda meta, actions: services.save_case_file_pop(
            actor=request.user,
            case_file=case_file,
            actions=actions,
            expected_version=meta["version"],
            start_date=meta["start_date"],
        ),
        _("POP bewaard."),
        ("pop_meta", "pop_actions"),
    )


@login_required
def pop_pdf(request, pk: int):
    case_file = _forms_case_file(request.user, pk)
    pdf = services.pop_pdf(
        actor=request.user, case_file=case_file, today=timezone.localdate()
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pop-{case_file.pk}.pdf"'
    return response


def _vdab_page(request, case_file: CaseFile, status: int = 200, **forms):
    data = services.vdab_overview(actor=request.user, case_file=case_file)
    today = timezone.localdate()
    bound = {
        form.prefix: form
        for form in (forms.get("interview_form"), forms.get("advice_form"))
        if form is not None
    }
    for item in data.requests:
        item.interview_form = bound.get(interview_prefix(item.pk)) or VdabInterviewForm(
            initial={"date": today}, prefix=interview_prefix(item.pk)
        )
        item.advice_form = bound.get(advice_prefix(item.pk)) or VdabAdviceForm(
            initial={"on": today}, prefix=advice_prefix(item.pk)
        )
    return render(
        request,
        "casefiles/vdab.html",
        {
            "data": data,
            "case_file": case_file,
            "person": case_file.person,
            "request_form": forms.get("request_form")
            or VdabRequestForm(initial={"requested_on": today}, prefix=VDAB_REQUEST),
        },
        status=status,
    )


@login_required
def vdab(request, pk: int):
    case_file = _forms_case_file(request.user, pk)
    return _vdab_page(request, case_file)


@login_required
@require_POST
def vdab_request(request, pk: int):
    case_file = _fillable_case_file(request.user, pk)
    return _handle_form_post(
        request,
        VdabRequestForm(request.POST, prefix=VDAB_REQUEST),
        lambda data: services.request_vdab_evaluation(
            actor=request.user, case_file=case_file, **data
        ),
        page=lambda form: _vdab_page(request, case_file, status=400, request_form=form),
        success_message=_("Aanvraag VDAB-evaluatie bewaard."),
        next_url=_url("casefiles:vdab", pk),
    )


def _vdab_request(user, pk: int) -> VdabEvaluationRequest:
    item = (
        VdabEvaluationRequest.objects.filter(
            pk=pk,
            case_file__person__in=permissions.persons_with_readable_case_files(user),
        )
        .select_related("case_file__person", "advice")
        .first()
    )
    if item is None:
        raise Http404
    return item


def _vdab_request_post(
    request,
    pk: int,
    form_class,
    save: Callable[[VdabEvaluationRequest, dict], object],
    success_message: str,
    form_key: str,
    prefix: Callable[[int], str],
) -> HttpResponse:
    """Save a form about one VDAB evaluation request (interview, advice); the
    form is bound with the request's own ``prefix``."""
    item = _vdab_request(request.user, pk)
    _require_forms(request.user, item.case_file)
    return _handle_form_post(
        request,
        form_class(request.POST, prefix=prefix(item.pk)),
        lambda data: save(item, data),
        page=lambda form: _vdab_page(
            request, item.case_file, status=400, **{form_key: form}
        ),
        success_message=success_message,
        next_url=_url("casefiles:vdab", item.case_file_id),
    )


@login_required
@require_POST
def vdab_interview(request, pk: int):
    return _vdab_request_post(
        request,
        pk,
        VdabInterviewForm,
        lambda item, data: services.record_vdab_interview(
            actor=request.user, request=item, values=data
        ),
        _("Evaluatiegesprek bewaard."),
        "interview_form",
        interview_prefix,
    )


@login_required
@require_POST
def vdab_advice(request, pk: int):
    return _vdab_request_post(
        request,
        pk,
        VdabAdviceForm,
        lambda item, data: services.record_vdab_advice(
            actor=request.user, request=item, **data
        ),
        _("Advies bewaard."),
        "advice_form",
        advice_prefix,
    )


# --- Coaching hours and the POP to the VDAB


def _mandated_case_file(user, pk: int, *, work: bool = False) -> CaseFile:
    """A readable (or workable) mandated doorstroom case file; 404 for others."""
    case_file = (_workable_case_file if work else _readable_case_file)(user, pk)
    if case_file.trajectory_type != services.MANDATED_TYPE:
        raise Http404
    return case_file


def _coaching_context(request, case_file: CaseFile, **forms) -> dict:
    today = timezone.localdate()
    data = services.coaching_overview(
        actor=request.user, case_file=case_file, today=today
    )
    return {
        "coaching": data,
        "case_file": case_file,
        "person": case_file.person,
        "session_form": forms.get("session_form")
        or CoachingSessionForm(initial={"on": today}, prefix=COACHING),
        "pop_form": forms.get("pop_form")
        or PopSentForm(
            initial={"on": case_file.pop_sent_to_vdab_on or today}, prefix=POP_SENT
        ),
    }


@login_required
def coaching(request, pk: int):
    case_file = _mandated_case_file(request.user, pk)
    return render(
        request, "casefiles/coaching.html", _coaching_context(request, case_file)
    )


@login_required
@require_POST
def coaching_add(request, pk: int):
    case_file = _mandated_case_file(request.user, pk, work=True)
    return _handle_form_post(
        request,
        CoachingSessionForm(request.POST, prefix=COACHING),
        lambda data: services.record_coaching_session(
            actor=request.user, case_file=case_file, **data
        ),
        page=lambda form: render(
            request,
            "casefiles/coaching.html",
            _coaching_context(request, case_file, session_form=form),
        ),
        success_message=_("Begeleidingssessie bewaard."),
        next_url=_url("casefiles:coaching", pk),
    )


@login_required
@require_POST
def pop_sent_save(request, pk: int):
    case_file = _mandated_case_file(request.user, pk, work=True)
    return _handle_form_post(
        request,
        PopSentForm(request.POST, prefix=POP_SENT),
        lambda data: services.record_pop_sent_to_vdab(
            actor=request.user, case_file=case_file, on=data["on"]
        ),
        page=lambda form: render(
            request,
            "casefiles/coaching.html",
            _coaching_context(request, case_file, pop_form=form),
        ),
        success_message=_("Datum bewaard."),
        next_url=_url("casefiles:coaching", pk),
    )

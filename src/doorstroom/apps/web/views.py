"""Server-rendered pages. Views parse, call one service, render; access is decided
in ``doorstroom.apps.access.policies``."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import permissions as assessment_permissions
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.casefiles import outcomes
from doorstroom.apps.casefiles import permissions as casefile_permissions
from doorstroom.apps.casefiles.caseload import SORT_KEYS as CASELOAD_SORT_KEYS
from doorstroom.apps.casefiles.caseload import (
    caseload_limit,
    coach_caseload,
    organisation_overview,
)
from doorstroom.apps.consents import services as consent_services
from doorstroom.apps.consents.models import Consent
from doorstroom.apps.privacy.documents import render_export_pdf
from doorstroom.apps.privacy.services import erase_person, export_person_data
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.target_workers.services import open_person_file

from .caseload_forms import CaseloadForm
from .forms import ConfirmEraseForm, ConsentForm


@login_required
def home(request):
    role = request.user.role
    if role == Role.TARGET_WORKER:
        return redirect("web:my_file")
    if role == Role.EMPLOYER_CONTACT:
        return redirect("web:placements")
    if role == Role.ANALYST:
        return redirect("reports:dashboard")
    if role in policies.FILE_ROLES:
        return redirect("web:caseload")
    raise PermissionDenied


def _person_or_404(user, pk: int) -> Person:
    """A person the user may see; 404 otherwise, so that existence does not leak."""
    person = policies.visible_person(user, pk)
    if person is None:
        raise Http404
    return person


def _sort_links(request, current: str) -> dict[str, str]:
    """Query strings for the column headers: same filters, other sort order (a
    second click on the current column reverses it)."""
    links = {}
    for key in CASELOAD_SORT_KEYS:
        params = request.GET.copy()
        params.pop("pagina", None)
        params["sort"] = f"-{key}" if current == key else key
        links[key] = params.urlencode()
    return links


def _page_link(request, page: int) -> str:
    params = request.GET.copy()
    params["pagina"] = str(page)
    return params.urlencode()


@login_required
def caseload_view(request):
    """The coach's home page: phase, due and overdue reminders per person; sortable,
    filterable (htmx replaces the table region), with counts and the caseload limit."""
    if request.user.role not in policies.FILE_ROLES:
        raise PermissionDenied
    form = CaseloadForm(request.GET or None)
    query = form.query()  # defaults when there are no (valid) filters
    data = coach_caseload(actor=request.user, query=query, today=timezone.localdate())
    context = {
        "caseload": data,
        "form": form,
        "query": query,
        "sort_links": _sort_links(request, query.sort),
        "show_overview": policies.can_see_caseload_overview(request.user),
        "previous_page": _page_link(request, data.page - 1) if data.page > 1 else "",
        "next_page": _page_link(request, data.page + 1)
        if data.page < data.pages
        else "",
    }
    template = "web/_caseload_rows.html" if request.htmx else "web/caseload.html"
    return render(request, template, context)


@login_required
def caseload_overview(request):
    """For the organisation administrator: each coach's caseload against the limit."""
    coaches = organisation_overview(actor=request.user)
    return render(
        request,
        "web/caseload_overview.html",
        {
            "coaches": coaches,
            "limit": caseload_limit(),
            "overloaded": sum(1 for c in coaches if c.load.overloaded),
        },
    )


@login_required
def toeleiding_outcomes(request):
    """Toeleiding outcomes per status and per year (aggregate, suppressed)."""
    report = outcomes.toeleiding_outcomes(actor=request.user)
    return render(request, "web/toeleiding_outcomes.html", {"report": report})


@login_required
def person_detail(request, pk: int):
    person = _person_or_404(request.user, pk)
    file = open_person_file(actor=request.user, person=person)
    return render(
        request,
        "web/person_detail.html",
        {
            "file": file,
            "person": person,
            "show_case_file_link": casefile_permissions.can_read_case_files(
                request.user, person
            ),
            "show_competences_link": assessment_permissions.can_read_assessments(
                request.user, person
            ),
        },
    )


@login_required
def consent_add(request, pk: int):
    """Record a consent on its own page (the organisation list can be long, so the
    person's file does not carry the form)."""
    person = _person_or_404(request.user, pk)
    if not policies.can_manage_consents(request.user, person):
        raise PermissionDenied
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            consent_services.give_consent(
                actor=request.user, person=person, **form.cleaned_data
            )
            messages.success(request, _("Toestemming bewaard."))
            return redirect("web:person_detail", pk=pk)
        messages.error(request, _("De toestemming is niet bewaard: kijk de velden na."))
    return render(
        request,
        "web/consent_add.html",
        {"person": person, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def consent_withdraw(request, pk: int):
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    consent_services.withdraw_consent(actor=request.user, consent=consent)
    messages.success(request, _("Toestemming ingetrokken. Dat geldt vanaf nu."))
    if request.user.role == Role.TARGET_WORKER:
        return redirect("web:my_consents")
    return redirect("web:person_detail", pk=consent.person_id)


@login_required
def person_erase(request, pk: int):
    person = _person_or_404(request.user, pk)
    if not policies.can_erase_person(request.user, person):
        raise PermissionDenied
    form = ConfirmEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erase_person(actor=request.user, person=person)
        messages.success(request, _("De persoon is geanonimiseerd."))
        return redirect("web:caseload")
    return render(request, "web/person_erase.html", {"person": person, "form": form})


def _own_person(user) -> Person:
    if user.role != Role.TARGET_WORKER:
        raise PermissionDenied
    person = Person.objects.active().filter(user_id=user.pk).first()
    if person is None:
        raise Http404
    return person


@login_required
def my_file(request):
    person = _own_person(request.user)
    file = open_person_file(actor=request.user, person=person, detail="own file")
    return render(request, "web/my_file.html", {"file": file, "person": person})


@login_required
def my_access_log(request):
    person = _own_person(request.user)
    events = policies.audit_events_visible_to(request.user).order_by("-sequence")[:200]
    return render(
        request, "web/my_access_log.html", {"person": person, "events": events}
    )


@login_required
def my_consents(request):
    person = _own_person(request.user)
    consents = person.consents.select_related("organisation")
    return render(
        request, "web/my_consents.html", {"person": person, "consents": consents}
    )


@login_required
def my_export(request, fmt: str):
    if fmt not in {"json", "pdf"}:
        raise Http404
    person = _own_person(request.user)
    data = export_person_data(actor=request.user, person=person, fmt=fmt)
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        response = HttpResponse(render_export_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="mijn-gegevens-{stamp}.pdf"'
        )
        return response
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="mijn-gegevens-{stamp}.json"'
    )
    return response


PLACEMENT_ROLES = {
    Role.EMPLOYER_CONTACT,
    Role.COACH,
    Role.ORG_ADMIN,
    Role.FLOOR_SUPERVISOR,
}


@login_required
def placements_view(request):
    if request.user.role not in PLACEMENT_ROLES:
        raise PermissionDenied
    placements = list(policies.placements_visible_to(request.user)[:200])
    record(
        actor=request.user,
        action=Action.LIST,
        subjects=person_subjects({p.person_id: p.person for p in placements}.values()),
        detail="placements",
    )
    return render(request, "web/placements.html", {"placements": placements})


@login_required
def vacancies_view(request):
    if request.user.role not in {Role.EMPLOYER_CONTACT, Role.COACH, Role.ORG_ADMIN}:
        raise PermissionDenied
    vacancies = policies.vacancies_visible_to(request.user)[:200]
    return render(request, "web/vacancies.html", {"vacancies": vacancies})


@login_required
def audit_trail(request):
    if request.user.role != Role.ORG_ADMIN:
        raise PermissionDenied
    events = policies.audit_events_visible_to(request.user).order_by("-sequence")[:300]
    return render(request, "web/audit_trail.html", {"events": events})

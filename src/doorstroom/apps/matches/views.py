"""Matching pages. Views parse, call one service, render; access is decided in
:mod:`.permissions` (on top of ``access.policies``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doorstroom.apps.access import policies
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.matching import VacancyImportError

from . import digest as digests
from . import fairness, permissions, services
from .forms import DecisionForm, PreferencesForm, VacancyImportForm
from .models import VacancyProfile


def _person(user, pk: int) -> Person:
    """A person the user may match; 404 if not visible, 403 if visible but not matchable."""
    person = policies.persons_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    if not permissions.can_match_person(user, person):
        raise PermissionDenied
    return person


@login_required
def vacancy_import(request):
    if not permissions.can_import_vacancies(request.user):
        raise PermissionDenied
    form = VacancyImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(services.MAX_IMPORT_BYTES + 1)
        try:
            saved = services.import_vacancies(
                actor=request.user, filename=upload.name, content=content
            )
        except VacancyImportError as exc:
            problems = exc.messages("nl")
        else:
            messages.success(
                request,
                _("%(n)d vacatures ingelezen.") % {"n": len(saved)},
            )
            return redirect("matches:vacancy_import")
    return render(
        request,
        "matches/import.html",
        {"form": form, "problems": problems, "profiles": services.open_profiles()},
    )


@login_required
@require_GET
def person_matches(request, pk: int):
    person = _person(request.user, pk)
    rows = services.vacancies_for_person(actor=request.user, person=person)
    decisions = services.decisions_for(actor=request.user, person=person)
    return render(
        request,
        "matches/person.html",
        {
            "person": person,
            "rows": rows,
            "decisions": decisions,
            "form": DecisionForm(),
            "can_edit": policies.can_edit_person(request.user, person),
        },
    )


@login_required
@require_POST
def record_decision(request, pk: int):
    person = _person(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De beslissing is onvolledig."))
        return redirect("matches:person", pk=person.pk)
    vacancy = (
        policies.vacancies_visible_to(request.user)
        .filter(pk=form.cleaned_data["vacancy"])
        .first()
    )
    if vacancy is None:
        raise Http404
    try:
        services.record_decision(
            actor=request.user,
            person=person,
            vacancy=vacancy,
            status=form.cleaned_data["status"],
            refused_by=form.cleaned_data["refused_by"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Beslissing bewaard."))
    return redirect("matches:person", pk=person.pk)


@login_required
@require_GET
def vacancy_candidates(request, pk: int):
    if not permissions.can_match(request.user):
        raise PermissionDenied
    vacancy = policies.vacancies_visible_to(request.user).filter(pk=pk).first()
    if vacancy is None:
        raise Http404
    try:
        rows = services.candidates_for_vacancy(actor=request.user, vacancy=vacancy)
    except VacancyProfile.DoesNotExist:
        raise Http404 from None
    return render(request, "matches/vacancy.html", {"vacancy": vacancy, "rows": rows})


@login_required
@require_GET
def outcomes_csv(request):
    if not permissions.can_match(request.user):
        raise PermissionDenied
    text = services.export_outcomes_csv(actor=request.user)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="matching-uitkomsten.csv"'
    return response


def _digest(request):
    if not permissions.can_see_digest(request.user):
        raise PermissionDenied
    try:
        day = parse_date(request.GET.get("dag", ""))
    except ValueError:
        day = None
    return digests.weekly_digest(actor=request.user, day=day)


@login_required
@require_GET
def digest(request):
    return render(
        request,
        "matches/digest.html",
        {
            "digest": _digest(request),
            "can_import": permissions.can_import_vacancies(request.user),
            "can_see_fairness": permissions.can_see_fairness(
                request.user, request.user.organisation_id
            ),
        },
    )


@login_required
@require_GET
def digest_pdf(request):
    pdf = digests.render_digest_pdf(_digest(request), actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="vacatures-van-de-week.pdf"'
    return response


@login_required
def preferences(request, pk: int):
    person = _person(request.user, pk)
    if not policies.can_edit_person(request.user, person):
        raise PermissionDenied
    prefs = services.preferences_of(person)
    form = PreferencesForm(
        request.POST or None, initial=PreferencesForm.initial_of(prefs)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_match_preferences(
                actor=request.user, person=person, values=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Voorkeuren bewaard."))
            return redirect("matches:person", pk=person.pk)
    return render(request, "matches/preferences.html", {"person": person, "form": form})


@login_required
@require_GET
def carving(request, pk: int, vacancy_pk: int):
    person = _person(request.user, pk)
    vacancy = policies.vacancies_visible_to(request.user).filter(pk=vacancy_pk).first()
    if vacancy is None:
        raise Http404
    try:
        page = services.carving_for(actor=request.user, person=person, vacancy=vacancy)
    except VacancyProfile.DoesNotExist:
        raise Http404 from None
    return render(request, "matches/carving.html", {"page": page})


@login_required
@require_GET
def fairness_index(request):
    if permissions.sees_fairness_of_every_organisation(request.user):
        organisations = fairness.organisations_for_fairness(request.user)
        return render(
            request, "matches/fairness_index.html", {"organisations": organisations}
        )
    own = request.user.organisation_id
    if not permissions.can_see_fairness(request.user, own):
        raise PermissionDenied
    return redirect("matches:fairness", organisation_pk=own)


@login_required
@require_GET
def fairness_report(request, organisation_pk: int):
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if organisation is None:
        raise Http404
    page = fairness.fairness_for(actor=request.user, organisation=organisation)
    return render(request, "matches/fairness.html", {"page": page})

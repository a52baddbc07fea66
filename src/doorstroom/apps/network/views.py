"""Network and "doorstroomklaar?" pages. Views parse, call one service, render;
permissions live in ``permissions.py``. Another organisation's rows give 404."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorstroom.domain.readiness import get_checklist

from . import permissions, services
from .forms import ActionForm, ContactForm, PartnerForm, ReadinessForm
from .models import Partner


def network_page(view):
    """Logged in, and a coach or administrator of an organisation (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.can_use_network(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _one(queryset, pk: int):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _apply_errors(form, exc: services.NetworkError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc))


@network_page
def index(request):
    user = request.user
    today = timezone.localdate()
    history = services.round_history(user)
    actions = services.action_rows(user, today)
    return render(
        request,
        "network/index.html",
        {
            "latest": history[0] if history else None,
            "partners": permissions.partners_visible_to(user),
            "contacts": permissions.contacts_visible_to(user)[:10],
            "overdue": [a for a in actions if a.overdue],
        },
    )


@network_page
def partner_create(request):
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.create_partner(actor=request.user, **form.cleaned_data)
        except services.NetworkError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Partner toegevoegd."))
            return redirect("network:partner", pk=partner.pk)
    return render(request, "network/partner_form.html", {"form": form})


@network_page
def partner_edit(request, pk: int):
    partner: Partner = _one(permissions.partners_visible_to(request.user), pk)
    initial = {f: getattr(partner, f) for f in services.PARTNER_FIELDS}
    form = PartnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(
                actor=request.user, partner=partner, **form.cleaned_data
            )
        except services.NetworkError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Partner bewaard."))
            return redirect("network:partner", pk=partner.pk)
    return render(
        request, "network/partner_form.html", {"form": form, "partner": partner}
    )


@network_page
def partner_detail(request, pk: int):
    partner: Partner = _one(permissions.partners_visible_to(request.user), pk)
    form = ContactForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.log_contact(
                actor=request.user,
                partner=partner,
                kind=data["kind"],
                on=data["date"],
                who=data["who"],
                notes=data["notes"],
                follow_up=data["follow_up"],
                follow_up_on=data["follow_up_on"],
            )
        except services.NetworkError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Contact genoteerd."))
            return redirect("network:partner", pk=partner.pk)
    return render(
        request,
        "network/partner_detail.html",
        {"partner": partner, "contacts": partner.contacts.all(), "form": form},
    )


@network_page
def readiness(request):
    """History of rounds and the whole action plan."""
    user = request.user
    return render(
        request,
        "network/readiness.html",
        {
            "history": services.round_history(user),
            "actions": services.action_rows(user),
        },
    )


@network_page
def readiness_fill(request):
    checklist = get_checklist()
    form = ReadinessForm(
        request.POST or None,
        checklist=checklist,
        initial={"filled_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            readiness_round = services.submit_readiness_round(
                actor=request.user,
                answers=form.answers(),
                filled_on=form.cleaned_data["filled_on"],
                note=form.cleaned_data["note"],
            )
        except services.NetworkError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Zelfevaluatie bewaard."))
            return redirect("network:round", pk=readiness_round.pk)
    elif request.method == "POST":
        messages.error(request, _("Niet bewaard: kijk de gemarkeerde stellingen na."))
    return render(
        request, "network/readiness_form.html", {"form": form, "checklist": checklist}
    )


def _weak_choices(checklist, result) -> list[tuple[str, str]]:
    return [(s, checklist.statement(s).text) for s in result.weak_statements]


@network_page
def readiness_round(request, pk: int):
    user = request.user
    readiness_round = _one(permissions.rounds_visible_to(user), pk)
    checklist = services.round_checklist(readiness_round)
    result = services.round_score(readiness_round)
    weak = _weak_choices(checklist, result)
    form = ActionForm(request.POST or None, weak=weak)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_action(
                actor=user, readiness_round=readiness_round, **form.cleaned_data
            )
        except services.NetworkError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Actie toegevoegd aan het actieplan."))
            return redirect("network:round", pk=readiness_round.pk)
    answers = readiness_round.answers_by_statement()
    themes = [
        (
            theme,
            theme_score,
            [
                (s, checklist.label(answers[s.id]), s.id in result.weak_statements)
                for s in theme.statements
            ],
        )
        for theme, theme_score in zip(checklist.themes, result.themes, strict=True)
    ]
    today = timezone.localdate()
    actions = [
        services.ActionRow(
            a, checklist.statement(a.statement_id).text, a.is_overdue(today)
        )
        for a in readiness_round.actions.all()
    ]
    return render(
        request,
        "network/round.html",
        {
            "round": readiness_round,
            "checklist": checklist,
            "result": result,
            "themes": themes,
            "form": form if weak else None,
            "actions": actions,
        },
    )


@network_page
@require_POST
def action_done(request, pk: int):
    item = _one(permissions.actions_visible_to(request.user), pk)
    done = request.POST.get("done", "1") == "1"
    services.mark_action_done(actor=request.user, item=item, done=done)
    messages.success(
        request, _("Actie afgevinkt.") if done else _("Actie opnieuw geopend.")
    )
    target = request.POST.get("next", "")
    if target == "round":
        return redirect("network:round", pk=item.round_id)
    return redirect("network:readiness")

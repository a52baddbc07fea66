"""Two-factor login (TOTP) for the roles that see a whole organisation or the
aggregate figures: organisation administrators and analysts.

After the password, such a user must confirm a six-digit code from an
authenticator app; the first time they set up the app with a shared secret.
Until then every page sends them to that step and the API refuses them.
"""

from __future__ import annotations

import base64

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.permissions import BasePermission

from .models import Role

TWO_FACTOR_ROLES = frozenset({Role.ORG_ADMIN, Role.ANALYST})
#: Paths a user who still owes the second factor may open.
OPEN_PATHS = ("/aanmelden/", "/afmelden/", "/i18n/", "/static/", "/health/")


def needs_second_factor(user) -> bool:
    """True when ``user`` is logged in, must use two factors and has not yet."""
    if (
        not getattr(user, "is_authenticated", False)
        or user.role not in TWO_FACTOR_ROLES
    ):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


class TwoFactorRequiredMiddleware:
    """Sends users who owe the second factor to the code page (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if (
            not path.startswith("/api/")
            and not path.startswith(OPEN_PATHS)
            and needs_second_factor(request.user)
        ):
            return redirect(reverse("web:two_factor"))
        return self.get_response(request)


class SecondFactorVerified(BasePermission):
    """API: administrators and analysts only with a session that passed two factors."""

    message = "Two-factor authentication is required for this role."

    def has_permission(self, request, view):
        return not needs_second_factor(request.user)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit je authenticator-app (6 cijfers)"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )


def _device(user, *, confirmed: bool) -> TOTPDevice | None:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()
    )


@login_required
def two_factor_view(request):
    """Confirm the code; on the first login, set up the authenticator app first."""
    user = request.user
    if not needs_second_factor(user):
        return redirect("web:home")
    device = _device(user, confirmed=True)
    setting_up = device is None
    if setting_up:
        device = _device(user, confirmed=False) or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(
            form.cleaned_data["code"]
        ):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect("web:home")
        form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code."))
    context = {"form": form, "setting_up": setting_up}
    if setting_up:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["config_url"] = device.config_url
    return render(request, "web/two_factor.html", context)

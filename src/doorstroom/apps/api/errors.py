"""API errors: a stable shape with an English message and the Dutch text beside it.

Every refusal of the API, whatever raised it, has the shape of
:class:`ErrorSerializer`: ``code`` (e.g. ``not_found``), ``message`` (English),
``message_nl`` (Dutch) and ``detail`` (DRF's detail: ``{"detail": "..."}``, or the
field errors of a validation error).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    """The body of every API error (schema only)."""

    code = serializers.CharField(help_text="e.g. invalid, not_found, permission_denied")
    message = serializers.CharField(help_text="English")
    message_nl = serializers.CharField(help_text="Dutch")
    detail = serializers.JSONField(
        help_text='{"detail": "..."}, or the field errors of a validation error'
    )


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    default = getattr(exc, "default_detail", "")
    with translation.override("en"):
        message_en = str(default)
    with translation.override("nl"):
        message_nl = str(default)
    specific = getattr(exc, "detail", None)
    if isinstance(specific, str) and str(specific) != str(default):
        message_en = str(specific)  # a view's own message (English in this API)
    response.data = {
        "code": code,
        "message": message_en,
        "message_nl": message_nl,
        "detail": detail,
    }
    return response

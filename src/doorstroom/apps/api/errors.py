"""API errors: a stable shape with an English message and the Dutch text beside it."""

from __future__ import annotations

from django.utils import translation
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    message_en = str(getattr(exc, "detail", "")) if not isinstance(detail, dict) else ""
    with translation.override("nl-be"):
        message_nl = str(getattr(exc, "default_detail", ""))
    response.data = {
        "code": code,
        "message": message_en or str(getattr(exc, "default_detail", "")),
        "message_nl": message_nl,
        "detail": detail,
    }
    return response

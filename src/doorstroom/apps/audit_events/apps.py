from __future__ import annotations

from django.apps import AppConfig


class AuditEventsConfig(AppConfig):
    name = "doorstroom.apps.audit_events"
    label = "audit_events"

from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "doorstroom.apps.reports"
    label = "reports"

    def ready(self) -> None:
        from . import signals

        signals.connect()

from __future__ import annotations

from django.apps import AppConfig


class ConsentsConfig(AppConfig):
    name = "doorstroom.apps.consents"
    label = "consents"

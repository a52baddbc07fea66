from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "doorstroom.apps.imports"
    label = "imports"

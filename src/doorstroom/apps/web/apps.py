from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "doorstroom.apps.web"
    label = "web"

from __future__ import annotations

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "doorstroom.apps.organisations"
    label = "organisations"

from __future__ import annotations

from django.apps import AppConfig


class CasefilesConfig(AppConfig):
    name = "doorstroom.apps.casefiles"
    label = "casefiles"

from __future__ import annotations

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "doorstroom.apps.assessments"
    label = "assessments"

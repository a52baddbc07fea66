from __future__ import annotations

from django.apps import AppConfig


class TargetWorkersConfig(AppConfig):
    name = "doorstroom.apps.target_workers"
    label = "target_workers"

from __future__ import annotations

from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "doorstroom.apps.trajectories"
    label = "trajectories"

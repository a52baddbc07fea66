from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "doorstroom.apps.network"
    label = "network"
    verbose_name = _("Netwerk en doorstroomklaar")

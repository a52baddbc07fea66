from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkVersion(models.Model):
    """One version of a competence framework, stored as ``framework_to_dict`` JSON.

    A version never changes after it is stored: an organisation that adapts a
    framework stores a new version, and assessments keep pointing at the version
    (and content hash) they used. ``organisation`` is empty for the built-in
    frameworks shipped with doorstroom.
    """

    framework_id = models.CharField(_("kader-id"), max_length=64)
    version = models.PositiveIntegerField(_("versie"))
    content_hash = models.CharField(_("inhoudshash"), max_length=64)
    name = models.CharField(_("naam"), max_length=200)
    data = models.JSONField(_("kader (JSON)"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competence_frameworks",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="assessments_framework_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_builtin(self) -> bool:
        return self.organisation_id is None

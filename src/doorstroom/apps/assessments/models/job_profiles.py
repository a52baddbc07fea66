from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobProfile(models.Model):
    """An organisation's job profile: per competence the required level, weight and
    optional cut-off, stored as the domain's ``job_profile_to_dict`` requirements.

    The row holds the current version; every saved version is also kept in
    :class:`JobProfileVersion`, so a distance or POP computed against an older
    version stays reproducible after an edit.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="job_profiles",
    )
    name = models.CharField(_("naam"), max_length=200)
    framework = models.ForeignKey(
        "assessments.FrameworkVersion",
        on_delete=models.PROTECT,
        related_name="job_profiles",
    )
    #: ``[{"competence": id, "required": 1-4, "weight": w, "cutoff": c?}, ...]``
    requirements = models.JSONField(default=list)
    #: The number of the current version (see :class:`JobProfileVersion`).
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class JobProfileVersion(models.Model):
    """One saved version of a job profile; never changed after it is stored."""

    profile = models.ForeignKey(
        JobProfile, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField()
    name = models.CharField(_("naam"), max_length=200)
    framework = models.ForeignKey(
        "assessments.FrameworkVersion", on_delete=models.PROTECT, related_name="+"
    )
    requirements = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["profile", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "version"], name="assessments_job_profile_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

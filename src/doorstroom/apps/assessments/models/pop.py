from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PopPlan(models.Model):
    """A person's POP (persoonlijk ontwikkelingsplan): the agreed actions.

    ``version`` implements optimistic locking: a save must name the version it
    started from, and is refused when someone saved in between.
    """

    person = models.OneToOneField(
        "target_workers.Person", on_delete=models.CASCADE, related_name="pop_plan"
    )
    job_profile = models.ForeignKey(
        "assessments.JobProfile", on_delete=models.SET_NULL, null=True, blank=True
    )
    #: The job profile version the POP was drafted against (reproducible distance).
    job_profile_version = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField(_("startdatum"))
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_by_name = models.CharField(max_length=200, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"POP {self.person} v{self.version}"


class PopAction(models.Model):
    """One SMART action of a POP."""

    plan = models.ForeignKey(PopPlan, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0)
    competence_id = models.CharField(max_length=64, blank=True)
    competence_name = models.CharField(_("competentie"), max_length=200, blank=True)
    blocking = models.BooleanField(default=False)
    action = models.TextField(_("actie"))
    helper = models.CharField(_("wie helpt"), max_length=200, blank=True)
    due_date = models.DateField(_("tegen wanneer"), null=True, blank=True)
    measurable_result = models.TextField(_("meetbaar resultaat"), blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.action[:60]

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ObservationPlan(models.Model):
    """A WAKKER workfloor observation: one observer follows a few persons on a few
    competences during a period (the domain's ``ObservationPlan``).

    The number of persons is checked with the domain rule (at most six at once,
    also over the observer's other running plans) in ``services``.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="observation_plans",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observation_plans",
        verbose_name=_("observator"),
    )
    framework = models.ForeignKey(
        "assessments.FrameworkVersion",
        on_delete=models.PROTECT,
        related_name="observation_plans",
    )
    persons = models.ManyToManyField(
        "target_workers.Person", related_name="observation_plans"
    )
    #: Competence ids of ``framework`` that are observed.
    competence_ids = models.JSONField(default=list)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    #: The WAKKER steps done so far (a prefix of ``ObservationStep``), as values.
    completed_steps = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name or f"{self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


class ObservationNote(models.Model):
    """One observation written down in STARR form, attached to the competence it
    supports. Once classified (Klasseren/Kwantificeren) it points at the assessment
    round in which its author rated that competence: the rating it supports is the
    author's rating of ``competence_id`` in ``round``."""

    plan = models.ForeignKey(
        ObservationPlan, on_delete=models.CASCADE, related_name="notes"
    )
    person = models.ForeignKey(
        "target_workers.Person",
        on_delete=models.CASCADE,
        related_name="observation_notes",
    )
    competence_id = models.CharField(max_length=64)
    observed_on = models.DateField(_("datum"))
    situation = models.TextField(_("situatie"), blank=True)
    task = models.TextField(_("taak"), blank=True)
    activities = models.TextField(_("activiteiten"), blank=True)
    result = models.TextField(_("resultaat"), blank=True)
    reflection = models.TextField(_("reflectie"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    author_name = models.CharField(max_length=200, blank=True)
    round = models.ForeignKey(
        "assessments.AssessmentRound",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observation_notes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observed_on", "id"]
        indexes = [models.Index(fields=["person", "competence_id"])]

    def __str__(self) -> str:
        return f"{self.competence_id} {self.observed_on:%d/%m/%Y}"

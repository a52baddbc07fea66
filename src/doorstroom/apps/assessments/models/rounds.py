from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RaterRoleChoice(models.TextChoices):
    """The domain's ``RaterRole`` values with Dutch labels."""

    SELF = "self", _("Zelfbeoordeling")
    COACH = "coach", _("Doorstroomcoach")
    FLOOR_SUPERVISOR = "floor_supervisor", _("Werkvloerbegeleider")
    OBSERVER = "observer", _("Andere observator")


class AssessmentRound(models.Model):
    """One competence measurement of one person against one framework version."""

    person = models.ForeignKey(
        "target_workers.Person",
        on_delete=models.CASCADE,
        related_name="assessment_rounds",
    )
    framework = models.ForeignKey(
        "assessments.FrameworkVersion", on_delete=models.PROTECT, related_name="rounds"
    )
    held_on = models.DateField(_("datum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.framework.name}"


class RaterSheet(models.Model):
    """The ratings of one rater in one round (at most one self-assessment)."""

    round = models.ForeignKey(
        AssessmentRound, on_delete=models.CASCADE, related_name="sheets"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    rater_key = models.CharField(max_length=64)
    rater_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=RaterRoleChoice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "rater_key"], name="assessments_sheet_rater"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.rater_name}"


class RatingRow(models.Model):
    """One rating: a level 1-4, or empty for "niet geobserveerd", with a STARR note."""

    sheet = models.ForeignKey(
        RaterSheet, on_delete=models.CASCADE, related_name="ratings"
    )
    competence_id = models.CharField(max_length=64)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    situation = models.TextField(blank=True)
    task = models.TextField(blank=True)
    activities = models.TextField(blank=True)
    result = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "competence_id"], name="assessments_rating_competence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competence_id}: {self.level or '-'}"

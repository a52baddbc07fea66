"""Matching data stored next to the placements' vacancies and the persons' files.

- :class:`VacancyProfile` adds the competence requirement profile and the hard
  conditions of :class:`doorstroom.domain.matching.Vacancy` to a
  ``placements.Vacancy``.
- :class:`MatchPreferences` holds what a worker accepts (hours, travel, shifts,
  sectors, functional physical limits recorded with their agreement). Never sex,
  age, origin or health: those have no field here.
- :class:`MatchDecision` is the coach's decision on one proposed pair; exported as
  the outcome CSV the domain's ``load_outcomes_csv`` reads.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyProfile(models.Model):
    """The matching half of a vacancy (layout of the domain's JSON import)."""

    vacancy = models.OneToOneField(
        "placements.Vacancy", on_delete=models.CASCADE, related_name="match_profile"
    )
    #: The domain vacancy id (lowercase identifier, unique across imports).
    external_id = models.CharField(_("vacature-id"), max_length=64, unique=True)
    sector = models.CharField(_("sector"), max_length=64)
    job_profile = models.ForeignKey(
        "assessments.JobProfile",
        verbose_name=_("vertrokken van jobprofiel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: ``[{"competence", "required", "weight", "cutoff"}, ...]`` (adjusted profile).
    requirements = models.JSONField(default=list)
    #: ``[{"id", "name", "share", "competences"}, ...]``
    tasks = models.JSONField(default=list, blank=True)
    shifts = models.JSONField(default=list, blank=True)
    physical_demands = models.JSONField(default=list, blank=True)
    language_level = models.CharField(_("taalniveau Nederlands"), max_length=2)
    reachable_by = models.JSONField(default=list, blank=True)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now=True)

    class Meta:
        ordering = ["external_id"]
        verbose_name = _("vacatureprofiel")
        verbose_name_plural = _("vacatureprofielen")

    def __str__(self) -> str:
        return self.external_id


class MatchPreferences(models.Model):
    """What a worker accepts in a job (matching input; no group attributes)."""

    person = models.OneToOneField(
        "target_workers.Person",
        on_delete=models.CASCADE,
        related_name="match_preferences",
    )
    hours_min = models.DecimalField(
        _("minimum uren per week"), max_digits=4, decimal_places=1, default=0
    )
    hours_max = models.DecimalField(
        _("maximum uren per week"), max_digits=4, decimal_places=1, default=38
    )
    shifts = models.JSONField(default=list, blank=True)
    travel_modes = models.JSONField(default=list, blank=True)
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximum minuten verplaatsing (enkel)"), default=45
    )
    #: Functional limits (e.g. ``heavy_lifting``), recorded with the worker's agreement.
    physical_limits = models.JSONField(default=list, blank=True)
    limits_agreed = models.BooleanField(
        _("werknemer stemde in met het noteren van de fysieke grenzen"), default=False
    )
    language_level = models.CharField(
        _("taalniveau Nederlands"), max_length=2, default="B1"
    )
    wished_sectors = models.JSONField(default=list, blank=True)
    no_go_sectors = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("matchingvoorkeuren")
        verbose_name_plural = _("matchingvoorkeuren")


class DecisionStatus(models.TextChoices):
    """The domain's ``OutcomeStatus`` values with Dutch labels."""

    INVITED = "invited", _("Uitgenodigd")
    STAGE = "stage", _("Stage")
    HIRED = "hired", _("Aangeworven")
    REFUSED = "refused", _("Afgewezen")


class RefusedBy(models.TextChoices):
    WORKER = "worker", _("Door de werknemer")
    EMPLOYER = "employer", _("Door de werkgever")


class MatchDecision(models.Model):
    """The coach's decision on one person-vacancy pair (latest one counts)."""

    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(
        "placements.Vacancy", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("beslissing"), max_length=8, choices=DecisionStatus.choices
    )
    refused_by = models.CharField(
        _("afgewezen door"), max_length=8, choices=RefusedBy.choices, blank=True
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beslist op"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("matchingbeslissing")
        verbose_name_plural = _("matchingbeslissingen")

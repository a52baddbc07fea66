"""A person's case file (dossier): one trajectory of a type from the TOML data,
every step registered with date, who and result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerStatus(models.Model):
    """Statuses that decide which stages are possible (art. 60, leerwerknemer)."""

    person = models.OneToOneField(
        "target_workers.Person", on_delete=models.CASCADE, related_name="worker_status"
    )
    article_60 = models.BooleanField(_("tewerkgesteld onder artikel 60"), default=False)
    learner_worker = models.BooleanField(_("leerwerknemer"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("statuut van de werknemer")
        verbose_name_plural = _("statuten van werknemers")


class CaseStatus(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    PAUSED = "gepauzeerd", _("Gepauzeerd")
    STOPPED = "stopgezet", _("Stopgezet")
    CLOSED = "afgesloten", _("Afgesloten")


class CaseFile(models.Model):
    """One trajectory of a person, of a trajectory type at a fixed version."""

    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="case_files"
    )
    trajectory_type = models.CharField(_("soort traject"), max_length=64)
    type_version = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CaseStatus.choices,
        default=CaseStatus.ACTIVE,
    )
    status_reason = models.TextField(_("reden"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, blank=True)
    started_on = models.DateField(_("gestart op"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("trajectdossier")
        verbose_name_plural = _("trajectdossiers")


class EntryKind(models.TextChoices):
    STEP = "stap", _("Stap")
    BACK = "terug", _("Stap terug naar een vorige fase")
    PAUSE = "pauze", _("Gepauzeerd")
    RESUME = "hervat", _("Hervat")
    STOP = "stop", _("Stopgezet")
    CLOSE = "afsluiting", _("Afgesloten")


class StepRecord(models.Model):
    """One registered step or status change: date, who, result, note, reason."""

    case_file = models.ForeignKey(
        CaseFile, on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=EntryKind.choices)
    phase = models.CharField(_("fase"), max_length=64)
    step = models.CharField(_("stap"), max_length=64, blank=True)
    date = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_name = models.CharField(_("door"), max_length=150)
    result = models.CharField(_("resultaat"), max_length=200, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    reason = models.TextField(_("reden"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("geregistreerde stap")
        verbose_name_plural = _("geregistreerde stappen")

"""Trajectories with a partner, warm handovers and VDAB advices.

The trajectory issue extends these into the full case file; the foundation needs
them because access to another organisation's person follows them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EndReason(models.TextChoices):
    NEC_WORK = "werk_nec", _("Werk in het NEC")
    SEC_WORK = "werk_sec", _("Werk in de sociale economie")
    STOPPED_BY_WORKER = "stopzetting_werknemer", _("Stopgezet door de werknemer")
    STOPPED_BY_PARTNER = "stopzetting_partner", _("Stopgezet door de partner")
    ILLNESS = "ziekte", _("Ziekte")
    OTHER = "andere", _("Andere")


class StageKind(models.TextChoices):
    NONE = "geen", _("Geen stage")
    BVS = "BVS", _("Beroepsverkennende stage")
    TBS = "TBS", _("Terbeschikkingstelling (TBS)")
    ENCLAVE = "enclave", _("Enclave")


class Trajectory(models.Model):
    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="trajectories"
    )
    partner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="trajectories",
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    end_reason = models.CharField(
        _("reden einde"), max_length=32, choices=EndReason.choices, blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=8, choices=StageKind.choices, default=StageKind.NONE
    )

    class Meta:
        ordering = ["-start_date", "external_id"]
        verbose_name = _("doorstroomtraject")
        verbose_name_plural = _("doorstroomtrajecten")


class Handover(models.Model):
    """A warm handover of a person to another organisation."""

    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="handovers"
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="handovers_in",
    )
    date = models.DateField(_("datum"))
    note = models.TextField(_("overdrachtsnota"), blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")


class AdviceResult(models.TextChoices):
    READY = "doorstroomklaar", _("Doorstroomklaar")
    NOT_READY = "niet_doorstroomklaar", _("Niet doorstroomklaar")


class Advice(models.Model):
    """A VDAB evaluation and its advice (doorstroomklaar or not)."""

    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="advices"
    )
    evaluator_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
    )
    requested_on = models.DateField(_("aangevraagd op"), null=True, blank=True)
    date = models.DateField(_("datum advies"), null=True, blank=True)
    instrument = models.CharField(_("instrument"), max_length=3)
    result = models.CharField(
        _("advies"), max_length=24, choices=AdviceResult.choices, blank=True
    )

    class Meta:
        ordering = ["-date", "external_id"]
        verbose_name = _("VDAB-advies")
        verbose_name_plural = _("VDAB-adviezen")

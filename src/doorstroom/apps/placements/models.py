"""Stages at NEC employers and vacancies. The matching and trajectory issues extend these."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.trajectories.models import StageKind


class Placement(models.Model):
    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="placements"
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("stagebedrijf"),
        on_delete=models.PROTECT,
        related_name="hosted_placements",
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiserende organisatie"),
        on_delete=models.PROTECT,
        related_name="organised_placements",
    )
    kind = models.CharField(_("soort stage"), max_length=8, choices=StageKind.choices)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    work_post = models.CharField(_("werkpost"), max_length=200, blank=True)
    # The trajectory issue: what the stage rules (domain.rules.stages) check.
    full_days = models.PositiveSmallIntegerField(_("voltijdse werkdagen"), default=0)
    half_days = models.PositiveSmallIntegerField(_("halftijdse werkdagen"), default=0)
    programme = models.TextField(
        _("programma"),
        blank=True,
        help_text=_(
            "Welke afdelingen, welke taken, hoe lang (bijlage bij de overeenkomst)."
        ),
    )
    observation_only = models.BooleanField(
        _("enkel observeren (geen bijdrage aan de productie)"), default=True
    )
    enterprise_contract = models.BooleanField(
        _("ondernemingscontract afgesloten"), default=False
    )
    union_informed = models.BooleanField(
        _("syndicale afvaardiging ingelicht"), default=False
    )

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")


class Vacancy(models.Model):
    employer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="vacancies"
    )
    title = models.CharField(_("functie"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    open_from = models.DateField(_("open vanaf"))
    open_until = models.DateField(_("open tot"), null=True, blank=True)

    class Meta:
        ordering = ["-open_from", "id"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")

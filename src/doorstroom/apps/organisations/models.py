"""Organisations of every kind the seeds name."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CUSTOM_WORK_COMPANY = "maatwerkbedrijf", _("Maatwerkbedrijf")
    LDE_INITIATIVE = "lde_initiatief", _("LDE-initiatief")
    TRANSITION_PARTNER = "doorstroompartner", _("Doorstroompartner")
    NEC_EMPLOYER = "nec_werkgever", _("Werkgever (NEC)")
    INTERIM_OFFICE = "interimkantoor", _("Interimkantoor")
    LOCAL_GOVERNMENT = "lokaal_bestuur", _("Lokaal bestuur")
    VDAB = "vdab", _("VDAB")
    DEPARTMENT = "departement", _("Departement WSE")


#: Kinds that employ target workers in the social economy (SEC).
SEC_KINDS = frozenset(
    {OrganisationKind.CUSTOM_WORK_COMPANY, OrganisationKind.LDE_INITIATIVE}
)


class Province(models.TextChoices):
    ANT = "ANT", _("Antwerpen")
    LIM = "LIM", _("Limburg")
    OVL = "OVL", _("Oost-Vlaanderen")
    VBR = "VBR", _("Vlaams-Brabant")
    WVL = "WVL", _("West-Vlaanderen")
    BRU = "BRU", _("Brussel")
    BUI = "BUI", _("Buiten Vlaanderen en Brussel")


class Organisation(models.Model):
    #: Identifier in the monitoring data contract (employer_id or partner_id).
    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    nace = models.CharField(_("NACE-code"), max_length=12, blank=True)
    province = models.CharField(
        _("provincie"), max_length=3, choices=Province.choices, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def circuit(self) -> str:
        """``SEC`` for social-economy employers, else ``NEC``."""
        return "SEC" if self.kind in SEC_KINDS else "NEC"

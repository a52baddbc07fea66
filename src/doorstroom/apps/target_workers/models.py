"""Target workers (doelgroepwerknemers), their WOP dossiers and employment history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstroom.apps.organisations.models import Province


class Sex(models.TextChoices):
    M = "M", _("Man")
    V = "V", _("Vrouw")
    X = "X", _("X")


class Education(models.TextChoices):
    LOW = "laag", _("Laag")
    MEDIUM = "midden", _("Midden")
    HIGH = "hoog", _("Hoog")


class Instrument(models.TextChoices):
    CM = "CM", _("Collectief maatwerk")
    LDE = "LDE", _("Lokale diensteneconomie")
    IM = "IM", _("Individueel maatwerk")


class PersonQuerySet(models.QuerySet):
    def active(self) -> PersonQuerySet:
        return self.filter(erased_at__isnull=True)


class Person(models.Model):
    """A target worker. Identifying fields are blanked on erasure; the statistical
    fields (birth date, sex, province, education) stay so that figures keep adding up."""

    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    last_name = models.CharField(_("familienaam"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    sex = models.CharField(_("geslacht"), max_length=1, choices=Sex.choices, blank=True)
    province = models.CharField(
        _("provincie"), max_length=3, choices=Province.choices, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    education = models.CharField(
        _("opleidingsniveau"), max_length=6, choices=Education.choices, blank=True
    )
    #: The organisation that employs and guides the person (their "home").
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="persons",
        null=True,
        blank=True,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    erased_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("doelgroepwerknemer")
        verbose_name_plural = _("doelgroepwerknemers")

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("Geanonimiseerde persoon"))
        return f"{self.first_name} {self.last_name}".strip() or self.external_id


class WopDossier(models.Model):
    """A work support package (WOP) of one social-economy job."""

    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="dossiers"
    )
    employer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="wop_dossiers",
    )
    instrument = models.CharField(
        _("instrument"), max_length=3, choices=Instrument.choices
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        ordering = ["person_id", "start_date", "external_id"]
        verbose_name = _("WOP-dossier")
        verbose_name_plural = _("WOP-dossiers")


class EmploymentSpell(models.Model):
    external_id = models.CharField(_("extern id"), max_length=64, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="spells")
    employer = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="spells"
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    wop_dossier = models.ForeignKey(
        WopDossier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spells",
    )

    class Meta:
        ordering = ["person_id", "start_date", "external_id"]
        verbose_name = _("tewerkstelling")
        verbose_name_plural = _("tewerkstellingen")

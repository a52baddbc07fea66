"""Consent as data: purpose, scope, given when and how, withdrawn when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    TRAJECTORY = "traject", _("Doorstroomtraject met een partner")
    HANDOVER = "overdracht", _("Warme overdracht")
    EVALUATION = "evaluatie", _("Evaluatie door VDAB")
    MATCHING = "matching", _("Jobmatching met vacatures")


class DataScope(models.TextChoices):
    """Which parts of the file the receiving organisation may see."""

    IDENTITY = "identiteit", _("Identiteit en contact")
    TRAJECTORY = "traject", _("Traject, stages en adviezen")
    EMPLOYMENT = "tewerkstelling", _("Tewerkstellingen en WOP-dossiers")
    COMPETENCES = "competenties", _("Competenties en POP")
    HEALTH = "gezondheid", _("Gezondheid en beperkingen")


class GivenHow(models.TextChoices):
    PORTAL = "portaal", _("Zelf in het portaal")
    SIGNED = "ondertekend", _("Ondertekend formulier")
    ORAL = "mondeling", _("Mondeling, genoteerd door de coach")


class ConsentQuerySet(models.QuerySet):
    def in_force(self, at=None) -> ConsentQuerySet:
        """Consents given and not withdrawn (at ``at``, default now)."""
        at = at or timezone.now()
        return self.filter(given_at__lte=at).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
        )


class Consent(models.Model):
    person = models.ForeignKey(
        "target_workers.Person", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("doel"), max_length=16, choices=Purpose.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie die mag inkijken"),
        on_delete=models.PROTECT,
        related_name="consents_received",
    )
    #: The data scopes, stored as " code code " so that one scope can be matched
    #: with a plain ``contains`` lookup on every database backend.
    scope_codes = models.CharField(_("welke gegevens"), max_length=200, default=" ")
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    given_how = models.CharField(
        _("hoe gegeven"), max_length=16, choices=GivenHow.choices
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "id"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    @property
    def scope(self) -> list[str]:
        return self.scope_codes.split()

    @scope.setter
    def scope(self, codes) -> None:
        valid = [c for c in DataScope.values if c in set(codes)]
        self.scope_codes = " " + " ".join(valid) + " "

    def __init__(self, *args, scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scope is not None:
            self.scope = scope

    @property
    def scope_labels(self) -> list[str]:
        """The data scopes as labels in the active language, in ``scope`` order."""
        labels = dict(DataScope.choices)
        return [labels[code] for code in self.scope if code in labels]

    @property
    def in_force_now(self) -> bool:
        now = timezone.now()
        return self.given_at <= now and (
            self.withdrawn_at is None or self.withdrawn_at > now
        )

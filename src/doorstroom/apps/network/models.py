"""The organisation's own doorstroom work: its partner network, the contacts with
partners, the "Organisatie doorstroomklaar?" rounds and the action plan.

No person's file is involved: these rows belong to one organisation and only its
coaches and administrators see them (``permissions.py``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorstroom.domain.readiness import is_overdue


class PartnerKind(models.TextChoices):
    """The guide's potential partners (seed 000 §2.4.1, L1138)."""

    NEC_EMPLOYER = "nec_werkgever", _("Werkgever (NEC)")
    INTERIM_OFFICE = "interimkantoor", _("Interimkantoor")
    LOCAL_GOVERNMENT = "lokaal_bestuur", _("Lokaal bestuur")
    CONSULTANCY = "consultancy", _("Consultancybedrijf")
    OTHER = "andere", _("Andere (koepel, sectorfonds, …)")


class ContactKind(models.TextChoices):
    """How the guide suggests keeping in touch (seed 000 §2.4.2)."""

    COMPANY_VISIT = "bedrijfsbezoek", _("Bedrijfsbezoek")
    LEARNING_TABLE = "leertafel", _("Leertafel")
    SHADOWING_DAY = "meeloopdag", _("Meeloopdag of duobaan")
    OTHER = "andere", _("Ander contact")


class Partner(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="network_partners",
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort partner"), max_length=32, choices=PartnerKind.choices
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(
        _("telefoon contactpersoon"), max_length=30, blank=True
    )
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    #: For a local government: its target share (percent) of employees with a
    #: disability (the guide: Flemish government 3%, local governments 2%, L1271).
    employment_target_percent = models.DecimalField(
        _("streefcijfer tewerkstelling personen met een arbeidshandicap (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="network_partner_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    kind = models.CharField(
        _("soort contact"), max_length=32, choices=ContactKind.choices
    )
    date = models.DateField(_("datum"))
    who = models.CharField(_("wie"), max_length=200)
    notes = models.TextField(_("notities"), blank=True)
    follow_up = models.CharField(_("opvolging"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("opvolgen tegen"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")


class ReadinessRound(models.Model):
    """One filling-in of the checklist; earlier rounds stay as history."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="readiness_rounds",
    )
    checklist_id = models.CharField(max_length=64)
    checklist_version = models.PositiveSmallIntegerField()
    filled_on = models.DateField(_("ingevuld op"))
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-filled_on", "-id"]
        verbose_name = _("zelfevaluatie doorstroomklaar")
        verbose_name_plural = _("zelfevaluaties doorstroomklaar")

    def answers_by_statement(self) -> dict[str, str]:
        return {a.statement_id: a.answer for a in self.answers.all()}


class ReadinessAnswer(models.Model):
    round = models.ForeignKey(
        ReadinessRound, on_delete=models.CASCADE, related_name="answers"
    )
    statement_id = models.CharField(max_length=64)
    answer = models.CharField(max_length=32)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "statement_id"], name="network_answer_once"
            )
        ]


class ActionItem(models.Model):
    """An action of the plan, on a weak statement of a round."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="readiness_actions",
    )
    round = models.ForeignKey(
        ReadinessRound,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    statement_id = models.CharField(_("stelling"), max_length=64)
    action = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(_("verantwoordelijke"), max_length=120)
    due_on = models.DateField(_("tegen"))
    done = models.BooleanField(_("klaar"), default=False)
    done_on = models.DateField(_("klaar op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["done", "due_on", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def is_overdue(self, today: date) -> bool:
        return is_overdue(self.due_on, self.done, today)

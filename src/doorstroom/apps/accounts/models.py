"""Users and their role. Each user belongs to one organisation."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COACH = "coach", _("Doorstroomcoach")
    FLOOR_SUPERVISOR = "floor_supervisor", _("Werkvloerbegeleider")
    TARGET_WORKER = "target_worker", _("Doelgroepwerknemer")
    VDAB_EVALUATOR = "vdab_evaluator", _("VDAB-evaluator")
    EMPLOYER_CONTACT = "employer_contact", _("Contactpersoon werkgever")
    ORG_ADMIN = "org_admin", _("Beheerder organisatie")
    ANALYST = "analyst", _("Analist")


#: Roles that work with persons' files (case workers).
CASE_ROLES = frozenset(
    {Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN, Role.VDAB_EVALUATOR}
)


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_case_worker(self) -> bool:
        return self.role in CASE_ROLES

"""The audit trail: append-only, each entry carrying the hash of the one before."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Ingekeken")
    LIST = "list", _("In een lijst getoond")
    CREATE = "create", _("Aangemaakt")
    UPDATE = "update", _("Gewijzigd")
    EXPORT = "export", _("Geëxporteerd")
    ERASE = "erase", _("Geanonimiseerd")
    IMPORT = "import", _("Geïmporteerd")


class Channel(models.TextChoices):
    PAGE = "page", _("Webpagina")
    API = "api", _("API")
    CLI = "cli", _("Opdrachtregel")
    SYSTEM = "system", _("Systeem")


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit entry."""


class AuditEvent(models.Model):
    """One read, change, export or erasure of personal data.

    Actor and subject are kept as plain values, not foreign keys: the trail must
    outlive users and survive the anonymisation of the person it is about.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    actor_organisation_id = models.BigIntegerField(null=True, db_index=True)
    person_id = models.BigIntegerField(null=True, db_index=True)
    person_organisation_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    path = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["person_id", "sequence"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")


class ChainHead(models.Model):
    """A single row holding the latest hash; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

"""Bump :class:`~.models.DataVersion` when a row the monitoring export reads
changes (a form, the API, the admin, an erasure). Bulk imports only add rows,
which the fingerprint's row counts already see; ``QuerySet.update`` sends no
signal, so code that updates these models in bulk calls :func:`bump` itself."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Trajectory

from .models import DataVersion

#: The models :func:`doorstroom.apps.imports.exports.export_folder` reads.
WATCHED = (Organisation, Person, WopDossier, EmploymentSpell, Advice, Trajectory)


def bump(**_kwargs) -> None:
    """Count one more change (in the caller's transaction)."""
    if not DataVersion.objects.filter(id=1).update(version=F("version") + 1):
        DataVersion.objects.get_or_create(id=1, defaults={"version": 1})


def connect() -> None:
    for model in WATCHED:
        post_save.connect(bump, sender=model, dispatch_uid=f"dataversion-save-{model}")
        post_delete.connect(
            bump, sender=model, dispatch_uid=f"dataversion-delete-{model}"
        )

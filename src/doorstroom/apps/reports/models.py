"""A counter of changes to the data the monitoring figures are computed from."""

from __future__ import annotations

from django.db import models


class DataVersion(models.Model):
    """One row: bumped whenever a row the monitoring export reads is saved or
    deleted (see :mod:`.signals`), so the dashboard's data fingerprint changes with
    every edit, also one that keeps the numbers of rows and dates unchanged."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

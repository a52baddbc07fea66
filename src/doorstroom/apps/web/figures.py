"""Aggregate figures for the analyst's start page: counts only, disclosure-controlled.

The full monitoring dashboard is built on ``doorstroom.domain.monitoring``; this page
shows the size of what the app holds, with the same threshold rule: a count below
the threshold is hidden, and when one category is hidden a second one is too, so
that it cannot be recovered from the total.
"""

from __future__ import annotations

from django.db.models import Count

from doorstroom.apps.target_workers.models import Instrument, WopDossier

THRESHOLD = 10


def suppress_breakdown(counts: dict[str, int], threshold: int = THRESHOLD) -> dict:
    """Primary and secondary suppression of one breakdown with a published total."""
    hidden = {k for k, v in counts.items() if 0 < v < threshold}
    if len(hidden) == 1:
        rest = sorted((v, k) for k, v in counts.items() if k not in hidden and v > 0)
        if rest:
            hidden.add(rest[0][1])
    total = sum(counts.values())
    total_hidden = 0 < total < threshold or (
        hidden
        and len(hidden) == len([v for v in counts.values() if v > 0])
        and len(hidden) == 1
    )
    return {
        "cells": [(k, None if k in hidden else v) for k, v in counts.items()],
        "total": None if total_hidden else total,
    }


def overview_counts() -> dict:
    rows = dict(
        WopDossier.objects.filter(end_date__isnull=True)
        .values_list("instrument")
        .annotate(n=Count("id"))
        .values_list("instrument", "n")
    )
    counts = {label: rows.get(code, 0) for code, label in Instrument.choices}
    return {"open_dossiers_by_instrument": suppress_breakdown(counts)}

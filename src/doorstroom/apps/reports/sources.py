"""The app database as monitoring input: exported to the CSV contract once per
state of the data, and loaded from there by the monitoring engine.

Exporting (instead of reading the tables through another connection) keeps one
path into the engine, with the same validation as ``doorstroom report``.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from doorstroom.apps.imports.exports import export_folder
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Trajectory

from .models import DataVersion

_lock = threading.Lock()


def data_fingerprint() -> str:
    """Changes whenever a row is added or removed, an end date is set, a person
    is anonymised, or any row the export reads is saved (:class:`.DataVersion`,
    bumped by :mod:`.signals`)."""
    version = DataVersion.objects.filter(id=1).values_list("version", flat=True)
    parts = [f"version:{version.first() or 0}"]
    for model, dated in (
        (Person, None),
        (WopDossier, "end_date"),
        (EmploymentSpell, "end_date"),
        (Advice, "date"),
        (Trajectory, "end_date"),
    ):
        extra = {"ended": Count(dated), "latest": Max(dated)} if dated else {}
        agg = model.objects.aggregate(n=Count("pk"), last=Max("pk"), **extra)
        parts.append(f"{model.__name__}:" + ":".join(str(v) for v in agg.values()))
    parts.append(f"erased:{Person.objects.filter(erased_at__isnull=False).count()}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def current_data_folder() -> Path:
    """The contract folder of the current data (exported when the data changed)."""
    root = Path(settings.VAR_DIR) / "reports"
    folder = root / data_fingerprint()
    with _lock:
        if not (folder / "trajectories.csv").exists():
            export_folder(folder)
            for old in root.iterdir():
                if old.is_dir() and old != folder and not old.name.startswith("."):
                    shutil.rmtree(old, ignore_errors=True)
    return folder

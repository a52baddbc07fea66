"""``doorstroom backup`` and ``doorstroom restore``.

A backup is one ``.tar.gz`` holding ``data.json`` (Django's serialisation of every
table that holds data, including the audit trail and its chain head),
``media/`` (uploaded files) and ``manifest.json`` (when, which migrations, row counts
per model and the SHA-256 of ``data.json``). The format does not depend on the
database: a backup taken on SQLite restores into PostgreSQL and back.

Restore goes into an empty database only: it migrates, loads everything in one
transaction (nothing half-restored), checks the row counts against the manifest and
verifies the audit chain before it reports success.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
#: Tables that hold no data worth keeping (rebuilt by migrate, or transient).
SKIPPED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
}


class BackupError(Exception):
    """The backup cannot be restored (damaged, not empty target, counts differ)."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    counts: dict[str, int]
    media_files: int


def _models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        yield label, model


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def create_backup(out: Path | str) -> BackupSummary:
    """Write a backup archive to ``out`` (atomically: a temp file, then a rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.json"
        with transaction.atomic(), data_path.open("w", encoding="utf-8") as handle:
            # One transaction: a consistent snapshot on PostgreSQL.
            objects = []
            for label, model in _models():
                rows = list(model._default_manager.order_by("pk"))
                counts[label] = len(rows)
                objects.extend(rows)
            serializers.serialize(
                "json", objects, stream=handle, use_natural_foreign_keys=True
            )
        digest = hashlib.sha256(data_path.read_bytes()).hexdigest()
        media_root = Path(settings.MEDIA_ROOT)
        media = (
            sorted(p for p in media_root.rglob("*") if p.is_file())
            if media_root.exists()
            else []
        )
        manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": _migrations(),
            "counts": counts,
            "data_sha256": digest,
            "media": [str(p.relative_to(media_root)) for p in media],
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            payload = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            archive.add(data_path, arcname="data.json")
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
        os.replace(partial, out)
    return BackupSummary(path=out, counts=counts, media_files=len(media))


def _database_is_empty() -> bool:
    from doorstroom.apps.audit_events.models import AuditEvent
    from doorstroom.apps.target_workers.models import Person

    return not Person.objects.exists() and not AuditEvent.objects.exists()


def restore_backup(archive_path: Path | str) -> BackupSummary:
    """Restore ``archive_path`` into an empty database; raise BackupError on any doubt."""
    from doorstroom.apps.audit_events.services import verify_chain

    archive_path = Path(archive_path)
    call_command("migrate", interactive=False, verbosity=0)
    if not _database_is_empty():
        raise BackupError(
            "De databank is niet leeg: herstel gebeurt enkel in een lege databank "
            "(the database is not empty)."
        )
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                archive.extractall(tmp, filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{archive_path}: geen leesbare back-up ({exc})") from exc
        root = Path(tmp)
        try:
            manifest = json.loads((root / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise BackupError(
                f"{archive_path}: manifest.json ontbreekt of is beschadigd"
            ) from exc
        data = (root / "data.json").read_bytes()
        if hashlib.sha256(data).hexdigest() != manifest.get("data_sha256"):
            raise BackupError(f"{archive_path}: data.json is beschadigd (checksum)")
        with transaction.atomic():
            objects = serializers.deserialize(
                "json", data, handle_forward_references=True
            )
            for obj in objects:
                obj.save()
            _reset_sequences()
            counts = {
                label: model._default_manager.count() for label, model in _models()
            }
            expected = manifest["counts"]
            wrong = {
                k: (v, counts.get(k)) for k, v in expected.items() if counts.get(k) != v
            }
            if wrong:
                raise BackupError(
                    f"aantallen verschillen na herstel (counts differ): {wrong}"
                )
            problems = verify_chain()
            if problems:
                raise BackupError(f"audittrail niet intact na herstel: {problems[:3]}")
        media_src = root / "media"
        media_root = Path(settings.MEDIA_ROOT)
        files = 0
        if media_src.exists():
            for path in media_src.rglob("*"):
                if path.is_file():
                    target = media_root / path.relative_to(media_src)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
                    files += 1
    return BackupSummary(path=archive_path, counts=counts, media_files=files)


def _reset_sequences() -> None:
    models = [model for _, model in _models()]
    statements = connection.ops.sequence_reset_sql(_NoStyle(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text

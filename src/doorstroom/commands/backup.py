"""``doorstroom backup`` and ``doorstroom restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write the database and uploaded files to one .tar.gz",
        description=(
            "Write every table that holds data (including the audit trail) and the "
            "uploaded files to one .tar.gz with a manifest of row counts and a checksum. "
            "Works on SQLite and PostgreSQL alike."
        ),
    )
    backup.add_argument("--out", required=True, type=Path, help="the archive to write")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="restore a backup into an empty database, all or nothing",
        description=(
            "Migrate, load the archive in one transaction, check the row counts and "
            "verify the audit chain. Refuses a database that already holds persons "
            "or audit entries. Exit 2 when the archive cannot be restored."
        ),
    )
    restore.add_argument(
        "--from", dest="source", required=True, type=Path, help="the archive"
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.backups.services import create_backup

    summary = create_backup(args.out)
    rows = sum(summary.counts.values())
    print(
        f"Back-up geschreven: {summary.path} ({rows} rijen, {summary.media_files} bestanden)"
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.backups.services import BackupError, restore_backup

    try:
        summary = restore_backup(args.source)
    except BackupError as exc:
        print(
            f"Herstel mislukt, niets gewijzigd / restore failed, nothing changed: {exc}",
            file=sys.stderr,
        )
        return 2
    rows = sum(summary.counts.values())
    print(
        f"Hersteld: {rows} rijen, {summary.media_files} bestanden; audittrail intact."
    )
    return 0

"""A killed import leaves nothing behind, and a re-run imports everything.

``doorstroom import`` runs in a subprocess against a file database (SQLite, and a
throw-away PostgreSQL); ``DOORSTROOM_IMPORT_TEST_PAUSE`` makes it stop inside its
transaction after persons, WOP dossiers and employment spells were written, and the
test kills it there with SIGKILL.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.domain.synth import generate

PERSONS = 2000
TABLES = {
    "persons": Person._meta.db_table,
    "dossiers": WopDossier._meta.db_table,
    "spells": EmploymentSpell._meta.db_table,
    "audit": AuditEvent._meta.db_table,
}


@pytest.fixture(scope="module")
def synth_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "synth"
    generate(folder, persons=PERSONS, seed=3, app_extras=True)
    return folder


def _csv_rows(path) -> int:
    with open(path, newline="", encoding="utf-8") as fh:
        return sum(1 for _ in csv.DictReader(fh))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """``(env, count)``: a migrated empty database and a function counting rows."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "doorstroom.conf.ci",
        "DOORSTROOM_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("DOORSTROOM_IMPORT_TEST_PAUSE", None)
    server = None
    if request.param == "sqlite":
        path = tmp_path / "crash.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{path}"

        def count(table: str) -> int:
            with sqlite3.connect(path) as conn:
                return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    else:
        import psycopg

        from doorstroom.ops.postgres import start_postgres

        server = start_postgres()
        env["DATABASE_URL"] = server.url

        def count(table: str) -> int:
            with psycopg.connect(
                server.url.replace("postgres://", "postgresql://")
            ) as conn:
                return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    try:
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput", "-v0"],
            env=env,
            check=True,
            timeout=300,
        )
        yield env, count
    finally:
        if server is not None:
            from doorstroom.ops.postgres import stop_postgres

            stop_postgres(server)


def test_killed_import_leaves_nothing_and_rerun_imports_all(database, synth_folder):
    env, count = database
    command = [
        sys.executable,
        "-m",
        "doorstroom.cli",
        "import",
        "--data",
        str(synth_folder),
    ]
    process = subprocess.Popen(
        command,
        env={**env, "DOORSTROOM_IMPORT_TEST_PAUSE": "120"},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        line = ""
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line or line.startswith("import-test-pause:"):
                break
        assert line.startswith("import-test-pause: persons, dossiers and spells"), line
        process.send_signal(signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()

    for name, table in TABLES.items():
        assert count(table) == 0, name

    completed = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    assert count(TABLES["persons"]) == PERSONS
    assert count(TABLES["dossiers"]) == _csv_rows(synth_folder / "wop_dossiers.csv")
    assert count(TABLES["spells"]) == _csv_rows(synth_folder / "employment.csv")
    assert count(TABLES["audit"]) == PERSONS  # one import entry per person

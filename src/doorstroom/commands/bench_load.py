"""``doorstroom bench load``: the production stack under concurrent users.

Starts a throw-away PostgreSQL (:mod:`doorstroom.ops.postgres`), migrates it
with the production settings, generates and imports a synthetic region
(``--persons``), creates ``--coaches`` coaches spread over the organisations
(one argon2 hash computed once and shared), each with a realistic caseload of
20 persons of their own organisation (fewer when the organisation has not enough
persons left; each person has one coach): an active case file of the doorstroom
trajectory type opened by the coach, with none to four registered steps so that
the phases vary (bulk inserts, not audited: set-up, not use), so the caseload
page shows "only my persons" by default as for a real coach; starts gunicorn on
a free loopback port (``DOORSTROOM_SSL_REDIRECT=0``) and runs ``--users`` concurrent virtual
users (:mod:`doorstroom.ops.loadgen`, each waiting ``--think`` seconds between
requests, as a person reading the page would, and up to the upper think time before
the first one, so that they do not all start in the same instant) for ``--seconds`` against the caseload
page, a person's file, ``/api/persons/`` and ``/api/persons/{id}/``, each user
logged in as a different coach. Prints requests, errors, p50/p95/p99 latency per
endpoint and requests per second (text or ``--format json``). Gunicorn and
PostgreSQL are stopped at the end, also on errors and Ctrl+C.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH_PASSWORD = "bench-load-" + "wachtwoord"
#: Persons per bench coach (the default caseload limit).
CASELOAD = 20
#: Trajectory type of the bench coaches' case files.
CASELOAD_TYPE = "doorstroom_sec_nec"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load",
        help="load-test gunicorn + PostgreSQL with concurrent coaches",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--coaches", type=int, default=500)
    parser.add_argument("--users", type=int, default=50, help="concurrent users")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--max-requests", type=int, default=0, help="total request budget (0: none)"
    )
    parser.add_argument(
        "--workers", type=int, default=0, help="gunicorn workers (0: 2*nproc+1)"
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("LOW", "HIGH"),
        help="seconds each user waits between requests, uniform (default 1 3; "
        "0 0 for a closed-loop stress test); before the first request each user "
        "waits between 0 and HIGH",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def machine() -> dict:
    """nproc, RAM and CPU model of this machine."""
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = 0
    with open("/proc/meminfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(ram / 2**30, 1),
        "cpu_model": model,
        "python": platform.python_version(),
    }


def _log(args: argparse.Namespace, message: str) -> None:
    print(f"[bench load] {message}", file=sys.stderr, flush=True)


def _create_coaches(count: int) -> list[str]:
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from doorstroom.apps.accounts.models import Role, User
    from doorstroom.apps.organisations.models import Organisation

    organisations = list(
        Organisation.objects.annotate(n=Count("persons")).filter(n__gt=0).order_by("pk")
    )
    if not organisations:
        raise RuntimeError("the import created no organisation with persons")
    password = make_password(BENCH_PASSWORD)
    users = [
        User(
            username=f"bench-coach-{i:04d}",
            role=Role.COACH,
            organisation=organisations[i % len(organisations)],
            password=password,
        )
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=500)
    _open_caseloads(users, CASELOAD)
    return [u.username for u in users]


def _open_caseloads(coaches: list, size: int) -> None:
    """Give each coach up to ``size`` persons of their organisation: an active case
    file of :data:`CASELOAD_TYPE` opened by the coach (so the coach's caseload is
    theirs on the caseload page), with 0-4 registered steps (the first step of the
    first 0-4 phases), so that the phases vary. Each person gets one coach."""
    import datetime as dt
    from collections import defaultdict

    from django.utils import timezone

    from doorstroom.apps.casefiles.models import (
        CaseFile,
        CaseStatus,
        EntryKind,
        StepRecord,
    )
    from doorstroom.apps.target_workers.models import Person
    from doorstroom.domain.trajectory_types import get_trajectory_type

    trajectory_type = get_trajectory_type(CASELOAD_TYPE)
    phases = trajectory_type.phases
    by_organisation: dict[int, list] = defaultdict(list)
    for coach in coaches:
        by_organisation[coach.organisation_id].append(coach)
    today = timezone.localdate()
    files: list[CaseFile] = []
    steps_per_file: list[int] = []
    for organisation_id, members in by_organisation.items():
        persons = list(
            Person.objects.active()
            .filter(organisation_id=organisation_id)
            .order_by("pk")
            .values_list("pk", flat=True)[: size * len(members)]
        )
        for index, person_id in enumerate(persons):
            coach = members[index // size]  # persons: at most size per member
            files.append(
                CaseFile(
                    person_id=person_id,
                    trajectory_type=trajectory_type.id,
                    type_version=trajectory_type.version,
                    status=CaseStatus.ACTIVE,
                    started_on=today - dt.timedelta(days=30 + 7 * (index % size)),
                    opened_by=coach,
                )
            )
            steps_per_file.append(index % 5)
    CaseFile.objects.bulk_create(files, batch_size=2000)
    records = [
        StepRecord(
            case_file=case_file,
            kind=EntryKind.STEP,
            phase=phase.id,
            step=phase.steps[0].id,
            date=case_file.started_on + dt.timedelta(days=7 * number),
            recorded_by=case_file.opened_by,
            recorded_by_name=case_file.opened_by.username,
        )
        for case_file, count in zip(files, steps_per_file, strict=True)
        for number, phase in enumerate(phases[: min(count, len(phases))])
    ]
    StepRecord.objects.bulk_create(records, batch_size=2000)


def _cache_dir() -> Path:
    """Where collected static files are kept between runs (``var/bench/load``)."""
    base = Path(os.environ.get("DOORSTROOM_VAR_DIR", Path.cwd() / "var"))
    return (base / "bench" / "load").resolve()


def _collectstatic_cached() -> None:
    """Collect (and compress) the static files unless the sources are unchanged
    since the last run: compression dominates the set-up of small runs."""
    import hashlib
    from importlib.metadata import version

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256(f"{version('django')} {version('whitenoise')}".encode())
    entries = []
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            entries.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
    stamp = Path(settings.STATIC_ROOT).parent / "static.fingerprint"
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())


def _wait_healthy(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                "gunicorn stopped:\n" + log.read_text(errors="replace")[-3000:]
            )
        health = f"http://127.0.0.1:{port}/health/"
        # OSError: not listening yet
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(health, timeout=5) as r,
        ):
            if r.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /health/ within 90 s")


def run(args: argparse.Namespace) -> int:
    from doorstroom.ops.loadgen import ACCESS_LOG_FORMAT, run_load, server_times
    from doorstroom.ops.postgres import free_port, start_postgres, stop_postgres

    if args.users > args.coaches:
        print("--users may not exceed --coaches", file=sys.stderr)
        return 2
    timings: dict[str, float] = {}
    server = None
    gunicorn = None
    served: dict[str, dict[str, float | None]] = {}
    work = Path(tempfile.mkdtemp(prefix="doorstroom-bench-load."))
    try:
        clock = time.perf_counter()
        server = start_postgres()
        timings["postgres_start_s"] = time.perf_counter() - clock
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "doorstroom.conf.production",
            "DATABASE_URL": server.url,
            "DOORSTROOM_SECRET_KEY": secrets.token_urlsafe(50),
            "DOORSTROOM_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DOORSTROOM_SSL_REDIRECT": "0",
            "DOORSTROOM_VAR_DIR": str(_cache_dir()),
        }
        os.environ.update(env)
        from doorstroom.conf import setup_django

        setup_django()
        from django.core.management import call_command
        from django.db import connections

        from doorstroom.apps.imports.services import import_folder
        from doorstroom.domain.synth import generate

        clock = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        timings["migrate_s"] = time.perf_counter() - clock
        clock = time.perf_counter()
        _collectstatic_cached()
        timings["collectstatic_s"] = time.perf_counter() - clock
        _log(args, f"synthetic region of {args.persons} persons")
        clock = time.perf_counter()
        generate(work / "synth", persons=args.persons, seed=args.seed, app_extras=True)
        timings["synth_s"] = time.perf_counter() - clock
        clock = time.perf_counter()
        imported = import_folder(work / "synth")
        timings["import_s"] = time.perf_counter() - clock
        clock = time.perf_counter()
        usernames = _create_coaches(args.coaches)
        timings["coaches_s"] = time.perf_counter() - clock
        connections.close_all()

        port = free_port()
        workers = args.workers or 2 * (os.cpu_count() or 1) + 1
        log = work / "gunicorn.log"
        access_log = work / "access.log"
        with open(log, "wb") as log_file:
            gunicorn = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "doorstroom.wsgi:application",
                    "--config",
                    "python:doorstroom.ops.gunicorn_conf",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--timeout",
                    "120",
                    "--graceful-timeout",
                    "5",
                    "--backlog",
                    "2048",
                    "--access-logfile",
                    str(access_log),
                    "--access-logformat",
                    ACCESS_LOG_FORMAT,
                ],
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_healthy(port, gunicorn, log)
        _log(args, f"{args.users} users for {args.seconds:g} s on port {port}")
        accounts = [(name, BENCH_PASSWORD) for name in usernames[: args.users]]
        result = run_load(
            host="127.0.0.1",
            port=port,
            accounts=accounts,
            seconds=args.seconds,
            max_requests=args.max_requests,
            seed=args.seed,
            think=tuple(args.think),
        )
        # the server's own time per request (without the listen queue)
        served = server_times(
            access_log.read_text(errors="replace").splitlines()
            if access_log.exists()
            else []
        )
    finally:
        if gunicorn is not None and gunicorn.poll() is None:
            gunicorn.terminate()
            try:
                gunicorn.wait(20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if server is not None:
            # Django may not be set up yet
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            stop_postgres(server)
        import shutil

        shutil.rmtree(work, ignore_errors=True)

    figures = {
        "benchmark": "load",
        "machine": machine(),
        "config": {
            "persons": args.persons,
            "persons_imported": imported.rows.get("persons", 0),
            "coaches": args.coaches,
            "users": args.users,
            "seconds": args.seconds,
            "think_seconds": list(args.think),
            "gunicorn_workers": workers,
        },
        "setup": {k: round(v, 2) for k, v in timings.items()},
        **result.summary(),
    }
    for name, figures_of in figures["endpoints"].items():
        figures_of.update(served.get(name, {}))
    if args.format == "json":
        print(json.dumps(figures, indent=2))
    else:
        _print_text(figures)
    return 0 if figures["errors"] == 0 and figures["login_failures"] == 0 else 1


def _print_text(figures: dict) -> None:
    m, c = figures["machine"], figures["config"]
    print(
        f"Machine: {m['nproc']} cores, {m['ram_gib']} GiB, {m['cpu_model']}\n"
        f"{c['persons_imported']} persons, {c['coaches']} coaches, {c['users']} "
        f"users, {figures['duration_s']} s, {c['gunicorn_workers']} gunicorn workers"
    )
    print(
        f"requests {figures['requests']}, errors {figures['errors']}, "
        f"{figures['requests_per_second']} req/s, logins {figures['logins']} "
        f"(failed {figures['login_failures']})"
    )
    print(
        f"{'endpoint':<12} {'requests':>8} {'errors':>6} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'server p50':>10} "
        f"{'server p95':>10}"
    )
    for name, e in figures["endpoints"].items():
        print(
            f"{name:<12} {e['requests']:>8} {e['errors']:>6} {e['p50_ms']!s:>8} "
            f"{e['p95_ms']!s:>8} {e['p99_ms']!s:>8} {e['requests_per_second']:>7} "
            f"{e.get('server_p50_ms')!s:>10} {e.get('server_p95_ms')!s:>10}"
        )
    print(
        "(p50/p95/p99: as the users saw it; server: the worker's own time, "
        "without the wait in the listen queue)"
    )
    for sample in figures["error_samples"]:
        print(f"  error: {sample}")

"""Load a monitoring data folder (the CSV contract, plus the demo's extra files)
into the app database: all or nothing.

The folder is first checked by the monitoring engine's own validation
(``doorstroom.domain.monitoring.validation``), then the app's extra checks (ids that
already exist in the database, the optional ``identities.csv``, ``partners.csv`` and
``organisations.csv``). Any problem rejects the whole folder and every problem is
listed by file, line and column. The rows are written in one transaction.
"""

from __future__ import annotations

import csv
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction

from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record
from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Trajectory
from doorstroom.domain.monitoring.validation import Problem, validate_folder

VDAB_EXTERNAL_ID = "VDAB"
EXTRA_FILES = {
    "identities.csv": (
        "person_id",
        "first_name",
        "last_name",
        "postcode",
        "municipality",
    ),
    "partners.csv": ("partner_id", "name"),
    "organisations.csv": ("employer_id", "name", "kind"),
}
KIND_ALIASES = {
    "maatwerkbedrijf": OrganisationKind.CUSTOM_WORK_COMPANY,
    "lde_initiatief": OrganisationKind.LDE_INITIATIVE,
    "nec_employer": OrganisationKind.NEC_EMPLOYER,
    "nec_werkgever": OrganisationKind.NEC_EMPLOYER,
    "interim": OrganisationKind.INTERIM_OFFICE,
    "interimkantoor": OrganisationKind.INTERIM_OFFICE,
    "doorstroompartner": OrganisationKind.TRANSITION_PARTNER,
    "lokaal_bestuur": OrganisationKind.LOCAL_GOVERNMENT,
}
BATCH = 5000


class ImportRejectedError(Exception):
    """The folder was not imported; ``problems`` says why, row by row."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class ImportSummary:
    rows: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their physical line number (header = line 1)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if not any((v or "").strip() for v in row.values()):
                continue
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _problem(
    file: str, line: int | None, column: str | None, en: str, nl: str
) -> Problem:
    return Problem(
        file=file, line=line, column=column, message=en, message_nl=nl, code="app"
    )


def _check_existing(folder: Path) -> list[Problem]:
    """Ids already in the database (importing twice would duplicate people)."""
    checks = [
        ("persons.csv", "person_id", Person),
        ("wop_dossiers.csv", "dossier_id", WopDossier),
        ("employment.csv", "spell_id", EmploymentSpell),
        ("advices.csv", "advice_id", Advice),
        ("trajectories.csv", "trajectory_id", Trajectory),
    ]
    problems = []
    for file, column, model in checks:
        rows = list(_rows(folder / file))
        ids = [r[column] for _, r in rows]
        existing: set[str] = set()
        for start in range(0, len(ids), 900):
            existing.update(
                model.objects.filter(
                    external_id__in=ids[start : start + 900]
                ).values_list("external_id", flat=True)
            )
        for line, row in rows:
            if row[column] in existing:
                problems.append(
                    _problem(
                        file,
                        line,
                        column,
                        f"id {row[column]!r} is already in the database",
                        f"id {row[column]!r} staat al in de databank",
                    )
                )
    return problems


def _check_extras(folder: Path, person_ids: set[str]) -> list[Problem]:
    problems = []
    for file, required in EXTRA_FILES.items():
        path = folder / file
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        for column in required:
            if column not in header:
                problems.append(
                    _problem(
                        file,
                        1,
                        column,
                        "required column is missing",
                        "verplichte kolom ontbreekt",
                    )
                )
        if any(c not in header for c in required):
            continue
        for line, row in _rows(path):
            if file == "identities.csv" and row["person_id"] not in person_ids:
                problems.append(
                    _problem(
                        file,
                        line,
                        "person_id",
                        f"unknown person {row['person_id']!r}",
                        f"onbekende persoon {row['person_id']!r}",
                    )
                )
            if (
                file == "identities.csv"
                and row["postcode"]
                and not (row["postcode"].isdigit() and len(row["postcode"]) == 4)
            ):
                problems.append(
                    _problem(
                        file,
                        line,
                        "postcode",
                        f"postcode {row['postcode']!r} is not four digits",
                        f"postcode {row['postcode']!r} is geen getal van vier cijfers",
                    )
                )
            if file == "organisations.csv" and row["kind"] not in KIND_ALIASES:
                problems.append(
                    _problem(
                        file,
                        line,
                        "kind",
                        f"unknown kind {row['kind']!r}",
                        f"onbekende soort {row['kind']!r}",
                    )
                )
    return problems


def check_folder(folder: Path) -> tuple[list[Problem], list[Problem]]:
    """Every problem and warning of ``folder``, without writing anything."""
    result = validate_folder(folder)
    if result.problems:
        return result.problems, result.warnings
    person_ids = {r["person_id"] for _, r in _rows(folder / "persons.csv")}
    problems = _check_existing(folder) + _check_extras(folder, person_ids)
    return problems, result.warnings


def import_folder(folder: Path | str, *, actor=None) -> ImportSummary:
    """Import ``folder`` or raise :class:`ImportRejectedError` with every problem."""
    folder = Path(folder)
    problems, warnings = check_folder(folder)
    if problems:
        raise ImportRejectedError(problems)
    summary = ImportSummary(warnings=warnings)
    with transaction.atomic():
        _write(folder, summary, actor)
    _refresh_statistics()
    return summary


#: Tables an import fills in bulk.
IMPORTED_MODELS = (
    Organisation,
    Person,
    WopDossier,
    EmploymentSpell,
    Trajectory,
    Advice,
)


def _refresh_statistics() -> None:
    """After a bulk import, let PostgreSQL's planner see the new row counts at once
    (autovacuum would analyse later; until then a person's spells may be read with
    a scan of every spell instead of the index)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in IMPORTED_MODELS:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def _extra(folder: Path, file: str, key: str) -> dict[str, dict[str, str]]:
    path = folder / file
    if not path.exists():
        return {}
    return {row[key]: row for _, row in _rows(path)}


def _test_pause(stage: str) -> None:
    """Crash tests only: with ``DOORSTROOM_IMPORT_TEST_PAUSE=<seconds>`` set, say
    which stage was written (stderr) and sleep, inside the import's transaction, so
    that a test can kill the process there. Does nothing otherwise."""
    pause = os.environ.get("DOORSTROOM_IMPORT_TEST_PAUSE")
    if not pause:
        return
    sys.stderr.write(f"import-test-pause: {stage}\n")
    sys.stderr.flush()
    time.sleep(float(pause))


def _write(folder: Path, summary: ImportSummary, actor) -> None:
    org_extra = _extra(folder, "organisations.csv", "employer_id")
    partner_extra = _extra(folder, "partners.csv", "partner_id")
    identities = _extra(folder, "identities.csv", "person_id")

    orgs: dict[str, Organisation] = {
        o.external_id: o for o in Organisation.objects.all()
    }
    new_orgs = []
    for _, row in _rows(folder / "employers.csv"):
        if row["employer_id"] in orgs:
            continue
        extra = org_extra.get(row["employer_id"], {})
        if extra:
            kind = KIND_ALIASES[extra["kind"]]
        elif row["circuit"] == "SEC":
            kind = OrganisationKind.CUSTOM_WORK_COMPANY
        else:
            kind = OrganisationKind.NEC_EMPLOYER
        org = Organisation(
            external_id=row["employer_id"],
            name=(extra.get("name") or row.get("name") or row["employer_id"])[:200],
            kind=kind,
            nace=row.get("nace", ""),
            province=row.get("province", ""),
            postcode=extra.get("postcode", ""),
            municipality=extra.get("municipality", ""),
        )
        orgs[org.external_id] = org
        new_orgs.append(org)
    for _, row in _rows(folder / "trajectories.csv"):
        pid = row["partner_id"]
        if pid not in orgs:
            extra = partner_extra.get(pid, {})
            org = Organisation(
                external_id=pid,
                name=(extra.get("name") or pid)[:200],
                kind=OrganisationKind.TRANSITION_PARTNER,
                province=extra.get("province", ""),
            )
            orgs[pid] = org
            new_orgs.append(org)
    if VDAB_EXTERNAL_ID not in orgs:
        vdab = Organisation(
            external_id=VDAB_EXTERNAL_ID, name="VDAB", kind=OrganisationKind.VDAB
        )
        orgs[VDAB_EXTERNAL_ID] = vdab
        new_orgs.append(vdab)
    Organisation.objects.bulk_create(new_orgs, batch_size=BATCH)
    orgs = {o.external_id: o for o in Organisation.objects.all()}
    summary.rows["organisations"] = len(new_orgs)

    # Home organisation: the SEC employer of the person's latest WOP dossier.
    dossier_rows = [row for _, row in _rows(folder / "wop_dossiers.csv")]
    home: dict[str, tuple[str, str, str]] = {}
    for row in dossier_rows:
        if orgs[row["employer_id"]].circuit != "SEC":
            continue
        key = (row["start_date"], row["dossier_id"], row["employer_id"])
        if row["person_id"] not in home or key > home[row["person_id"]]:
            home[row["person_id"]] = key

    persons = []
    for _, row in _rows(folder / "persons.csv"):
        ident = identities.get(row["person_id"], {})
        employer = home.get(row["person_id"])
        persons.append(
            Person(
                external_id=row["person_id"],
                first_name=ident.get("first_name", ""),
                last_name=ident.get("last_name", ""),
                postcode=ident.get("postcode", ""),
                municipality=ident.get("municipality", ""),
                birth_date=_date(row.get("birth_date", "")),
                sex=row.get("sex", ""),
                province=row.get("province", ""),
                education=row.get("education", ""),
                organisation=orgs[employer[2]] if employer else None,
            )
        )
    Person.objects.bulk_create(persons, batch_size=BATCH)
    person_pk = dict(
        Person.objects.filter(
            external_id__in=[p.external_id for p in persons]
        ).values_list("external_id", "pk")
    )
    summary.rows["persons"] = len(persons)

    dossiers = [
        WopDossier(
            external_id=row["dossier_id"],
            person_id=person_pk[row["person_id"]],
            employer=orgs[row["employer_id"]],
            instrument=row["instrument"],
            start_date=_date(row["start_date"]),
            end_date=_date(row.get("end_date", "")),
        )
        for row in dossier_rows
    ]
    WopDossier.objects.bulk_create(dossiers, batch_size=BATCH)
    dossier_pk = dict(
        WopDossier.objects.filter(
            external_id__in=[d.external_id for d in dossiers]
        ).values_list("external_id", "pk")
    )
    summary.rows["wop_dossiers"] = len(dossiers)

    spells = []
    for _, row in _rows(folder / "employment.csv"):
        hours = row.get("hours_per_week", "")
        spells.append(
            EmploymentSpell(
                external_id=row["spell_id"],
                person_id=person_pk[row["person_id"]],
                employer=orgs[row["employer_id"]],
                start_date=_date(row["start_date"]),
                end_date=_date(row.get("end_date", "")),
                hours_per_week=Decimal(hours) if hours else None,
                wop_dossier_id=dossier_pk[row["wop_dossier_id"]]
                if row.get("wop_dossier_id")
                else None,
            )
        )
    EmploymentSpell.objects.bulk_create(spells, batch_size=BATCH)
    summary.rows["employment"] = len(spells)
    _test_pause("persons, dossiers and spells written")

    advices = [
        Advice(
            external_id=row["advice_id"],
            person_id=person_pk[row["person_id"]],
            evaluator_organisation=orgs[VDAB_EXTERNAL_ID],
            date=_date(row.get("date", "")),
            instrument=row["instrument"],
            result=row["result"],
        )
        for _, row in _rows(folder / "advices.csv")
    ]
    Advice.objects.bulk_create(advices, batch_size=BATCH)
    summary.rows["advices"] = len(advices)

    trajectories = [
        Trajectory(
            external_id=row["trajectory_id"],
            person_id=person_pk[row["person_id"]],
            partner=orgs[row["partner_id"]],
            start_date=_date(row["start_date"]),
            end_date=_date(row.get("end_date", "")),
            end_reason=row.get("end_reason", ""),
            stage=row["stage"],
        )
        for _, row in _rows(folder / "trajectories.csv")
    ]
    Trajectory.objects.bulk_create(trajectories, batch_size=BATCH)
    summary.rows["trajectories"] = len(trajectories)

    org_of = {
        p.external_id: p.organisation.pk if p.organisation else None for p in persons
    }
    record(
        actor=actor,
        action=Action.IMPORT,
        subjects=[
            Subject(person_id=pk, person_organisation_id=org_of[external_id])
            for external_id, pk in person_pk.items()
        ],
        detail=f"import of {folder.name}",
        channel="cli" if actor is None else None,
    )

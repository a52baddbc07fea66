"""Write the app database as a monitoring data folder (the CSV contract).

Erased persons stay in the export without a name: the contract holds no names,
so figures computed from the export stay correct after an erasure.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Trajectory

CHUNK = 5000


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _hours(value) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def export_folder(out_dir: Path | str) -> dict[str, int]:
    """Write the six contract files to ``out_dir`` atomically; return row counts."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    counts: dict[str, int] = {}

    def write(name: str, header: list[str], rows) -> None:
        n = 0
        with (tmp / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                n += 1
        counts[name] = n

    employer_kinds = [k for k in OrganisationKind.values if k != OrganisationKind.VDAB]
    write(
        "persons.csv",
        ["person_id", "birth_date", "sex", "province", "education"],
        (
            (p.external_id, _iso(p.birth_date), p.sex, p.province, p.education)
            for p in Person.objects.order_by("pk").iterator(chunk_size=CHUNK)
        ),
    )
    write(
        "employers.csv",
        ["employer_id", "name", "circuit", "nace", "province"],
        (
            (o.external_id, o.name, o.circuit, o.nace, o.province)
            for o in Organisation.objects.filter(kind__in=employer_kinds)
            .exclude(kind=OrganisationKind.TRANSITION_PARTNER)
            .order_by("pk")
        ),
    )
    write(
        "wop_dossiers.csv",
        [
            "dossier_id",
            "person_id",
            "employer_id",
            "instrument",
            "start_date",
            "end_date",
        ],
        (
            (d[0], d[1], d[2], d[3], _iso(d[4]), _iso(d[5]))
            for d in WopDossier.objects.order_by("pk")
            .values_list(
                "external_id",
                "person__external_id",
                "employer__external_id",
                "instrument",
                "start_date",
                "end_date",
            )
            .iterator(chunk_size=CHUNK)
        ),
    )
    write(
        "employment.csv",
        [
            "spell_id",
            "person_id",
            "employer_id",
            "start_date",
            "end_date",
            "hours_per_week",
            "wop_dossier_id",
        ],
        (
            (s[0], s[1], s[2], _iso(s[3]), _iso(s[4]), _hours(s[5]), s[6] or "")
            for s in EmploymentSpell.objects.order_by("pk")
            .values_list(
                "external_id",
                "person__external_id",
                "employer__external_id",
                "start_date",
                "end_date",
                "hours_per_week",
                "wop_dossier__external_id",
            )
            .iterator(chunk_size=CHUNK)
        ),
    )
    write(
        "advices.csv",
        ["advice_id", "person_id", "date", "instrument", "result"],
        (
            (a[0], a[1], _iso(a[2]), a[3], a[4])
            for a in Advice.objects.exclude(result="")
            .order_by("pk")
            .values_list(
                "external_id", "person__external_id", "date", "instrument", "result"
            )
            .iterator(chunk_size=CHUNK)
        ),
    )
    write(
        "trajectories.csv",
        [
            "trajectory_id",
            "person_id",
            "partner_id",
            "start_date",
            "end_date",
            "end_reason",
            "stage",
        ],
        (
            (t[0], t[1], t[2], _iso(t[3]), _iso(t[4]), t[5], t[6])
            for t in Trajectory.objects.order_by("pk")
            .values_list(
                "external_id",
                "person__external_id",
                "partner__external_id",
                "start_date",
                "end_date",
                "end_reason",
                "stage",
            )
            .iterator(chunk_size=CHUNK)
        ),
    )
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(tmp, out_dir)
    return counts

"""``doorstroom import``: load a data folder into the app database, all or nothing.

After a successful import the data-quality summary of the folder
(:func:`doorstroom.domain.monitoring.quality.quality_summary`: unknown values,
dates after the reference date, overlaps) is printed in Dutch on stdout, with
exact counts: whoever runs the import holds the folder.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="load a data folder (CSV contract) into the app database, all or nothing",
        description=(
            "Load a monitoring data folder (persons.csv, employers.csv, wop_dossiers.csv, "
            "employment.csv, advices.csv, trajectories.csv; optionally identities.csv, "
            "partners.csv, organisations.csv from 'doorstroom synth --app-extras') into "
            "the app database. Any invalid row rejects the whole folder: nothing is "
            "written and every problem is listed with file, line and column (exit 2)."
        ),
    )
    parser.add_argument("--data", required=True, type=Path, help="the data folder")
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="reference date of the data-quality summary (default: today)",
    )
    parser.set_defaults(func=run)


def _date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date in YYYY-MM-DD form: {text!r}"
        ) from None


def run(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.imports.services import ImportRejectedError, import_folder

    if not args.data.is_dir():
        print(f"Map niet gevonden / folder not found: {args.data}", file=sys.stderr)
        return 2
    try:
        summary = import_folder(args.data)
    except ImportRejectedError as rejected:
        print(
            f"Niets ingelezen: {len(rejected.problems)} probleem/problemen "
            f"(nothing imported: {len(rejected.problems)} problem(s)).",
            file=sys.stderr,
        )
        for problem in rejected.problems:
            print(f"- {problem.format_nl()}  [{problem.format_en()}]", file=sys.stderr)
        return 2
    for warning in summary.warnings:
        print(f"waarschuwing: {warning.format_nl()}", file=sys.stderr)
    print(
        "Ingelezen / imported: "
        + ", ".join(f"{k} {v}" for k, v in summary.rows.items())
    )
    from django.utils import timezone

    from doorstroom.domain.monitoring.quality import format_quality_nl, quality_summary

    as_of = getattr(args, "as_of", None) or timezone.localdate()
    print(format_quality_nl(quality_summary(args.data, as_of)), end="")
    return 0

"""``doorstroom match-export``: recorded decisions for ``doorstroom match-eval``.

Writes ``outcomes.csv``, ``persons.json`` and ``vacancies.json`` from the app
database (see :mod:`doorstroom.apps.matches.evaluation_export`), so that the
evaluation runs on the coaches' real decisions::

    doorstroom match-export --out eval/
    doorstroom match-eval --outcomes eval/outcomes.csv \\
        --persons-file eval/persons.json --vacancies-file eval/vacancies.json
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``match-export`` subcommand."""
    parser = subparsers.add_parser(
        "match-export",
        help=(
            "beslissingen en matchinggegevens uitvoeren voor match-eval "
            "(export recorded matching decisions for match-eval)"
        ),
        description=(
            "Schrijft outcomes.csv (laatste beslissing per persoon en vacature), "
            "persons.json (enkel matchinggegevens: geen naam, geslacht, leeftijd of "
            "afkomst) en vacancies.json uit de databank van de app, voor "
            "'doorstroom match-eval'. Elke uitgevoerde persoon krijgt een auditregel. "
            "/ Writes outcomes.csv (latest decision per person and vacancy), "
            "persons.json (matching data only: no name, sex, age or origin) and "
            "vacancies.json from the app database, for 'doorstroom match-eval'. "
            "Every exported person gets an audit entry."
        ),
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        help="map om naar te schrijven (folder to write)",
    )
    parser.add_argument(
        "--organisation",
        help=(
            "enkel personen van deze organisatie, extern id "
            "(only persons of this organisation, external id)"
        ),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export; 2 when the organisation is unknown."""
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.matches.evaluation_export import (
        OUTCOMES_FILE,
        PERSONS_FILE,
        VACANCIES_FILE,
        export_evaluation_data,
    )
    from doorstroom.apps.organisations.models import Organisation

    organisation = None
    if args.organisation:
        organisation = Organisation.objects.filter(
            external_id__iexact=args.organisation
        ).first()
        if organisation is None:
            print(
                f"match-export: onbekende organisatie / unknown organisation "
                f"{args.organisation!r}"
            )
            return 2
    result = export_evaluation_data(args.out, organisation=organisation)
    out = args.out
    print(
        f"Geschreven naar {out} (written): {result.outcomes} beslissingen/outcomes, "
        f"{result.persons} personen/persons, {result.vacancies} vacatures/vacancies.\n"
        f"doorstroom match-eval --outcomes {out / OUTCOMES_FILE} "
        f"--persons-file {out / PERSONS_FILE} --vacancies-file {out / VACANCIES_FILE}"
    )
    return 0

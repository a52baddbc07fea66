"""``doorstroom export``: write the app database as a data folder (CSV contract)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the app database as a monitoring data folder (CSV contract)",
        description=(
            "Write the six CSV files of the monitoring data contract from the app "
            "database, so that 'doorstroom report --data DIR' can run on them. The folder "
            "is replaced atomically. The files hold no names."
        ),
    )
    parser.add_argument("--out", required=True, type=Path, help="the folder to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.imports.exports import export_folder

    counts = export_folder(args.out)
    print(
        f"Geschreven naar {args.out}: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return 0

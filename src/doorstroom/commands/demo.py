"""``doorstroom demo``: load the demo population and users (idempotent)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="load the synthetic demo population and the demo users (idempotent)",
        description=(
            "Import the data folder into an empty database (skipped when persons are "
            "already there), add one demo user per role with consents, a stage and "
            "vacancies, and print the demo logins."
        ),
    )
    parser.add_argument(
        "--data",
        required=True,
        type=Path,
        help="folder from 'doorstroom synth --app-extras'",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.web.demo import DEMO_PASSWORD, demo_totp_secret, ensure_demo

    logins = ensure_demo(args.data)
    print(f"\nDemo-logins (wachtwoord / password: {DEMO_PASSWORD})")
    for login in logins:
        print(f"  {login.username:<12} {login.role:<28} {login.organisation}")
    print(
        "  beheerder and analist also ask for a code from an authenticator app; "
        f"demo key: {demo_totp_secret()}"
    )
    return 0

"""The ``doorstroom`` command line: one entry point, one module per subcommand.

Each subcommand lives in ``doorstroom.commands.<name>`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (a callable
taking the parsed arguments and returning an exit code). Heavy imports (Ibis,
Django, PySpark) happen inside ``func``, so ``doorstroom --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "synth",
    "import_data",
    "export_data",
    "report",
    "audit",
    "backup",
    "demo",
    "bench",
    "match_eval",
    "match_export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doorstroom",
        description=(
            "Doorstroom: trajectories from the social economy (SEC) to regular "
            "work (NEC), and the official transition figures."
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"doorstroom.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"doorstroom.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

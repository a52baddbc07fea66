"""``doorstroom synth``: write a synthetic, calibrated Flemish population.

Writes the six CSV files of the monitoring contract (``shared/spec/monitoring.md``
§1) to ``--out``; with ``--app-extras`` also the web app's demo files. See
``docs/synth.md`` for the model and its calibration.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``synth`` subcommand."""
    parser = subparsers.add_parser(
        "synth",
        help="write a synthetic population as the CSV files of the data contract",
        description=(
            "Generate a deterministic synthetic population (persons, employers, WOP "
            "dossiers, employment spells, advices, trajectories), calibrated at the "
            "default size on the parliamentary answers in the seeds."
        ),
    )
    parser.add_argument(
        "--out", required=True, type=Path, help="folder to write the CSV files to"
    )
    parser.add_argument(
        "--persons",
        type=_positive,
        default=None,
        help="population size (default: Flanders' own size, calibrated on the seeds)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--app-extras",
        action="store_true",
        help="also write identities.csv, partners.csv and organisations.csv for the web app demo",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Generate the population and print the rows written per file."""
    from doorstroom.domain.synth import generate

    started = time.perf_counter()
    summary = generate(
        args.out, persons=args.persons, seed=args.seed, app_extras=args.app_extras
    )
    elapsed = time.perf_counter() - started
    lines = [f"{name}.csv: {rows:,} rows" for name, rows in summary.counts().items()]
    lines.append(f"written to {args.out} in {elapsed:.1f} s")
    if summary.unplaced_slots:
        lines.append(
            f"warning: {summary.unplaced_slots} advice/trajectory slots found no fitting person"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0

"""``doorstroom bench``: benchmark commands that print figures.

Each benchmark lives in its own module ``doorstroom.commands.bench_<name>`` with
``register(subparsers)``; this module only groups them under ``bench``.
"""

from __future__ import annotations

import argparse
import importlib

BENCHMARKS = ("monitoring", "matching", "load")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench", help="run a benchmark and print its figures"
    )
    inner = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK")
    inner.required = True
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(f"doorstroom.commands.bench_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"doorstroom.commands.bench_{name}":
                raise
            continue
        module.register(inner)

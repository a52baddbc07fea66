"""``doorstroom bench matching``: all top-10 lists both ways on a synthetic region.

Builds a deterministic synthetic region (persons and vacancies, see
:mod:`doorstroom.domain.matching.synthetic`), encodes it and computes the top-10
vacancies of every person and the top-10 consenting candidates of every vacancy,
then prints the figures as one JSON object (or a short text).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import sys
import time
from typing import Any


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``bench matching`` subcommand."""
    parser = subparsers.add_parser(
        "matching",
        help="time all top-10 lists (persons→vacancies and vacancies→candidates)",
        description=(
            "Generate a synthetic region and time the top-10 lists both ways with the "
            "hard constraints and the competence fit."
        ),
    )
    parser.add_argument(
        "--persons", type=_positive, default=100_000, help="persons (default 100000)"
    )
    parser.add_argument(
        "--vacancies", type=_positive, default=5_000, help="vacancies (default 5000)"
    )
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    parser.add_argument(
        "--k", type=_positive, default=10, help="list length (default 10)"
    )
    parser.add_argument(
        "--chunk-size",
        type=_positive,
        default=1024,
        help="persons per block (default 1024)",
    )
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.set_defaults(func=run)


def _max_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    """The machine the figures were measured on."""
    import numpy as np

    cpu = platform.processor() or platform.machine()
    with (
        contextlib.suppress(OSError),
        open("/proc/cpuinfo", encoding="utf-8") as handle,
    ):
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory_gb = round(
            os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1
        )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
    }


def measure(
    persons: int, vacancies: int, *, seed: int, k: int, chunk_size: int
) -> dict[str, Any]:
    """Run the benchmark and return its figures."""
    from doorstroom.domain.matching import MatchIndex
    from doorstroom.domain.matching.synthetic import make_world

    started = time.perf_counter()
    world = make_world(persons, vacancies, seed=seed)
    generated = time.perf_counter()
    rss_before = _max_rss_mb()
    index = MatchIndex(
        world.persons, world.vacancies, world.gazetteer, chunk_size=chunk_size
    )
    encoded = time.perf_counter()
    by_person, by_vacancy = index.top_both(k)
    ranked = time.perf_counter()
    return {
        "benchmark": "matching",
        "persons": persons,
        "vacancies": vacancies,
        "k": k,
        "seconds_generate": round(generated - started, 3),
        "seconds_encode": round(encoded - generated, 3),
        "seconds_top_k_both_ways": round(ranked - encoded, 3),
        "seconds": round(ranked - generated, 3),
        "persons_with_a_list": int((by_person.indices[:, 0] >= 0).sum()),
        "mean_list_length_persons": round(
            float((by_person.indices >= 0).sum(axis=1).mean()), 2
        ),
        "vacancies_with_a_list": int((by_vacancy.indices[:, 0] >= 0).sum()),
        "mean_list_length_vacancies": round(
            float((by_vacancy.indices >= 0).sum(axis=1).mean()), 2
        ),
        "peak_memory_mb": _max_rss_mb(),
        "peak_memory_mb_before_matching": rss_before,
        "chunk_size": chunk_size,
        "seed": seed,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "machine": machine(),
    }


def run(args: argparse.Namespace) -> int:
    """Print the benchmark figures."""
    figures = measure(
        args.persons,
        args.vacancies,
        seed=args.seed,
        k=args.k,
        chunk_size=args.chunk_size,
    )
    if args.format == "json":
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(
            f"{figures['persons']} persons × {figures['vacancies']} vacancies: all top-{figures['k']} "
            f"lists both ways in {figures['seconds']} s (encode {figures['seconds_encode']} s, "
            f"rank {figures['seconds_top_k_both_ways']} s), peak {figures['peak_memory_mb']} MB, "
            f"on {figures['machine']['cpu']} ({figures['machine']['cores']} cores)"
        )
    sys.stdout.flush()
    return 0

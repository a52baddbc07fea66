"""``doorstroom bench matching``: all top-10 lists both ways on a synthetic region.

Builds a deterministic synthetic region (persons and vacancies, see
:mod:`doorstroom.domain.matching.synthetic`), encodes it and computes the top-10
vacancies of every person and the top-10 consenting candidates of every vacancy
(``all_top10_seconds``, encoding excluded). Then it times one person's top-10
against all vacancies with :meth:`MatchIndex.rank_person` (the call a page makes
once the index of open vacancies exists) for a sample of persons
(``single_query_ms_p95``), and a straightforward per-pair Python loop
(``check_constraints`` then ``distance()`` per pair, then the top-10) on a sample
of persons × all vacancies. ``loop_ratio`` = loop seconds per pair / vectorised
seconds per pair, where the vectorised cost per pair is ``all_top10_seconds /
(persons × vacancies)`` (both directions, so the ratio understates the gain).
Prints one JSON object (or a short text).
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
        "--persons", type=_positive, default=50_000, help="persons (default 50000)"
    )
    parser.add_argument(
        "--vacancies",
        type=_positive,
        default=100_000,
        help="vacancies (default 100000)",
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
    parser.add_argument(
        "--queries",
        type=_positive,
        default=200,
        help="random persons for the single-query timing (default 200)",
    )
    parser.add_argument(
        "--loop-persons",
        type=_positive,
        default=3,
        help="persons × all vacancies for the per-pair Python loop (default 3)",
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


def _loop_top(person: Any, vacancies: Any, gazetteer: Any, k: int) -> list[str]:
    """One person's top-k, the straightforward way: one pair at a time in Python."""
    from doorstroom.domain.competences import distance
    from doorstroom.domain.matching import check_constraints

    scored = []
    for vacancy in vacancies:
        if not check_constraints(person, vacancy, gazetteer).passed:
            continue
        result = distance(person.levels, vacancy.profile)
        fit = round(result.fit or 0.0, 9)
        scored.append((bool(result.blockers), -fit, vacancy.id))
    scored.sort()
    return [vacancy_id for _, _, vacancy_id in scored[:k]]


def measure(
    persons: int,
    vacancies: int,
    *,
    seed: int,
    k: int,
    chunk_size: int,
    queries: int = 200,
    loop_persons: int = 3,
) -> dict[str, Any]:
    """Run the benchmark and return its figures."""
    import numpy as np

    from doorstroom.domain.matching import MatchIndex
    from doorstroom.domain.matching.synthetic import make_world

    load_before = round(os.getloadavg()[0], 2)
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
    all_top = ranked - encoded

    rng = np.random.default_rng(seed + 1)
    sample = rng.choice(len(index.persons), size=min(queries, persons), replace=False)
    durations = []
    for row in sample.tolist():
        tick = time.perf_counter()
        index.rank_person(index.persons[row], k)
        durations.append(time.perf_counter() - tick)
    query_ms = np.array(durations) * 1000.0

    loop_rows = sample[: min(loop_persons, persons)].tolist()
    lists = by_person.lists()
    tick = time.perf_counter()
    loop_lists = {
        index.person_ids[row]: _loop_top(
            index.persons[row], index.vacancies, world.gazetteer, k
        )
        for row in loop_rows
    }
    loop_seconds = time.perf_counter() - tick
    loop_pairs = len(loop_rows) * vacancies
    loop_per_pair = loop_seconds / loop_pairs
    vector_per_pair = all_top / (persons * vacancies)
    return {
        "benchmark": "matching",
        "persons": persons,
        "vacancies": vacancies,
        "k": k,
        "all_top10_seconds": round(all_top, 3),
        "all_top10_includes_encoding": False,
        "single_query_ms_p95": round(float(np.percentile(query_ms, 95)), 3),
        "single_query_ms_p50": round(float(np.percentile(query_ms, 50)), 3),
        "single_query_ms_max": round(float(query_ms.max()), 3),
        "single_queries": len(durations),
        "loop_ratio": round(loop_per_pair / vector_per_pair, 1)
        if vector_per_pair > 0
        else None,
        "loop_persons": len(loop_rows),
        "loop_pairs": loop_pairs,
        "loop_seconds": round(loop_seconds, 3),
        "loop_us_per_pair": round(loop_per_pair * 1e6, 3),
        "vectorised_us_per_pair": round(vector_per_pair * 1e6, 6),
        "loop_lists_equal": all(loop_lists[pid] == lists[pid] for pid in loop_lists),
        "seconds_generate": round(generated - started, 3),
        "seconds_encode": round(encoded - generated, 3),
        "seconds_top_k_both_ways": round(all_top, 3),
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
        "load_average_1min_start": load_before,
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
        queries=args.queries,
        loop_persons=args.loop_persons,
    )
    if args.format == "json":
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(
            f"{figures['persons']} persons × {figures['vacancies']} vacancies: all top-{figures['k']} "
            f"lists both ways in {figures['all_top10_seconds']} s (encoding excluded; "
            f"encode {figures['seconds_encode']} s), one person's top-{figures['k']} "
            f"p95 {figures['single_query_ms_p95']} ms over {figures['single_queries']} "
            f"persons, per-pair Python loop {figures['loop_ratio']}× slower per pair, "
            f"peak {figures['peak_memory_mb']} MB, load average "
            f"{figures['load_average_1min']}, on {figures['machine']['cpu']} "
            f"({figures['machine']['cores']} cores)"
        )
    sys.stdout.flush()
    return 0

"""``doorstroom bench matching`` on a small region: the required figures, sane."""

from __future__ import annotations

import json
import subprocess
import sys

REQUIRED = (
    "persons",
    "vacancies",
    "all_top10_seconds",
    "single_query_ms_p95",
    "loop_ratio",
    "peak_memory_mb",
)


def test_bench_matching_prints_the_required_figures() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "doorstroom.cli",
            "bench",
            "matching",
            "--persons",
            "300",
            "--vacancies",
            "500",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(completed.stdout)
    assert set(REQUIRED) <= set(figures)
    assert (figures["persons"], figures["vacancies"]) == (300, 500)
    assert figures["all_top10_seconds"] > 0
    assert figures["all_top10_includes_encoding"] is False
    assert figures["single_query_ms_p95"] > 0
    assert figures["single_queries"] == 200
    assert figures["single_query_ms_p50"] <= figures["single_query_ms_p95"]
    assert figures["loop_ratio"] > 1
    # The loop ran on 3 persons × all 500 vacancies and found the same lists.
    assert figures["loop_pairs"] == 3 * 500
    assert figures["loop_lists_equal"] is True
    assert figures["peak_memory_mb"] >= figures["peak_memory_mb_before_matching"] > 0
    assert figures["persons_with_a_list"] > 0
    assert figures["load_average_1min"] >= 0

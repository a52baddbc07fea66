"""``doorstroom bench load`` on a tiny region: every endpoint answers, no errors."""

from __future__ import annotations

import json
import subprocess
import sys

from doorstroom.ops.loadgen import percentile


def test_percentile_nearest_rank():
    values = [0.4, 0.1, 0.3, 0.2, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert percentile(values, 50) == 0.5
    assert percentile(values, 95) == 1.0
    assert percentile(values, 10) == 0.1
    assert percentile([], 50) is None


def test_bench_load_tiny_region_has_no_errors():
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "doorstroom.cli",
            "bench",
            "load",
            "--persons",
            "200",
            "--coaches",
            "5",
            "--users",
            "5",
            "--seconds",
            "3",
            "--workers",
            "2",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    figures = json.loads(completed.stdout)
    assert figures["config"]["persons_imported"] == 200
    assert figures["logins"] == 5
    assert figures["login_failures"] == 0
    assert figures["errors"] == 0, figures["error_samples"]
    assert set(figures["endpoints"]) == {
        "caseload",
        "person_page",
        "api_list",
        "api_detail",
    }
    for name, endpoint in figures["endpoints"].items():
        assert endpoint["requests"] > 0, name
        assert endpoint["errors"] == 0, name
        assert 0 < endpoint["p50_ms"] <= endpoint["p95_ms"] <= endpoint["p99_ms"]
    assert figures["requests"] == sum(
        e["requests"] for e in figures["endpoints"].values()
    )

"""``doorstroom bench monitoring`` prints the figures the issue asks for."""

from __future__ import annotations

import json
import subprocess
import sys


def test_bench_monitoring_prints_one_json_object_with_the_required_keys(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "doorstroom.cli",
            "bench",
            "monitoring",
            "--persons",
            "400",
            "--pandas-persons",
            "300",
            "--data-dir",
            str(tmp_path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    figures = json.loads(completed.stdout)
    for key in (
        "persons",
        "spells",
        "report_seconds",
        "pandas_seconds",
        "pandas_ratio",
        "peak_memory_mb",
    ):
        assert key in figures, key
    assert figures["persons"] == 400
    assert figures["spells"] > 400  # several employment spells per person
    assert figures["report_seconds"] > 0 and figures["pandas_seconds"] > 0
    assert figures["pandas_ratio"] == round(
        figures["pandas_seconds"] / figures["engine_seconds_on_pandas_sample"], 1
    )
    # the engine and the pandas reference computed the same figures
    assert figures["pandas_equals_engine"] is True
    assert figures["json_bytes"] > 1000  # the full report was rendered

"""``doorstroom bench monitoring``: time the full report on synthetic data.

Generates (or reuses) a synthetic population with :func:`doorstroom.domain.synth.
generate` under ``--data-dir`` (``var/bench/synth-<persons>-seed<seed>``), then,
each in a fresh Python process so that its peak memory is its own:

1. the full report, as ``doorstroom report --format json`` makes it: validation
   and load (:func:`.loading.validate_and_load`), the quality summary, the
   indicators and the cross tables with their joint suppression (threshold 10),
   and the JSON rendering (:func:`.report.build_report_from_tables`);
2. on a smaller sample (``--pandas-persons``, 100,000 by default, its own synth
   folder): the plain pandas reference (:mod:`.pandas_reference`: read the CSV
   files and compute), and the engine doing the same work (load and compute) and
   the full report; with ``--repeat N`` the pandas reference and the engine run
   N times each and the fastest run of each is kept.

It prints one JSON object (``--format json``) or a short text. Modules are
imported before the clock starts; everything else (first-use compilation, CSV
parsing) is timed. ``load_average_1min`` tells whether other work shared the
machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

PERIOD_FROM = date(2019, 1, 1)
PERIOD_TO = date(2022, 12, 31)
AS_OF = date(2023, 6, 30)
CONTRACT_FILES = (
    "persons",
    "employers",
    "wop_dossiers",
    "employment",
    "advices",
    "trajectories",
)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``bench monitoring`` subcommand."""
    parser = subparsers.add_parser(
        "monitoring",
        help="time the full monitoring report on synthetic data (and pandas)",
        description=(
            "Generate or reuse a synthetic population and time validation, load, "
            "indicators and suppression; compare with the pandas reference on a "
            "smaller sample."
        ),
    )
    parser.add_argument(
        "--persons", type=_positive, default=1_000_000, help="persons (default 1000000)"
    )
    parser.add_argument("--format", choices=("json", "text"), default="json")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path("var/bench"),
        help="folder for the synthetic data sets (default var/bench)",
    )
    parser.add_argument(
        "--pandas-persons",
        type=int,
        default=100_000,
        help="sample size for the pandas comparison; 0 skips it (default 100000)",
    )
    parser.add_argument(
        "--backend",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="engine backend",
    )
    parser.add_argument("--seed", type=int, default=1, help="synth seed (default 1)")
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=1,
        help=(
            "run the pandas reference and the engine on the sample this many "
            "times each, alternating, and keep the fastest of each (default 1)"
        ),
    )
    parser.set_defaults(func=run)


def machine() -> dict[str, Any]:
    """Cores, memory and processor of this machine."""
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
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": cpu,
        "python": platform.python_version(),
    }


def dataset(data_dir: Path, persons: int, seed: int) -> tuple[Path, float | None]:
    """The synth folder for ``persons`` and ``seed``; generated when missing.

    Returns the folder and the seconds spent generating it (``None`` if reused).
    A folder counts as complete once ``synth.json`` (written last) exists.
    """
    folder = data_dir / f"synth-{persons}-seed{seed}"
    marker = folder / "synth.json"
    if marker.is_file() and all(
        (folder / f"{name}.csv").is_file() for name in CONTRACT_FILES
    ):
        return folder, None
    from doorstroom.domain.synth import generate

    started = time.perf_counter()
    summary = generate(folder, persons, seed=seed)
    elapsed = time.perf_counter() - started
    marker.write_text(
        json.dumps({"persons": persons, "seed": seed, "rows": summary.counts()}),
        encoding="utf-8",
    )
    return folder, round(elapsed, 1)


def _import_engine_modules() -> None:
    """Import what the engine uses before the clock starts.

    Ibis imports its backend, compiler and SQL dialect modules on first use;
    importing them here keeps module loading (which, without byte-code caches,
    includes compiling their source) out of the timings, as it is for pandas.
    No query is run and nothing is cached.
    """
    import ibis
    import ibis.backends.duckdb  # noqa: F401
    import ibis.backends.sql.compilers.duckdb  # noqa: F401
    import ibis.formats.pandas  # noqa: F401
    import ibis.formats.pyarrow  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow.compute  # noqa: F401
    import sqlglot.dialects.duckdb  # noqa: F401

    import doorstroom.domain.monitoring.events  # noqa: F401

    ibis.duckdb.connect().disconnect()


def _child(task: str, folder: str, backend: str, out: str | None) -> dict[str, Any]:
    """Run one timed task in this (fresh) process and return its figures."""
    figures: dict[str, Any] = {"task": task}
    if task == "pandas":
        from doorstroom.domain.monitoring.pandas_reference import (
            compute_indicators_pandas,
        )

        started, cpu = time.perf_counter(), time.process_time()
        indicators = compute_indicators_pandas(
            folder, period_from=PERIOD_FROM, period_to=PERIOD_TO, as_of=AS_OF
        )
        figures["seconds"] = time.perf_counter() - started
        figures["cpu_seconds"] = time.process_time() - cpu
    else:
        _import_engine_modules()
        from doorstroom.domain.monitoring.indicators import compute_indicators
        from doorstroom.domain.monitoring.loading import load_tables, validate_and_load

        if backend == "spark":
            from doorstroom.domain.monitoring.spark import get_spark_session

            get_spark_session(shuffle_partitions=8)
        started, cpu = time.perf_counter(), time.process_time()
        if task == "engine":
            tables = load_tables(folder, backend)
            loaded = time.perf_counter()
            figures["load_seconds"] = loaded - started
        else:
            result, loaded_tables = validate_and_load(folder, backend)
            if loaded_tables is None:
                raise SystemExit(
                    "the synthetic data do not validate: "
                    + "; ".join(p.format_en() for p in result.problems[:5])
                )
            tables = loaded_tables
            loaded = time.perf_counter()
            figures["validate_and_load_seconds"] = loaded - started
        if task == "report":
            # what ``doorstroom report --format json`` does after loading: the
            # quality summary, the indicators and the cross tables, their joint
            # suppression (threshold 10) and the JSON rendering
            from doorstroom.domain.monitoring.quality import quality_summary
            from doorstroom.domain.monitoring.report import (
                build_report_from_tables,
                render,
            )

            report = build_report_from_tables(
                tables,
                period_from=PERIOD_FROM,
                period_to=PERIOD_TO,
                as_of=AS_OF,
                exact_allowed=True,
                warnings=[w.format_en() for w in result.warnings],
                quality=quality_summary(tables, AS_OF),
            )
            indicators = report.indicators
            figures["json_bytes"] = len(render(report, "json"))
            figures["compute_suppress_render_seconds"] = time.perf_counter() - loaded
        else:
            indicators = compute_indicators(
                tables, period_from=PERIOD_FROM, period_to=PERIOD_TO, as_of=AS_OF
            )
            figures["compute_seconds"] = time.perf_counter() - loaded
        figures["seconds"] = time.perf_counter() - started
        figures["cpu_seconds"] = time.process_time() - cpu
        figures["spells"] = int(tables["employment"].count().to_pyarrow().as_py())
    figures["peak_memory_mb"] = (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    if out:
        Path(out).write_text(json.dumps(indicators), encoding="utf-8")
    return {
        key: round(value, 3) if isinstance(value, float) else value
        for key, value in figures.items()
    }


def _run_child(
    task: str, folder: Path, backend: str, out: Path | None = None
) -> dict[str, Any]:
    """Run :func:`_child` in a fresh interpreter and return its figures."""
    command = [
        sys.executable,
        "-m",
        "doorstroom.commands.bench_monitoring",
        task,
        str(folder),
        backend,
        str(out) if out else "",
    ]
    completed = subprocess.run(
        command, check=True, capture_output=True, text=True, env=os.environ.copy()
    )
    return dict(json.loads(completed.stdout.strip().splitlines()[-1]))


def measure(
    persons: int,
    *,
    data_dir: Path,
    pandas_persons: int,
    backend: str,
    seed: int,
    repeat: int = 1,
) -> dict[str, Any]:
    """Run the benchmark and return its figures.

    With ``repeat`` above 1 the pandas reference and the engine each run that
    many times on the sample (alternating, each in a fresh process) and the
    fastest run of each is kept, as :mod:`timeit` does: on a shared machine the
    minimum is the run least disturbed by other work, for both sides alike.
    """
    folder, synth_seconds = dataset(data_dir, persons, seed)
    report = _run_child("report", folder, backend)
    figures: dict[str, Any] = {
        "benchmark": "monitoring",
        "persons": persons,
        "spells": report["spells"],
        "backend": backend,
        "report_seconds": report["seconds"],
        "validate_and_load_seconds": report["validate_and_load_seconds"],
        "compute_suppress_render_seconds": report["compute_suppress_render_seconds"],
        "json_bytes": report["json_bytes"],
        "report_cpu_seconds": report["cpu_seconds"],
        "peak_memory_mb": round(report["peak_memory_mb"], 1),
    }
    if backend == "spark":
        # Spark's JVM is a separate process: its memory is not in the figure.
        figures["peak_memory_includes_jvm"] = False
    if pandas_persons > 0:
        sample, sample_synth_seconds = dataset(data_dir, pandas_persons, seed)
        ours_file = data_dir / f"indicators-engine-{pandas_persons}.json"
        theirs_file = data_dir / f"indicators-pandas-{pandas_persons}.json"
        pandas_runs: list[dict[str, Any]] = []
        engine_runs: list[dict[str, Any]] = []
        for _ in range(repeat):
            pandas_runs.append(_run_child("pandas", sample, backend, theirs_file))
            engine_runs.append(_run_child("engine", sample, backend, ours_file))
        pandas = min(pandas_runs, key=lambda run: run["seconds"])
        engine = min(engine_runs, key=lambda run: run["seconds"])
        sample_report = _run_child("report", sample, backend)
        same = json.loads(ours_file.read_text(encoding="utf-8")) == json.loads(
            theirs_file.read_text(encoding="utf-8")
        )
        figures.update(
            {
                "pandas_persons": pandas_persons,
                "pandas_seconds": pandas["seconds"],
                "engine_seconds_on_pandas_sample": engine["seconds"],
                "pandas_ratio": round(pandas["seconds"] / engine["seconds"], 1),
                "engine_load_seconds_on_pandas_sample": engine["load_seconds"],
                "engine_compute_seconds_on_pandas_sample": engine["compute_seconds"],
                "pandas_cpu_seconds": pandas["cpu_seconds"],
                "engine_cpu_seconds_on_pandas_sample": engine["cpu_seconds"],
                "repeat": repeat,
                "pandas_seconds_all_runs": [run["seconds"] for run in pandas_runs],
                "engine_seconds_all_runs": [run["seconds"] for run in engine_runs],
                "report_seconds_on_pandas_sample": sample_report["seconds"],
                "pandas_ratio_full_report": round(
                    pandas["seconds"] / sample_report["seconds"], 1
                ),
                "pandas_equals_engine": same,
                "pandas_peak_memory_mb": round(pandas["peak_memory_mb"], 1),
            }
        )
        if sample_synth_seconds is not None:
            figures["synth_seconds_pandas_sample"] = sample_synth_seconds
    figures.update(
        {
            "period": {"from": PERIOD_FROM.isoformat(), "to": PERIOD_TO.isoformat()},
            "as_of": AS_OF.isoformat(),
            "seed": seed,
            "data": str(folder),
            "synth_seconds": synth_seconds,
            "load_average_1min": round(os.getloadavg()[0], 2),
            "machine": machine(),
        }
    )
    return figures


def run(args: argparse.Namespace) -> int:
    """Print the benchmark figures."""
    figures = measure(
        args.persons,
        data_dir=args.data_dir,
        pandas_persons=args.pandas_persons,
        backend=args.backend,
        seed=args.seed,
        repeat=args.repeat,
    )
    if args.format == "json":
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
        return 0
    lines = [
        f"{figures['persons']:,} persons, {figures['spells']:,} spells ({figures['backend']}): "
        f"full report in {figures['report_seconds']} s "
        f"(validate+load {figures['validate_and_load_seconds']} s, "
        f"indicators, tables, quality, suppression and JSON "
        f"{figures['compute_suppress_render_seconds']} s), "
        f"peak {figures['peak_memory_mb']} MB",
    ]
    if "pandas_seconds" in figures:
        lines.append(
            f"{figures['pandas_persons']:,} persons: pandas {figures['pandas_seconds']} s, "
            f"engine {figures['engine_seconds_on_pandas_sample']} s "
            f"({figures['pandas_ratio']}x faster; full report "
            f"{figures['report_seconds_on_pandas_sample']} s), "
            f"same figures: {figures['pandas_equals_engine']}"
        )
    lines.append(
        f"machine: {figures['machine']['cores']} cores, {figures['machine']['memory_gb']} GB; "
        f"load average {figures['load_average_1min']}"
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":  # a timed task in a fresh process, see _run_child
    task_name, task_folder, task_backend, task_out = sys.argv[1:5]
    sys.stdout.write(
        json.dumps(_child(task_name, task_folder, task_backend, task_out or None))
        + "\n"
    )

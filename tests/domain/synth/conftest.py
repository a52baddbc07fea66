"""Shared fixtures: one default-size population and the engine's figures on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from doorstroom.domain.synth import SynthSummary, generate


@pytest.fixture(scope="session")
def default_population(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, SynthSummary]:
    """The population at Flanders' own (default) size, seed 1."""
    folder = tmp_path_factory.mktemp("synth_default")
    return folder, generate(folder)


@pytest.fixture(scope="session")
def engine_tables(default_population: tuple[Path, SynthSummary]) -> Any:
    """The default population loaded by the monitoring engine (DuckDB)."""
    from doorstroom.domain.monitoring.loading import load_tables

    return load_tables(default_population[0])


def _indicators(
    tables: Any, start: str, end: str, as_of: str, undated: bool
) -> dict[str, Any]:
    from doorstroom.domain.monitoring.indicators import compute_indicators

    return compute_indicators(
        tables,
        period_from=date.fromisoformat(start),
        period_to=date.fromisoformat(end),
        as_of=date.fromisoformat(as_of),
        include_undated=undated,
    )


@pytest.fixture(scope="session")
def report_2019_2022(engine_tables: Any) -> dict[str, Any]:
    """001's question: ``--from 2019-01-01 --to 2022-12-31 --as-of 2024-06-30``."""
    return _indicators(engine_tables, "2019-01-01", "2022-12-31", "2024-06-30", False)


@pytest.fixture(scope="session")
def report_2018_2020(engine_tables: Any) -> dict[str, Any]:
    """003's advices: ``--from 2018-01-01 --to 2020-12-31 --include-undated``."""
    return _indicators(engine_tables, "2018-01-01", "2020-12-31", "2024-06-30", True)


@pytest.fixture(scope="session")
def report_november_2019(engine_tables: Any) -> dict[str, Any]:
    """003's measurement: 2018-2019 as known at the end of November 2019."""
    return _indicators(engine_tables, "2018-01-01", "2019-12-31", "2019-11-30", True)

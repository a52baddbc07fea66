"""Fixtures of the monitoring tests: one shared local Spark session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark_session() -> Iterator[SparkSession]:
    """The process-wide local Spark session (started once per test run).

    Whole-stage code generation is off: on these tiny data sets compiling the
    stages costs more than it saves.
    """
    from doorstroom.domain.monitoring.spark import get_spark_session, stop_spark_session

    session = get_spark_session(shuffle_partitions=1, whole_stage_codegen=False)
    yield session
    stop_spark_session()

"""A local PySpark session for the monitoring engine, shared within one process.

Spark takes about 15 seconds to start, so :func:`get_spark_session` builds one
session per process and hands the same one out afterwards (tests use it from a
session-scoped fixture). The session runs on ``local[2]`` with the web UI off,
few shuffle partitions (the data are small per partition on two cores) and UTC
as its time zone, so that dates never shift.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

_SESSION: SparkSession | None = None


def get_spark_session(
    *,
    shuffle_partitions: int = 4,
    driver_memory: str = "4g",
    whole_stage_codegen: bool = True,
) -> SparkSession:
    """Return the process-wide local Spark session, starting it on first use.

    Parameters
    ----------
    shuffle_partitions:
        ``spark.sql.shuffle.partitions`` for a new session (ignored afterwards).
    driver_memory:
        ``spark.driver.memory`` for a new session (ignored afterwards).
    whole_stage_codegen:
        Compile query stages to Java byte code. It pays off on large data; on
        the tiny data sets of the tests, compiling costs more than it saves, so
        the tests turn it off (queries run about three times faster).

    Returns
    -------
    pyspark.sql.SparkSession
        A session on ``local[2]``.
    """
    global _SESSION
    if _SESSION is not None and _SESSION.sparkContext._jsc is not None:
        return _SESSION
    # Workers must run the same interpreter as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("doorstroom-monitoring")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.codegen.wholeStage", str(whole_stage_codegen).lower())
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.warehouse.dir", _warehouse_dir())
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    _SESSION = session
    return session


def _warehouse_dir() -> str:
    """A fresh throw-away warehouse folder, so Spark never writes into the work
    tree and never finds tables of an earlier process."""
    import tempfile

    return tempfile.mkdtemp(prefix="doorstroom-spark-warehouse-")


def stop_spark_session() -> None:
    """Stop the process-wide session, if one was started."""
    global _SESSION
    if _SESSION is not None:
        _SESSION.stop()
        _SESSION = None

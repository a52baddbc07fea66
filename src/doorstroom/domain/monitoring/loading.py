"""Load a (validated) monitoring data folder into typed Ibis tables.

:func:`load_tables` reads the six CSV files of the data contract with the
backend's own CSV reader and returns one Ibis table per file, with the contract's
columns in contract order and these types:

* identifiers, codes, names, ``nace``: ``string``;
* dates: ``date``;
* ``hours_per_week``: ``float64``;
* an empty field: ``NULL``.

Extra columns are dropped. The folder is expected to have passed
:func:`doorstroom.domain.monitoring.validation.validate_folder`; an invalid file
makes the backend raise.

Backends
--------
``duckdb`` (default)
    An in-memory DuckDB database; each file becomes a native table, read in
    parallel by DuckDB's CSV reader. The typed tables are created empty first
    and filled by a background thread: :func:`load_tables` returns at once, the
    caller can build and compile its queries (Python work) while DuckDB reads
    the files (which releases the GIL), and the first query on the connection
    waits until the tables are full. A value that does not convert then raises
    at that first query.
``spark``
    The process-wide local PySpark session (:mod:`.spark`); each file is read by
    Spark's CSV reader as text, typed with Ibis casts and cached in Spark.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doorstroom.domain.monitoring.validation import (
    SCHEMA,
    ValidationResult,
    file_contains,
    stage_folder,
    typed_staging,
    validate_folder,
)

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir
    from pyspark.sql import SparkSession

BACKENDS = ("duckdb", "spark")

_IBIS_TYPES = {
    "date": "date",
    "end_date": "date",
    "number": "float64",
}
_counter = itertools.count()


class MonitoringTables(dict[str, "ir.Table"]):
    """The six tables by file name (``persons``, ``employment``, ...).

    Attributes
    ----------
    backend:
        ``duckdb`` or ``spark``.
    connection:
        The Ibis backend connection the tables live on.
    """

    def __init__(
        self, tables: dict[str, ir.Table], *, backend: str, connection: Any
    ) -> None:
        super().__init__(tables)
        self.backend = backend
        self.connection = connection


def column_types() -> dict[str, dict[str, str]]:
    """Return the Ibis type of every contract column, per file.

    Returns
    -------
    dict
        ``{"persons": {"person_id": "string", "birth_date": "date", ...}, ...}``
    """
    return {
        name: {spec.name: _IBIS_TYPES.get(spec.kind, "string") for spec in specs}
        for name, specs in SCHEMA.items()
    }


def connect_duckdb(
    *, threads: int = 2, memory_limit: str = "3GB"
) -> ibis.backends.duckdb.Backend:
    """Return a new in-memory DuckDB connection tuned for the monitoring engine.

    Parameters
    ----------
    threads:
        DuckDB worker threads.
    memory_limit:
        DuckDB's buffer-manager limit (it spills to a temporary folder beyond).

    Returns
    -------
    ibis.backends.duckdb.Backend
        The Ibis connection.
    """
    import ibis

    return ibis.duckdb.connect(
        threads=threads,
        memory_limit=memory_limit,
        preserve_insertion_order=False,
    )


def _views(con: Any) -> dict[str, ir.Table]:
    """Expose the staged tables as the contract tables (without check columns)."""
    tables: dict[str, ir.Table] = {}
    for name, specs in SCHEMA.items():
        columns = ", ".join(f'"{spec.name}"' for spec in specs)
        con.raw_sql(
            f'CREATE OR REPLACE VIEW "{name}" AS SELECT {columns} FROM staged_{name}'
        )
        tables[name] = con.table(name)
    return tables


class _FillingConnection:
    """Stands in for a DuckDB connection while a thread fills its tables.

    The first use of any attribute (every query Ibis runs goes through the
    connection) waits for the thread, puts the real connection back on the
    Ibis backend and re-raises the thread's error, if any. Until then the
    tables and their schemas exist, so expressions can be built and compiled
    while DuckDB reads the CSV files (it releases the GIL while it does).
    """

    def __init__(self, backend: Any, statements: list[str]) -> None:
        import threading

        self._backend = backend
        self._real = backend.con
        self._error: BaseException | None = None
        # A cursor is a connection of its own to the same database: the
        # DuckDB connection object itself must not be used by two threads.
        cursor = self._real.cursor()
        self._thread = threading.Thread(
            target=self._fill, args=(cursor, statements), name="doorstroom-load"
        )
        backend.con = self
        self._thread.start()

    def _fill(self, cursor: Any, statements: list[str]) -> None:
        try:
            for statement in statements:
                cursor.execute(statement)
        except BaseException as exc:  # re-raised in the thread that waits
            self._error = exc
        finally:
            cursor.close()

    def wait(self) -> None:
        """Wait until the tables are filled; raise what filling them raised."""
        self._thread.join()
        if self._backend.con is self:
            self._backend.con = self._real
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __getattr__(self, name: str) -> Any:
        self.wait()
        return getattr(self._real, name)


def _load_duckdb(folder: Path, con: Any) -> dict[str, ir.Table]:
    statements = typed_staging(folder)
    con.con.execute("SET preserve_insertion_order = false")
    for create, _fill in statements:
        con.con.execute(create)
    tables = _views(con)
    _FillingConnection(con, [fill for _create, fill in statements])
    return tables


def _load_spark(folder: Path, con: Any, session: SparkSession) -> dict[str, ir.Table]:
    types = column_types()
    load_id = next(_counter)
    tables: dict[str, ir.Table] = {}
    for name, specs in SCHEMA.items():
        path = folder / f"{name}.csv"
        frame = session.read.csv(
            str(path),
            header=True,
            inferSchema=False,
            encoding="UTF-8",
            # A quoted line break needs the (unsplittable) multi-line parser; a
            # file without any double quote cannot hold one.
            multiLine=file_contains(path, b'"'),
            mode="FAILFAST",
        )
        frame = frame.toDF(*[column.lstrip("\ufeff") for column in frame.columns])
        view = f"doorstroom_{name}_{load_id}"
        frame.createOrReplaceTempView(view)
        raw = con.table(view)
        typed = raw.select(
            **{
                spec.name: _typed(raw[spec.name].nullif(""), types[name][spec.name])
                for spec in specs
            }
        )
        tables[name] = typed.cache()
    return tables


def _typed(column: ir.StringValue, type_name: str) -> ir.Value:
    if type_name == "string":
        return column
    return column.cast(type_name)


def load_tables(
    path: Path | str,
    backend: str = "duckdb",
    *,
    spark_session: SparkSession | None = None,
    connection: Any = None,
) -> MonitoringTables:
    """Load the six CSV files of a validated folder as typed Ibis tables.

    Parameters
    ----------
    path:
        The data folder.
    backend:
        ``duckdb`` (default) or ``spark``.
    spark_session:
        Spark session to use for ``spark``; by default the process-wide one of
        :func:`doorstroom.domain.monitoring.spark.get_spark_session`.
    connection:
        An existing Ibis DuckDB connection to load into (``duckdb`` only); by
        default a new one from :func:`connect_duckdb`.

    Returns
    -------
    MonitoringTables
        ``{"persons": Table, "employers": Table, "wop_dossiers": Table,
        "employment": Table, "advices": Table, "trajectories": Table}``, with
        ``.backend`` and ``.connection``. On DuckDB the tables may still be
        filling (see the module docstring); any query waits for them.

    Raises
    ------
    ValueError
        When a file is missing or empty, or the backend is unknown.
    """
    import ibis

    folder = Path(path)
    if backend == "duckdb":
        con = connection if connection is not None else connect_duckdb()
        tables = _load_duckdb(folder, con)
    elif backend == "spark":
        from doorstroom.domain.monitoring.spark import get_spark_session

        session = spark_session if spark_session is not None else get_spark_session()
        con = ibis.pyspark.connect(session)
        tables = _load_spark(folder, con, session)
    else:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")
    return MonitoringTables(tables, backend=backend, connection=con)


def validate_and_load(
    path: Path | str,
    backend: str = "duckdb",
    *,
    spark_session: SparkSession | None = None,
) -> tuple[ValidationResult, MonitoringTables | None]:
    """Validate a folder and, when it is valid, load it: the report's first step.

    On DuckDB the folder is read only once: validation leaves the typed tables
    behind and they become the loaded tables. On Spark the folder is validated
    with DuckDB first and then read by Spark.

    Parameters
    ----------
    path:
        The data folder.
    backend:
        ``duckdb`` (default) or ``spark``.
    spark_session:
        Spark session for ``spark`` (the process-wide one by default).

    Returns
    -------
    tuple
        The :class:`ValidationResult` and the tables, or ``None`` for the tables
        when the folder has a problem (nothing is loaded then).
    """
    folder = Path(path)
    if backend != "duckdb":
        result = validate_folder(folder)
        if result.problems:
            return result, None
        return result, load_tables(folder, backend, spark_session=spark_session)
    con = connect_duckdb()
    result = stage_folder(con.con, folder)
    if result.problems:
        con.disconnect()
        return result, None
    return result, MonitoringTables(_views(con), backend="duckdb", connection=con)

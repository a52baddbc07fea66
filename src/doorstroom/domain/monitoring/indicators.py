"""The unsuppressed ``indicators`` object of the report (spec sections 3 and 5).

:func:`compute_indicators` counts the event tables of :mod:`.events` with one
grouped query per indicator (all its breakdown columns at once, executed on the
backend), fetches those small aggregates and sums them into the one-dimensional
breakdowns of the report.

Category conventions
--------------------
* Keys are strings; counts are plain ``int``; a rate is a ``float`` rounded to 4
  decimals, or ``None`` when its denominator is 0.
* Categories from a fixed code list are always present, with 0 where empty, in
  code-list order:

  - ``province``: ANT, LIM, OVL, VBR, WVL, BRU, BUI, onbekend
  - ``sex``: M, V, X, onbekend
  - ``instrument``: CM, LDE, IM (advices: CM, LDE)
  - ``age_band``: <25, 25-54, 55+, onbekend
  - ``status``: nec_zonder_wop, nec_met_wop, sec, niet_aan_het_werk
  - ``employer``: zelfde_werkgever, andere_werkgever
  - ``stage``: zonder_stage, met_stage
  - ``end_reason``: werk_nec, werk_sec, stopzetting_werknemer, stopzetting_partner,
    ziekte, andere
  - ``months_to_return``: 0-5, 6-11, 12-23, 24+
  - durability classes: durable, pending, niet_duurzaam
* ``year`` lists every calendar year of the period as a string, in order, plus
  ``onbekend`` (last) for doorstroomklaar_advices when undated advices are
  included.
* Open lists (``sector``: two-digit NACE division or ``onbekend``; ``partner``)
  list only non-zero categories, sorted as strings.
* Within one breakdown the categories add up to the total: every event falls in
  exactly one category, unknown values under ``onbekend``. The one exception is
  ``status_at_as_of.by.employer``, which covers only the persons at work: it adds
  up to the total minus ``status.niet_aan_het_werk``.
* ``status_at_as_of`` describes the situation on ``as_of``; it does not depend on
  the report period.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from doorstroom.domain.monitoring.dates import AGE_BANDS, MONTH_BUCKETS, UNKNOWN
from doorstroom.domain.monitoring.events import (
    DURABILITY,
    EMPLOYER_CLASSES,
    STAGE_CLASSES,
    STATUSES,
    EventBuilder,
    count_by,
)
from doorstroom.domain.monitoring.validation import (
    ADVICE_INSTRUMENTS,
    END_REASONS,
    INSTRUMENTS,
    PROVINCES,
    SEXES,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: Fixed category lists of the breakdowns (``year`` depends on the period).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "province": (*PROVINCES, UNKNOWN),
    "sex": (*SEXES, UNKNOWN),
    "instrument": INSTRUMENTS,
    "age_band": AGE_BANDS,
    "status": STATUSES,
    "employer": EMPLOYER_CLASSES,
    "stage": STAGE_CLASSES,
    "end_reason": END_REASONS,
    "months_to_return": MONTH_BUCKETS,
    "durability": DURABILITY,
}
#: Breakdowns whose categories are open: only non-zero ones, sorted.
OPEN_DIMENSIONS = ("sector", "partner")

#: Breakdowns per indicator, in report order.
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "doorstroom": ("province", "year", "instrument", "age_band", "sex", "sector"),
    "doorstroom_rate": ("province", "year", "instrument", "age_band", "sex"),
    "sec_nec_sec": ("province", "year", "instrument", "age_band"),
    "doorstroomklaar_advices": ("instrument", "year", "province", "age_band"),
    "trajectories_started": ("year", "province", "age_band", "partner"),
    "trajectories_ended": (
        "end_reason",
        "stage",
        "year",
        "province",
        "age_band",
        "partner",
    ),
    "status_at_as_of": ("status", "employer"),
}

Rows = list[dict[str, Any]]
T = TypeVar("T")


def period_years(period_from: date, period_to: date) -> list[str]:
    """Every calendar year of the period, as strings."""
    return [str(year) for year in range(period_from.year, period_to.year + 1)]


def fetch_all(
    queries: Mapping[str, ir.Table], *, stacked: bool = True
) -> dict[str, Rows]:
    """Execute several small aggregates; return their rows by name.

    With ``stacked`` the aggregates are stacked with ``UNION ALL`` into one long
    table (every dimension cast to string, missing ones empty, plus the query's
    name) and run as a single query, which DuckDB plans once and runs in
    parallel. Spark runs the stacked plan slower than the separate queries, so
    it gets them one by one.

    Parameters
    ----------
    queries:
        Name to an aggregate with string-like dimension columns and ``n``.
    stacked:
        Run all aggregates as one query.

    Returns
    -------
    dict
        Name to the aggregate's rows as dicts (dimension columns and ``n``).
    """
    import ibis

    if not stacked:
        return {name: table.to_pyarrow().to_pylist() for name, table in queries.items()}

    columns = sorted(
        {column for table in queries.values() for column in table.columns} - {"n"}
    )
    stacked = [
        table.select(
            query=ibis.literal(name),
            n=table.n.cast("int64"),
            **{
                column: table[column].cast("string")
                if column in table.columns
                else ibis.null("string")
                for column in columns
            },
        )
        for name, table in queries.items()
    ]
    fetched = _run_unfused(ibis.union(*stacked, distinct=False))
    rows: dict[str, Rows] = {name: [] for name in queries}
    for row in fetched:
        name = row.pop("query")
        dims = [c for c in queries[name].columns if c != "n"]
        rows[name].append({c: row[c] for c in dims} | {"n": row["n"]})
    return rows


#: Guards the switch of Ibis' global ``fuse_selects`` option in :func:`_run_unfused`.
_FUSE_SELECTS = threading.Lock()


def _run_unfused(expr: ir.Table) -> Rows:
    """Compile ``expr`` without fusing nested selects, run it, return its rows.

    Ibis by default merges each select into the one it reads from, a rewrite of
    the whole expression graph that takes about a third of compiling the
    stacked query. DuckDB's optimiser flattens the nested selects just as well,
    so the stacked query is compiled without it (the SQL differs in shape only;
    the tests run both shapes). On DuckDB the SQL goes straight to the
    connection, as Ibis' own ``to_pyarrow`` does.
    """
    import ibis

    backend = expr._find_backend()
    with _FUSE_SELECTS:
        fuse = ibis.options.sql.fuse_selects
        ibis.options.sql.fuse_selects = False
        try:
            sql = backend.compile(expr)
        finally:
            ibis.options.sql.fuse_selects = fuse
    if backend.name == "duckdb":
        return list(backend.con.sql(sql).to_arrow_table().to_pylist())
    return list(backend.sql(sql).to_pyarrow().to_pylist())


def _backend_name(tables: Mapping[str, ir.Table]) -> str:
    """Name of the Ibis backend the tables live on (``duckdb``, ``pyspark``)."""
    table = next(iter(tables.values()))
    return str(table._find_backend().name)


def _categories(dim: str, years: Sequence[str]) -> Sequence[str] | None:
    if dim == "year":
        return years
    return CATEGORIES.get(dim)


def marginal(
    rows: Iterable[Mapping[str, Any]],
    dim: str,
    categories: Sequence[str] | None,
    *,
    where: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, int]:
    """Sum the counts ``n`` of grouped rows by one dimension.

    Parameters
    ----------
    rows:
        Grouped counts with the column ``dim`` and ``n``.
    dim:
        The breakdown column.
    categories:
        The fixed categories (all present, in this order) or ``None`` for an open
        list (non-zero categories only, sorted as strings).
    where:
        Only rows whose column value is in the given set, per column.

    Returns
    -------
    dict
        Category to count.
    """
    sums: dict[str, int] = defaultdict(int)
    for row in rows:
        if where and any(row[c] not in allowed for c, allowed in where.items()):
            continue
        if row[dim] is None:
            continue
        sums[str(row[dim])] += int(row["n"])
    if categories is None:
        return {key: sums[key] for key in sorted(sums) if sums[key]}
    result = {category: sums.get(category, 0) for category in categories}
    # A value outside the code list cannot pass validation; keep the sums whole.
    for key in sorted(set(sums) - set(categories)):
        result[key] = sums[key]
    return result


def _total(
    rows: Iterable[Mapping[str, Any]], where: Mapping[str, Iterable[str]] | None = None
) -> int:
    return sum(
        int(row["n"])
        for row in rows
        if not where or all(row[c] in allowed for c, allowed in where.items())
    )


def _counts(
    rows: Rows,
    dims: Sequence[str],
    years: Sequence[str],
    where: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, Any]:
    return {
        "total": _total(rows, where),
        "by": {
            dim: marginal(rows, dim, _categories(dim, years), where=where)
            for dim in dims
        },
    }


def rate_value(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator`` rounded half up to 4 decimals; ``None`` for /0.

    Computed on exact decimals, so that 1/32 = 0.03125 gives 0.0313 (Python's
    ``round`` on the binary float would give 0.0312).
    """
    if not denominator:
        return None
    exact = Decimal(numerator) / Decimal(denominator)
    return float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


def _rate(numerator: int, denominator: int) -> dict[str, Any]:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": rate_value(numerator, denominator),
    }


class _Filtered:
    """An :class:`EventBuilder` whose event tables are restricted by filters."""

    def __init__(self, builder: EventBuilder, filters: Mapping[str, Iterable[str]]):
        self._builder = builder
        self._filters = {column: sorted(values) for column, values in filters.items()}

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._builder, name)

        def restricted(*args: Any, **kwargs: Any) -> ir.Table:
            table = method(*args, **kwargs)
            for column, values in self._filters.items():
                if column in table.columns:
                    table = table.filter(table[column].isin(values))
            return table

        return restricted


def _without_cyclic_gc(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` with Python's cyclic garbage collector paused.

    Building and compiling the Ibis expressions allocates some hundred thousand
    small linked objects, all alive until the query has run; the collector's
    passes over them (and, once in a while, over every object of the process)
    free nothing. Reference counting still frees everything as usual, and
    whatever cyclic garbage there is waits for the next pass after the call. If
    the collector was already off (another thread in here, or the caller), it
    is left as it was.
    """

    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> T:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_without_cyclic_gc
def compute_indicators(
    tables: Mapping[str, ir.Table],
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    include_undated: bool = False,
    filters: Mapping[str, Iterable[str]] | None = None,
    extra_breakdowns: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Compute the unsuppressed ``indicators`` object of the report.

    Parameters
    ----------
    tables:
        Typed tables from :func:`doorstroom.domain.monitoring.loading.load_tables`
        (DuckDB or Spark).
    period_from, period_to:
        The report period, both days included.
    as_of:
        The reference date; nothing after it is known.
    include_undated:
        Count undated ``doorstroomklaar`` advices (year ``onbekend``).
    filters:
        Keep only the events whose column (``province``, ``instrument``,
        ``age_band``, ``sex``, ``sector``, ``dossier_employer_id``, ...) holds one
        of the given values; an indicator whose events lack the column is not
        restricted by it (the dashboard's filters).
    extra_breakdowns:
        More dimensions per indicator beyond the report contract's, e.g.
        ``{"doorstroom": ("education", "se_years")}`` for the fairness view; they
        are breakdowns of the same totals, so disclosure control links them.

    Returns
    -------
    dict
        ``{"doorstroom": {...}, "doorstroom_rate": {...}, "sec_nec_sec": {...},
        "durable_doorstroom_12m": {...}, "doorstroomklaar_advices": {...},
        "trajectories_started": {...}, "trajectories_ended": {...},
        "status_at_as_of": {...}}`` with plain ints, floats and strings, shaped as
        in spec section 5 and the module docstring.
    """
    # DuckDB runs every count as one stacked query, in which the shared
    # intermediate tables are common table expressions: nothing is materialised
    # before it, so the whole query is built and compiled before the first
    # database access (while the tables may still be loading, see
    # :func:`.loading.load_tables`). Spark runs the counts one by one on cached
    # intermediate frames.
    stacked = _backend_name(tables) != "pyspark"
    builder = EventBuilder(tables, as_of, cache=not stacked)
    events = _Filtered(builder, filters or {})
    years = period_years(period_from, period_to)
    extra = extra_breakdowns or {}
    breakdowns = {
        name: (*dims, *(d for d in extra.get(name, ()) if d not in dims))
        for name, dims in BREAKDOWNS.items()
    }
    queries = {
        "doorstroom": count_by(
            events.doorstroom(),
            period_from,
            period_to,
            [*breakdowns["doorstroom"], "durability"],
        ),
        "doorstroom_rate": count_by(
            events.doorstroom_rate(),
            period_from,
            period_to,
            [*breakdowns["doorstroom_rate"], "outcome"],
        ),
        "sec_nec_sec": count_by(
            events.sec_nec_sec(),
            period_from,
            period_to,
            [*breakdowns["sec_nec_sec"], "months_bucket"],
        ),
        "doorstroomklaar_advices": count_by(
            events.advices(),
            period_from,
            period_to,
            breakdowns["doorstroomklaar_advices"],
            include_undated=include_undated,
        ),
        "trajectories_started": count_by(
            events.trajectories_started(),
            period_from,
            period_to,
            breakdowns["trajectories_started"],
        ),
        "trajectories_ended": count_by(
            events.trajectories_ended(),
            period_from,
            period_to,
            breakdowns["trajectories_ended"],
        ),
        # The status on as_of does not depend on the period.
        "status_at_as_of": count_by(
            events.status_at_as_of(), None, None, breakdowns["status_at_as_of"]
        ),
    }
    rows = fetch_all(queries, stacked=stacked)
    out: dict[str, Any] = {}

    dims = breakdowns["doorstroom"]
    out["doorstroom"] = _counts(rows["doorstroom"], dims, years)
    out["durable_doorstroom_12m"] = {
        durability: _counts(
            rows["doorstroom"], dims, years, {"durability": {durability}}
        )
        for durability in DURABILITY
    }

    dims = breakdowns["doorstroom_rate"]
    rate_rows = rows["doorstroom_rate"]
    reached = {"outcome": {"doorstroom"}}
    decided = {"outcome": {"doorstroom", "geen_doorstroom"}}
    rate_by: dict[str, Any] = {}
    for dim in dims:
        categories = _categories(dim, years)
        numerators = marginal(rate_rows, dim, categories, where=reached)
        denominators = marginal(rate_rows, dim, categories, where=decided)
        rate_by[dim] = {
            category: _rate(numerators.get(category, 0), denominator)
            for category, denominator in denominators.items()
        }
    out["doorstroom_rate"] = {
        "total": _rate(_total(rate_rows, reached), _total(rate_rows, decided)),
        "by": rate_by,
    }

    dims = breakdowns["sec_nec_sec"]
    out["sec_nec_sec"] = _counts(rows["sec_nec_sec"], dims, years)
    out["sec_nec_sec"]["months_to_return"] = marginal(
        rows["sec_nec_sec"], "months_bucket", MONTH_BUCKETS
    )

    dims = breakdowns["doorstroomklaar_advices"]
    advice_years = [*years, UNKNOWN] if include_undated else years
    out["doorstroomklaar_advices"] = {
        "total": _total(rows["doorstroomklaar_advices"]),
        "by": {
            dim: marginal(
                rows["doorstroomklaar_advices"],
                dim,
                ADVICE_INSTRUMENTS
                if dim == "instrument"
                else _categories(dim, advice_years),
            )
            for dim in dims
        },
    }
    for name in ("trajectories_started", "trajectories_ended", "status_at_as_of"):
        out[name] = _counts(rows[name], breakdowns[name], years)

    # Re-order to the report order of spec section 5.
    order = (
        "doorstroom",
        "doorstroom_rate",
        "sec_nec_sec",
        "durable_doorstroom_12m",
        "doorstroomklaar_advices",
        "trajectories_started",
        "trajectories_ended",
        "status_at_as_of",
    )
    return {key: out[key] for key in order}

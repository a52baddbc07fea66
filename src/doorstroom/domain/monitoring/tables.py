"""Ready-made cross tables of the parliamentary answers (seeds ``001_…``, ``003_…``).

Each table is a two-dimensional count of one indicator's events (rows × columns,
optionally one block per category of a third dimension, as the advices tables of
``003_…`` show one block per instrument), with its row totals, column totals and
grand total. Every table is one Ibis expression over an event table of
:mod:`.events` (:func:`.events.count_by` on the table's dimensions), so it runs on
DuckDB and Spark alike; the small result is fetched and laid out here.

A table counts the *same events* as its indicator (same period, same reference
date, same ``--include-undated``), so its margins are breakdowns the report
already publishes or sums of them; :mod:`.suppression` links them
(:func:`.suppression.publish_with_tables`).

The exact table object (before disclosure control)::

    {"title": "...", "indicator": "doorstroom", "source": "...",
     "dimensions": {"rows": "province", "columns": "year"},
     "row_categories": [...], "column_categories": [...],
     "cells": {"ANT": {"2019": 5, ...}, ...},
     "row_totals": {"ANT": 12, ...}, "column_totals": {"2019": 30, ...},
     "total": 80}

With a block dimension, ``dimensions`` has ``"block"`` too, ``block_categories``
lists the blocks and ``blocks`` maps each to ``{"cells", "row_totals",
"column_totals", "total"}`` (the seed's "Totaal" row per block).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from doorstroom.domain.monitoring.dates import AGE_BANDS, MONTH_BUCKETS, UNKNOWN
from doorstroom.domain.monitoring.events import (
    DURABILITY,
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
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

#: Keys of a table (or block) that hold its figures.
FIGURE_KEYS = ("cells", "row_totals", "column_totals", "total")

#: Dimensions with a fixed code list (``year`` depends on the period).
FIXED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "province": (*PROVINCES, UNKNOWN),
    "instrument": INSTRUMENTS,
    "age_band": AGE_BANDS,
    "status": STATUSES,
    "stage": STAGE_CLASSES,
    "end_reason": END_REASONS,
    "months_to_return": MONTH_BUCKETS,
    "durability": DURABILITY,
}
#: Dimensions whose categories are open: the non-zero ones, sorted as strings.
OPEN_DIMENSIONS = ("sector", "partner")

#: Event column of a dimension, where it differs from the dimension's name.
EVENT_COLUMNS = {"months_to_return": "months_bucket"}


@dataclass(frozen=True)
class TableSpec:
    """One cross table.

    Attributes
    ----------
    name
        Key under ``"tables"`` in the report.
    indicator
        The indicator whose events it counts (``trajectories_started`` tables
        with ``status`` count trajectories by their person's status on
        ``as_of``).
    rows, columns
        Dimension of the rows and of the columns.
    block
        Dimension with one block per category (``None``: a single table).
    title
        Dutch title.
    source
        Where the parliamentary answers ask for it.
    """

    name: str
    indicator: str
    rows: str
    columns: str
    title: str
    source: str
    block: str | None = None

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Block (if any), rows and columns."""
        return (*((self.block,) if self.block else ()), self.rows, self.columns)


#: The tables of the report, in report order.
TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "doorstroom_province_year",
        "doorstroom",
        "province",
        "year",
        "Doorstroom naar het NEC per provincie en jaar",
        "001, vraag 1 (per provincie, 2019-2022)",
    ),
    TableSpec(
        "doorstroom_sector_province",
        "doorstroom",
        "sector",
        "province",
        "Doorstroom per sector (NACE-afdeling) en provincie",
        "001, vraag 2 (toen niet beschikbaar)",
    ),
    TableSpec(
        "doorstroom_sector_year",
        "doorstroom",
        "sector",
        "year",
        "Doorstroom per sector (NACE-afdeling) en jaar",
        "001, vraag 2 (toen niet beschikbaar)",
    ),
    TableSpec(
        "doorstroom_durability_year",
        "doorstroom",
        "durability",
        "year",
        "Duurzaamheid van de doorstroom (12 maanden) per jaar",
        "003, vraag 4 (toen niet beschikbaar)",
    ),
    TableSpec(
        "doorstroom_durability_province",
        "doorstroom",
        "durability",
        "province",
        "Duurzaamheid van de doorstroom (12 maanden) per provincie",
        "003, vraag 4 (toen niet beschikbaar)",
    ),
    TableSpec(
        "sec_nec_sec_province_year",
        "sec_nec_sec",
        "province",
        "year",
        "Terugkeer naar de sociale economie per provincie en jaar",
        "001, vraag 3 (per provincie, 2019-2022)",
    ),
    TableSpec(
        "sec_nec_sec_months_year",
        "sec_nec_sec",
        "months_to_return",
        "year",
        "Terugkeer naar de sociale economie: maanden na de doorstroom, per jaar",
        "003, vraag 4 (binnen welke termijn; toen niet beschikbaar)",
    ),
    TableSpec(
        "advices_province_year",
        "doorstroomklaar_advices",
        "province",
        "year",
        "Adviezen 'doorstroomklaar' per instrument, provincie en jaar",
        "003, vraag 1 (tabel per provincie)",
        block="instrument",
    ),
    TableSpec(
        "advices_age_year",
        "doorstroomklaar_advices",
        "age_band",
        "year",
        "Adviezen 'doorstroomklaar' per instrument, leeftijd en jaar",
        "003, vraag 1 (tabel per leeftijd)",
        block="instrument",
    ),
    TableSpec(
        "trajectories_started_partner_year",
        "trajectories_started",
        "partner",
        "year",
        "Gestarte doorstroomtrajecten per doorstroompartner en jaar",
        "003, vraag 2a",
    ),
    TableSpec(
        "trajectories_started_province_year",
        "trajectories_started",
        "province",
        "year",
        "Gestarte doorstroomtrajecten per provincie en jaar",
        "003, vraag 2b",
    ),
    TableSpec(
        "trajectories_started_age_year",
        "trajectories_started",
        "age_band",
        "year",
        "Gestarte doorstroomtrajecten per leeftijd en jaar",
        "003, vraag 2b",
    ),
    TableSpec(
        "trajectories_ended_partner_stage",
        "trajectories_ended",
        "partner",
        "stage",
        "Beëindigde doorstroomtrajecten per doorstroompartner, met en zonder stage",
        "003, vraag 2c",
    ),
    TableSpec(
        "trajectories_ended_province_stage",
        "trajectories_ended",
        "province",
        "stage",
        "Beëindigde doorstroomtrajecten per provincie, met en zonder stage",
        "003, vraag 2c",
    ),
    TableSpec(
        "trajectories_ended_age_stage",
        "trajectories_ended",
        "age_band",
        "stage",
        "Beëindigde doorstroomtrajecten per leeftijd, met en zonder stage",
        "003, vraag 2c",
    ),
    TableSpec(
        "trajectories_ended_year_stage",
        "trajectories_ended",
        "year",
        "stage",
        "Beëindigde doorstroomtrajecten per jaar, met en zonder stage",
        "003, vraag 2c",
    ),
    TableSpec(
        "trajectories_ended_reason_year",
        "trajectories_ended",
        "end_reason",
        "year",
        "Beëindigde doorstroomtrajecten per reden van beëindiging en jaar",
        "003, vraag 2c (redenen; toen niet beschikbaar)",
    ),
    TableSpec(
        "trajectories_started_partner_status",
        "trajectories_started",
        "partner",
        "status",
        "Gestarte doorstroomtrajecten per doorstroompartner en situatie van de "
        "persoon op de peildatum",
        "003, vraag 2d (koppeling met tewerkstelling; toen niet beschikbaar)",
    ),
    TableSpec(
        "trajectories_started_province_status",
        "trajectories_started",
        "province",
        "status",
        "Gestarte doorstroomtrajecten per provincie en situatie van de persoon "
        "op de peildatum",
        "003, vraag 2d (koppeling met tewerkstelling; toen niet beschikbaar)",
    ),
    TableSpec(
        "status_province",
        "status_at_as_of",
        "status",
        "province",
        "Situatie op de peildatum per provincie (personen met een advies of traject)",
        "003, vraag 1 (aan het werk volgens Dimona)",
    ),
)

SPECS_BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in TABLE_SPECS}


# ----------------------------------------------------------------- the queries


def _filtered(table: ir.Table, filters: Mapping[str, Iterable[str]]) -> ir.Table:
    for column, values in filters.items():
        if column in table.columns:
            table = table.filter(table[column].isin(sorted(values)))
    return table


def event_table(
    builder: EventBuilder,
    indicator: str,
    dimensions: Sequence[str],
    filters: Mapping[str, Iterable[str]] | None = None,
) -> ir.Table:
    """The events of ``indicator`` with every column ``dimensions`` needs.

    Parameters
    ----------
    builder
        The event builder of the data set and reference date.
    indicator
        Indicator name (see :class:`TableSpec`).
    dimensions
        Dimensions the table counts by; ``status`` on ``trajectories_started``
        joins each trajectory with its person's status on ``as_of``.
    filters
        As in :func:`.indicators.compute_indicators`: keep the events whose
        column holds one of the values (a missing column does not restrict).

    Returns
    -------
    ibis.Table
        An event table with ``event_date`` and a column per dimension.
    """
    makers = {
        "doorstroom": builder.doorstroom,
        "sec_nec_sec": builder.sec_nec_sec,
        "doorstroomklaar_advices": builder.advices,
        "trajectories_started": builder.trajectories_started,
        "trajectories_ended": builder.trajectories_ended,
        "status_at_as_of": builder.status_at_as_of,
    }
    events = _filtered(makers[indicator](), filters or {})
    if indicator == "trajectories_started" and "status" in dimensions:
        status = builder.status_at_as_of().select(
            status_person_id="person_id", status="status"
        )
        joined = events.left_join(status, events.person_id == status.status_person_id)
        events = joined.mutate(
            status=joined.status.fill_null("niet_aan_het_werk")
        ).drop("status_person_id")
    renames = {
        dim: EVENT_COLUMNS[dim]
        for dim in dimensions
        if dim in EVENT_COLUMNS and EVENT_COLUMNS[dim] in events.columns
    }
    if renames:
        events = events.rename(renames)
    return events


def table_query(
    builder: EventBuilder,
    spec: TableSpec,
    *,
    period_from: date,
    period_to: date,
    include_undated: bool = False,
    filters: Mapping[str, Iterable[str]] | None = None,
) -> ir.Table:
    """One Ibis expression: the counts of one table by its dimensions.

    Returns
    -------
    ibis.Table
        The table's dimensions plus ``n``, one row per non-empty combination.
    """
    events = event_table(builder, spec.indicator, spec.dimensions, filters)
    if spec.indicator == "status_at_as_of":
        # The status on as_of does not depend on the period.
        return count_by(events, None, None, spec.dimensions)
    return count_by(
        events,
        period_from,
        period_to,
        spec.dimensions,
        include_undated=include_undated and spec.indicator == "doorstroomklaar_advices",
    )


# ------------------------------------------------------------------ the layout


def categories_for(
    spec: TableSpec,
    dimension: str,
    rows: Iterable[Mapping[str, Any]],
    years: Sequence[str],
) -> list[str]:
    """The categories of one dimension of a table, in report order.

    Fixed code lists are complete, in code-list order (advices: CM, LDE);
    ``year`` lists the period's years (plus ``onbekend`` when the advices
    include undated ones); open lists (``sector``, ``partner``) hold the
    non-zero categories sorted as strings, or ``onbekend`` alone when there is
    none (so that an empty table still has a row to carry its zeros).
    """
    if dimension == "year":
        return list(years)
    if dimension == "instrument" and spec.indicator == "doorstroomklaar_advices":
        return list(ADVICE_INSTRUMENTS)
    if dimension in FIXED_CATEGORIES:
        return list(FIXED_CATEGORIES[dimension])
    seen = sorted({str(row[dimension]) for row in rows if int(row["n"])})
    return seen or [UNKNOWN]


def _grid(
    counts: Mapping[tuple[str, str], int],
    row_cats: Sequence[str],
    col_cats: Sequence[str],
) -> dict[str, Any]:
    cells = {r: {c: counts.get((r, c), 0) for c in col_cats} for r in row_cats}
    return {
        "cells": cells,
        "row_totals": {r: sum(cells[r].values()) for r in row_cats},
        "column_totals": {c: sum(cells[r][c] for r in row_cats) for c in col_cats},
        "total": sum(sum(row.values()) for row in cells.values()),
    }


def layout_table(
    spec: TableSpec, rows: Iterable[Mapping[str, Any]], years: Sequence[str]
) -> dict[str, Any]:
    """Lay out grouped counts as the exact table object (module docstring).

    Parameters
    ----------
    spec
        The table.
    rows
        Grouped counts: one dict per combination with the table's dimensions
        and ``n``.
    years
        The year categories.

    Returns
    -------
    dict
        The exact table object.
    """
    rows = [dict(row) for row in rows]
    for row in rows:
        for dim in spec.dimensions:
            row[dim] = UNKNOWN if row.get(dim) is None else str(row[dim])
    row_cats = categories_for(spec, spec.rows, rows, years)
    col_cats = categories_for(spec, spec.columns, rows, years)
    dimensions = {"rows": spec.rows, "columns": spec.columns}
    table: dict[str, Any] = {
        "title": spec.title,
        "indicator": spec.indicator,
        "source": spec.source,
        "dimensions": ({"block": spec.block} if spec.block else {}) | dimensions,
    }
    if spec.block is None:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for row in rows:
            counts[(row[spec.rows], row[spec.columns])] += int(row["n"])
        table["row_categories"] = row_cats
        table["column_categories"] = col_cats
        table.update(_grid(counts, row_cats, col_cats))
        return table
    block_cats = categories_for(spec, spec.block, rows, years)
    by_block: dict[str, dict[tuple[str, str], int]] = {
        b: defaultdict(int) for b in block_cats
    }
    for row in rows:
        by_block.setdefault(row[spec.block], defaultdict(int))[
            (row[spec.rows], row[spec.columns])
        ] += int(row["n"])
    table["block_categories"] = block_cats
    table["row_categories"] = row_cats
    table["column_categories"] = col_cats
    table["blocks"] = {b: _grid(by_block[b], row_cats, col_cats) for b in block_cats}
    return table


def _fetch(
    queries: Mapping[str, ir.Table], *, stacked: bool
) -> dict[str, list[dict[str, Any]]]:
    """Run the table queries: one ``UNION ALL`` query on DuckDB, else one by one.

    Stacked, every query becomes ``(query, d0, d1, d2, n)`` with its dimensions
    cast to strings in table order, so DuckDB plans and runs them once (Spark
    runs the stacked plan slower than the separate queries).
    """
    import ibis

    if not stacked:
        return {name: q.to_pyarrow().to_pylist() for name, q in queries.items()}
    width = max(len(q.columns) - 1 for q in queries.values())
    parts = []
    for name, query in queries.items():
        dims = [c for c in query.columns if c != "n"]
        parts.append(
            query.select(
                query=ibis.literal(name),
                n=query.n.cast("int64"),
                **{
                    f"d{i}": query[dims[i]].cast("string")
                    if i < len(dims)
                    else ibis.null("string")
                    for i in range(width)
                },
            )
        )
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in queries}
    for row in ibis.union(*parts, distinct=False).to_pyarrow().to_pylist():
        name = row["query"]
        dims = [c for c in queries[name].columns if c != "n"]
        rows[name].append(
            {d: row[f"d{i}"] for i, d in enumerate(dims)} | {"n": row["n"]}
        )
    return rows


def compute_tables(
    tables: Mapping[str, ir.Table],
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    include_undated: bool = False,
    filters: Mapping[str, Iterable[str]] | None = None,
    specs: Sequence[TableSpec] = TABLE_SPECS,
    builder: EventBuilder | None = None,
) -> dict[str, dict[str, Any]]:
    """Compute the exact cross tables of the report.

    Parameters
    ----------
    tables
        Typed tables of :func:`.loading.load_tables` (DuckDB or Spark).
    period_from, period_to, as_of, include_undated, filters
        As in :func:`.indicators.compute_indicators`; use the same values, so
        that the tables count the indicators' events.
    specs
        The tables to compute (default: all of :data:`TABLE_SPECS`).
    builder
        An event builder to reuse (its materialised intermediate tables).

    Returns
    -------
    dict
        Table name to the exact table object, in the order of ``specs``.
    """
    from doorstroom.domain.monitoring.indicators import period_years

    builder = builder or EventBuilder(tables, as_of)
    years = period_years(period_from, period_to)
    queries = {
        spec.name: table_query(
            builder,
            spec,
            period_from=period_from,
            period_to=period_to,
            include_undated=include_undated,
            filters=filters,
        )
        for spec in specs
    }
    backend = str(next(iter(tables.values()))._find_backend().name)
    fetched = _fetch(queries, stacked=backend != "pyspark")
    result: dict[str, dict[str, Any]] = {}
    for spec in specs:
        rows = fetched[spec.name]
        spec_years = (
            [*years, UNKNOWN]
            if include_undated and spec.indicator == "doorstroomklaar_advices"
            else years
        )
        result[spec.name] = layout_table(spec, rows, spec_years)
    return result


# --------------------------------------------------------------- the figures


@dataclass(frozen=True)
class TableSlot:
    """Where one figure of a table stands.

    ``kind`` is ``cell``, ``row_total``, ``column_total`` or ``total``; ``row``
    and ``column`` are ``None`` where they do not apply; ``block`` is ``None``
    for a table without blocks.
    """

    table: str
    block: str | None
    kind: str
    row: str | None
    column: str | None


def grids(table: Mapping[str, Any]) -> list[tuple[str | None, Mapping[str, Any]]]:
    """``[(block, grid)]``: the one grid of a table, or one per block."""
    if "blocks" in table:
        return [(str(b), grid) for b, grid in table["blocks"].items()]
    return [(None, table)]


def slots(name: str, table: Mapping[str, Any]) -> list[tuple[TableSlot, Any]]:
    """Every figure of a table with its place, in reading order."""
    out: list[tuple[TableSlot, Any]] = []
    for block, grid in grids(table):
        for row, cells in grid["cells"].items():
            for column, value in cells.items():
                out.append((TableSlot(name, block, "cell", row, column), value))
            out.append(
                (
                    TableSlot(name, block, "row_total", row, None),
                    grid["row_totals"][row],
                )
            )
        for column, value in grid["column_totals"].items():
            out.append((TableSlot(name, block, "column_total", None, column), value))
        out.append((TableSlot(name, block, "total", None, None), grid["total"]))
    return out


def slot_mapping(spec_dims: Mapping[str, str], slot: TableSlot) -> dict[str, str]:
    """The dimension values that define a figure: ``{"province": "ANT", ...}``."""
    mapping: dict[str, str] = {}
    if slot.block is not None:
        mapping[spec_dims["block"]] = slot.block
    if slot.row is not None:
        mapping[spec_dims["rows"]] = slot.row
    if slot.column is not None:
        mapping[spec_dims["columns"]] = slot.column
    return mapping


# ------------------------------------------------------------------ labels

#: Short Dutch names (spreadsheet sheets, at most 31 characters).
SHEET_NAMES: dict[str, str] = {
    "doorstroom_province_year": "T01 Doorstroom prov-jaar",
    "doorstroom_sector_province": "T02 Doorstroom sector-prov",
    "doorstroom_sector_year": "T03 Doorstroom sector-jaar",
    "doorstroom_durability_year": "T04 Duurzaam-jaar",
    "doorstroom_durability_province": "T05 Duurzaam-prov",
    "sec_nec_sec_province_year": "T06 Terugkeer prov-jaar",
    "sec_nec_sec_months_year": "T07 Terugkeer termijn-jaar",
    "advices_province_year": "T08 Adviezen prov-jaar",
    "advices_age_year": "T09 Adviezen leeftijd-jaar",
    "trajectories_started_partner_year": "T10 Trajecten partner-jaar",
    "trajectories_started_province_year": "T11 Trajecten prov-jaar",
    "trajectories_started_age_year": "T12 Trajecten leeftijd-jaar",
    "trajectories_ended_partner_stage": "T13 Beëindigd partner-stage",
    "trajectories_ended_province_stage": "T14 Beëindigd prov-stage",
    "trajectories_ended_age_stage": "T15 Beëindigd leeftijd-stage",
    "trajectories_ended_year_stage": "T16 Beëindigd jaar-stage",
    "trajectories_ended_reason_year": "T17 Beëindigd reden-jaar",
    "trajectories_started_partner_status": "T18 Trajecten partner-werk",
    "trajectories_started_province_status": "T19 Trajecten prov-werk",
    "status_province": "T20 Situatie peildatum-prov",
}

_EXTRA_DIMENSION_LABELS = {
    "durability": "Duurzaamheid (12 maanden)",
    "status": "Situatie op de peildatum",
}


def dimension_title(dimension: str) -> str:
    """Dutch heading of a table dimension.

    Examples
    --------
    >>> dimension_title("durability")
    'Duurzaamheid (12 maanden)'
    >>> dimension_title("province")
    'Provincie'
    """
    from doorstroom.domain.monitoring.labels import dimension_label

    return _EXTRA_DIMENSION_LABELS.get(dimension) or dimension_label(dimension)


def category_title(dimension: str, code: str) -> str:
    """Dutch label of a category of a table dimension.

    Examples
    --------
    >>> category_title("durability", "niet_duurzaam")
    'Niet duurzaam'
    >>> category_title("province", "OVL")
    'Oost-Vlaanderen'
    """
    from doorstroom.domain.monitoring.labels import category_label, part_label

    if dimension == "durability":
        return part_label(code)
    return category_label(dimension, code)


def sheet_name(name: str) -> str:
    """The spreadsheet sheet of a table (at most 31 characters)."""
    return SHEET_NAMES.get(name, name)[:31]


# -------------------------------------------------------------- the view


@dataclass(frozen=True)
class ShownCell:
    """One figure as shown: the value, or ``None`` and the reason it is hidden."""

    value: int | None
    reason: str = ""

    @property
    def suppressed(self) -> bool:
        """Whether disclosure control withheld the figure."""
        return self.value is None and bool(self.reason)


@dataclass(frozen=True)
class GridView:
    """One grid of a published table, laid out for a renderer.

    Attributes
    ----------
    block
        Dutch label of the block (``None`` without blocks).
    row_heading, column_heading
        Dutch names of the two dimensions.
    columns
        Dutch column labels, the last one ``Totaal``.
    rows
        ``(label, cells)`` per row, the totals row (``Totaal``) last; each row
        has one cell per column.
    """

    block: str | None
    row_heading: str
    column_heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[ShownCell, ...]], ...]


def table_view(table: Mapping[str, Any]) -> list[GridView]:
    """The grids of a published table with Dutch labels and totals.

    Parameters
    ----------
    table
        A published table (``"suppressed"`` beside the figures of each grid).

    Returns
    -------
    list of GridView
    """
    dims = table["dimensions"]
    rows_dim, cols_dim = dims["rows"], dims["columns"]
    views = []
    for block, grid in grids(table):
        why = grid.get("suppressed") or {}

        def shown(value: Any, reason: Any) -> ShownCell:
            return ShownCell(value, str(reason or ""))

        columns = [category_title(cols_dim, c) for c in grid["column_totals"]]
        rows = []
        for row, cells in grid["cells"].items():
            reasons = (why.get("cells") or {}).get(row) or {}
            line = [shown(v, reasons.get(c)) for c, v in cells.items()]
            line.append(
                shown(grid["row_totals"][row], (why.get("row_totals") or {}).get(row))
            )
            rows.append((category_title(rows_dim, row), tuple(line)))
        totals = [
            shown(v, (why.get("column_totals") or {}).get(c))
            for c, v in grid["column_totals"].items()
        ]
        totals.append(shown(grid["total"], why.get("total")))
        rows.append(("Totaal", tuple(totals)))
        views.append(
            GridView(
                block=None if block is None else category_title(dims["block"], block),
                row_heading=dimension_title(rows_dim),
                column_heading=dimension_title(cols_dim),
                columns=(*columns, "Totaal"),
                rows=tuple(rows),
            )
        )
    return views

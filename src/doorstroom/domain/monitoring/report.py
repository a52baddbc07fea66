"""The monitoring report: figures, disclosure control and header (contract §5).

:func:`build_report` validates a data folder, loads it, computes the indicators,
protects them (:mod:`.suppression`) and assembles the JSON object of the report
contract. :func:`build_report_from_tables` starts from tables already loaded (the
web dashboard), :func:`assemble_report` from indicators already computed.

Renderers take a :class:`Report` only, that is the *published* figures: the
exact indicators never reach them once suppression is applied. Two views help
them: :func:`flatten` (one row per figure, for the CSV) and :func:`blocks` (one
small table per breakdown, for the spreadsheet and the HTML page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doorstroom.domain.monitoring.suppression import (
    DEFAULT_THRESHOLD,
    DISTRIBUTIONS,
    RATE_PARTS,
    publish,
    publish_with_tables,
)

if TYPE_CHECKING:
    from doorstroom.domain.monitoring.validation import Problem

#: Output formats of :func:`render`.
FORMATS = ("json", "csv", "xlsx", "html")

#: Indicators in report order (contract §5).
INDICATOR_ORDER = (
    "doorstroom",
    "doorstroom_rate",
    "sec_nec_sec",
    "durable_doorstroom_12m",
    "doorstroomklaar_advices",
    "trajectories_started",
    "trajectories_ended",
    "status_at_as_of",
)


class ReportInputError(Exception):
    """The data folder is invalid: nothing is computed, nothing is written.

    Attributes
    ----------
    problems
        Every problem, each with file, line and column.
    warnings
        Remarks that would not have rejected the folder.
    """

    def __init__(
        self, problems: Sequence[Problem], warnings: Sequence[Problem] = ()
    ) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data folder")
        self.problems = list(problems)
        self.warnings = list(warnings)


@dataclass
class Report:
    """A report ready to render.

    Attributes
    ----------
    data
        The JSON object of the report contract: ``as_of``, ``period``,
        ``suppression``, ``indicators`` (published), then ``options``,
        ``generated_at``, ``warnings``, ``tables`` (the published cross tables
        of :mod:`.tables`, when computed) and ``quality``.
    residual
        Suppressed cells a sharper reader than the contract's could still pin
        down (see :attr:`.SuppressedIndicators.residual`); not part of ``data``.
    """

    data: dict[str, Any]
    residual: list[str] = field(default_factory=list)

    @property
    def indicators(self) -> dict[str, Any]:
        """The published ``indicators`` object."""
        return self.data["indicators"]

    @property
    def cross_tables(self) -> dict[str, Any]:
        """The published cross tables (empty when none were computed)."""
        return self.data.get("tables") or {}

    @property
    def suppression_applied(self) -> bool:
        """Whether the figures are suppressed (``False``: exact figures)."""
        return bool(self.data["suppression"]["applied"])

    @property
    def threshold(self) -> int:
        """The threshold ``k`` of the disclosure control."""
        return int(self.data["suppression"]["threshold"])


def _check_period(period_from: date, period_to: date) -> None:
    if period_from > period_to:
        raise ValueError(
            f"the period starts after it ends ({period_from.isoformat()} > "
            f"{period_to.isoformat()})"
        )


def assemble_report(
    indicators: Mapping[str, Any],
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    exact_allowed: bool,
    suppression: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
    include_undated: bool = False,
    backend: str | None = None,
    warnings: Iterable[str] = (),
    quality: Mapping[str, Any] | None = None,
    generated_at: datetime | None = None,
    tables: Mapping[str, Mapping[str, Any]] | None = None,
) -> Report:
    """Protect computed indicators and put the report header around them.

    Parameters
    ----------
    indicators
        The exact ``indicators`` object (:func:`.indicators.compute_indicators`).
    period_from, period_to, as_of
        The report period and the reference date.
    exact_allowed
        Whether this reader may see exact figures
        (:func:`.suppression.may_see_exact_figures`).
    suppression
        ``False`` asks for exact figures; granted only with ``exact_allowed``.
    threshold, suppress_zeros
        Parameters of the disclosure control.
    include_undated, backend
        Recorded under ``options``.
    warnings
        Remarks on the input (unknown columns, ...), as sentences.
    quality
        Data-quality summary (:func:`.quality.quality_summary`); published
        with :func:`.quality.publish_quality` under the same threshold.
    generated_at
        Time stamp; now (UTC) by default.
    tables
        The exact cross tables (:func:`.tables.compute_tables`); protected
        together with the indicators and published under ``"tables"``.

    Returns
    -------
    Report
    """
    _check_period(period_from, period_to)
    if tables is None:
        published = publish(
            indicators,
            exact_requested=not suppression,
            exact_allowed=exact_allowed,
            threshold=threshold,
            suppress_zeros=suppress_zeros,
        )
    else:
        published = publish_with_tables(
            indicators,
            tables,
            exact_requested=not suppression,
            exact_allowed=exact_allowed,
            threshold=threshold,
            suppress_zeros=suppress_zeros,
        )
    header = published.header()
    if not published.applied:
        header["note"] = (
            "Exacte cijfers zonder statistische geheimhouding: niet publiceren. "
            "Exact figures without disclosure control: not for publication."
        )
    stamp = generated_at or datetime.now(tz=UTC)
    data: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "period": {"from": period_from.isoformat(), "to": period_to.isoformat()},
        "suppression": header,
        "indicators": published.indicators,
        "options": {"include_undated": include_undated, "backend": backend},
        "generated_at": stamp.isoformat(timespec="seconds"),
        "warnings": list(warnings),
    }
    if published.tables is not None:
        data["tables"] = published.tables
    if quality is not None:
        from doorstroom.domain.monitoring.quality import publish_quality

        data["quality"] = publish_quality(
            quality, threshold=threshold, applied=published.applied
        )
    return Report(data=data, residual=list(published.residual))


def build_report_from_tables(
    tables: Mapping[str, Any],
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    exact_allowed: bool,
    suppression: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
    include_undated: bool = False,
    warnings: Iterable[str] = (),
    quality: Mapping[str, Any] | None = None,
    generated_at: datetime | None = None,
    with_tables: bool = True,
) -> Report:
    """Compute, protect and assemble a report from loaded tables.

    Parameters
    ----------
    tables
        Tables of :func:`.loading.load_tables` (any backend).
    exact_allowed
        Whether this reader may see exact figures; the web app passes the
        answer of :func:`.suppression.may_see_exact_figures` for the user's role.
    period_from, period_to, as_of, suppression, threshold, suppress_zeros,
    include_undated, warnings, quality, generated_at
        As in :func:`assemble_report`.
    with_tables
        Also compute the cross tables (:mod:`.tables`), published under
        ``"tables"``.

    Returns
    -------
    Report
    """
    from doorstroom.domain.monitoring.indicators import compute_indicators

    _check_period(period_from, period_to)
    indicators = compute_indicators(
        tables,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
        include_undated=include_undated,
    )
    cross_tables = None
    if with_tables:
        from doorstroom.domain.monitoring.tables import compute_tables

        cross_tables = compute_tables(
            tables,
            period_from=period_from,
            period_to=period_to,
            as_of=as_of,
            include_undated=include_undated,
        )
    return assemble_report(
        indicators,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
        exact_allowed=exact_allowed,
        suppression=suppression,
        threshold=threshold,
        suppress_zeros=suppress_zeros,
        include_undated=include_undated,
        backend=getattr(tables, "backend", None),
        warnings=warnings,
        quality=quality,
        generated_at=generated_at,
        tables=cross_tables,
    )


def build_report(
    data_dir: Path | str,
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    include_undated: bool = False,
    suppression: bool = True,
    threshold: int = DEFAULT_THRESHOLD,
    suppress_zeros: bool = False,
    backend: str = "duckdb",
    generated_at: datetime | None = None,
    with_tables: bool = True,
    with_quality: bool = True,
) -> Report:
    """Validate a data folder and build its report.

    Whoever can read the folder may ask for exact figures (contract §4), so
    ``suppression=False`` is granted here.

    Parameters
    ----------
    data_dir
        Folder with the six CSV files of the data contract.
    period_from, period_to
        The report period, both days included.
    as_of
        The reference date.
    include_undated
        Count undated ``doorstroomklaar`` advices under year ``onbekend``.
    suppression
        ``False`` for exact figures (``--no-suppression``).
    threshold, suppress_zeros
        Parameters of the disclosure control.
    backend
        ``duckdb`` or ``spark``.
    generated_at
        Time stamp; now (UTC) by default.
    with_tables
        Add the cross tables of the parliamentary answers (``"tables"``).
    with_quality
        Add the data-quality summary (``"quality"``).

    Returns
    -------
    Report

    Raises
    ------
    ReportInputError
        When the folder does not pass validation.
    ValueError
        When the period starts after it ends.
    """
    from doorstroom.domain.monitoring.loading import validate_and_load

    _check_period(period_from, period_to)
    # One read of the folder on DuckDB: validation leaves the typed tables behind.
    result, tables = validate_and_load(Path(data_dir), backend=backend)
    if result.problems or tables is None:
        raise ReportInputError(result.problems, result.warnings)
    quality = None
    if with_quality:
        from doorstroom.domain.monitoring.quality import quality_summary

        quality = quality_summary(tables, as_of)
    report = build_report_from_tables(
        tables,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
        exact_allowed=True,
        suppression=suppression,
        threshold=threshold,
        suppress_zeros=suppress_zeros,
        include_undated=include_undated,
        warnings=[w.format_en() for w in result.warnings],
        generated_at=generated_at,
        quality=quality,
        with_tables=with_tables,
    )
    report.data["options"]["backend"] = backend
    return report


def render(report: Report, fmt: str) -> bytes:
    """Render a report in one of :data:`FORMATS`.

    Parameters
    ----------
    report
        The report.
    fmt
        ``json``, ``csv``, ``xlsx`` or ``html``.

    Returns
    -------
    bytes
        The file content (UTF-8 for the text formats).
    """
    if fmt == "json":
        from doorstroom.domain.monitoring.render_json import render_json

        return render_json(report).encode("utf-8")
    if fmt == "csv":
        from doorstroom.domain.monitoring.render_csv import render_csv

        return render_csv(report).encode("utf-8")
    if fmt == "xlsx":
        from doorstroom.domain.monitoring.render_xlsx import render_xlsx

        return render_xlsx(report)
    if fmt == "html":
        from doorstroom.domain.monitoring.render_html import render_html

        return render_html(report).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; choose one of {FORMATS}")


# ------------------------------------------------------------------ views


@dataclass(frozen=True)
class Figure:
    """One published figure with its place in the report.

    ``value`` is ``None`` when the figure is suppressed (``reason`` says why) or,
    for a rate, when its denominator is 0 (``reason`` empty).
    """

    indicator: str
    part: str
    dimension: str
    category: str
    value: int | float | None
    reason: str


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) and "total" in value


def _tables_of(
    indicator: Mapping[str, Any],
) -> list[tuple[str | None, Mapping[str, Any]]]:
    """``[(class, table)]``: one table, or one per durability class."""
    if _is_table(indicator):
        return [(None, indicator)]
    return [
        (str(group), table) for group, table in indicator.items() if _is_table(table)
    ]


def _is_rate_table(table: Mapping[str, Any]) -> bool:
    return isinstance(table.get("total"), Mapping)


def _slots(table: Mapping[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """``(dimension, category, value, reason)`` for the total and every cell."""
    reasons = table.get("suppressed") or {}
    slots = [("total", "", table["total"], reasons.get("total"))]
    for dimension, categories in (table.get("by") or {}).items():
        for category, value in categories.items():
            reason = (reasons.get(dimension) or {}).get(str(category))
            slots.append((dimension, str(category), value, reason))
    for dimension in DISTRIBUTIONS:
        for category, value in (table.get(dimension) or {}).items():
            reason = (reasons.get(dimension) or {}).get(str(category))
            slots.append((dimension, str(category), value, reason))
    return slots


def flatten(indicators: Mapping[str, Any]) -> list[Figure]:
    """Every figure of a published ``indicators`` object, in report order.

    ``part`` is ``count`` for a plain count, the durability class for
    ``durable_doorstroom_12m``, and ``numerator``, ``denominator`` or ``rate``
    for a rate. ``dimension`` is ``total`` for a total.

    Parameters
    ----------
    indicators
        The published indicators.

    Returns
    -------
    list of Figure
    """
    figures: list[Figure] = []
    for name, indicator in indicators.items():
        for group, table in _tables_of(indicator):
            rate = _is_rate_table(table)
            for dimension, category, value, reason in _slots(table):
                if rate:
                    reasons = reason if isinstance(reason, Mapping) else {}
                    for part in (*RATE_PARTS, "rate"):
                        figures.append(
                            Figure(
                                name,
                                part,
                                dimension,
                                category,
                                value.get(part),
                                str(reasons.get(part) or ""),
                            )
                        )
                else:
                    figures.append(
                        Figure(
                            name,
                            group or "count",
                            dimension,
                            category,
                            value,
                            str(reason or ""),
                        )
                    )
    return figures


@dataclass(frozen=True)
class BlockCell:
    """One shown value of a :class:`Block`: the figure and, if hidden, why."""

    value: int | float | None
    reason: str = ""

    @property
    def suppressed(self) -> bool:
        """Whether the figure was withheld by disclosure control."""
        return self.value is None and bool(self.reason)


@dataclass(frozen=True)
class Block:
    """A small table: one breakdown of one indicator.

    Attributes
    ----------
    indicator
        Indicator code.
    dimension
        Breakdown code (``total`` for the block of totals).
    columns
        Column codes: ``count``; durability classes; or ``numerator``,
        ``denominator``, ``rate``.
    rows
        ``(category code, cells)`` per category; the totals block has one row
        with category ``total``.
    """

    indicator: str
    dimension: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[BlockCell, ...]], ...]


def blocks(name: str, indicator: Mapping[str, Any]) -> list[Block]:
    """The breakdown tables of one published indicator, totals first.

    Parameters
    ----------
    name
        Indicator code.
    indicator
        The published indicator.

    Returns
    -------
    list of Block
    """
    tables = _tables_of(indicator)
    if not tables:
        return []
    rate = _is_rate_table(tables[0][1])
    columns: tuple[str, ...]
    if rate:
        columns = (*RATE_PARTS, "rate")
    elif tables[0][0] is None:
        columns = ("count",)
    else:
        columns = tuple(str(group) for group, _ in tables)

    # dimension -> category -> column -> Cell, in first-seen order.
    grid: dict[str, dict[str, dict[str, BlockCell]]] = {}
    for group, table in tables:
        for dimension, category, value, reason in _slots(table):
            row = grid.setdefault(dimension, {}).setdefault(category or "total", {})
            if rate:
                reasons = reason if isinstance(reason, Mapping) else {}
                for part in columns:
                    row[part] = BlockCell(value.get(part), str(reasons.get(part) or ""))
            else:
                row[group or "count"] = BlockCell(value, str(reason or ""))
    result = []
    for dimension, categories in grid.items():
        rows = tuple(
            (category, tuple(cells.get(column, BlockCell(0)) for column in columns))
            for category, cells in categories.items()
        )
        result.append(Block(name, dimension, columns, rows))
    return result

"""The report as one standalone HTML page with charts, in Dutch.

Everything is inside the file: the style sheet, the Plotly figures and
plotly.js itself (embedded once, ``include_plotlyjs=True``), so the page opens
offline and fetches nothing. Charts: doorstroom per province and per year, the
durability split per year (stacked), the months to return to the social
economy, the doorstroom rate per province. Every indicator follows as tables
(caption, column and row headers) that carry the same figures for readers who
do not see the charts. Suppressed figures are left out of the charts (their
category is marked ``×``) and marked in the tables. A section "Parlementaire
tabellen" gives the cross tables (rows × columns with totals) and a last one
the data-quality summary.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from doorstroom.domain.monitoring.labels import (
    INDICATOR_UNITS,
    SUPPRESSED_MARK,
    SUPPRESSION_LEGEND,
    category_label,
    dimension_label,
    indicator_label,
    part_label,
    suppression_reason_label,
)
from doorstroom.domain.monitoring.report import Block, BlockCell, blocks

if TYPE_CHECKING:
    from doorstroom.domain.monitoring.report import Report

#: Colour-blind safe palette (Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #0072B2; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .25rem 1rem; }
dl.meta dt { font-weight: bold; }
.warning { background: #fde2e1; border: 2px solid #b3261e; padding: .75rem; }
.legend { background: #f3f3f3; padding: .75rem; }
table { border-collapse: collapse; margin: 1rem 1.5rem 1rem 0; display: inline-table;
  vertical-align: top; }
caption { text-align: left; font-weight: bold; padding-bottom: .25rem; }
th, td { border: 1px solid #bbb; padding: .2rem .6rem; }
thead th { background: #ddebf7; }
tbody th { text-align: left; font-weight: normal; }
td { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { background: #d9d9d9; }
td.total { font-weight: bold; }
figure { margin: 1rem 0; }
figcaption { font-weight: bold; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def format_count(value: int) -> str:
    """A count in Belgian Dutch notation.

    Examples
    --------
    >>> format_count(2627)
    '2.627'
    """
    return f"{value:,}".replace(",", ".")


def format_rate(value: float) -> str:
    """A rate as a percentage in Belgian Dutch notation.

    Examples
    --------
    >>> format_rate(0.25)
    '25,0 %'
    """
    return f"{value * 100:.1f}".replace(".", ",") + " %"


def _cell_html(cell: BlockCell, column: str, threshold: int) -> str:
    if cell.suppressed:
        mark = (
            f"&lt;{threshold}" if cell.reason.startswith("below") else SUPPRESSED_MARK
        )
        reason = _esc(suppression_reason_label(cell.reason, threshold))
        return (
            f'<td class="suppressed"><abbr title="niet gepubliceerd: {reason}">{mark}</abbr>'
            f'<span class="visually-hidden"> (niet gepubliceerd: {reason})</span></td>'
        )
    if cell.value is None:
        return '<td><abbr title="geen noemer">–</abbr></td>'
    if column == "rate":
        return f"<td>{format_rate(float(cell.value))}</td>"
    return f"<td>{format_count(int(cell.value))}</td>"


def _table_html(block: Block, threshold: int) -> str:
    title = indicator_label(block.indicator)
    if block.dimension == "total":
        caption = f"{title}: totaal"
    else:
        caption = f"{title} per {dimension_label(block.dimension).lower()}"
    head = "".join(
        f'<th scope="col">{_esc("Aantal" if c == "count" else part_label(c))}</th>'
        for c in block.columns
    )
    lines = [
        "<table>",
        f"<caption>{_esc(caption)}</caption>",
        f'<thead><tr><th scope="col">{_esc(dimension_label(block.dimension))}</th>{head}</tr></thead>',
        "<tbody>",
    ]
    for category, cells in block.rows:
        label = (
            "Totaal"
            if block.dimension == "total"
            else category_label(block.dimension, category)
        )
        values = "".join(
            _cell_html(cell, column, threshold)
            for column, cell in zip(block.columns, cells, strict=True)
        )
        lines.append(f'<tr><th scope="row">{_esc(label)}</th>{values}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _shown_html(cell: Any, threshold: int, total: bool = False) -> str:
    tag = "th" if total else "td"
    if cell.suppressed:
        mark = (
            f"&lt;{threshold}" if cell.reason.startswith("below") else SUPPRESSED_MARK
        )
        reason = _esc(suppression_reason_label(cell.reason, threshold))
        return (
            f'<td class="suppressed"><abbr title="niet gepubliceerd: {reason}">{mark}</abbr>'
            f'<span class="visually-hidden"> (niet gepubliceerd: {reason})</span></td>'
        )
    value = "–" if cell.value is None else format_count(int(cell.value))
    if total:
        return f'<td class="total">{value}</td>'
    return f"<{tag}>{value}</{tag}>"


def cross_table_html(name: str, table: Mapping[str, Any], threshold: int) -> str:
    """One published cross table as HTML tables (one per block).

    Parameters
    ----------
    name
        The table's key (used for the element id).
    table
        The published table.
    threshold
        The report's threshold (for the ``<k`` mark).

    Returns
    -------
    str
        ``<table>`` elements with caption, scoped headers and totals.
    """
    from doorstroom.domain.monitoring.tables import table_view

    out = []
    for index, view in enumerate(table_view(table)):
        caption = table["title"] + (f" — {view.block}" if view.block else "")
        head = "".join(f'<th scope="col">{_esc(c)}</th>' for c in view.columns)
        lines = [
            f'<table class="cross" id="table-{_esc(name)}-{index}">',
            f"<caption>{_esc(caption)}</caption>",
            f'<thead><tr><th scope="col">{_esc(view.row_heading)} \\ '
            f"{_esc(view.column_heading)}</th>{head}</tr></thead>",
            "<tbody>",
        ]
        for label, cells in view.rows:
            last = len(cells) - 1
            values = "".join(
                _shown_html(cell, threshold, total=(i == last or label == "Totaal"))
                for i, cell in enumerate(cells)
            )
            lines.append(f'<tr><th scope="row">{_esc(label)}</th>{values}</tr>')
        lines.append("</tbody></table>")
        out.append("\n".join(lines))
    return "\n".join(out)


def cross_tables_html(tables: Mapping[str, Any], threshold: int) -> str:
    """The section "Parlementaire tabellen" of the page."""
    parts = [
        '<section aria-labelledby="tables-title" id="parliamentary-tables">',
        '<h2 id="tables-title">Parlementaire tabellen</h2>',
        "<p>Kruistabellen zoals in de antwoorden op de parlementaire vragen, met "
        "rij- en kolomtotalen; dezelfde geheimhouding als de rest van het rapport.</p>",
    ]
    for name, table in tables.items():
        parts.append(f"<h3>{_esc(table['title'])}</h3>")
        parts.append(f"<p>Parlementaire vraag: {_esc(table['source'])}.</p>")
        parts.append(cross_table_html(name, table, threshold))
    parts.append("</section>")
    return "\n".join(parts)


def quality_html(quality: Mapping[str, Any]) -> str:
    """The section "Datakwaliteit": the summary as readable text."""
    from doorstroom.domain.monitoring.quality import format_quality_nl

    text = format_quality_nl(quality)
    return (
        '<section aria-labelledby="quality-title" id="quality">'
        '<h2 id="quality-title">Datakwaliteit</h2>'
        f"<pre>{_esc(text)}</pre></section>"
    )


# ----------------------------------------------------------------- charts


def _bar_series(
    breakdown: Mapping[str, Any], dimension: str, pick: str | None = None
) -> tuple[list[str], list[float | None]]:
    """Labels and values; a suppressed category gets ``×`` and no bar."""
    labels, values = [], []
    for code, raw in breakdown.items():
        value = raw.get(pick) if pick is not None and isinstance(raw, Mapping) else raw
        label = category_label(dimension, str(code))
        labels.append(label if value is not None else f"{label} ({SUPPRESSED_MARK})")
        values.append(value)
    return labels, values


def _figure_html(
    figure: Any, div_id: str, caption: str, description: str, first: bool
) -> str:
    import plotly.io as pio

    shown = [v for trace in figure.data for v in (trace.y or ()) if v is not None]
    if not shown:
        figure.add_annotation(
            text="Alle cijfers van deze grafiek zijn niet gepubliceerd (×).",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
        figure.update_yaxes(range=[0, 1], showticklabels=False)
    figure.update_xaxes(type="category")
    figure.update_layout(
        template="simple_white",
        separators=",.",
        margin={"l": 60, "r": 20, "t": 30, "b": 80},
        height=380,
        colorway=list(PALETTE),
        font={"family": "system-ui, sans-serif"},
    )
    body = pio.to_html(
        figure,
        full_html=False,
        include_plotlyjs=first,
        include_mathjax=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    return (
        f'<figure aria-labelledby="{div_id}-caption">'
        f'<figcaption id="{div_id}-caption">{_esc(caption)}</figcaption>'
        f'<div role="img" aria-label="{_esc(description)}" class="chart">{body}</div>'
        "</figure>"
    )


def _charts(report: Report) -> list[str]:
    import plotly.graph_objects as go

    indicators = report.indicators
    charts: list[str] = []

    def add(figure: Any, key: str, caption: str) -> None:
        description = (
            f"Staafdiagram: {caption}. De cijfers staan ook in de tabellen hieronder."
        )
        charts.append(
            _figure_html(figure, f"chart-{key}", caption, description, first=not charts)
        )

    doorstroom = indicators.get("doorstroom", {}).get("by", {})
    for dimension in ("province", "year"):
        if dimension in doorstroom:
            labels, values = _bar_series(doorstroom[dimension], dimension)
            figure = go.Figure(
                go.Bar(x=labels, y=values, name="Doorstroom", marker_color=PALETTE[0])
            )
            figure.update_layout(
                yaxis_title="Aantal", xaxis_title=dimension_label(dimension)
            )
            add(
                figure,
                f"doorstroom-{dimension}",
                f"Doorstroom naar het NEC per {dimension_label(dimension).lower()}",
            )

    durable = indicators.get("durable_doorstroom_12m", {})
    if durable and all("year" in (t.get("by") or {}) for t in durable.values()):
        figure = go.Figure()
        years = list(next(iter(durable.values()))["by"]["year"])
        for index, (group, table) in enumerate(durable.items()):
            series = table["by"]["year"]
            figure.add_trace(
                go.Bar(
                    x=years,
                    y=[series.get(year, 0) for year in years],
                    name=part_label(group),
                    marker_color=PALETTE[index % len(PALETTE)],
                )
            )
        hidden = [
            year
            for year in years
            if any(t["by"]["year"].get(year, 0) is None for t in durable.values())
        ]
        figure.update_layout(
            barmode="stack",
            yaxis_title="Aantal",
            xaxis_title="Jaar van doorstroom",
            legend={"traceorder": "normal"},
        )
        if hidden:
            figure.update_xaxes(
                ticktext=[
                    f"{y} ({SUPPRESSED_MARK})" if y in hidden else y for y in years
                ],
                tickvals=years,
            )
        add(
            figure,
            "durability-year",
            "Duurzaamheid van de doorstroom (12 maanden) per jaar",
        )

    months = indicators.get("sec_nec_sec", {}).get("months_to_return")
    if months:
        labels, values = _bar_series(months, "months_to_return")
        figure = go.Figure(
            go.Bar(x=labels, y=values, name="Terugkeer", marker_color=PALETTE[2])
        )
        figure.update_layout(
            yaxis_title="Aantal", xaxis_title="Maanden tussen doorstroom en terugkeer"
        )
        add(
            figure,
            "months-to-return",
            "Terugkeer naar de sociale economie: maanden na de doorstroom",
        )

    rate = indicators.get("doorstroom_rate", {}).get("by", {}).get("province")
    if rate:
        labels, values = _bar_series(rate, "province", pick="rate")
        figure = go.Figure(
            go.Bar(x=labels, y=values, name="Doorstroomgraad", marker_color=PALETTE[1])
        )
        figure.update_layout(
            yaxis_title="Doorstroomgraad",
            xaxis_title="Provincie",
            yaxis_tickformat=".0%",
        )
        add(figure, "rate-province", "Doorstroomgraad per provincie")
    return charts


# ------------------------------------------------------------------- page


def _meta(report: Report) -> str:
    data = report.data
    rows: Sequence[tuple[str, str]] = [
        ("Periode", f"{data['period']['from']} tot en met {data['period']['to']}"),
        ("Peildatum", data["as_of"]),
        (
            "Statistische geheimhouding",
            f"toegepast, drempel {report.threshold}"
            if report.suppression_applied
            else "niet toegepast (exacte cijfers)",
        ),
        (
            "Ongedateerde adviezen",
            "meegeteld" if data["options"]["include_undated"] else "niet meegeteld",
        ),
        ("Aangemaakt op", str(data.get("generated_at", ""))),
    ]
    items = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in rows)
    return f'<dl class="meta">{items}</dl>'


def render_html(report: Report) -> str:
    """Render the standalone page.

    Parameters
    ----------
    report
        The report.

    Returns
    -------
    str
        A complete HTML document (``lang="nl-BE"``) with plotly.js inline.
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl-BE">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Monitoring doorstroom sociale economie</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Monitoring doorstroom sociale economie</h1>",
        _meta(report),
    ]
    if not report.suppression_applied:
        parts.append(
            '<p class="warning" role="alert"><strong>Exacte cijfers zonder statistische '
            "geheimhouding.</strong> Dit rapport is niet bestemd voor publicatie.</p>"
        )
    else:
        parts.append(
            f'<p class="legend">{_esc(SUPPRESSION_LEGEND.format(threshold=report.threshold))}</p>'
        )
    for warning in report.data.get("warnings", []):
        parts.append(f'<p class="legend">Opmerking bij de invoer: {_esc(warning)}</p>')
    parts.append("</header>")
    parts.append("<main>")
    charts = _charts(report)
    if charts:
        parts.append('<section aria-labelledby="charts-title" id="charts">')
        parts.append('<h2 id="charts-title">Grafieken</h2>')
        parts.extend(charts)
        parts.append("</section>")
    for name, indicator in report.indicators.items():
        section_id = f"indicator-{name}"
        parts.append(
            f'<section aria-labelledby="{section_id}-title" id="{section_id}">'
        )
        parts.append(f'<h2 id="{section_id}-title">{_esc(indicator_label(name))}</h2>')
        unit = INDICATOR_UNITS.get(name)
        if unit:
            parts.append(f"<p>Eenheid: {_esc(unit)}.</p>")
        for block in blocks(name, indicator):
            parts.append(_table_html(block, report.threshold))
        parts.append("</section>")
    if report.cross_tables:
        parts.append(cross_tables_html(report.cross_tables, report.threshold))
    if "quality" in report.data:
        parts.append(quality_html(report.data["quality"]))
    parts.append("</main>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

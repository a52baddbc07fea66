"""Plotly figures of the dashboard, built only from *published* figures (after
disclosure control): a suppressed cell is left out of a chart, never estimated."""

from __future__ import annotations

import json
from typing import Any

from doorstroom.domain.monitoring.labels import category_label

PALETTE = ["#0b5cab", "#1e6b34", "#b35c00", "#6f42c1", "#a4161a", "#4a5560", "#008080"]


def _layout(title: str, **extra: Any) -> dict:
    return {
        "title": {"text": title},
        "margin": {"l": 50, "r": 20, "t": 50, "b": 60},
        "font": {"family": "DejaVu Sans, sans-serif", "size": 13},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        **extra,
    }


def _bar(indicator: dict, dimension: str, title: str) -> str | None:
    import plotly.graph_objects as go

    cells = (indicator.get("by") or {}).get(dimension) or {}
    shown = [(k, v) for k, v in cells.items() if isinstance(v, int)]
    if not shown:
        return None
    fig = go.Figure(
        go.Bar(
            x=[category_label(dimension, k) for k, _ in shown],
            y=[v for _, v in shown],
            marker_color=PALETTE[0],
        ),
        layout=_layout(title, yaxis={"title": {"text": "Aantal"}}),
    )
    return fig.to_json()


def _durability(indicators: dict) -> str | None:
    import plotly.graph_objects as go

    durable = indicators.get("durable_doorstroom_12m") or {}
    traces = []
    names = {"durable": "Duurzaam", "pending": "Nog te beoordelen", "niet_duurzaam": "Niet duurzaam"}
    for i, (part, name) in enumerate(names.items()):
        cells = ((durable.get(part) or {}).get("by") or {}).get("year") or {}
        shown = [(k, v) for k, v in cells.items() if isinstance(v, int)]
        if shown:
            traces.append(
                go.Bar(name=name, x=[k for k, _ in shown], y=[v for _, v in shown],
                       marker_color=PALETTE[i + 1])
            )
    if not traces:
        return None
    fig = go.Figure(traces, layout=_layout("Duurzaamheid na 12 maanden, per jaar",
                                           barmode="stack"))
    return fig.to_json()


def sankey_values(indicators: dict) -> list[tuple[str, str, int]]:
    """Flows SEC -> NEC -> SEC from published totals; suppressed flows left out."""
    rate = (indicators.get("doorstroom_rate") or {}).get("total") or {}
    flows: list[tuple[str, str, int]] = []
    numerator, denominator = rate.get("numerator"), rate.get("denominator")
    if isinstance(numerator, int):
        flows.append(("WOP-dossier beëindigd (SEC)", "Doorstroom naar NEC", numerator))
        if isinstance(denominator, int):
            flows.append(
                ("WOP-dossier beëindigd (SEC)", "Geen doorstroom", denominator - numerator)
            )
    durable = indicators.get("durable_doorstroom_12m") or {}
    labels = {"durable": "Duurzaam werk (12 maanden)", "niet_duurzaam": "Niet duurzaam",
              "pending": "Nog te beoordelen"}
    for part, label in labels.items():
        total = (durable.get(part) or {}).get("total")
        if isinstance(total, int):
            flows.append(("Doorstroom naar NEC", label, total))
    back = (indicators.get("sec_nec_sec") or {}).get("total")
    if isinstance(back, int):
        flows.append(("Niet duurzaam", "Terug naar SEC (nieuw WOP-dossier)", back))
    return [f for f in flows if f[2] > 0]


def _sankey(indicators: dict) -> str | None:
    import plotly.graph_objects as go

    flows = sankey_values(indicators)
    if not flows:
        return None
    nodes: list[str] = []
    for source, target, _ in flows:
        for node in (source, target):
            if node not in nodes:
                nodes.append(node)
    fig = go.Figure(
        go.Sankey(
            node={"label": nodes, "pad": 18, "color": PALETTE[0]},
            link={
                "source": [nodes.index(s) for s, _, _ in flows],
                "target": [nodes.index(t) for _, t, _ in flows],
                "value": [v for _, _, v in flows],
            },
        ),
        layout=_layout("Stromen SEC → NEC → SEC"),
    )
    return fig.to_json()


def _survival(curve: dict) -> str | None:
    import plotly.graph_objects as go

    if not curve.get("published"):
        return None
    fig = go.Figure(
        go.Scatter(
            x=curve["months"],
            y=curve["survival"],
            mode="lines",
            line={"shape": "hv", "color": PALETTE[0]},
            name="Nog aan het werk",
        ),
        layout=_layout(
            "Nog in regulier werk na de doorstroom (Kaplan–Meier)",
            xaxis={"title": {"text": "Maanden na de doorstroom"}},
            yaxis={"title": {"text": "Aandeel"}, "range": [0, 1.02], "tickformat": ".0%"},
        ),
    )
    return fig.to_json()


def all_charts(indicators: dict, curve: dict) -> dict[str, dict]:
    doorstroom = indicators.get("doorstroom") or {}
    candidates = {
        "province": _bar(doorstroom, "province", "Doorstroom per provincie"),
        "year": _bar(doorstroom, "year", "Doorstroom per jaar"),
        "sector": _bar(doorstroom, "sector", "Doorstroom per sector (NACE)"),
        "durability": _durability(indicators),
        "sankey": _sankey(indicators),
        "survival": _survival(curve),
    }
    return {k: json.loads(v) for k, v in candidates.items() if v is not None}


def cohort_rows(indicators: dict) -> list[dict]:
    """Per year of dossier end: ended, with doorstroom, rate (published cells)."""
    rate_by = ((indicators.get("doorstroom_rate") or {}).get("by") or {}).get("year") or {}
    durable = indicators.get("durable_doorstroom_12m") or {}
    rows = []
    for year, cell in rate_by.items():
        rows.append(
            {
                "year": year,
                "denominator": cell.get("denominator"),
                "numerator": cell.get("numerator"),
                "rate": cell.get("rate"),
                "durable": (((durable.get("durable") or {}).get("by") or {}).get("year") or {}).get(year),
            }
        )
    return rows


def fairness_rows(indicators: dict, dimensions) -> list[dict]:
    """Transition rate and durability side by side per group, from published cells.

    A group whose figures are suppressed shows as such; shares are computed only
    from published counts.
    """
    from doorstroom.domain.monitoring.labels import dimension_label

    rate_by = (indicators.get("doorstroom_rate") or {}).get("by") or {}
    doorstroom_by = (indicators.get("doorstroom") or {}).get("by") or {}
    durable_by = ((indicators.get("durable_doorstroom_12m") or {}).get("durable") or {}).get(
        "by"
    ) or {}
    out = []
    for dimension in dimensions:
        rows = []
        categories = list((doorstroom_by.get(dimension) or {}).keys())
        for code in (rate_by.get(dimension) or {}):
            if code not in categories:
                categories.append(code)
        for code in categories:
            rate = (rate_by.get(dimension) or {}).get(code) or {}
            transitions = (doorstroom_by.get(dimension) or {}).get(code)
            durable = (durable_by.get(dimension) or {}).get(code)
            share = (
                round(durable / transitions, 4)
                if isinstance(durable, int) and isinstance(transitions, int) and transitions
                else None
            )
            rows.append(
                {
                    "label": category_label(dimension, code),
                    "rate": rate.get("rate") if rate else None,
                    "has_rate": bool(rate),
                    "transitions": transitions,
                    "durable_share": share,
                }
            )
        out.append({"dimension": dimension_label(dimension), "rows": rows})
    return out

"""Charts for pages (Plotly figure JSON) and PDFs (hand-drawn SVG).

Plotly's static image export needs kaleido and a Chrome download, which cannot
run here, so the PDF's radar is drawn as plain SVG from the same
``radar_data()`` the page's Plotly figure uses.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.utils.html import escape

from doorstroom.domain.competences import radar_figure

_COLOURS = {"required": "#1f5f8b", "cutoff": "#b03a2e", "person": "#e08a00"}


def _figure_dict(figure) -> dict[str, Any]:
    data = figure.to_plotly_json()
    layout = data.get("layout", {})
    layout.pop("template", None)
    text = json.dumps({"data": data["data"], "layout": layout}, default=_plain)
    return json.loads(text)


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(type(value).__name__)


def radar_figure_dict(radar: dict[str, Any]) -> dict[str, Any]:
    """Plotly figure JSON (data + layout) of the person/job profile overlay."""
    figure = radar_figure(radar)
    figure.update_layout(margin={"l": 60, "r": 60, "t": 60, "b": 40}, height=480)
    return _figure_dict(figure)


def growth_figure_dict(growth: dict[str, Any]) -> dict[str, Any]:
    """Plotly figure JSON of the level per competence over the rounds."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for series in growth["series"]:
        figure.add_trace(
            go.Scatter(
                x=growth["dates"],
                y=series["values"],
                name=series["name"],
                mode="lines+markers",
                connectgaps=False,
            )
        )
    axis = growth["axis"]
    figure.update_layout(
        title="Groei over de metingen",
        yaxis={
            "range": [0.5, axis["max"] + 0.5],
            "tickvals": axis["tick_values"],
            "ticktext": axis["tick_labels"],
        },
        xaxis={"type": "category"},
        height=380,
        margin={"l": 90, "r": 20, "t": 50, "b": 40},
    )
    return _figure_dict(figure)


def radar_svg(radar: dict[str, Any], size: int = 420) -> str:
    """A radar chart as an SVG string (for WeasyPrint), from ``radar_data()``.

    Rings mark levels 1-4; the job profile's required level is a blue area, the
    cut-off a dashed red line, the person an orange line (unknown levels left out).
    """
    labels = list(radar["labels"])
    count = max(len(labels), 1)
    centre = size / 2
    radius = size / 2 - 90
    top = radar["axis"]["max"]

    def point(index: int, level: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * level / top
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{escape(radar["title"])}">'
    ]
    for level, tick in zip(
        radar["axis"]["tick_values"], radar["axis"]["tick_labels"], strict=True
    ):
        ring = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(count))
        )
        parts.append(
            f'<polygon points="{ring}" fill="none" stroke="#ccc" stroke-width="0.8"/>'
        )
        x, y = point(0, level)
        parts.append(
            f'<text x="{x + 3:.1f}" y="{y - 2:.1f}" font-size="8" fill="#777">'
            f"{escape(tick)}</text>"
        )
    for index, label in enumerate(labels):
        x, y = point(index, top)
        lx, ly = point(index, top * 1.12)
        anchor = (
            "middle" if abs(lx - centre) < 10 else ("start" if lx > centre else "end")
        )
        parts.append(
            f'<line x1="{centre:.1f}" y1="{centre:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-width="0.8"/>'
        )
        flag = " !" if radar["blocking"][index] else ""
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 3:.1f}" font-size="9" text-anchor="{anchor}">'
            f"{escape(label)}{flag}</text>"
        )
    for series in radar["series"]:
        known = [
            point(i, value)
            for i, value in enumerate(series["values"])
            if value is not None
        ]
        if not known:
            continue
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in known)
        colour = _COLOURS.get(series["key"], "#333")
        if series["key"] == "required":
            style = f'fill="{colour}" fill-opacity="0.25" stroke="{colour}"'
        elif series["key"] == "cutoff":
            style = f'fill="none" stroke="{colour}" stroke-dasharray="4 3"'
        else:
            style = (
                f'fill="{colour}" fill-opacity="0.2" stroke="{colour}" stroke-width="2"'
            )
        parts.append(f'<polygon points="{points}" {style}/>')
    legend_y = size - 14
    for offset, series in enumerate(radar["series"]):
        colour = _COLOURS.get(series["key"], "#333")
        x = 10 + offset * 130
        parts.append(
            f'<rect x="{x}" y="{legend_y - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{legend_y + 1}" font-size="9">'
            f"{escape(series['name'])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

"""Display helpers shared by page, PDF and tests: the numbers of
``DistanceResult.to_dict()`` formatted once, the Dutch way."""

from __future__ import annotations

from typing import Any

from doorstroom.domain.competences import GapStatus, Level
from doorstroom.domain.competences.scales import format_number_nl


def percent(value: float | None) -> str:
    """``0.5417`` -> ``"54%"`` (as ``explain_nl`` writes it); ``None`` -> ``"–"``."""
    if value is None:
        return "–"
    return f"{format_number_nl(value * 100, 0)}%"


def level_text(value: float | None) -> str:
    if value is None:
        return "niet beoordeeld"
    if float(value).is_integer():
        return f"{int(value)} ({Level(int(value)).label_nl})"
    return format_number_nl(value)


def distance_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One display row per competence of ``DistanceResult.to_dict()``."""
    rows = []
    for gap in data["gaps"]:
        rows.append(
            {
                "name": gap["name"],
                "competence_id": gap["competence_id"],
                "required": level_text(gap["required"]),
                "actual": level_text(gap["actual"]),
                "cutoff": "–" if gap["cutoff"] is None else level_text(gap["cutoff"]),
                "weight": format_number_nl(gap["weight"]),
                "gap": "–" if gap["gap"] is None else format_number_nl(gap["gap"]),
                "blocking": gap["blocking"],
                "status": GapStatus(gap["status"]).label_nl,
            }
        )
    return rows


def summary(data: dict[str, Any]) -> dict[str, str]:
    return {
        "fit": percent(data["fit"]),
        "fit_lower": percent(data["fit_lower"]),
        "fit_upper": percent(data["fit_upper"]),
        "coverage": percent(data["coverage"]),
    }

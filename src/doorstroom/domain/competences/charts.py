"""Chart data for competence results, as plain dicts (the app renders them with Plotly).

* :func:`radar_data`: the person's levels laid over the job profile (required
  level and cut-off) on one axis per competence;
* :func:`growth_series`: the person's level per competence over the assessment
  rounds (the distance travelled);
* :func:`radar_figure`: an optional ready-made Plotly figure from
  :func:`radar_data`. Plotly is imported inside the function so that the domain
  package stays light.

Unknown levels are ``None`` in the data (a gap in the line), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from doorstroom.domain.competences.assessments import (
    DEFAULT_POLICY,
    AssessmentRound,
    ConsensusPolicy,
    competence_history,
)
from doorstroom.domain.competences.distance import DistanceResult
from doorstroom.domain.competences.frameworks import Framework
from doorstroom.domain.competences.scales import Level

if TYPE_CHECKING:
    import plotly.graph_objects as go

_LEVEL_AXIS = {
    "min": 1,
    "max": 4,
    "tick_values": [int(level) for level in Level],
    "tick_labels": [level.label_nl for level in Level],
}


def radar_data(
    result: DistanceResult, *, framework: Framework | None = None
) -> dict[str, Any]:
    """Data for a radar (or profile) chart: person against job profile.

    Parameters
    ----------
    result:
        A gap assessment result.
    framework:
        When given, the axes follow the framework's display order; otherwise
        they are sorted by competence id.

    Returns
    -------
    dict
        ``{"title", "competence_ids", "labels", "axis", "series"}`` where
        ``series`` holds three dicts ``{"key", "name", "values"}``: the required
        level (``required``), the cut-off (``cutoff``, ``None`` where there is
        none) and the person (``person``, ``None`` where unknown); plus
        ``"blocking"``: one boolean per axis.
    """
    gaps = {gap.competence_id: gap for gap in result.gaps}
    if framework is not None:
        order = [cid for cid in framework.competence_ids if cid in gaps]
        order += sorted(set(gaps) - set(order))
    else:
        order = sorted(gaps)
    ordered = [gaps[cid] for cid in order]
    return {
        "title": f"Competenties tegenover het jobprofiel '{result.profile_name}'",
        "competence_ids": order,
        "labels": [gap.name for gap in ordered],
        "axis": dict(_LEVEL_AXIS),
        "series": [
            {
                "key": "required",
                "name": "Gevraagd niveau",
                "values": [int(gap.required) for gap in ordered],
            },
            {
                "key": "cutoff",
                "name": "Cut-off",
                "values": [
                    None if gap.cutoff is None else int(gap.cutoff) for gap in ordered
                ],
            },
            {
                "key": "person",
                "name": "Huidig niveau",
                "values": [gap.actual for gap in ordered],
            },
        ],
        "blocking": [gap.blocking for gap in ordered],
    }


def growth_series(
    rounds: Iterable[AssessmentRound],
    policy: ConsensusPolicy = DEFAULT_POLICY,
    *,
    competence_ids: Sequence[str] | None = None,
    framework: Framework | None = None,
) -> dict[str, Any]:
    """Data for a growth-over-time chart: the level per competence per round.

    Parameters
    ----------
    rounds:
        Rounds of one person, in any order (sorted by date, then id).
    policy:
        Consensus policy per round (default: median of coach and
        werkvloerbegeleider).
    competence_ids:
        The competences to show (default: all rated ones, in framework order when
        a framework is given, else by id).
    framework:
        For names and order.

    Returns
    -------
    dict
        ``{"dates": [ISO dates], "round_ids": [...], "axis": {...}, "series":
        [{"competence_id", "name", "values"}]}`` with ``None`` where a round has no
        known level.
    """
    history = competence_history(rounds, policy)
    names = framework.names() if framework is not None else {}
    if competence_ids is None:
        if framework is not None:
            ids = [cid for cid in framework.competence_ids if cid in history]
            ids += sorted(set(history) - set(ids))
        else:
            ids = sorted(history)
    else:
        ids = list(competence_ids)
    first = next(iter(history.values()), ())
    return {
        "dates": [point.held_on.isoformat() for point in first],
        "round_ids": [point.round_id for point in first],
        "axis": dict(_LEVEL_AXIS),
        "series": [
            {
                "competence_id": cid,
                "name": names.get(cid, cid),
                "values": [point.level for point in history[cid]]
                if cid in history
                else [None] * len(first),
            }
            for cid in ids
        ],
    }


def radar_figure(data: dict[str, Any]) -> go.Figure:
    """A Plotly radar chart from :func:`radar_data`.

    Parameters
    ----------
    data:
        The output of :func:`radar_data`.

    Returns
    -------
    plotly.graph_objects.Figure
        One closed trace per series (required, cut-off, person).
    """
    import plotly.graph_objects as go

    labels = list(data["labels"])
    figure = go.Figure()
    styles = {
        "required": {"fill": "toself", "opacity": 0.35},
        "cutoff": {"line": {"dash": "dot"}},
        "person": {"fill": "toself", "opacity": 0.6},
    }
    for series in data["series"]:
        values = list(series["values"])
        figure.add_trace(
            go.Scatterpolar(
                r=values + values[:1],
                theta=labels + labels[:1],
                name=series["name"],
                connectgaps=False,
                **styles.get(series["key"], {}),
            )
        )
    axis = data["axis"]
    figure.update_layout(
        title=data["title"],
        polar={
            "radialaxis": {
                "range": [0, axis["max"]],
                "tickvals": axis["tick_values"],
                "ticktext": axis["tick_labels"],
            }
        },
        showlegend=True,
    )
    return figure

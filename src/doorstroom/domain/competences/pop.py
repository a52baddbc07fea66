"""POP proposals (persoonlijk ontwikkelingsplan) from a competence gap assessment.

After the gap assessment the coach and the worker draw up a POP: SMART actions
(what, who helps, by when, measurable result; technical or generic competence).
:func:`propose_pop` drafts those actions from the gaps, taking them from an
**action library** that each organisation maintains as a data file (see
``data/pop_actions.toml`` and :func:`load_action_library`). The draft is a
proposal to discuss with the worker, not a decision.

Order: blocking competences first, then the other gaps by weighted gap (the
priority order of :class:`~doorstroom.domain.competences.distance.DistanceResult`).
Unknown competences get no action: they need an observation first.

The maatwerk and LDE decrees require a yearly POP; :func:`pop_is_outdated` flags
a POP older than one year.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from doorstroom.domain.competences.distance import DistanceResult, GapStatus
from doorstroom.domain.competences.framework_files import FileProblem, read_data_file
from doorstroom.domain.competences.frameworks import Framework

#: Placeholder in action and result texts, replaced by the competence name.
COMPETENCE_PLACEHOLDER = "{competentie}"
#: Longest allowed action horizon, in weeks (a POP runs for a year).
MAX_WEEKS = 52


class CompetenceKind(StrEnum):
    """Whether an action works on a technical (job-specific) or generic competence."""

    TECHNICAL = "technical"
    GENERIC = "generic"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return "Technisch" if self is CompetenceKind.TECHNICAL else "Generiek"


class ActionLibraryError(ValueError):
    """An action library file is not valid; :attr:`problems` lists every problem."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(
            f"Ongeldige actiebibliotheek ({len(problems)} problemen):\n{lines}"
        )


@dataclass(frozen=True)
class PopActionTemplate:
    """A reusable SMART action in the library.

    Attributes
    ----------
    id:
        Template id, unique in the library.
    competence_id:
        The competence it works on (``"*"`` for the fallback).
    action:
        What the worker does (may contain ``{competentie}``).
    helper:
        Who helps.
    weeks:
        By when: weeks after the POP start (1-52).
    result:
        The measurable result (may contain ``{competentie}``).
    kind:
        Technical or generic competence.
    levels:
        Current levels (1-3) for which the action fits.
    """

    id: str
    competence_id: str
    action: str
    helper: str
    weeks: int
    result: str
    kind: CompetenceKind
    levels: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class PopActionLibrary:
    """An organisation's library of POP actions.

    Attributes
    ----------
    id, version, name:
        Identification; a new version for every change.
    actions:
        Templates, in the order the organisation prefers them.
    fallback:
        Used for a competence without a fitting template.
    """

    id: str
    version: int
    name: str
    actions: tuple[PopActionTemplate, ...]
    fallback: PopActionTemplate

    def for_competence(
        self, competence_id: str, level: float
    ) -> tuple[PopActionTemplate, ...]:
        """Templates for a competence that fit a current level, in library order.

        A fractional level (a median of 2.5) counts as the level below it.
        """
        current = math.floor(level)
        return tuple(
            template
            for template in self.actions
            if template.competence_id == competence_id and current in template.levels
        )

    def uncovered(self, framework: Framework) -> tuple[str, ...]:
        """Competence ids of a framework that only the fallback covers."""
        covered = {template.competence_id for template in self.actions}
        return tuple(cid for cid in framework.competence_ids if cid not in covered)


@dataclass(frozen=True)
class PopAction:
    """A proposed POP action for one competence.

    Attributes
    ----------
    priority:
        1 for the most urgent competence; actions on one competence share it.
    competence_id, competence_name:
        The competence.
    blocking:
        Whether the competence blocks the job (below the cut-off).
    gap:
        Levels between the person and the requirement.
    action, helper, due_date, measurable_result, kind:
        The SMART fields (wat, wie helpt, tegen wanneer, meetbaar resultaat,
        technisch/generiek).
    template_id:
        The library template it came from.
    """

    priority: int
    competence_id: str
    competence_name: str
    blocking: bool
    gap: float
    action: str
    helper: str
    due_date: date
    measurable_result: str
    kind: CompetenceKind
    template_id: str


def propose_pop(
    distance_result: DistanceResult,
    library: PopActionLibrary,
    start_date: date,
    *,
    per_competence: int = 1,
) -> list[PopAction]:
    """Draft POP actions for the gaps of a competence gap assessment.

    Parameters
    ----------
    distance_result:
        The result of :func:`~doorstroom.domain.competences.distance.distance`.
    library:
        The organisation's action library.
    start_date:
        Start of the POP; due dates are ``start_date + weeks``.
    per_competence:
        At most this many actions per competence (the first fitting templates in
        library order; the fallback when none fits).

    Returns
    -------
    list of PopAction
        Blocking competences first, then by weighted gap (largest first), ties by
        competence id. Met and unknown competences get no action.

    Raises
    ------
    ValueError
        When ``per_competence`` is below 1.
    """
    if per_competence < 1:
        raise ValueError("per_competence moet minstens 1 zijn.")
    proposal: list[PopAction] = []
    rank = 0
    for gap in distance_result.gaps:
        if gap.status not in (GapStatus.BLOCKING, GapStatus.GAP):
            continue
        assert gap.actual is not None and gap.gap is not None  # known, by status
        rank += 1
        templates = library.for_competence(gap.competence_id, gap.actual)[
            :per_competence
        ]
        for template in templates or (library.fallback,):
            proposal.append(
                PopAction(
                    priority=rank,
                    competence_id=gap.competence_id,
                    competence_name=gap.name,
                    blocking=gap.blocking,
                    gap=gap.gap,
                    action=template.action.replace(COMPETENCE_PLACEHOLDER, gap.name),
                    helper=template.helper,
                    due_date=start_date + timedelta(weeks=template.weeks),
                    measurable_result=template.result.replace(
                        COMPETENCE_PLACEHOLDER, gap.name
                    ),
                    kind=template.kind,
                    template_id=template.id,
                )
            )
    return proposal


def pop_is_outdated(pop_date: date, today: date) -> bool:
    """Whether a POP is more than one year old on ``today``.

    A POP of 1 March 2023 is still valid on 1 March 2024 and outdated from
    2 March 2024. A POP of 29 February is valid until 28 February the next year.

    Parameters
    ----------
    pop_date:
        Date the POP was drawn up (or last evaluated).
    today:
        The reference date (e.g. the VDAB evaluation date).

    Returns
    -------
    bool
        ``True`` when ``today`` is after the first anniversary of ``pop_date``.

    Examples
    --------
    >>> pop_is_outdated(date(2023, 3, 1), date(2024, 3, 1))
    False
    >>> pop_is_outdated(date(2023, 3, 1), date(2024, 3, 2))
    True
    """
    try:
        anniversary = pop_date.replace(year=pop_date.year + 1)
    except ValueError:  # 29 February -> 28 February of the next year
        anniversary = pop_date.replace(year=pop_date.year + 1, day=28)
    return today > anniversary


def load_action_library(path: str | Path) -> PopActionLibrary:
    """Read and validate an action library file (``.toml`` or ``.json``).

    Raises
    ------
    ActionLibraryError
        Listing every problem, each with file and field.
    """
    path = Path(path)
    try:
        data = read_data_file(path)
    except ValueError as exc:
        problems = getattr(
            exc, "problems", [FileProblem(path.name, "(bestand)", str(exc))]
        )
        raise ActionLibraryError(problems) from exc
    return action_library_from_dict(data, source=path.name)


def builtin_action_library() -> PopActionLibrary:
    """The default action library shipped in ``data/pop_actions.toml``."""
    resource = (
        resources.files("doorstroom.domain.competences") / "data" / "pop_actions.toml"
    )
    with resources.as_file(resource) as path:
        return load_action_library(path)


def action_library_from_dict(
    data: Any, *, source: str = "<gegevens>"
) -> PopActionLibrary:
    """Build an action library from parsed file data, checking every field.

    Raises
    ------
    ActionLibraryError
        Listing every problem, each with file and field.
    """
    problems: list[FileProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(FileProblem(source, field, message))

    if not isinstance(data, Mapping):
        raise ActionLibraryError(
            [FileProblem(source, "(bestand)", "verwacht een tabel")]
        )
    for key in sorted(set(data) - {"id", "version", "name", "fallback", "actions"}):
        problem(key, "onbekend veld")
    library_id = _text(data, "id", "", problem)
    name = _text(data, "name", "", problem)
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problem("version", f"verwacht een geheel getal vanaf 1, niet {version!r}")
        version = 0
    fallback = None
    if "fallback" not in data:
        problem("fallback", "ontbreekt (actie voor competenties zonder eigen actie)")
    else:
        fallback = _template(data["fallback"], "fallback", problem, fallback=True)
    raw_actions = data.get("actions", [])
    if not isinstance(raw_actions, list):
        problem("actions", "verwacht een lijst")
        raw_actions = []
    actions: list[PopActionTemplate] = []
    seen: set[str] = set() if fallback is None else {fallback.id}
    for index, item in enumerate(raw_actions):
        template = _template(item, f"actions[{index}]", problem, fallback=False)
        if template is None:
            continue
        if template.id in seen:
            problem(f"actions[{index}].id", f"dubbele actie-id {template.id!r}")
        seen.add(template.id)
        actions.append(template)
    if problems or fallback is None:
        raise ActionLibraryError(problems)
    return PopActionLibrary(
        id=library_id,
        version=version,
        name=name,
        actions=tuple(actions),
        fallback=fallback,
    )


_Report = Callable[[str, str], None]
_TEMPLATE_KEYS = {
    "id",
    "competence",
    "levels",
    "action",
    "helper",
    "weeks",
    "result",
    "kind",
}


def _text(table: Mapping[str, Any], key: str, field: str, problem: _Report) -> str:
    path = f"{field}.{key}" if field else key
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problem(
            path,
            "ontbreekt of is leeg"
            if value is None or value == ""
            else "verwacht tekst",
        )
        return ""
    return value


def _template(
    item: Any, field: str, problem: _Report, *, fallback: bool
) -> PopActionTemplate | None:
    if not isinstance(item, Mapping):
        problem(field, "verwacht een tabel")
        return None
    allowed = _TEMPLATE_KEYS - ({"competence", "levels"} if fallback else set())
    errors: list[str] = []

    def local(path: str, message: str) -> None:
        errors.append(path)
        problem(path, message)

    for key in sorted(set(item) - allowed):
        local(f"{field}.{key}", "onbekend veld")
    template_id = _text(item, "id", field, local)
    competence = "*" if fallback else _text(item, "competence", field, local)
    action = _text(item, "action", field, local)
    helper = _text(item, "helper", field, local)
    result = _text(item, "result", field, local)
    weeks = item.get("weeks")
    if (
        isinstance(weeks, bool)
        or not isinstance(weeks, int)
        or not 1 <= weeks <= MAX_WEEKS
    ):
        local(
            f"{field}.weeks",
            f"verwacht een aantal weken van 1 tot {MAX_WEEKS}, niet {weeks!r}",
        )
        weeks = 0
    kind_value = item.get("kind")
    kind = None
    try:
        kind = CompetenceKind(kind_value)
    except ValueError:
        local(
            f"{field}.kind", f"verwacht 'technical' of 'generic', niet {kind_value!r}"
        )
    levels_value = item.get("levels", [1, 2, 3])
    if (
        not isinstance(levels_value, list)
        or not levels_value
        or any(isinstance(v, bool) or v not in (1, 2, 3) for v in levels_value)
    ):
        local(f"{field}.levels", "verwacht een lijst met huidige niveaus 1, 2 en/of 3")
        levels_value = [1, 2, 3]
    if errors or kind is None:
        return None
    return PopActionTemplate(
        id=template_id,
        competence_id=competence,
        action=action,
        helper=helper,
        weeks=weeks,
        result=result,
        kind=kind,
        levels=tuple(sorted(set(levels_value))),
    )

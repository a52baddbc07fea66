"""Trajectory types as versioned data: TOML files, validated on load.

A trajectory type is a list of phases, each with its steps; a step names the forms
and documents it uses. Files live in ``data/`` as ``<id>.v<version>.toml``; a
case file stores the type id *and* version, so an old case file keeps its steps
when a newer version of the type is published.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .aftercare import AftercareBand

#: Forms a step may name (the case file knows how to fill each one).
KNOWN_FORMS = frozenset(
    {
        "intakeformulier",
        "motivatietest",
        "engagementsverklaring",
        "screening",
        "starr",
        "pdp",
        "vdab_evaluatie",
        "stageovereenkomst",
        "aanwezigheidslijst",
        "evaluatiedocument",
        "overgangsregeling",
        "contactschema",
        "warme_overdracht",
    }
)
#: Outcome statuses of an outreach trajectory (seed 002 L785–812).
KNOWN_OUTCOMES = frozenset({"werk", "opleiding", "werkzoekend", "niet_actief"})


class TrajectoryTypeError(ValueError):
    """A trajectory type file is invalid; the message is Dutch and names file and field."""

    def __init__(self, file: str, field: str, message: str) -> None:
        self.file = file
        self.field = field
        super().__init__(f"{file}: veld '{field}': {message}")


@dataclass(frozen=True)
class Step:
    """One step of a phase."""

    id: str
    name: str
    source: str
    forms: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Phase:
    """One phase of a trajectory type, its steps in order."""

    id: str
    name: str
    source: str
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        """The step with ``step_id`` (KeyError when unknown)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


@dataclass(frozen=True)
class TrajectoryType:
    """A versioned trajectory type."""

    id: str
    version: int
    name: str
    source: str
    phases: tuple[Phase, ...]
    outcomes: tuple[str, ...]
    #: The aftercare (nazorg) contact schedule; empty when the type has none.
    aftercare: tuple[AftercareBand, ...] = ()

    def phase(self, phase_id: str) -> Phase:
        """The phase with ``phase_id`` (KeyError when unknown)."""
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def phase_index(self, phase_id: str) -> int:
        """Position of the phase (0-based), to tell a step back from a step forward."""
        return [p.id for p in self.phases].index(phase_id)

    @property
    def key(self) -> str:
        """``"<id>@<version>"``."""
        return f"{self.id}@{self.version}"


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, field: str, message: str) -> TrajectoryTypeError:
        return TrajectoryTypeError(self.file, field, message)

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        field = f"{where}{key}"
        if key not in table:
            raise self.fail(field, "ontbreekt")
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "moet een niet-lege tekst zijn")
        return value.strip()

    def texts(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        field = f"{where}{key}"
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            raise self.fail(field, "moet een lijst van niet-lege teksten zijn")
        return tuple(v.strip() for v in value)

    def unique(self, ids: list[str], field: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(ids):
            if item in seen:
                raise self.fail(f"{field}[{i}].id", f"id '{item}' komt twee keer voor")
            seen.add(item)


def parse_trajectory_type(data: dict[str, Any], file: str) -> TrajectoryType:
    """Validate a parsed TOML table and build the :class:`TrajectoryType`.

    Raises
    ------
    TrajectoryTypeError
        With a Dutch message naming ``file`` and the field.
    """
    r = _Reader(file)
    type_id = r.text(data, "id", "")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise r.fail("version", "moet een geheel getal van minstens 1 zijn")
    outcomes = r.texts(data, "outcomes", "")
    for i, outcome in enumerate(outcomes):
        if outcome not in KNOWN_OUTCOMES:
            raise r.fail(
                f"outcomes[{i}]",
                f"onbekende uitkomst '{outcome}' (kies uit "
                f"{', '.join(sorted(KNOWN_OUTCOMES))})",
            )
    raw_phases = data.get("phases")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise r.fail("phases", "moet minstens één fase bevatten")
    phases = []
    for p, raw_phase in enumerate(raw_phases):
        where = f"phases[{p}]."
        if not isinstance(raw_phase, dict):
            raise r.fail(f"phases[{p}]", "moet een tabel zijn")
        raw_steps = raw_phase.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            raise r.fail(f"{where}steps", "een fase heeft minstens één stap")
        steps = []
        for s, raw_step in enumerate(raw_steps):
            at = f"{where}steps[{s}]."
            if not isinstance(raw_step, dict):
                raise r.fail(f"{where}steps[{s}]", "moet een tabel zijn")
            forms = r.texts(raw_step, "forms", at)
            for f, form in enumerate(forms):
                if form not in KNOWN_FORMS:
                    raise r.fail(f"{at}forms[{f}]", f"onbekend formulier '{form}'")
            steps.append(
                Step(
                    id=r.text(raw_step, "id", at),
                    name=r.text(raw_step, "name", at),
                    source=r.text(raw_step, "source", at),
                    forms=forms,
                    documents=r.texts(raw_step, "documents", at),
                )
            )
        r.unique([s.id for s in steps], f"{where}steps")
        phases.append(
            Phase(
                id=r.text(raw_phase, "id", where),
                name=r.text(raw_phase, "name", where),
                source=r.text(raw_phase, "source", where),
                steps=tuple(steps),
            )
        )
    r.unique([p.id for p in phases], "phases")
    aftercare = _parse_aftercare(r, data.get("aftercare"))
    return TrajectoryType(
        id=type_id,
        version=version,
        name=r.text(data, "name", ""),
        source=r.text(data, "source", ""),
        phases=tuple(phases),
        outcomes=outcomes,
        aftercare=aftercare,
    )


def _positive(r: _Reader, table: dict[str, Any], key: str, where: str) -> int:
    value = table.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise r.fail(f"{where}{key}", "moet een geheel getal van minstens 0 zijn")
    return value


def _parse_aftercare(r: _Reader, raw: Any) -> tuple[AftercareBand, ...]:
    """The optional ``[aftercare]`` table: ``source`` and ``[[aftercare.bands]]``."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise r.fail("aftercare", "moet een tabel zijn")
    r.text(raw, "source", "aftercare.")
    raw_bands = raw.get("bands")
    if not isinstance(raw_bands, list) or not raw_bands:
        raise r.fail("aftercare.bands", "moet minstens één periode bevatten")
    bands: list[AftercareBand] = []
    for b, raw_band in enumerate(raw_bands):
        where = f"aftercare.bands[{b}]."
        if not isinstance(raw_band, dict):
            raise r.fail(f"aftercare.bands[{b}]", "moet een tabel zijn")
        until = _positive(r, raw_band, "until_month", where)
        weeks = _positive(r, raw_band, "every_weeks", where)
        months = _positive(r, raw_band, "every_months", where)
        if (weeks > 0) == (months > 0):
            raise r.fail(
                f"{where}every_weeks",
                "geef precies één van every_weeks of every_months op",
            )
        if until < 1 or (bands and until <= bands[-1].until_month):
            raise r.fail(
                f"{where}until_month",
                "moet minstens 1 zijn en groter dan die van de vorige periode",
            )
        bands.append(
            AftercareBand(until_month=until, every_weeks=weeks, every_months=months)
        )
    return tuple(bands)


def load_trajectory_type(path: Path) -> TrajectoryType:
    """Read and validate one ``<id>.v<version>.toml`` file.

    Raises
    ------
    TrajectoryTypeError
        When the TOML is invalid, a field is wrong, or the file name does not
        match the id and version inside.
    """
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TrajectoryTypeError(
            name, "(bestand)", f"geen geldige TOML: {exc}"
        ) from exc
    trajectory_type = parse_trajectory_type(data, name)
    expected = f"{trajectory_type.id}.v{trajectory_type.version}.toml"
    if name != expected:
        raise TrajectoryTypeError(
            name, "id", f"de bestandsnaam moet '{expected}' zijn (id en versie)"
        )
    return trajectory_type


def load_directory(directory: Path) -> dict[tuple[str, int], TrajectoryType]:
    """All trajectory types in ``directory``, by (id, version)."""
    types: dict[tuple[str, int], TrajectoryType] = {}
    for path in sorted(directory.glob("*.toml")):
        trajectory_type = load_trajectory_type(path)
        types[(trajectory_type.id, trajectory_type.version)] = trajectory_type
    return types


@cache
def builtin_types() -> dict[tuple[str, int], TrajectoryType]:
    """The trajectory types shipped with the package (``data/``)."""
    directory = resources.files(__package__) / "data"
    return load_directory(Path(str(directory)))


def get_trajectory_type(type_id: str, version: int | None = None) -> TrajectoryType:
    """A shipped trajectory type; the latest version when ``version`` is None.

    Raises
    ------
    KeyError
        When no such type (or version) exists.
    """
    types = builtin_types()
    if version is not None:
        return types[(type_id, version)]
    versions = [v for (t, v) in types if t == type_id]
    if not versions:
        raise KeyError(type_id)
    return types[(type_id, max(versions))]


def latest_types() -> list[TrajectoryType]:
    """The latest version of every shipped type, by id."""
    ids = sorted({t for (t, _v) in builtin_types()})
    return [get_trajectory_type(t) for t in ids]

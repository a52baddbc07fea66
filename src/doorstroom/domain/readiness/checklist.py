"""Self-assessment checklists as versioned data: TOML files, validated on load.

A checklist has an answer scale (code, label, points), plain-Dutch readings per
score band, and themes with their statements. Files live in ``data/`` as
``<id>.v<version>.toml``; a filled round stores the checklist id *and* version, so
an old round keeps its statements when a newer version is published.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


class ChecklistError(ValueError):
    """A checklist file is invalid; the message is Dutch and names file and field."""

    def __init__(self, file: str, field: str, message: str) -> None:
        self.file = file
        self.field = field
        super().__init__(f"{file}: veld '{field}': {message}")


@dataclass(frozen=True)
class ScaleStep:
    """One possible answer: its code, Dutch label and points."""

    code: str
    label: str
    points: int


@dataclass(frozen=True)
class Reading:
    """The plain-Dutch reading of a score from ``min_percent`` upwards."""

    min_percent: int
    text: str


@dataclass(frozen=True)
class Statement:
    """One statement the organisation agrees with, or not."""

    id: str
    text: str
    source: str


@dataclass(frozen=True)
class Theme:
    """A group of statements, scored together."""

    id: str
    name: str
    source: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Checklist:
    """A versioned self-assessment checklist."""

    id: str
    version: int
    name: str
    source: str
    scale: tuple[ScaleStep, ...]
    readings: tuple[Reading, ...]
    themes: tuple[Theme, ...]

    @property
    def key(self) -> str:
        """``"<id>@<version>"``."""
        return f"{self.id}@{self.version}"

    @property
    def statements(self) -> tuple[Statement, ...]:
        """All statements, theme by theme."""
        return tuple(s for theme in self.themes for s in theme.statements)

    @property
    def max_points(self) -> int:
        """The points of the best answer on the scale."""
        return max(step.points for step in self.scale)

    def statement(self, statement_id: str) -> Statement:
        """The statement with ``statement_id`` (KeyError when unknown)."""
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def points(self, code: str) -> int:
        """Points of the answer ``code`` (KeyError when not on the scale)."""
        for step in self.scale:
            if step.code == code:
                return step.points
        raise KeyError(code)

    def label(self, code: str) -> str:
        """Dutch label of the answer ``code`` (KeyError when not on the scale)."""
        for step in self.scale:
            if step.code == code:
                return step.label
        raise KeyError(code)

    def reading(self, percent: int) -> str:
        """The plain-Dutch reading of a score of ``percent`` (0–100)."""
        text = self.readings[0].text
        for reading in self.readings:
            if percent >= reading.min_percent:
                text = reading.text
        return text


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, field: str, message: str) -> ChecklistError:
        return ChecklistError(self.file, field, message)

    def text(self, table: dict[str, Any], key: str, where: str) -> str:
        field = f"{where}{key}"
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "moet een niet-lege tekst zijn")
        return value.strip()

    def integer(self, table: dict[str, Any], key: str, where: str, low: int) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise self.fail(
                f"{where}{key}", f"moet een geheel getal van minstens {low} zijn"
            )
        return value

    def tables(self, table: dict[str, Any], key: str, where: str) -> list[dict]:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, dict) for v in value)
        ):
            raise self.fail(
                f"{where}{key}", "moet een niet-lege lijst van tabellen zijn"
            )
        return value

    def unique(self, ids: list[str], field: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(ids):
            if item in seen:
                raise self.fail(f"{field}[{i}]", f"'{item}' komt twee keer voor")
            seen.add(item)


def parse_checklist(data: dict[str, Any], file: str) -> Checklist:
    """Validate a parsed TOML table and build the :class:`Checklist`.

    Raises
    ------
    ChecklistError
        With a Dutch message naming ``file`` and the field.
    """
    r = _Reader(file)
    scale = tuple(
        ScaleStep(
            code=r.text(raw, "code", f"scale[{i}]."),
            label=r.text(raw, "label", f"scale[{i}]."),
            points=r.integer(raw, "points", f"scale[{i}].", 0),
        )
        for i, raw in enumerate(r.tables(data, "scale", ""))
    )
    r.unique([s.code for s in scale], "scale")
    if max(s.points for s in scale) < 1:
        raise r.fail("scale", "minstens één antwoord moet punten opleveren")
    readings = tuple(
        Reading(
            min_percent=r.integer(raw, "min_percent", f"readings[{i}].", 0),
            text=r.text(raw, "text", f"readings[{i}]."),
        )
        for i, raw in enumerate(r.tables(data, "readings", ""))
    )
    if readings[0].min_percent != 0:
        raise r.fail("readings[0].min_percent", "de eerste lezing begint bij 0")
    for i in range(1, len(readings)):
        if not readings[i - 1].min_percent < readings[i].min_percent <= 100:
            raise r.fail(
                f"readings[{i}].min_percent",
                "moet groter zijn dan die van de vorige lezing en hoogstens 100",
            )
    themes = []
    for t, raw_theme in enumerate(r.tables(data, "themes", "")):
        where = f"themes[{t}]."
        statements = tuple(
            Statement(
                id=r.text(raw, "id", f"{where}statements[{s}]."),
                text=r.text(raw, "text", f"{where}statements[{s}]."),
                source=r.text(raw, "source", f"{where}statements[{s}]."),
            )
            for s, raw in enumerate(r.tables(raw_theme, "statements", where))
        )
        themes.append(
            Theme(
                id=r.text(raw_theme, "id", where),
                name=r.text(raw_theme, "name", where),
                source=r.text(raw_theme, "source", where),
                statements=statements,
            )
        )
    r.unique([t.id for t in themes], "themes")
    r.unique([s.id for t in themes for s in t.statements], "statements")
    return Checklist(
        id=r.text(data, "id", ""),
        version=r.integer(data, "version", "", 1),
        name=r.text(data, "name", ""),
        source=r.text(data, "source", ""),
        scale=scale,
        readings=readings,
        themes=tuple(themes),
    )


def load_checklist(path: Path) -> Checklist:
    """Read and validate one ``<id>.v<version>.toml`` file.

    Raises
    ------
    ChecklistError
        When the TOML is invalid, a field is wrong, or the file name does not
        match the id and version inside.
    """
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(name, "(bestand)", f"geen geldige TOML: {exc}") from exc
    checklist = parse_checklist(data, name)
    expected = f"{checklist.id}.v{checklist.version}.toml"
    if name != expected:
        raise ChecklistError(
            name, "id", f"de bestandsnaam moet '{expected}' zijn (id en versie)"
        )
    return checklist


@cache
def builtin_checklists() -> dict[tuple[str, int], Checklist]:
    """The checklists shipped with the package (``data/``), by (id, version)."""
    directory = Path(str(resources.files(__package__) / "data"))
    checklists: dict[tuple[str, int], Checklist] = {}
    for path in sorted(directory.glob("*.toml")):
        checklist = load_checklist(path)
        checklists[(checklist.id, checklist.version)] = checklist
    return checklists


#: The guide's checklist ("Organisatie doorstroomklaar?").
READINESS_CHECKLIST = "organisatie_doorstroomklaar"


def get_checklist(
    checklist_id: str = READINESS_CHECKLIST, version: int | None = None
) -> Checklist:
    """A shipped checklist; the latest version when ``version`` is None.

    Raises
    ------
    KeyError
        When no such checklist (or version) exists.
    """
    checklists = builtin_checklists()
    if version is not None:
        return checklists[(checklist_id, version)]
    versions = [v for (c, v) in checklists if c == checklist_id]
    if not versions:
        raise KeyError(checklist_id)
    return checklists[(checklist_id, max(versions))]

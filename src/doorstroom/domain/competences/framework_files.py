"""Reading competence frameworks from TOML or JSON files, with validation.

A framework file has this layout (TOML shown; JSON has the same keys)::

    id = "sw_lde"
    version = 1
    name = "Competenties SW/LDE"
    description = "..."

    [[groups]]
    id = "core"
    name = "Kerncompetenties"

    [[competences]]
    id = "cooperation"
    group = "core"
    name = "Samenwerken"
    definition = "..."
    esco = []            # optional ESCO skill URIs
    vdab = []            # optional VDAB competence codes

    [[competences.indicators]]
    behaviour = "Helpt collega's ..."
    onvoldoende = "..."
    matig = "..."
    goed = "..."
    zeer_goed = "..."

:func:`framework_from_dict` checks everything (required keys, unknown keys, unique
ids, the four levels, the version) and reports *all* problems at once in a
:class:`FrameworkFileError`, each naming the file and the field, e.g.
``sw_lde.toml: competences[2] 'initiative'.indicators[0].goed: ontbreekt``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from doorstroom.domain.competences.frameworks import (
    ESCO_SKILL_PREFIX,
    BehaviourIndicator,
    Competence,
    CompetenceGroup,
    Framework,
    FrameworkError,
    FrameworkRef,
)
from doorstroom.domain.competences.scales import LEVEL_KEYS

#: Ids of the frameworks shipped in ``data/`` (file ``<id>.toml``).
BUILTIN_FRAMEWORK_IDS: tuple[str, ...] = (
    "sw_lde",
    "bw_card",
    "sam_attitudes",
    "work_abilities",
)

_TOP_KEYS = {
    "id",
    "version",
    "name",
    "description",
    "groups",
    "competences",
    "derived_from",
}
_GROUP_KEYS = {"id", "name"}
_COMPETENCE_KEYS = {"id", "group", "name", "definition", "indicators", "esco", "vdab"}
_INDICATOR_KEYS = {"behaviour", *LEVEL_KEYS}
_REF_KEYS = {"id", "version", "content_hash"}


@dataclass(frozen=True)
class FileProblem:
    """One problem in a data file: the field (a path like ``competences[2].name``) and what is wrong."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class FrameworkFileError(FrameworkError):
    """A framework file is not valid; :attr:`problems` lists every problem."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(
            f"Ongeldig competentiekader ({len(problems)} problemen):\n{lines}"
        )


def load_framework(path: str | Path) -> Framework:
    """Read and validate a framework file (``.toml`` or ``.json``).

    Parameters
    ----------
    path:
        The file.

    Returns
    -------
    Framework
        The validated framework.

    Raises
    ------
    FrameworkFileError
        When the file cannot be parsed or is not a valid framework; every problem
        names the file and the field.
    """
    path = Path(path)
    return framework_from_dict(read_data_file(path), source=path.name)


def read_data_file(path: Path) -> Any:
    """Parse a TOML or JSON data file.

    Raises
    ------
    FrameworkFileError
        When the file is unreadable, has another extension or does not parse.
    """
    suffix = path.suffix.lower()
    if suffix not in {".toml", ".json"}:
        raise FrameworkFileError(
            [
                FileProblem(
                    path.name, "(bestand)", "verwacht een .toml- of .json-bestand"
                )
            ]
        )
    try:
        raw = path.read_bytes()
        if suffix == ".toml":
            return tomllib.loads(raw.decode("utf-8"))
        return json.loads(raw.decode("utf-8-sig"))
    except (
        OSError,
        UnicodeDecodeError,
        tomllib.TOMLDecodeError,
        json.JSONDecodeError,
    ) as exc:
        raise FrameworkFileError(
            [FileProblem(path.name, "(bestand)", f"kan het bestand niet lezen: {exc}")]
        ) from exc


def builtin_framework(framework_id: str) -> Framework:
    """Load one of the frameworks shipped with doorstroom.

    Parameters
    ----------
    framework_id:
        One of :data:`BUILTIN_FRAMEWORK_IDS`.

    Returns
    -------
    Framework
        The framework.

    Raises
    ------
    KeyError
        For an unknown id.
    """
    if framework_id not in BUILTIN_FRAMEWORK_IDS:
        raise KeyError(f"Onbekend ingebouwd kader {framework_id!r}.")
    resource = (
        resources.files("doorstroom.domain.competences")
        / "data"
        / f"{framework_id}.toml"
    )
    with resources.as_file(resource) as path:
        return load_framework(path)


def builtin_frameworks() -> tuple[Framework, ...]:
    """All frameworks shipped with doorstroom, in :data:`BUILTIN_FRAMEWORK_IDS` order."""
    return tuple(
        builtin_framework(framework_id) for framework_id in BUILTIN_FRAMEWORK_IDS
    )


def framework_from_dict(data: Any, *, source: str = "<gegevens>") -> Framework:
    """Build a framework from parsed file data, checking every field.

    Parameters
    ----------
    data:
        The parsed TOML/JSON document (see the module docstring for the layout).
    source:
        The file name used in problem messages.

    Returns
    -------
    Framework
        The framework.

    Raises
    ------
    FrameworkFileError
        Listing every problem, each with file and field.
    """
    reader = _Reader(source)
    framework = reader.framework(data)
    if reader.problems or framework is None:
        raise FrameworkFileError(reader.problems)
    return framework


class _Reader:
    """Walks a framework document and collects problems with their field path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[FileProblem] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(FileProblem(self.source, field, message))

    def table(
        self, value: Any, field: str, allowed: set[str]
    ) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.problem(field, "verwacht een tabel (object)")
            return None
        self.unknown_keys(value, field, allowed)
        return value

    def unknown_keys(
        self, table: Mapping[str, Any], field: str, allowed: set[str]
    ) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(f"{field}.{key}" if field else key, "onbekend veld")

    def text(
        self, table: Mapping[str, Any], key: str, field: str, *, required: bool = True
    ) -> str:
        path = f"{field}.{key}" if field else key
        if key not in table:
            if required:
                self.problem(path, "ontbreekt")
            return ""
        value = table[key]
        if not isinstance(value, str):
            self.problem(path, "verwacht tekst")
            return ""
        if required and not value.strip():
            self.problem(path, "is leeg")
        return value

    def texts(self, table: Mapping[str, Any], key: str, field: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(item, str) for item in value
        ):
            self.problem(f"{field}.{key}", "verwacht een lijst met tekst")
            return ()
        return tuple(value)

    def listing(self, table: Mapping[str, Any], key: str, field: str) -> list[Any]:
        path = f"{field}.{key}" if field else key
        if key not in table:
            self.problem(path, "ontbreekt")
            return []
        value = table[key]
        if not isinstance(value, list):
            self.problem(path, "verwacht een lijst")
            return []
        if not value:
            self.problem(path, "is leeg")
        return value

    def version(self, table: Mapping[str, Any], field: str) -> int:
        path = f"{field}.version" if field else "version"
        if "version" not in table:
            self.problem(path, "ontbreekt (elk kader heeft een versienummer)")
            return 0
        value = table["version"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(path, f"verwacht een geheel getal vanaf 1, niet {value!r}")
            return 0
        return value

    def identifier(self, table: Mapping[str, Any], field: str) -> str:
        value = self.text(table, "id", field)
        if value and not (
            value.isascii()
            and value[0].isalpha()
            and all(ch.islower() or ch.isdigit() or ch == "_" for ch in value)
        ):
            self.problem(
                f"{field}.id" if field else "id",
                f"{value!r}: gebruik kleine letters, cijfers en '_' (begin met een letter)",
            )
        return value

    def framework(self, data: Any) -> Framework | None:
        top = self.table(data, "", _TOP_KEYS)
        if top is None:
            return None
        framework_id = self.identifier(top, "")
        version = self.version(top, "")
        name = self.text(top, "name", "")
        description = self.text(top, "description", "", required=False)
        derived_from = (
            self.reference(top["derived_from"]) if "derived_from" in top else None
        )
        groups = self.groups(self.listing(top, "groups", ""))
        group_ids = {group.id for group in groups}
        competences = self.competences(self.listing(top, "competences", ""), group_ids)
        if self.problems:
            return None
        try:
            return Framework(
                id=framework_id,
                version=version,
                name=name,
                description=description,
                groups=groups,
                competences=competences,
                derived_from=derived_from,
            )
        except FrameworkError as exc:
            self.problem("(kader)", str(exc))
            return None

    def reference(self, value: Any) -> FrameworkRef | None:
        table = self.table(value, "derived_from", _REF_KEYS)
        if table is None:
            return None
        return FrameworkRef(
            id=self.text(table, "id", "derived_from"),
            version=self.version(table, "derived_from"),
            content_hash=self.text(table, "content_hash", "derived_from"),
        )

    def groups(self, items: list[Any]) -> tuple[CompetenceGroup, ...]:
        groups: list[CompetenceGroup] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            field = f"groups[{index}]"
            table = self.table(item, field, _GROUP_KEYS)
            if table is None:
                continue
            group_id = self.identifier(table, field)
            if group_id in seen:
                self.problem(f"{field}.id", f"dubbele groep {group_id!r}")
            seen.add(group_id)
            groups.append(CompetenceGroup(group_id, self.text(table, "name", field)))
        return tuple(groups)

    def competences(
        self, items: list[Any], group_ids: set[str]
    ) -> tuple[Competence, ...]:
        competences: list[Competence] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            field = f"competences[{index}]"
            # Unknown keys are checked once the id is known, so that the message
            # names the competence.
            table = self.table(
                item, field, set(item) if isinstance(item, Mapping) else set()
            )
            if table is None:
                continue
            competence_id = self.identifier(table, field)
            field = f"{field} {competence_id!r}" if competence_id else field
            self.unknown_keys(table, field, _COMPETENCE_KEYS)
            if competence_id in seen:
                self.problem(f"{field}.id", f"dubbele competentie {competence_id!r}")
            seen.add(competence_id)
            group = self.text(table, "group", field)
            if group and group not in group_ids:
                self.problem(f"{field}.group", f"onbekende groep {group!r}")
            name = self.text(table, "name", field)
            definition = self.text(table, "definition", field)
            esco = self.texts(table, "esco", field)
            for position, uri in enumerate(esco):
                if not uri.startswith(ESCO_SKILL_PREFIX):
                    self.problem(
                        f"{field}.esco[{position}]",
                        f"{uri!r} is geen ESCO-vaardigheid ({ESCO_SKILL_PREFIX}...)",
                    )
            vdab = self.texts(table, "vdab", field)
            indicators = self.indicators(
                self.listing(table, "indicators", field), field
            )
            if self.problems:
                continue
            competences.append(
                Competence(
                    id=competence_id,
                    name=name,
                    definition=definition,
                    group=group,
                    indicators=indicators,
                    esco_uris=esco,
                    vdab_codes=vdab,
                )
            )
        return tuple(competences)

    def indicators(
        self, items: list[Any], parent: str
    ) -> tuple[BehaviourIndicator, ...]:
        indicators: list[BehaviourIndicator] = []
        for index, item in enumerate(items):
            field = f"{parent}.indicators[{index}]"
            table = self.table(item, field, _INDICATOR_KEYS)
            if table is None:
                continue
            behaviour = self.text(table, "behaviour", field)
            missing = [key for key in LEVEL_KEYS if key not in table]
            if missing:
                self.problem(
                    field,
                    "elke gedragsindicator beschrijft de vier niveaus "
                    f"({', '.join(LEVEL_KEYS)}); ontbreekt: {', '.join(missing)}",
                )
            levels = tuple(
                self.text(table, key, field) for key in LEVEL_KEYS if key in table
            )
            if (
                len(levels) == 4
                and behaviour.strip()
                and all(t.strip() for t in levels)
            ):
                indicators.append(
                    BehaviourIndicator(
                        behaviour, (levels[0], levels[1], levels[2], levels[3])
                    )
                )
        return tuple(indicators)

"""Importer for the ESCO classification CSV download (skills, occupations, relations).

ESCO (European Skills, Competences, Qualifications and Occupations) is published
as a CSV download per language. A user downloads it from the ESCO portal and
places the files in a folder; nothing is downloaded here. The files used:

``skills_<lang>.csv``
    ``conceptType, conceptUri, skillType, reuseLevel, preferredLabel, altLabels,
    hiddenLabels, status, modifiedDate, scopeNote, definition, inScheme,
    description``. ``altLabels`` holds several labels separated by line breaks
    inside one quoted field.
``occupations_<lang>.csv``
    ``conceptType, conceptUri, iscoGroup, preferredLabel, altLabels, hiddenLabels,
    status, modifiedDate, regulatedProfessionNote, scopeNote, definition,
    inScheme, description, code`` (v1.2 adds ``naceCode``).
``occupationSkillRelations_<lang>.csv``
    v1.1: ``occupationUri, relationType, skillType, skillUri``; v1.2 adds
    ``occupationLabel`` and ``skillLabel``. ``relationType`` is ``essential`` or
    ``optional``.

Tolerances: the files may sit in a subfolder (the zip unpacks into
``ESCO dataset - v1.2.0 - classification - nl - csv/``); the language suffix may
be missing (``skills.csv``) or in capitals; header names are matched without
regard to case or surrounding spaces; a UTF-8 byte order mark is ignored; extra
columns are ignored. Only ``skills`` is required.

Every bad row becomes an :class:`EscoProblem` naming file, line (the physical
line where the record starts; the header is line 1) and column; the import
fails as a whole with an :class:`EscoImportError` listing them all.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from doorstroom.domain.competences.frameworks import Framework
from doorstroom.domain.competences.job_profiles import JobProfile, Requirement
from doorstroom.domain.competences.scales import Level

SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"
RELATION_TYPES = ("essential", "optional")

_SKILL_COLUMNS = ("conceptUri", "preferredLabel")
_OCCUPATION_COLUMNS = ("conceptUri", "preferredLabel")
_RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")


@dataclass(frozen=True)
class EscoProblem:
    """One problem in the ESCO files."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", regel {self.line}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


class EscoImportError(ValueError):
    """The ESCO folder cannot be imported; :attr:`problems` lists every problem."""

    def __init__(self, problems: list[EscoProblem]) -> None:
        self.problems = problems
        shown = "\n".join(f"- {problem}" for problem in problems[:50])
        more = f"\n... en nog {len(problems) - 50}" if len(problems) > 50 else ""
        super().__init__(
            f"ESCO-import mislukt ({len(problems)} problemen):\n{shown}{more}"
        )


@dataclass(frozen=True)
class EscoSkill:
    """An ESCO skill or knowledge concept."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    skill_type: str = ""
    reuse_level: str = ""


@dataclass(frozen=True)
class EscoOccupation:
    """An ESCO occupation."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    description: str = ""
    isco_group: str = ""
    code: str = ""


@dataclass(frozen=True)
class EscoRelation:
    """An occupation needs a skill, essentially or optionally."""

    occupation_uri: str
    skill_uri: str
    relation_type: Literal["essential", "optional"]
    skill_type: str = ""


@dataclass(frozen=True)
class EscoData:
    """The imported ESCO concepts of one language."""

    language: str
    skills: Mapping[str, EscoSkill]
    occupations: Mapping[str, EscoOccupation] = field(default_factory=dict)
    relations: tuple[EscoRelation, ...] = ()

    def occupation_skills(
        self, occupation_uri: str
    ) -> tuple[tuple[EscoSkill, ...], tuple[EscoSkill, ...]]:
        """The essential and the optional skills of an occupation, each sorted by label."""
        if occupation_uri not in self.occupations:
            raise KeyError(occupation_uri)
        essential: list[EscoSkill] = []
        optional: list[EscoSkill] = []
        for relation in self.relations:
            if relation.occupation_uri == occupation_uri:
                target = (
                    essential if relation.relation_type == "essential" else optional
                )
                target.append(self.skills[relation.skill_uri])

        def by_label(skills: list[EscoSkill]) -> tuple[EscoSkill, ...]:
            return tuple(
                sorted(skills, key=lambda s: (s.preferred_label.lower(), s.uri))
            )

        return by_label(essential), by_label(optional)

    def search_skills(self, text: str) -> tuple[EscoSkill, ...]:
        """Skills whose preferred or alternative label contains ``text`` (case-insensitive)."""
        return _search(self.skills.values(), text)

    def search_occupations(self, text: str) -> tuple[EscoOccupation, ...]:
        """Occupations whose preferred or alternative label contains ``text``."""
        return _search(self.occupations.values(), text)


_Concept = TypeVar("_Concept", EscoSkill, EscoOccupation)


def _search(items: Iterable[_Concept], text: str) -> tuple[_Concept, ...]:
    needle = text.strip().lower()
    if not needle:
        return ()
    found = [
        item
        for item in items
        if any(
            needle in label.lower()
            for label in (item.preferred_label, *item.alt_labels)
        )
    ]
    return tuple(
        sorted(found, key=lambda item: (item.preferred_label.lower(), item.uri))
    )


def load_esco(folder: str | Path, language: str = "nl") -> EscoData:
    """Import the ESCO CSV files of one language from a folder.

    Parameters
    ----------
    folder:
        The folder with the unpacked ESCO download (files may be in a subfolder).
    language:
        The language suffix to use (``"nl"`` for ``skills_nl.csv``).

    Returns
    -------
    EscoData
        Skills, occupations and occupation-skill relations.

    Raises
    ------
    EscoImportError
        Listing every problem (missing file or column, empty or malformed URI,
        duplicate URI, unknown relation type, relation to an unknown concept),
        each with file, line and column.
    """
    root = Path(folder)
    problems: list[EscoProblem] = []
    if not root.is_dir():
        raise EscoImportError([EscoProblem(str(root), None, None, "map niet gevonden")])
    skills_file = _find_file(root, "skills", language, problems, required=True)
    occupations_file = _find_file(
        root, "occupations", language, problems, required=False
    )
    relations_file = _find_file(
        root, "occupationSkillRelations", language, problems, required=False
    )
    skills: dict[str, EscoSkill] = {}
    occupations: dict[str, EscoOccupation] = {}
    relations: list[EscoRelation] = []
    if skills_file is not None:
        for line, row in _rows(skills_file, _SKILL_COLUMNS, problems):
            uri = _uri(row, "conceptUri", SKILL_URI_PREFIX, skills_file, line, problems)
            label = _required(row, "preferredLabel", skills_file, line, problems)
            if uri is None or label is None:
                continue
            if uri in skills:
                problems.append(
                    EscoProblem(
                        skills_file.name, line, "conceptUri", f"dubbele URI {uri}"
                    )
                )
                continue
            skills[uri] = EscoSkill(
                uri=uri,
                preferred_label=label,
                alt_labels=_labels(row.get("altLabels", "")),
                description=row.get("description", "").strip(),
                skill_type=row.get("skillType", "").strip(),
                reuse_level=row.get("reuseLevel", "").strip(),
            )
    if occupations_file is not None:
        for line, row in _rows(occupations_file, _OCCUPATION_COLUMNS, problems):
            uri = _uri(
                row,
                "conceptUri",
                OCCUPATION_URI_PREFIX,
                occupations_file,
                line,
                problems,
            )
            label = _required(row, "preferredLabel", occupations_file, line, problems)
            if uri is None or label is None:
                continue
            if uri in occupations:
                problems.append(
                    EscoProblem(
                        occupations_file.name, line, "conceptUri", f"dubbele URI {uri}"
                    )
                )
                continue
            occupations[uri] = EscoOccupation(
                uri=uri,
                preferred_label=label,
                alt_labels=_labels(row.get("altLabels", "")),
                description=row.get("description", "").strip(),
                isco_group=row.get("iscoGroup", "").strip(),
                code=row.get("code", "").strip(),
            )
    if relations_file is not None:
        if occupations_file is None:
            problems.append(
                EscoProblem(
                    relations_file.name,
                    None,
                    None,
                    "relaties zonder beroepenbestand (occupations_<taal>.csv)",
                )
            )
        for line, row in _rows(relations_file, _RELATION_COLUMNS, problems):
            occupation_uri = _uri(
                row,
                "occupationUri",
                OCCUPATION_URI_PREFIX,
                relations_file,
                line,
                problems,
            )
            skill_uri = _uri(
                row, "skillUri", SKILL_URI_PREFIX, relations_file, line, problems
            )
            relation_type = row.get("relationType", "").strip().lower()
            if relation_type not in RELATION_TYPES:
                problems.append(
                    EscoProblem(
                        relations_file.name,
                        line,
                        "relationType",
                        f"verwacht essential of optional, niet {row.get('relationType', '')!r}",
                    )
                )
                continue
            if occupation_uri is None or skill_uri is None:
                continue
            if occupations_file is not None and occupation_uri not in occupations:
                problems.append(
                    EscoProblem(
                        relations_file.name,
                        line,
                        "occupationUri",
                        f"onbekend beroep {occupation_uri}",
                    )
                )
                continue
            if skill_uri not in skills:
                problems.append(
                    EscoProblem(
                        relations_file.name,
                        line,
                        "skillUri",
                        f"onbekende vaardigheid {skill_uri}",
                    )
                )
                continue
            relations.append(
                EscoRelation(
                    occupation_uri=occupation_uri,
                    skill_uri=skill_uri,
                    relation_type="essential"
                    if relation_type == "essential"
                    else "optional",
                    skill_type=row.get("skillType", "").strip(),
                )
            )
    if problems:
        raise EscoImportError(problems)
    return EscoData(
        language=language,
        skills=skills,
        occupations=occupations,
        relations=tuple(relations),
    )


def _find_file(
    root: Path, stem: str, language: str, problems: list[EscoProblem], *, required: bool
) -> Path | None:
    """Find ``<stem>_<language>.csv`` (or ``<stem>.csv``) anywhere under ``root``."""
    pattern = re.compile(
        rf"^{re.escape(stem)}(?:_(?P<lang>[a-z]{{2}}(?:-[a-z]+)?))?\.csv$",
        re.IGNORECASE,
    )
    candidates: dict[str, list[Path]] = {}
    for path in sorted(root.rglob("*.csv")):
        match = pattern.match(path.name)
        if match:
            key = (match.group("lang") or "").lower()
            candidates.setdefault(key, []).append(path)
    chosen = candidates.get(language.lower()) or candidates.get("")
    if chosen is None:
        if required:
            others = sorted(k for k in candidates if k)
            hint = f" (wel gevonden voor: {', '.join(others)})" if others else ""
            problems.append(
                EscoProblem(
                    f"{stem}_{language}.csv", None, None, f"bestand niet gevonden{hint}"
                )
            )
        return None
    if len(chosen) > 1:
        problems.append(
            EscoProblem(
                chosen[0].name,
                None,
                None,
                "meerdere bestanden gevonden: "
                + ", ".join(str(p.relative_to(root)) for p in chosen),
            )
        )
        return None
    return chosen[0]


def _rows(
    path: Path, required: tuple[str, ...], problems: list[EscoProblem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(start line, row by canonical column name)`` for each record."""
    canonical = {name.lower(): name for name in (*required, *_OPTIONAL_COLUMNS)}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            try:
                header = next(reader)
            except StopIteration:
                problems.append(EscoProblem(path.name, 1, None, "leeg bestand"))
                return
            names = [canonical.get(h.strip().lower(), h.strip()) for h in header]
            missing = [name for name in required if name not in names]
            for name in missing:
                problems.append(EscoProblem(path.name, 1, name, "kolom ontbreekt"))
            if missing:
                return
            previous_end = reader.line_num
            for record in reader:
                start, previous_end = previous_end + 1, reader.line_num
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                if len(record) != len(names):
                    problems.append(
                        EscoProblem(
                            path.name,
                            start,
                            None,
                            f"{len(record)} velden in plaats van {len(names)}",
                        )
                    )
                    continue
                yield start, dict(zip(names, record, strict=True))
    except UnicodeDecodeError as exc:
        problems.append(
            EscoProblem(path.name, None, None, f"geen geldige UTF-8: {exc}")
        )
    except csv.Error as exc:
        problems.append(EscoProblem(path.name, None, None, f"ongeldige CSV: {exc}"))


_OPTIONAL_COLUMNS = (
    "altLabels",
    "description",
    "skillType",
    "reuseLevel",
    "iscoGroup",
    "code",
)


def _required(
    row: Mapping[str, str],
    column: str,
    path: Path,
    line: int,
    problems: list[EscoProblem],
) -> str | None:
    value = row.get(column, "").strip()
    if not value:
        problems.append(EscoProblem(path.name, line, column, "leeg"))
        return None
    return value


def _uri(
    row: Mapping[str, str],
    column: str,
    prefix: str,
    path: Path,
    line: int,
    problems: list[EscoProblem],
) -> str | None:
    value = _required(row, column, path, line, problems)
    if value is None:
        return None
    if (
        not value.startswith(prefix)
        or len(value) == len(prefix)
        or any(c.isspace() for c in value)
    ):
        problems.append(
            EscoProblem(
                path.name,
                line,
                column,
                f"{value!r} is geen URI van de vorm {prefix}...",
            )
        )
        return None
    return value


def _labels(value: str) -> tuple[str, ...]:
    """Split ``altLabels``: one label per line (ESCO's layout)."""
    return tuple(label.strip() for label in value.splitlines() if label.strip())


def draft_job_profile(
    esco: EscoData,
    occupation_uri: str,
    framework: Framework,
    *,
    profile_id: str | None = None,
    essential_level: Level = Level.GOOD,
    optional_level: Level = Level.MODERATE,
    essential_weight: float = 2.0,
    optional_weight: float = 1.0,
) -> tuple[JobProfile, tuple[EscoSkill, ...]]:
    """Draft a job profile for an ESCO occupation from a framework's ESCO links.

    Every framework competence whose ``esco_uris`` include a skill of the
    occupation becomes a requirement: required level ``essential_level`` with
    ``essential_weight`` when at least one linked skill is essential, else
    ``optional_level`` with ``optional_weight``. No cut-offs are set: those are a
    decision for the coach and employer. The draft is a starting point to edit.

    Parameters
    ----------
    esco:
        Imported ESCO data.
    occupation_uri:
        The occupation.
    framework:
        The framework whose competences carry ESCO links.
    profile_id:
        Id of the profile (default: ``esco_`` plus the last part of the URI).
    essential_level, optional_level, essential_weight, optional_weight:
        Levels and weights for competences linked to essential/optional skills.

    Returns
    -------
    tuple
        The draft :class:`JobProfile` (competences in framework order) and the
        occupation's essential skills that no competence links to.

    Raises
    ------
    KeyError
        For an unknown occupation.
    ValueError
        When no competence of the framework links to a skill of the occupation.
    """
    occupation = esco.occupations[occupation_uri]
    essential, optional = esco.occupation_skills(occupation_uri)
    essential_uris = {skill.uri for skill in essential}
    optional_uris = {skill.uri for skill in optional}
    requirements: list[Requirement] = []
    linked: set[str] = set()
    for competence in framework.competences:
        uris = set(competence.esco_uris)
        linked |= uris
        if uris & essential_uris:
            requirements.append(
                Requirement(competence.id, essential_level, weight=essential_weight)
            )
        elif uris & optional_uris:
            requirements.append(
                Requirement(competence.id, optional_level, weight=optional_weight)
            )
    if not requirements:
        raise ValueError(
            f"Geen enkele competentie van kader {framework.id!r} is gekoppeld aan een "
            f"ESCO-vaardigheid van '{occupation.preferred_label}'."
        )
    profile = JobProfile(
        id=profile_id or "esco_" + occupation_uri.rsplit("/", 1)[-1].replace("-", "_"),
        name=occupation.preferred_label,
        requirements=tuple(requirements),
        framework=framework.ref,
    )
    unmapped = tuple(skill for skill in essential if skill.uri not in linked)
    return profile, unmapped

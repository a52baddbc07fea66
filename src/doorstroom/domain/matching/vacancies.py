"""Vacancies in competence language, and their import from CSV, JSON and feeds.

A :class:`Vacancy` is a job at an employer: a requirement profile in competence
terms (usually a :class:`~doorstroom.domain.competences.JobProfile` adjusted for
this job), its tasks (each linked to the competences it needs, for jobcarving),
hours and shifts, place of work (postcode), physical demands, the Dutch level
asked and how the workplace can be reached.

Imports are **all or nothing**: :func:`load_vacancies_csv`, :func:`load_vacancies_json`
and :func:`import_feed` either return every vacancy or raise
:class:`VacancyImportError` listing every problem with file, line and field, in
Dutch and in English.

CSV layout (one vacancy per row; lists separated by ``|``, sub-fields by ``:``)::

    id,title,employer_id,employer_name,sector,postcode,hours,shifts,
    physical_demands,language_level,reachable_by,profile,requirements,tasks

* ``requirements``: ``competence:required[:weight[:cutoff]]`` items, e.g.
  ``cooperation:3:2:2|accuracy:3``; with a ``profile`` they adjust that job
  profile, and ``-competence`` removes one of its requirements;
* ``tasks``: ``task_id:share:competence+competence:Dutch name`` items, e.g.
  ``picking:0.6:accuracy+work_organisation:Orders verzamelen``.

JSON layout: ``{"vacancies": [{...}]}`` (or a bare list) with the same field
names; ``employer`` is ``{"id", "name"}``, lists are JSON lists, requirements are
``{"competence", "required", "weight", "cutoff"}`` and tasks
``{"id", "name", "share", "competences"}``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from doorstroom.domain.competences import (
    Framework,
    JobProfile,
    JobProfileError,
    Requirement,
)
from doorstroom.domain.matching.geo import TravelMode
from doorstroom.domain.matching.terms import (
    LanguageLevel,
    PhysicalDemand,
    Shift,
    parse_language_level,
)

_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
#: Most hours per week a vacancy may state.
MAX_HOURS = 50.0

CSV_COLUMNS = (
    "id",
    "title",
    "employer_id",
    "employer_name",
    "sector",
    "postcode",
    "hours",
    "shifts",
    "physical_demands",
    "language_level",
    "reachable_by",
    "profile",
    "requirements",
    "tasks",
)


@dataclass(frozen=True)
class Employer:
    """The employer of a vacancy."""

    id: str
    name: str


@dataclass(frozen=True)
class Task:
    """One task of a job, linked to the competences it needs.

    Attributes
    ----------
    id, name:
        Task id and Dutch name.
    competence_ids:
        Competences the task needs (ids of the vacancy's requirements).
    share:
        Share of the working time spent on it (0-1].
    """

    id: str
    name: str
    competence_ids: tuple[str, ...]
    share: float = 0.0


@dataclass(frozen=True)
class Vacancy:
    """A vacancy in competence language.

    Attributes
    ----------
    id, title:
        Vacancy id and Dutch job title.
    employer:
        The employer.
    sector:
        Sector code (e.g. a NACE section or an organisation's own code).
    profile:
        Requirement profile (competence, required level, weight, cut-off).
    tasks:
        Tasks with their competences (may be empty).
    hours:
        Hours per week.
    shifts:
        Shifts the job needs.
    postcode:
        Place of work.
    physical_demands:
        Physical demands of the job.
    language_level:
        Dutch level asked (CEFR).
    reachable_by:
        Travel modes by which the workplace can be reached.
    source:
        Where it came from (``manual``, a file name, a feed name).
    """

    id: str
    title: str
    employer: Employer
    sector: str
    profile: JobProfile
    hours: float
    postcode: str
    shifts: frozenset[Shift] = frozenset({Shift.DAY})
    tasks: tuple[Task, ...] = ()
    physical_demands: frozenset[PhysicalDemand] = frozenset()
    language_level: LanguageLevel = LanguageLevel.A2
    reachable_by: frozenset[TravelMode] = frozenset(TravelMode)
    source: str = "manual"


def adjust_profile(
    profile: JobProfile,
    *,
    profile_id: str,
    name: str,
    set_requirements: Iterable[Requirement] = (),
    remove: Iterable[str] = (),
) -> JobProfile:
    """A vacancy's requirement profile: a job profile with changes.

    Parameters
    ----------
    profile:
        The job profile to start from.
    profile_id, name:
        Id and name of the result (usually the vacancy's).
    set_requirements:
        Requirements that replace or add to the profile's.
    remove:
        Competence ids to drop.

    Returns
    -------
    JobProfile
        The adjusted profile (same framework reference), requirements in the
        original order, added ones at the end.
    """
    changes = {r.competence_id: r for r in set_requirements}
    dropped = set(remove)
    kept = [
        changes.pop(r.competence_id, r)
        for r in profile.requirements
        if r.competence_id not in dropped
    ]
    kept.extend(changes.values())
    return JobProfile(profile_id, name, tuple(kept), framework=profile.framework)


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an import: where, which field, what (Dutch and English)."""

    source: str
    line: int | None
    field: str
    message_nl: str
    message_en: str

    def format(self, language: str = "nl") -> str:
        """``file:line: field: message`` in Dutch (``nl``) or English (``en``)."""
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        message = self.message_en if language == "en" else self.message_nl
        return f"{where}: {self.field}: {message}"

    def __str__(self) -> str:
        return self.format("nl")


class VacancyImportError(ValueError):
    """An import was refused; nothing was imported.

    Attributes
    ----------
    problems:
        Every problem found, in file order.
    """

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def messages(self, language: str = "nl") -> list[str]:
        """All problems as text in Dutch (``nl``) or English (``en``)."""
        return [p.format(language) for p in self.problems]


@dataclass
class _Collector:
    source: str
    problems: list[ImportProblem] = field(default_factory=list)

    def add(self, line: int | None, field_name: str, nl: str, en: str) -> None:
        self.problems.append(ImportProblem(self.source, line, field_name, nl, en))


def load_vacancies_csv(
    path: str | Path,
    *,
    profiles: Mapping[str, JobProfile] | None = None,
    framework: Framework | None = None,
) -> tuple[Vacancy, ...]:
    """Import vacancies from a CSV file (layout in the module docstring).

    Parameters
    ----------
    path:
        The CSV file (UTF-8, optional byte order mark, comma separated).
    profiles:
        Job profiles a row may start from (column ``profile``).
    framework:
        If given, every competence id must be in it.

    Returns
    -------
    tuple of Vacancy
        All vacancies, in file order.

    Raises
    ------
    VacancyImportError
        Listing every problem (file, line, field); nothing is imported.
    """
    path = Path(path)
    return vacancies_from_csv_text(
        path.read_text(encoding="utf-8-sig"),
        source=path.name,
        profiles=profiles,
        framework=framework,
    )


def vacancies_from_csv_text(
    text: str,
    *,
    source: str = "<csv>",
    profiles: Mapping[str, JobProfile] | None = None,
    framework: Framework | None = None,
) -> tuple[Vacancy, ...]:
    """Import vacancies from CSV text; see :func:`load_vacancies_csv`."""
    collector = _Collector(source)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    reader.fieldnames = header
    required_columns = set(CSV_COLUMNS) - {"profile", "tasks", "requirements"}
    missing = sorted(required_columns - set(header))
    unknown = sorted(set(header) - set(CSV_COLUMNS))
    if missing:
        collector.add(
            1,
            ", ".join(missing),
            "kolom ontbreekt",
            "column missing",
        )
    if unknown:
        collector.add(
            1,
            ", ".join(unknown),
            "onbekende kolom (tikfout?)",
            "unknown column (typo?)",
        )
    if collector.problems:
        raise VacancyImportError(collector.problems)
    records: list[tuple[int, dict[str, Any]]] = []
    for row in reader:
        line = reader.line_num
        if None in row:
            collector.add(line, "(rij)", "te veel velden", "too many fields")
            continue
        if all((value or "").strip() == "" for value in row.values()):
            continue
        records.append((line, _record_from_csv_row(row, line, collector)))
    return _build_all(records, collector, profiles, framework, source)


def load_vacancies_json(
    path: str | Path,
    *,
    profiles: Mapping[str, JobProfile] | None = None,
    framework: Framework | None = None,
) -> tuple[Vacancy, ...]:
    """Import vacancies from a JSON file; all or nothing like :func:`load_vacancies_csv`."""
    path = Path(path)
    return vacancies_from_json_text(
        path.read_text(encoding="utf-8-sig"),
        source=path.name,
        profiles=profiles,
        framework=framework,
    )


def vacancies_from_json_text(
    text: str,
    *,
    source: str = "<json>",
    profiles: Mapping[str, JobProfile] | None = None,
    framework: Framework | None = None,
) -> tuple[Vacancy, ...]:
    """Import vacancies from JSON text; see :func:`load_vacancies_json`."""
    collector = _Collector(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        collector.add(
            exc.lineno,
            "(json)",
            f"geen geldige JSON: {exc.msg}",
            f"invalid JSON: {exc.msg}",
        )
        raise VacancyImportError(collector.problems) from exc
    items = data.get("vacancies") if isinstance(data, dict) else data
    if not isinstance(items, list):
        collector.add(
            None,
            "vacancies",
            "verwacht een lijst van vacatures",
            "expected a list of vacancies",
        )
        raise VacancyImportError(collector.problems)
    lines: list[int | None] = list(
        _json_record_lines(text, nested=isinstance(data, dict))
    )
    if len(lines) != len(items):
        lines = [None] * len(items)
    records = list(zip(lines, items, strict=True))
    locations = [f"vacancies[{i}]" for i in range(len(items))]
    return _build_all(
        records, collector, profiles, framework, source, locations=locations
    )


class VacancyFeed(Protocol):
    """An external source of vacancies (e.g. a public employment service feed).

    An adapter turns the external records into the JSON layout of this module;
    :func:`import_feed` validates them all or nothing.
    """

    name: str

    def records(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Yield ``(location, record)`` pairs; location names the record in errors."""
        ...


class RecordedFeed:
    """A feed that replays a recorded response file (for tests and demos).

    The file holds ``{"feed": name, "recorded_at": ..., "pages": [{"items": [...]}]}``
    as an external feed returned it; items use the external field names below,
    which :meth:`translate` maps onto this module's layout.

    External item fields: ``vacancyId``, ``jobTitle``, ``company`` (``{"id",
    "name"}``), ``sectorCode``, ``workplace`` (``{"postalCode"}``), ``hoursPerWeek``,
    ``shifts``, ``physicalDemands``, ``dutchLevel``, ``reachableBy``,
    ``competences`` (``[{"id", "level", "weight", "cutoff"}]``), ``tasks``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        data = json.loads(self.path.read_text(encoding="utf-8"))
        self.name = str(data.get("feed", self.path.stem))
        self.recorded_at = data.get("recorded_at")
        self._pages: list[Mapping[str, Any]] = list(data.get("pages", ()))

    def records(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Yield each recorded item, translated, with ``pages[i].items[j]`` as location."""
        for page_number, page in enumerate(self._pages):
            for item_number, item in enumerate(page.get("items", ())):
                yield (
                    f"pages[{page_number}].items[{item_number}]",
                    self.translate(item),
                )

    @staticmethod
    def translate(item: Mapping[str, Any]) -> dict[str, Any]:
        """Map one external item onto the JSON vacancy layout."""
        company = item.get("company") or {}
        workplace = item.get("workplace") or {}
        return {
            "id": item.get("vacancyId"),
            "title": item.get("jobTitle"),
            "employer": {"id": company.get("id"), "name": company.get("name")},
            "sector": item.get("sectorCode"),
            "postcode": workplace.get("postalCode"),
            "hours": item.get("hoursPerWeek"),
            "shifts": item.get("shifts", ["day"]),
            "physical_demands": item.get("physicalDemands", []),
            "language_level": item.get("dutchLevel", "A2"),
            "reachable_by": item.get("reachableBy", [m.value for m in TravelMode]),
            "requirements": [
                {
                    "competence": c.get("id"),
                    "required": c.get("level"),
                    "weight": c.get("weight", 1.0),
                    "cutoff": c.get("cutoff"),
                }
                for c in item.get("competences", [])
            ],
            "tasks": item.get("tasks", []),
        }


def import_feed(
    feed: VacancyFeed,
    *,
    profiles: Mapping[str, JobProfile] | None = None,
    framework: Framework | None = None,
) -> tuple[Vacancy, ...]:
    """Import every record of a feed, all or nothing.

    Raises
    ------
    VacancyImportError
        Naming the feed, the record location and the field of every problem.
    """
    collector = _Collector(feed.name)
    records: list[tuple[int | None, Mapping[str, Any]]] = []
    locations: list[str] = []
    for location, record in feed.records():
        locations.append(location)
        records.append((None, record))
    vacancies = _build_all(
        records, collector, profiles, framework, feed.name, locations=locations
    )
    return vacancies


# --- building and validation -------------------------------------------------


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _record_from_csv_row(
    row: Mapping[str, str | None], line: int, collector: _Collector
) -> dict[str, Any]:
    record: dict[str, Any] = {k: (v or "").strip() for k, v in row.items() if k}
    record["employer"] = {
        "id": record.pop("employer_id", ""),
        "name": record.pop("employer_name", ""),
    }
    for name in ("shifts", "physical_demands", "reachable_by"):
        record[name] = _split(record.get(name)) or None
    requirements: list[dict[str, Any]] = []
    for item in _split(record.get("requirements")):
        if item.startswith("-"):
            requirements.append({"remove": item[1:].strip()})
            continue
        parts = item.split(":")
        if not 2 <= len(parts) <= 4:
            collector.add(
                line,
                "requirements",
                f"'{item}': verwacht competentie:niveau[:gewicht[:cut-off]]",
                f"'{item}': expected competence:level[:weight[:cutoff]]",
            )
            continue
        requirements.append(
            {
                "competence": parts[0].strip(),
                "required": parts[1].strip(),
                "weight": parts[2].strip()
                if len(parts) > 2 and parts[2].strip()
                else 1.0,
                "cutoff": parts[3].strip()
                if len(parts) > 3 and parts[3].strip()
                else None,
            }
        )
    record["requirements"] = requirements
    tasks: list[dict[str, Any]] = []
    for item in _split(record.get("tasks")):
        parts = item.split(":", 3)
        if len(parts) != 4:
            collector.add(
                line,
                "tasks",
                f"'{item}': verwacht taak:aandeel:competentie+competentie:naam",
                f"'{item}': expected task:share:competence+competence:name",
            )
            continue
        tasks.append(
            {
                "id": parts[0].strip(),
                "share": parts[1].strip(),
                "competences": [c.strip() for c in parts[2].split("+") if c.strip()],
                "name": parts[3].strip(),
            }
        )
    record["tasks"] = tasks
    if not record.get("profile"):
        record.pop("profile", None)
    return record


def _build_all(
    records: Sequence[tuple[int | None, Mapping[str, Any]]],
    collector: _Collector,
    profiles: Mapping[str, JobProfile] | None,
    framework: Framework | None,
    source: str,
    *,
    locations: Sequence[str] | None = None,
) -> tuple[Vacancy, ...]:
    vacancies: list[Vacancy] = []
    first_line: dict[str, int | str | None] = {}
    known = set(framework.competence_ids) if framework is not None else None
    for index, (line, record) in enumerate(records):
        prefix = locations[index] + "." if locations is not None else ""
        builder = _VacancyBuilder(
            collector, line, prefix, profiles or {}, known, source
        )
        vacancy = builder.build(record)
        if vacancy is None:
            continue
        if vacancy.id in first_line:
            where = first_line[vacancy.id]
            collector.add(
                line,
                prefix + "id",
                f"vacature {vacancy.id!r} staat er al (zie {where})",
                f"vacancy {vacancy.id!r} appears twice (see {where})",
            )
            continue
        first_line[vacancy.id] = (
            f"regel {line}" if line is not None else (prefix.rstrip(".") or "eerder")
        )
        vacancies.append(vacancy)
    if collector.problems:
        raise VacancyImportError(collector.problems)
    return tuple(vacancies)


@dataclass
class _VacancyBuilder:
    collector: _Collector
    line: int | None
    prefix: str
    profiles: Mapping[str, JobProfile]
    known: set[str] | None
    source: str
    ok: bool = True

    def problem(self, field_name: str, nl: str, en: str) -> None:
        self.ok = False
        self.collector.add(self.line, self.prefix + field_name, nl, en)

    def text(
        self, record: Mapping[str, Any], key: str, *, identifier: bool = False
    ) -> str:
        value = record.get(key)
        if value is None or str(value).strip() == "":
            self.problem(key, "ontbreekt", "missing")
            return ""
        text = str(value).strip()
        if identifier and not _IDENTIFIER.match(text):
            self.problem(
                key,
                f"'{text}' is geen geldige code (kleine letters, cijfers, _ . -)",
                f"'{text}' is not a valid code (lower case, digits, _ . -)",
            )
        return text

    def members(
        self, record: Mapping[str, Any], key: str, kind: Any, default: Any
    ) -> frozenset[Any]:
        value = record.get(key)
        if value is None:
            return frozenset(default)
        if isinstance(value, str):
            value = _split(value)
        if not isinstance(value, list | tuple):
            self.problem(key, "verwacht een lijst", "expected a list")
            return frozenset()
        result = set()
        allowed = ", ".join(member.value for member in kind)
        for item in value:
            try:
                result.add(kind(str(item).strip()))
            except ValueError:
                self.problem(
                    key,
                    f"onbekende waarde '{item}' (mogelijk: {allowed})",
                    f"unknown value '{item}' (allowed: {allowed})",
                )
        return frozenset(result)

    def build(self, record: Mapping[str, Any]) -> Vacancy | None:
        if not isinstance(record, Mapping):
            self.problem("(vacature)", "verwacht een object", "expected an object")
            return None
        vacancy_id = self.text(record, "id", identifier=True)
        title = self.text(record, "title")
        employer_data = record.get("employer")
        if not isinstance(employer_data, Mapping):
            self.problem("employer", "ontbreekt", "missing")
            employer = Employer("", "")
        else:
            employer = Employer(
                self.text(employer_data, "id", identifier=True)
                if employer_data.get("id")
                else "",
                str(employer_data.get("name") or "").strip(),
            )
            if not employer_data.get("id"):
                self.problem("employer_id", "ontbreekt", "missing")
            if not employer.name:
                self.problem("employer_name", "ontbreekt", "missing")
        sector = self.text(record, "sector", identifier=True)
        postcode = self.text(record, "postcode")
        if postcode and not _POSTCODE.match(postcode):
            self.problem(
                "postcode",
                f"'{postcode}' is geen Belgische postcode (4 cijfers)",
                f"'{postcode}' is not a Belgian postcode (4 digits)",
            )
        hours = self.hours(record)
        shifts = self.members(record, "shifts", Shift, {Shift.DAY})
        demands = self.members(record, "physical_demands", PhysicalDemand, ())
        reachable = self.members(record, "reachable_by", TravelMode, TravelMode)
        if record.get("reachable_by") is not None and not reachable and self.ok:
            self.problem(
                "reachable_by",
                "minstens één vervoerswijze nodig",
                "at least one travel mode needed",
            )
        language = LanguageLevel.A2
        raw_language = record.get("language_level")
        if raw_language not in (None, ""):
            try:
                language = parse_language_level(raw_language)
            except ValueError:
                self.problem(
                    "language_level",
                    f"'{raw_language}' is geen taalniveau (A1-C2)",
                    f"'{raw_language}' is not a language level (A1-C2)",
                )
        profile = self.profile(record, vacancy_id or "?", title)
        tasks = self.tasks(record, profile)
        if not self.ok or profile is None:
            return None
        return Vacancy(
            id=vacancy_id,
            title=title,
            employer=employer,
            sector=sector,
            profile=profile,
            hours=hours,
            postcode=postcode,
            shifts=shifts,
            tasks=tasks,
            physical_demands=demands,
            language_level=language,
            reachable_by=reachable,
            source=self.source,
        )

    def hours(self, record: Mapping[str, Any]) -> float:
        raw = record.get("hours")
        try:
            hours = float(str(raw).replace(",", "."))
        except (TypeError, ValueError):
            self.problem("hours", f"'{raw}' is geen getal", f"'{raw}' is not a number")
            return 0.0
        if not (math.isfinite(hours) and 0 < hours <= MAX_HOURS):
            self.problem(
                "hours",
                f"{raw} uur per week ligt niet tussen 0 en {MAX_HOURS:g}",
                f"{raw} hours per week is not between 0 and {MAX_HOURS:g}",
            )
        return hours

    def profile(
        self, record: Mapping[str, Any], vacancy_id: str, title: str
    ) -> JobProfile | None:
        base: JobProfile | None = None
        profile_id = record.get("profile")
        if profile_id:
            base = self.profiles.get(str(profile_id))
            if base is None:
                self.problem(
                    "profile",
                    f"onbekend jobprofiel '{profile_id}'",
                    f"unknown job profile '{profile_id}'",
                )
                return None
        raw = record.get("requirements") or []
        if not isinstance(raw, list):
            self.problem("requirements", "verwacht een lijst", "expected a list")
            return None
        changes: list[Requirement] = []
        removed: list[str] = []
        for index, item in enumerate(raw):
            where = f"requirements[{index}]"
            if not isinstance(item, Mapping):
                self.problem(where, "verwacht een object", "expected an object")
                continue
            if "remove" in item:
                removed.append(str(item["remove"]))
                continue
            competence = str(item.get("competence") or "").strip()
            if not competence:
                self.problem(where + ".competence", "ontbreekt", "missing")
                continue
            if self.known is not None and competence not in self.known:
                self.problem(
                    where + ".competence",
                    f"competentie '{competence}' staat niet in het kader",
                    f"competence '{competence}' is not in the framework",
                )
                continue
            try:
                weight = float(
                    item.get("weight", 1.0) if item.get("weight") is not None else 1.0
                )
                changes.append(
                    Requirement(
                        competence,
                        _level(item.get("required")),
                        weight=weight,
                        cutoff=_level(item.get("cutoff")),
                    )
                )
            except (JobProfileError, ValueError, TypeError) as exc:
                message = str(exc)
                self.problem(
                    where,
                    message,
                    f"invalid requirement for '{competence}': {_english(message)}",
                )
        if base is None and not raw:
            self.problem(
                "requirements",
                "geen competentievereisten en geen jobprofiel",
                "no competence requirements and no job profile",
            )
            return None
        if base is None and not changes:
            return None
        try:
            if base is None:
                return JobProfile(vacancy_id, title, tuple(changes))
            return adjust_profile(
                base,
                profile_id=vacancy_id,
                name=title,
                set_requirements=changes,
                remove=removed,
            )
        except JobProfileError as exc:
            message = str(exc)
            self.problem("requirements", message, _english(message))
            return None

    def tasks(
        self, record: Mapping[str, Any], profile: JobProfile | None
    ) -> tuple[Task, ...]:
        raw = record.get("tasks") or []
        if not isinstance(raw, list):
            self.problem("tasks", "verwacht een lijst", "expected a list")
            return ()
        asked = (
            {r.competence_id for r in profile.requirements}
            if profile is not None
            else set()
        )
        tasks: list[Task] = []
        seen: set[str] = set()
        for index, item in enumerate(raw):
            where = f"tasks[{index}]"
            if not isinstance(item, Mapping):
                self.problem(where, "verwacht een object", "expected an object")
                continue
            task_id = str(item.get("id") or "").strip()
            if not _IDENTIFIER.match(task_id):
                self.problem(
                    where + ".id", "ontbreekt of ongeldig", "missing or invalid"
                )
                continue
            if task_id in seen:
                self.problem(
                    where + ".id",
                    f"taak '{task_id}' staat er twee keer in",
                    f"task '{task_id}' appears twice",
                )
                continue
            seen.add(task_id)
            competences = item.get("competences") or []
            if isinstance(competences, str):
                competences = [c for c in competences.split("+") if c]
            missing = [c for c in competences if c not in asked]
            if profile is not None and missing:
                self.problem(
                    where + ".competences",
                    f"taak '{task_id}' vraagt competenties die niet in de vereisten staan: "
                    + ", ".join(missing),
                    f"task '{task_id}' needs competences not among the requirements: "
                    + ", ".join(missing),
                )
                continue
            try:
                share = float(item.get("share") or 0.0)
            except (TypeError, ValueError):
                share = -1.0
            if not (math.isfinite(share) and 0.0 <= share <= 1.0):
                self.problem(
                    where + ".share",
                    f"aandeel '{item.get('share')}' ligt niet tussen 0 en 1",
                    f"share '{item.get('share')}' is not between 0 and 1",
                )
                continue
            tasks.append(
                Task(
                    task_id, str(item.get("name") or task_id), tuple(competences), share
                )
            )
        total = math.fsum(t.share for t in tasks)
        if total > 1.0 + 1e-9:
            self.problem(
                "tasks",
                f"de aandelen van de taken tellen op tot {total:g} (meer dan 1)",
                f"task shares add up to {total:g} (more than 1)",
            )
        return tuple(tasks)


def _level(value: Any) -> Any:
    """Numbers in text ("3") become ints so that :class:`Requirement` accepts them."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _english(message: str) -> str:
    """Short English rendering of a Dutch job profile error."""
    replacements = (
        ("een vereist niveau is verplicht", "a required level is needed"),
        ("het gewicht moet groter dan 0 zijn", "the weight must be greater than 0"),
        (
            "mag niet hoger liggen dan het vereiste niveau",
            "may not exceed the required level",
        ),
        ("staat er twee keer in", "appears twice"),
        ("Competentie", "Competence"),
    )
    for dutch, english in replacements:
        message = message.replace(dutch, english)
    return message


def _json_record_lines(text: str, *, nested: bool) -> list[int]:
    """Line numbers where each record of the vacancy list starts.

    Scans the JSON text for objects opened at the depth of the list items (2 in
    ``{"vacancies": [...]}``, 1 in a bare list), skipping strings.
    """
    target = 2 if nested else 1
    depth = 0
    line = 1
    lines: list[int] = []
    in_string = False
    escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            if char == "{" and depth == target:
                lines.append(line)
            depth += 1
        elif char in "}]":
            depth -= 1
    return lines

"""Competence frameworks as immutable, versioned values.

A *framework* (glossary: competence_framework; the guide's SAM-schaal, MELBA,
VLAB, the SW/LDE list) is a versioned list of competences. Every competence has
an id, a Dutch name and definition, a group (``core``, ``additional``, ...),
behaviour indicators described on the guide's four levels, and optional links to
ESCO skills and VDAB competence codes.

Frameworks are frozen dataclasses and carry a :attr:`Framework.content_hash`
(SHA-256 of their canonical JSON form). An assessment stores a
:class:`FrameworkRef` (id, version, hash), so changing a framework never
changes what an old assessment meant: an organisation that adapts a framework
gets a *new* value with a new version through :func:`derive`.

Reading and validating data files lives in
:mod:`doorstroom.domain.competences.framework_files`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from doorstroom.domain.competences.scales import LEVEL_KEYS, Level

#: Prefix of every ESCO skill URI.
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"


class FrameworkError(ValueError):
    """A framework (or a change to one) is not valid. The message is Dutch."""


@dataclass(frozen=True)
class BehaviourIndicator:
    """Observable behaviour, described on the four levels (glossary: behaviour_indicator).

    Attributes
    ----------
    behaviour:
        The behaviour being observed ("Helpt collega's ...").
    levels:
        What the behaviour looks like at *Onvoldoende*, *Matig*, *Goed* and
        *Zeer goed*, in that order.
    """

    behaviour: str
    levels: tuple[str, str, str, str]

    def __post_init__(self) -> None:
        if not self.behaviour.strip():
            raise FrameworkError("Een gedragsindicator heeft een omschrijving nodig.")
        if len(self.levels) != 4 or not all(text.strip() for text in self.levels):
            raise FrameworkError(
                f"Gedragsindicator {self.behaviour!r}: de vier niveaus moeten elk "
                "een omschrijving hebben."
            )

    def text(self, level: Level | int) -> str:
        """The description of this indicator at ``level`` (1-4)."""
        return self.levels[Level(level) - 1]


@dataclass(frozen=True)
class CompetenceGroup:
    """A group of competences within a framework (e.g. ``core`` = Kerncompetenties)."""

    id: str
    name: str


@dataclass(frozen=True)
class Competence:
    """One competence of a framework.

    Attributes
    ----------
    id:
        Stable English snake_case id, unique within the framework. Frameworks use
        the same id for the same idea (``cooperation``) so that history, POP
        actions and job profiles carry over.
    name:
        Dutch name shown in the interface.
    definition:
        Dutch definition in plain language.
    group:
        Id of a :class:`CompetenceGroup` of the framework.
    indicators:
        At least one behaviour indicator.
    esco_uris:
        Optional ESCO skill URIs this competence corresponds to.
    vdab_codes:
        Optional VDAB competence codes.
    """

    id: str
    name: str
    definition: str
    group: str
    indicators: tuple[BehaviourIndicator, ...]
    esco_uris: tuple[str, ...] = ()
    vdab_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _is_identifier(self.id):
            raise FrameworkError(
                f"Ongeldige competentie-id {self.id!r}: gebruik kleine letters, "
                "cijfers en '_'."
            )
        for attribute, label in (("name", "naam"), ("definition", "definitie")):
            if not getattr(self, attribute).strip():
                raise FrameworkError(f"Competentie {self.id!r} heeft geen {label}.")
        if not self.indicators:
            raise FrameworkError(
                f"Competentie {self.id!r} heeft minstens één gedragsindicator nodig."
            )
        for uri in self.esco_uris:
            if not uri.startswith(ESCO_SKILL_PREFIX):
                raise FrameworkError(
                    f"Competentie {self.id!r}: {uri!r} is geen ESCO-vaardigheid "
                    f"(verwacht een URI die begint met {ESCO_SKILL_PREFIX})."
                )


@dataclass(frozen=True)
class FrameworkRef:
    """What an assessment or job profile stores to point at one framework version."""

    id: str
    version: int
    content_hash: str

    def __str__(self) -> str:
        return f"{self.id} v{self.version} ({self.content_hash[:12]})"


@dataclass(frozen=True)
class Framework:
    """A versioned competence framework (an immutable value).

    Attributes
    ----------
    id:
        Framework id (``sw_lde``, ``bw_card`` ...). An organisation's copy gets its
        own id.
    version:
        Positive integer; a new version for every change.
    name:
        Dutch name.
    description:
        Dutch description, including where the list comes from.
    groups:
        The groups, in display order.
    competences:
        The competences, in display order.
    derived_from:
        The framework version this one was copied from, if any.
    """

    id: str
    version: int
    name: str
    description: str
    groups: tuple[CompetenceGroup, ...]
    competences: tuple[Competence, ...]
    derived_from: FrameworkRef | None = field(default=None)

    def __post_init__(self) -> None:
        if not _is_identifier(self.id):
            raise FrameworkError(f"Ongeldige kader-id {self.id!r}.")
        if isinstance(self.version, bool) or not isinstance(self.version, int):
            raise FrameworkError(
                f"Kader {self.id!r}: versie moet een geheel getal zijn."
            )
        if self.version < 1:
            raise FrameworkError(f"Kader {self.id!r}: versie moet minstens 1 zijn.")
        if not self.name.strip():
            raise FrameworkError(f"Kader {self.id!r} heeft geen naam.")
        if not self.competences:
            raise FrameworkError(f"Kader {self.id!r} heeft geen competenties.")
        group_ids = [group.id for group in self.groups]
        _refuse_duplicates(group_ids, f"Kader {self.id!r}: dubbele groep")
        _refuse_duplicates(
            [c.id for c in self.competences], f"Kader {self.id!r}: dubbele competentie"
        )
        for competence in self.competences:
            if competence.group not in group_ids:
                raise FrameworkError(
                    f"Kader {self.id!r}: competentie {competence.id!r} hoort bij "
                    f"onbekende groep {competence.group!r}."
                )

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 (hex) of the canonical JSON form of :func:`framework_to_dict`."""
        canonical = json.dumps(
            framework_to_dict(self),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def ref(self) -> FrameworkRef:
        """The reference an assessment stores: id, version and content hash."""
        return FrameworkRef(self.id, self.version, self.content_hash)

    @property
    def competence_ids(self) -> tuple[str, ...]:
        """Competence ids in display order."""
        return tuple(competence.id for competence in self.competences)

    def competence(self, competence_id: str) -> Competence:
        """The competence with this id.

        Raises
        ------
        KeyError
            When the framework has no such competence.
        """
        for competence in self.competences:
            if competence.id == competence_id:
                return competence
        raise KeyError(f"Kader {self.id!r} heeft geen competentie {competence_id!r}.")

    def names(self) -> dict[str, str]:
        """Dutch name per competence id."""
        return {competence.id: competence.name for competence in self.competences}

    def in_group(self, group_id: str) -> tuple[Competence, ...]:
        """The competences of one group, in display order."""
        return tuple(c for c in self.competences if c.group == group_id)


@dataclass(frozen=True)
class FrameworkChanges:
    """What an organisation changes when it copies a framework (see :func:`derive`).

    Changes are applied in this order: ``remove``, ``replace``, ``add_groups``,
    ``add``, then ``name``/``description``.

    Attributes
    ----------
    name, description:
        New Dutch name/description, or ``None`` to keep them.
    remove:
        Ids of competences to drop.
    replace:
        Competences that replace the one with the same id (use
        :func:`dataclasses.replace` on the old one to change a single field).
    add_groups:
        New groups, appended.
    add:
        New competences, appended.
    """

    name: str | None = None
    description: str | None = None
    remove: tuple[str, ...] = ()
    replace: tuple[Competence, ...] = ()
    add_groups: tuple[CompetenceGroup, ...] = ()
    add: tuple[Competence, ...] = ()


def derive(
    framework: Framework,
    new_id: str,
    changes: FrameworkChanges,
    *,
    version: int | None = None,
) -> Framework:
    """Copy a framework with changes, as a new framework version.

    The original value is untouched, so assessments that point at it (by
    :class:`FrameworkRef`) keep their meaning.

    Parameters
    ----------
    framework:
        The framework to copy.
    new_id:
        Id of the result. Use the same id to make the next version of your own
        framework, or a new id (``"sw_lde_de_schakel"``) to start an
        organisation's copy.
    changes:
        What to change.
    version:
        The version of the result. By default ``framework.version + 1`` when
        ``new_id`` equals ``framework.id``, else 1.

    Returns
    -------
    Framework
        The new framework; its ``derived_from`` points at ``framework.ref``.

    Raises
    ------
    FrameworkError
        When a change refers to an unknown competence, adds an existing id, or
        the result is not a valid framework.
    """
    by_id = {competence.id: competence for competence in framework.competences}
    for competence_id in changes.remove:
        if competence_id not in by_id:
            raise FrameworkError(
                f"Kan competentie {competence_id!r} niet verwijderen: ze staat niet "
                f"in kader {framework.id!r}."
            )
    replacements = {competence.id: competence for competence in changes.replace}
    for competence_id in replacements:
        if competence_id not in by_id or competence_id in changes.remove:
            raise FrameworkError(
                f"Kan competentie {competence_id!r} niet vervangen: ze staat niet "
                f"(meer) in kader {framework.id!r}."
            )
    kept = tuple(
        replacements.get(competence.id, competence)
        for competence in framework.competences
        if competence.id not in changes.remove
    )
    kept_ids = {competence.id for competence in kept}
    for competence in changes.add:
        if competence.id in kept_ids:
            raise FrameworkError(
                f"Kan competentie {competence.id!r} niet toevoegen: die id bestaat al."
            )
    if version is None:
        version = framework.version + 1 if new_id == framework.id else 1
    return Framework(
        id=new_id,
        version=version,
        name=changes.name if changes.name is not None else framework.name,
        description=(
            changes.description
            if changes.description is not None
            else framework.description
        ),
        groups=framework.groups + changes.add_groups,
        competences=kept + changes.add,
        derived_from=framework.ref,
    )


def find_framework(ref: FrameworkRef, frameworks: Iterable[Framework]) -> Framework:
    """Find the exact framework version an assessment points at.

    Parameters
    ----------
    ref:
        The stored reference.
    frameworks:
        The framework versions available (e.g. all versions in the database).

    Returns
    -------
    Framework
        The framework with this id and version.

    Raises
    ------
    FrameworkError
        When no such version exists, or when it exists but its content hash
        differs from the stored one (the stored version was altered in place).
    """
    for framework in frameworks:
        if framework.id == ref.id and framework.version == ref.version:
            if framework.content_hash != ref.content_hash:
                raise FrameworkError(
                    f"Kader {ref.id!r} versie {ref.version} is gewijzigd na de "
                    "beoordeling (inhoudshash verschilt). Een kader wijzig je door "
                    "een nieuwe versie te maken."
                )
            return framework
    raise FrameworkError(f"Kader {ref.id!r} versie {ref.version} is niet gevonden.")


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The framework as plain JSON-compatible data (the data-file layout).

    :func:`doorstroom.domain.competences.framework_files.framework_from_dict`
    reads it back.

    Parameters
    ----------
    framework:
        The framework.

    Returns
    -------
    dict
        Keys ``id``, ``version``, ``name``, ``description``, ``groups``,
        ``competences`` and, for a copy, ``derived_from``.
    """
    data: dict[str, Any] = {
        "id": framework.id,
        "version": framework.version,
        "name": framework.name,
        "description": framework.description,
        "groups": [{"id": g.id, "name": g.name} for g in framework.groups],
        "competences": [_competence_to_dict(c) for c in framework.competences],
    }
    if framework.derived_from is not None:
        ref = framework.derived_from
        data["derived_from"] = {
            "id": ref.id,
            "version": ref.version,
            "content_hash": ref.content_hash,
        }
    return data


def _competence_to_dict(competence: Competence) -> dict[str, Any]:
    return {
        "id": competence.id,
        "group": competence.group,
        "name": competence.name,
        "definition": competence.definition,
        "esco": list(competence.esco_uris),
        "vdab": list(competence.vdab_codes),
        "indicators": [
            {
                "behaviour": indicator.behaviour,
                **dict(zip(LEVEL_KEYS, indicator.levels, strict=True)),
            }
            for indicator in competence.indicators
        ],
    }


def _is_identifier(value: object) -> bool:
    return (
        isinstance(value, str)
        and bool(value)
        and value[0].isalpha()
        and all(ch.islower() or ch.isdigit() or ch == "_" for ch in value)
        and value.isascii()
    )


def _refuse_duplicates(values: list[str], message: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise FrameworkError(f"{message} {value!r}.")
        seen.add(value)

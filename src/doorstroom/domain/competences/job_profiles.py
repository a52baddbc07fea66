"""Job profiles (competentieprofiel): what a job asks, competence by competence.

Per competence a job profile sets

* a **required level** (1-4): the level at which the job is fully met;
* a **weight** (> 0): how much the competence matters in the overall fit;
* an optional **cut-off** (1-4, at most the required level): the minimum below
  which the job is not yet within reach (the guide's *cut-off score*). A
  competence with a cut-off is *blocking* for a person below it.

Profiles are immutable values; :func:`job_profile_from_dict` reads the same
layout that :func:`job_profile_to_dict` writes (JSON- and TOML-friendly).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from doorstroom.domain.competences.frameworks import Framework, FrameworkRef
from doorstroom.domain.competences.scales import Level, parse_level


class JobProfileError(ValueError):
    """A job profile is not valid. The message is Dutch."""


@dataclass(frozen=True)
class Requirement:
    """What a job asks for one competence.

    Attributes
    ----------
    competence_id:
        The competence.
    required:
        Level at which the requirement is fully met.
    weight:
        Relative importance, > 0 (default 1).
    cutoff:
        Minimum level for the job to be within reach, or ``None`` for no minimum.
    """

    competence_id: str
    required: Level
    weight: float = 1.0
    cutoff: Level | None = None

    def __post_init__(self) -> None:
        try:
            required = parse_level(self.required)
            cutoff = parse_level(self.cutoff)
        except ValueError as exc:
            raise JobProfileError(f"Competentie {self.competence_id!r}: {exc}") from exc
        if required is None:
            raise JobProfileError(
                f"Competentie {self.competence_id!r}: een vereist niveau is verplicht."
            )
        if (
            isinstance(self.weight, bool)
            or not isinstance(self.weight, int | float)
            or not math.isfinite(self.weight)
            or self.weight <= 0
        ):
            raise JobProfileError(
                f"Competentie {self.competence_id!r}: het gewicht moet groter dan 0 zijn."
            )
        if cutoff is not None and cutoff > required:
            raise JobProfileError(
                f"Competentie {self.competence_id!r}: de cut-off ({cutoff.label_nl}) "
                f"mag niet hoger liggen dan het vereiste niveau ({required.label_nl})."
            )
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "cutoff", cutoff)
        object.__setattr__(self, "weight", float(self.weight))


@dataclass(frozen=True)
class JobProfile:
    """The competences a job asks (glossary: competence_profile).

    Attributes
    ----------
    id:
        Profile id.
    name:
        Dutch name of the job ("Magazijnmedewerker").
    requirements:
        One :class:`Requirement` per competence (unique ids, at least one).
    framework:
        The framework version the competence ids come from, if known.
    """

    id: str
    name: str
    requirements: tuple[Requirement, ...]
    framework: FrameworkRef | None = None

    def __post_init__(self) -> None:
        if not self.requirements:
            raise JobProfileError(f"Jobprofiel {self.id!r} heeft geen vereisten.")
        seen: set[str] = set()
        for requirement in self.requirements:
            if requirement.competence_id in seen:
                raise JobProfileError(
                    f"Jobprofiel {self.id!r}: competentie "
                    f"{requirement.competence_id!r} staat er twee keer in."
                )
            seen.add(requirement.competence_id)

    def requirement(self, competence_id: str) -> Requirement:
        """The requirement for one competence (``KeyError`` if absent)."""
        for requirement in self.requirements:
            if requirement.competence_id == competence_id:
                return requirement
        raise KeyError(competence_id)


def validate_job_profile(profile: JobProfile, framework: Framework) -> None:
    """Check that every competence of the profile exists in the framework.

    Raises
    ------
    JobProfileError
        Naming the first unknown competence.
    """
    known = set(framework.competence_ids)
    for requirement in profile.requirements:
        if requirement.competence_id not in known:
            raise JobProfileError(
                f"Jobprofiel {profile.id!r}: competentie {requirement.competence_id!r} "
                f"staat niet in kader {framework.id!r} versie {framework.version}."
            )


def job_profile_to_dict(profile: JobProfile) -> dict[str, Any]:
    """The profile as plain JSON-compatible data."""
    data: dict[str, Any] = {
        "id": profile.id,
        "name": profile.name,
        "requirements": [
            {
                "competence": r.competence_id,
                "required": int(r.required),
                "weight": r.weight,
                **({"cutoff": int(r.cutoff)} if r.cutoff is not None else {}),
            }
            for r in profile.requirements
        ],
    }
    if profile.framework is not None:
        data["framework"] = {
            "id": profile.framework.id,
            "version": profile.framework.version,
            "content_hash": profile.framework.content_hash,
        }
    return data


def job_profile_from_dict(data: Mapping[str, Any]) -> JobProfile:
    """Build a job profile from the layout of :func:`job_profile_to_dict`.

    Raises
    ------
    JobProfileError
        Naming the field that is missing or wrong.
    """
    try:
        requirements = tuple(
            Requirement(
                competence_id=str(item["competence"]),
                required=item["required"],
                weight=item.get("weight", 1.0),
                cutoff=item.get("cutoff"),
            )
            for item in data["requirements"]
        )
        reference = data.get("framework")
        framework = (
            FrameworkRef(
                str(reference["id"]),
                int(reference["version"]),
                str(reference["content_hash"]),
            )
            if reference is not None
            else None
        )
        return JobProfile(
            id=str(data["id"]),
            name=str(data["name"]),
            requirements=requirements,
            framework=framework,
        )
    except KeyError as exc:
        raise JobProfileError(f"Jobprofiel: veld {exc.args[0]!r} ontbreekt.") from exc
    except (TypeError, AttributeError) as exc:
        raise JobProfileError(f"Jobprofiel: ongeldige opbouw ({exc}).") from exc

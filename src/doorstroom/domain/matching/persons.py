"""The person side of matching: levels, wishes and limits; never group attributes.

A :class:`MatchPerson` carries exactly what the ranking may use: competence
levels, postcode, hours, shifts, travel, functional physical limits, language
level, wishes and no-go's, and the consent for employer-side matching. Sex, age,
origin and health data have no field here; they live in
:class:`~doorstroom.domain.matching.fairness.GroupAttributes`, which only the
fairness report reads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from doorstroom.domain.matching.geo import TravelMode
from doorstroom.domain.matching.terms import (
    LanguageLevel,
    PhysicalDemand,
    Shift,
    parse_language_level,
)


class PersonError(ValueError):
    """A person's matching data is not valid. The message is Dutch."""


@dataclass(frozen=True, eq=False)
class MatchPerson:
    """What matching knows about one worker.

    Attributes
    ----------
    id:
        Person id.
    levels:
        Competence level per id (1-4, fractional allowed; ``None`` = unknown).
    postcode:
        Home postcode (``None`` = unknown: distance cannot be checked).
    hours_min, hours_max:
        Acceptable hours per week.
    shifts:
        Shifts the person can work.
    travel_modes:
        Modes the person can use.
    max_travel_minutes:
        Longest acceptable one-way commute.
    physical_limits:
        Physical demands the person cannot meet (functional limits, no diagnosis).
    language_level:
        Dutch level (CEFR).
    wished_sectors:
        If not empty, only these sectors.
    no_go_sectors, no_go_employers:
        Never these sectors or employers.
    consent_matching:
        Whether the person agreed to be proposed to employers.
    """

    id: str
    levels: Mapping[str, float | None]
    postcode: str | None = None
    hours_min: float = 0.0
    hours_max: float = 38.0
    shifts: frozenset[Shift] = frozenset({Shift.DAY})
    travel_modes: frozenset[TravelMode] = frozenset({TravelMode.PUBLIC_TRANSPORT})
    max_travel_minutes: float = 45.0
    physical_limits: frozenset[PhysicalDemand] = frozenset()
    language_level: LanguageLevel = LanguageLevel.B1
    wished_sectors: frozenset[str] = frozenset()
    no_go_sectors: frozenset[str] = frozenset()
    no_go_employers: frozenset[str] = frozenset()
    consent_matching: bool = False
    _frozen_levels: tuple[tuple[str, float | None], ...] = field(
        init=False, repr=False, default=()
    )

    def __post_init__(self) -> None:
        for name in ("hours_min", "hours_max", "max_travel_minutes"):
            value = getattr(self, name)
            if (
                not isinstance(value, int | float)
                or not math.isfinite(value)
                or value < 0
            ):
                raise PersonError(
                    f"Persoon {self.id!r}: {name} moet een getal ≥ 0 zijn."
                )
        if self.hours_min > self.hours_max:
            raise PersonError(
                f"Persoon {self.id!r}: minimum uren ({self.hours_min}) ligt boven "
                f"het maximum ({self.hours_max})."
            )
        object.__setattr__(self, "levels", dict(self.levels))
        object.__setattr__(self, "shifts", frozenset(Shift(s) for s in self.shifts))
        object.__setattr__(
            self, "travel_modes", frozenset(TravelMode(m) for m in self.travel_modes)
        )
        object.__setattr__(
            self,
            "physical_limits",
            frozenset(PhysicalDemand(d) for d in self.physical_limits),
        )
        object.__setattr__(
            self, "language_level", parse_language_level(self.language_level)
        )
        for name in ("wished_sectors", "no_go_sectors", "no_go_employers"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        object.__setattr__(self, "_frozen_levels", tuple(sorted(self.levels.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MatchPerson):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[Any, ...]:
        return (
            self.id,
            self._frozen_levels,
            self.postcode,
            self.hours_min,
            self.hours_max,
            self.shifts,
            self.travel_modes,
            self.max_travel_minutes,
            self.physical_limits,
            self.language_level,
            self.wished_sectors,
            self.no_go_sectors,
            self.no_go_employers,
            self.consent_matching,
        )


def person_to_dict(person: MatchPerson) -> dict[str, Any]:
    """The person as JSON-compatible data (the layout :func:`person_from_dict` reads)."""
    return {
        "id": person.id,
        "levels": dict(person.levels),
        "postcode": person.postcode,
        "hours_min": person.hours_min,
        "hours_max": person.hours_max,
        "shifts": sorted(s.value for s in person.shifts),
        "travel_modes": sorted(m.value for m in person.travel_modes),
        "max_travel_minutes": person.max_travel_minutes,
        "physical_limits": sorted(d.value for d in person.physical_limits),
        "language_level": person.language_level.name,
        "wished_sectors": sorted(person.wished_sectors),
        "no_go_sectors": sorted(person.no_go_sectors),
        "no_go_employers": sorted(person.no_go_employers),
        "consent_matching": person.consent_matching,
    }


def person_from_dict(data: Mapping[str, Any]) -> MatchPerson:
    """Build a person from :func:`person_to_dict`'s layout.

    Raises
    ------
    PersonError
        Naming the field that is missing or wrong.
    """
    try:
        return MatchPerson(
            id=str(data["id"]),
            levels={
                str(k): (None if v is None else float(v))
                for k, v in data["levels"].items()
            },
            postcode=None if data.get("postcode") is None else str(data["postcode"]),
            hours_min=float(data.get("hours_min", 0.0)),
            hours_max=float(data.get("hours_max", 38.0)),
            shifts=frozenset(data.get("shifts", ("day",))),
            travel_modes=frozenset(data.get("travel_modes", ("public_transport",))),
            max_travel_minutes=float(data.get("max_travel_minutes", 45.0)),
            physical_limits=frozenset(data.get("physical_limits", ())),
            language_level=data.get("language_level", "B1"),
            wished_sectors=frozenset(data.get("wished_sectors", ())),
            no_go_sectors=frozenset(data.get("no_go_sectors", ())),
            no_go_employers=frozenset(data.get("no_go_employers", ())),
            consent_matching=bool(data.get("consent_matching", False)),
        )
    except KeyError as exc:
        raise PersonError(f"Persoon: veld {exc.args[0]!r} ontbreekt.") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, PersonError):
            raise
        raise PersonError(
            f"Persoon {data.get('id')!r}: ongeldige waarde ({exc})."
        ) from exc

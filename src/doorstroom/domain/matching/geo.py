"""Postcodes, places and travel: where a person lives, where a job is, how far.

No maintained Python package carries Belgian postcodes with coordinates offline
(``pgeocode`` downloads its data at run time), so the repository ships a small
file, ``data/postcodes_be.csv``: one main postcode per municipality (Brussels,
Flanders and a few Walloon towns near the language border) with the
municipality's Dutch name, the province code and **approximate** centre
coordinates (a few km). See ``docs/matching.md`` for the source and licence.
:func:`load_gazetteer` reads an organisation's own, more complete file with the
same columns.

Distances are straight-line kilometres on a local flat projection (equirectangular
at 50.8° N; error well under 1 % inside Belgium). Travel time per mode is an
estimate::

    road_km  = DETOUR * straight_km + LOCAL_KM
    minutes  = overhead(mode) + 60 * road_km / speed(mode)

so a person with at most ``T`` minutes can reach a place at most
``allowed_km(T, mode) = ((T - overhead) * speed / 60 - LOCAL_KM) / DETOUR``
straight-line kilometres away. The ranking engine and the per-pair check both
use :func:`allowed_km`, so they agree exactly.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import numpy as np

#: Reference latitude of the flat projection (centre of Belgium).
REFERENCE_LATITUDE = 50.8
#: Kilometres per degree of latitude and of longitude at the reference latitude.
KM_PER_DEGREE_LAT = 111.2
KM_PER_DEGREE_LON = 111.32 * math.cos(math.radians(REFERENCE_LATITUDE))
#: Road distance per straight-line kilometre.
DETOUR = 1.3
#: Kilometres added for getting around inside the municipality.
LOCAL_KM = 2.0


class TravelMode(StrEnum):
    """How a person can travel to work."""

    WALK = "walk"
    BIKE = "bike"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return _MODE_LABELS_NL[self]


_MODE_LABELS_NL = {
    TravelMode.WALK: "te voet",
    TravelMode.BIKE: "met de fiets",
    TravelMode.PUBLIC_TRANSPORT: "met het openbaar vervoer",
    TravelMode.CAR: "met de auto",
}

#: Average door-to-door speed in km/h and fixed overhead in minutes per mode.
SPEED_KMH = MappingProxyType(
    {
        TravelMode.WALK: 4.5,
        TravelMode.BIKE: 14.0,
        TravelMode.PUBLIC_TRANSPORT: 22.0,
        TravelMode.CAR: 45.0,
    }
)
OVERHEAD_MINUTES = MappingProxyType(
    {
        TravelMode.WALK: 0.0,
        TravelMode.BIKE: 2.0,
        TravelMode.PUBLIC_TRANSPORT: 12.0,
        TravelMode.CAR: 5.0,
    }
)
#: Fixed order of the modes (bit ``i`` of a mode mask is ``MODES[i]``).
MODES: tuple[TravelMode, ...] = tuple(TravelMode)


class GeoError(ValueError):
    """A postcode file is not valid. The message is Dutch."""


@dataclass(frozen=True)
class Place:
    """A postcode with its municipality and approximate centre.

    Attributes
    ----------
    postcode:
        Four-digit Belgian postcode.
    municipality:
        Dutch name of the municipality.
    province:
        Province code (ANT, LIM, OVL, VBR, WVL, BRU; WBR, HEN, LUI, NAM outside).
    latitude, longitude:
        Approximate centre in degrees (WGS84).
    """

    postcode: str
    municipality: str
    province: str
    latitude: float
    longitude: float


class Gazetteer:
    """Postcode lookup with distances between places.

    Parameters
    ----------
    places:
        The places; postcodes must be unique.
    """

    def __init__(self, places: Iterable[Place]) -> None:
        by_postcode: dict[str, Place] = {}
        for place in places:
            if place.postcode in by_postcode:
                raise GeoError(f"Postcode {place.postcode} staat er twee keer in.")
            by_postcode[place.postcode] = place
        self._places: Mapping[str, Place] = MappingProxyType(by_postcode)
        self.postcodes: tuple[str, ...] = tuple(sorted(by_postcode))

    def __contains__(self, postcode: object) -> bool:
        return postcode in self._places

    def __len__(self) -> int:
        return len(self._places)

    def lookup(self, postcode: str | None) -> Place | None:
        """The place of a postcode, or ``None`` when unknown."""
        if postcode is None:
            return None
        return self._places.get(str(postcode).strip())

    def distance_km(
        self, postcode_a: str | None, postcode_b: str | None
    ) -> float | None:
        """Straight-line distance in km, ``None`` when a postcode is unknown."""
        a, b = self.lookup(postcode_a), self.lookup(postcode_b)
        if a is None or b is None:
            return None
        return straight_km(a.latitude, a.longitude, b.latitude, b.longitude)

    def coordinates(self) -> tuple[np.ndarray, np.ndarray]:
        """Latitudes and longitudes in the order of :attr:`postcodes`."""
        lat = np.array([self._places[p].latitude for p in self.postcodes])
        lon = np.array([self._places[p].longitude for p in self.postcodes])
        return lat, lon

    def distance_matrix(self) -> np.ndarray:
        """Straight-line km between all places, in the order of :attr:`postcodes`."""
        lat, lon = self.coordinates()
        dy = (lat[:, None] - lat[None, :]) * KM_PER_DEGREE_LAT
        dx = (lon[:, None] - lon[None, :]) * KM_PER_DEGREE_LON
        return np.sqrt(dx * dx + dy * dy)


def straight_km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Straight-line distance in km on the flat projection around Belgium.

    Examples
    --------
    >>> round(straight_km(51.054, 3.722, 51.219, 4.402), 1)  # Gent - Antwerpen
    51.2
    """
    dy = (lat_a - lat_b) * KM_PER_DEGREE_LAT
    dx = (lon_a - lon_b) * KM_PER_DEGREE_LON
    return math.sqrt(dx * dx + dy * dy)


def travel_minutes(km: float, mode: TravelMode) -> float:
    """Estimated door-to-door minutes for a straight-line distance.

    Examples
    --------
    >>> travel_minutes(10.0, TravelMode.BIKE)  # 2 + 60 * 15 / 14
    66.28571428571429
    """
    road_km = DETOUR * km + LOCAL_KM
    return OVERHEAD_MINUTES[mode] + 60.0 * road_km / SPEED_KMH[mode]


def allowed_km(max_minutes: float, mode: TravelMode) -> float:
    """Largest straight-line distance reachable within ``max_minutes`` by ``mode``.

    The inverse of :func:`travel_minutes`; negative when even the nearest place
    takes too long.
    """
    road_km = (max_minutes - OVERHEAD_MINUTES[mode]) * SPEED_KMH[mode] / 60.0
    return (road_km - LOCAL_KM) / DETOUR


def builtin_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package (``data/postcodes_be.csv``)."""
    resource = resources.files("doorstroom.domain.matching") / "data/postcodes_be.csv"
    with resources.as_file(resource) as path:
        return load_gazetteer(path)


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read a postcode file (columns postcode, municipality, province, latitude, longitude).

    Raises
    ------
    GeoError
        Naming the file, line and column of every problem.
    """
    path = Path(path)
    problems: list[str] = []
    places: list[Place] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {
            "postcode",
            "municipality",
            "province",
            "latitude",
            "longitude",
        } - set(reader.fieldnames or ())
        if missing:
            raise GeoError(
                f"{path.name}: kolommen ontbreken: {', '.join(sorted(missing))}"
            )
        for line, row in enumerate(reader, start=2):
            postcode = (row["postcode"] or "").strip()
            if not (len(postcode) == 4 and postcode.isdigit() and postcode[0] != "0"):
                problems.append(
                    f"{path.name}:{line}: postcode: geen Belgische postcode"
                )
                continue
            if postcode in seen:
                problems.append(
                    f"{path.name}:{line}: postcode: {postcode} komt twee keer voor"
                )
                continue
            try:
                latitude = float(row["latitude"])
                longitude = float(row["longitude"])
            except (TypeError, ValueError):
                problems.append(f"{path.name}:{line}: latitude/longitude: geen getal")
                continue
            if not (49.0 <= latitude <= 52.0 and 2.0 <= longitude <= 7.0):
                problems.append(
                    f"{path.name}:{line}: latitude/longitude: buiten België"
                )
                continue
            seen.add(postcode)
            places.append(
                Place(
                    postcode,
                    (row["municipality"] or "").strip(),
                    (row["province"] or "").strip(),
                    latitude,
                    longitude,
                )
            )
    if problems:
        raise GeoError("\n".join(problems))
    return Gazetteer(places)

"""Postcodes, distances and travel time."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.domain.matching import (
    GeoError,
    TravelMode,
    allowed_km,
    builtin_gazetteer,
    load_gazetteer,
    travel_minutes,
)
from doorstroom.domain.matching.geo import straight_km


def test_builtin_gazetteer_knows_the_big_cities_and_brussels() -> None:
    gazetteer = builtin_gazetteer()
    assert gazetteer.lookup("9000").municipality == "Gent"  # type: ignore[union-attr]
    assert gazetteer.lookup("1000").province == "BRU"  # type: ignore[union-attr]
    assert gazetteer.lookup("3600").municipality == "Genk"  # type: ignore[union-attr]
    assert gazetteer.lookup("1234") is None
    assert gazetteer.lookup(None) is None
    assert len(gazetteer) > 200


def test_distances_are_plausible_straight_lines() -> None:
    gazetteer = builtin_gazetteer()
    # Real straight-line distances: Gent-Antwerpen about 51 km, Brugge-Oostende about 20 km.
    assert gazetteer.distance_km("9000", "2000") == pytest.approx(51, abs=3)
    assert gazetteer.distance_km("8000", "8400") == pytest.approx(21, abs=3)
    assert gazetteer.distance_km("9000", "9000") == 0.0
    assert gazetteer.distance_km("9000", "0000") is None


def test_flat_projection_by_hand() -> None:
    # 0.1 degree north is 11.12 km.
    assert straight_km(51.0, 4.0, 51.1, 4.0) == pytest.approx(11.12)


def test_travel_time_by_hand_and_its_inverse() -> None:
    # Public transport: 12 min + 60 * (1.3 * 10 + 2) / 22 = 12 + 40.909...
    assert travel_minutes(10.0, TravelMode.PUBLIC_TRANSPORT) == pytest.approx(
        52.909, abs=1e-3
    )
    for mode in TravelMode:
        assert travel_minutes(allowed_km(45.0, mode), mode) == pytest.approx(45.0)
    assert allowed_km(1.0, TravelMode.PUBLIC_TRANSPORT) < 0


def test_load_gazetteer_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "pc.csv"
    path.write_text(
        "postcode,municipality,province,latitude,longitude\n"
        "9000,Gent,OVL,51.05,3.72\n"
        "900,Kapot,OVL,51.05,3.72\n"
        "9000,Gent,OVL,51.05,3.72\n"
        "9100,Sint-Niklaas,OVL,noord,4.1\n",
        encoding="utf-8",
    )
    with pytest.raises(GeoError) as caught:
        load_gazetteer(path)
    lines = str(caught.value).splitlines()
    assert lines == [
        "pc.csv:3: postcode: geen Belgische postcode",
        "pc.csv:4: postcode: 9000 komt twee keer voor",
        "pc.csv:5: latitude/longitude: geen getal",
    ]

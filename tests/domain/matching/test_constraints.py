"""Hard constraints: reasons, margins, monotonicity."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.domain.matching import (
    ConstraintKind,
    LanguageLevel,
    PhysicalDemand,
    Shift,
    TravelMode,
    builtin_gazetteer,
    check_constraints,
)
from tests.domain.matching.builders import person, vacancy

GAZETTEER = builtin_gazetteer()


def test_everything_fits_in_the_same_town() -> None:
    report = check_constraints(person(), vacancy(), GAZETTEER)
    assert report.passed
    assert [c.kind for c in report.checks] == list(ConstraintKind)
    # Same postcode: 2 km local, public transport 12 + 60*2/22 = 17.45 min of 45.
    travel = report.check(ConstraintKind.TRAVEL)
    assert (
        travel.margin is not None and abs(travel.margin - (45 - 12 - 120 / 22)) < 1e-9
    )
    assert not travel.nearly_failed


def test_each_constraint_fails_with_its_reason() -> None:
    v = vacancy(
        hours=38.0,
        shifts=frozenset({Shift.DAY, Shift.NIGHT}),
        physical_demands=frozenset({PhysicalDemand.HEAVY_LIFTING}),
        language_level=LanguageLevel.B2,
        postcode="8400",  # Oostende, about 60 km from Gent
    )
    p = person(
        hours_max=30.0,
        physical_limits=frozenset({PhysicalDemand.HEAVY_LIFTING}),
        language_level=LanguageLevel.A2,
        no_go_employers=frozenset({"e1"}),
        no_go_sectors=frozenset({"logistics"}),
    )
    report = check_constraints(p, v, GAZETTEER)
    failed = {c.kind: c for c in report.failed}
    assert set(failed) == set(ConstraintKind)
    assert failed[ConstraintKind.HOURS].margin == -8.0
    assert failed[ConstraintKind.HOURS].message_nl == (
        "De job telt 38 uur per week; gewenst is 0-30 uur."
    )
    assert (
        failed[ConstraintKind.SHIFTS].message_nl
        == "De job vraagt nachtwerk; dat kan niet."
    )
    assert failed[ConstraintKind.PHYSICAL].message_nl == (
        "De job vraagt zwaar tillen, wat de persoon niet kan."
    )
    assert failed[ConstraintKind.LANGUAGE].margin == -2.0
    assert failed[ConstraintKind.TRAVEL].message_nl.startswith("De reistijd is te lang")


def test_nearly_failed_names_the_tight_constraint() -> None:
    report = check_constraints(person(hours_max=31.0), vacancy(hours=30.0), GAZETTEER)
    assert report.passed
    assert [c.kind for c in report.nearly_failed] == [ConstraintKind.HOURS]
    tight = check_constraints(
        person(language_level=LanguageLevel.A2),
        vacancy(language_level=LanguageLevel.A2),
        GAZETTEER,
    )
    assert [c.kind for c in tight.nearly_failed] == [ConstraintKind.LANGUAGE]


def test_unknown_postcode_does_not_filter_but_says_so() -> None:
    check = check_constraints(person(postcode="1234"), vacancy(), GAZETTEER).check(
        ConstraintKind.TRAVEL
    )
    assert check.passed and check.margin is None
    assert "postcode onbekend" in check.message_nl


def test_no_common_travel_mode_fails() -> None:
    report = check_constraints(
        person(travel_modes=frozenset({TravelMode.CAR})),
        vacancy(reachable_by=frozenset({TravelMode.BIKE})),
        GAZETTEER,
    )
    assert not report.check(ConstraintKind.TRAVEL).passed


def test_wishes_filter_only_when_given() -> None:
    wish = person(wished_sectors=frozenset({"care"}))
    assert (
        not check_constraints(wish, vacancy(), GAZETTEER)
        .check(ConstraintKind.SECTOR)
        .passed
    )
    assert (
        check_constraints(person(), vacancy(), GAZETTEER)
        .check(ConstraintKind.SECTOR)
        .passed
    )


POSTCODES = ("9000", "9100", "2000", "8400", "1000", "3500")
modes = st.frozensets(st.sampled_from(list(TravelMode)))
shifts = st.frozensets(st.sampled_from(list(Shift)))
demands = st.frozensets(st.sampled_from(list(PhysicalDemand)))
sectors = st.frozensets(st.sampled_from(["logistics", "care", "cleaning"]))


@st.composite
def pairs(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    hours_min = draw(st.sampled_from([0.0, 10.0, 19.0, 30.0]))
    p = person(
        postcode=draw(st.sampled_from(POSTCODES)),
        hours_min=hours_min,
        hours_max=hours_min + draw(st.sampled_from([0.0, 5.0, 10.0, 20.0])),
        shifts=draw(shifts),
        travel_modes=draw(modes),
        max_travel_minutes=draw(st.sampled_from([15.0, 30.0, 45.0, 60.0, 90.0])),
        physical_limits=draw(demands),
        language_level=LanguageLevel(draw(st.integers(1, 6))),
        wished_sectors=draw(sectors),
        no_go_sectors=draw(sectors),
    )
    v = vacancy(
        postcode=draw(st.sampled_from(POSTCODES)),
        hours=draw(st.sampled_from([19.0, 24.0, 30.0, 38.0])),
        shifts=draw(shifts),
        physical_demands=draw(demands),
        language_level=LanguageLevel(draw(st.integers(1, 6))),
        reachable_by=draw(modes),
        sector=draw(st.sampled_from(["logistics", "care", "cleaning"])),
    )
    return p, v


@settings(max_examples=200, deadline=None)
@given(pairs(), st.data())
def test_widening_what_a_person_accepts_never_breaks_a_pass(pair, data) -> None:  # type: ignore[no-untyped-def]
    p, v = pair
    before = check_constraints(p, v, GAZETTEER)
    wider = replace(
        p,
        hours_min=max(0.0, p.hours_min - data.draw(st.sampled_from([0.0, 5.0]))),
        hours_max=p.hours_max + data.draw(st.sampled_from([0.0, 5.0])),
        shifts=p.shifts | data.draw(shifts),
        travel_modes=p.travel_modes | data.draw(modes),
        max_travel_minutes=p.max_travel_minutes
        + data.draw(st.sampled_from([0.0, 15.0])),
        physical_limits=p.physical_limits - data.draw(demands),
        language_level=LanguageLevel(
            min(6, int(p.language_level) + data.draw(st.integers(0, 2)))
        ),
        wished_sectors=(p.wished_sectors | data.draw(sectors))
        if p.wished_sectors
        else frozenset(),
        no_go_sectors=p.no_go_sectors - data.draw(sectors),
    )
    after = check_constraints(wider, v, GAZETTEER)
    for old, new in zip(before.checks, after.checks, strict=True):
        assert not (old.passed and not new.passed), (old, new)
        if (
            old.margin is not None
            and new.margin is not None
            and old.kind is not ConstraintKind.TRAVEL
        ):
            assert new.margin >= old.margin

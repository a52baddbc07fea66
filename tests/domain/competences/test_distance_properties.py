"""Property-based tests of the gap assessment (hypothesis)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.domain.competences import JobProfile, Requirement, distance

IDS = ("a", "b", "c", "d", "e", "f", "g", "h")
TOLERANCE = 1e-12

levels = st.one_of(
    st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]),
    st.floats(min_value=1.0, max_value=4.0, allow_nan=False),
)
weights = st.one_of(
    st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]),
    st.floats(min_value=0.01, max_value=100.0, allow_nan=False),
)


@st.composite
def requirements(draw: st.DrawFn) -> Requirement:
    competence_id = draw(st.sampled_from(IDS))
    required = draw(st.integers(1, 4))
    cutoff = draw(st.one_of(st.none(), st.integers(1, required)))
    return Requirement(competence_id, required, weight=draw(weights), cutoff=cutoff)  # type: ignore[arg-type]


profiles = st.lists(
    requirements(), min_size=1, max_size=len(IDS), unique_by=lambda r: r.competence_id
).map(lambda reqs: JobProfile("job", "Job", tuple(reqs)))

persons = st.dictionaries(st.sampled_from(IDS), st.one_of(st.none(), levels))


@settings(max_examples=150, deadline=None)
@given(profiles, persons, st.data())
def test_raising_one_rating_never_increases_the_distance(profile, person, data):
    known = sorted(cid for cid, level in person.items() if level is not None)
    if not known:
        return
    competence_id = data.draw(st.sampled_from(known))
    raised = dict(person)
    raised[competence_id] = data.draw(
        st.floats(min_value=person[competence_id], max_value=4.0, allow_nan=False)
    )
    before, after = distance(person, profile), distance(raised, profile)
    assert after.total_weighted_gap <= before.total_weighted_gap
    if before.fit is not None:
        assert after.fit is not None and after.fit >= before.fit
    assert after.fit_lower >= before.fit_lower
    assert after.fit_upper >= before.fit_upper
    assert set(after.blockers) <= set(before.blockers)


@settings(max_examples=100, deadline=None)
@given(profiles, st.data())
def test_a_person_at_or_above_every_requirement_has_fit_one_and_no_blocker(
    profile, data
):
    person = {
        r.competence_id: data.draw(
            st.floats(min_value=float(r.required), max_value=4.0)
        )
        for r in profile.requirements
    }
    result = distance(person, profile)
    assert result.fit == result.fit_lower == result.fit_upper == 1.0
    assert result.blockers == () and result.gaps_open == () and result.unknown == ()
    assert result.within_reach is True
    assert not any(gap.blocking for gap in result.gaps)
    assert all(gap.gap == 0 for gap in result.gaps)


@settings(max_examples=100, deadline=None)
@given(profiles, persons)
def test_fit_is_between_zero_and_one_and_between_its_bounds(profile, person):
    result = distance(person, profile)
    assert 0.0 <= result.fit_lower <= result.fit_upper <= 1.0
    assert 0.0 <= result.coverage <= 1.0
    if result.fit is None:
        assert result.coverage == 0.0
    else:
        assert 0.0 <= result.fit <= 1.0
        assert (
            result.fit_lower - TOLERANCE <= result.fit <= result.fit_upper + TOLERANCE
        )
    for gap in result.gaps:
        assert gap.gap is None or gap.gap >= 0


@settings(max_examples=100, deadline=None)
@given(profiles, persons)
def test_unknown_is_not_zero_the_bounds_are_the_filled_in_cases(profile, person):
    # Filling every unknown competence with level 1 gives exactly fit_lower; filling
    # it with the required level gives fit_upper. So an unknown never silently
    # counts as a level.
    result = distance(person, profile)
    worst = dict(person)
    best = dict(person)
    for gap in result.gaps:
        if gap.actual is None:
            worst[gap.competence_id] = 1.0
            best[gap.competence_id] = float(gap.required)
    assert abs(distance(worst, profile).fit - result.fit_lower) <= 1e-9  # type: ignore[operator]
    assert abs(distance(best, profile).fit - result.fit_upper) <= 1e-9  # type: ignore[operator]


@settings(max_examples=100, deadline=None)
@given(profiles, persons, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(profile, person, random):
    requirements = list(profile.requirements)
    random.shuffle(requirements)
    shuffled_profile = dataclasses.replace(profile, requirements=tuple(requirements))
    items = list(person.items())
    random.shuffle(items)
    first = distance(person, profile)
    assert distance(dict(items), shuffled_profile) == first
    assert distance(dict(items), shuffled_profile).explain_nl() == first.explain_nl()
    assert distance(person, profile) == first  # deterministic

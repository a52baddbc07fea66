"""The audit's incremental bookkeeping (proofs kept across the repair loop).

The repair loop asks the same auditor again and again while it suppresses more
cells; the auditor keeps the cells it proved unrecoverable. These tests pin
down that the kept proofs never change an answer: a reused auditor answers as
a fresh one, and forgets its proofs when the suppressed cells do not only grow.
"""

from __future__ import annotations

from doorstroom.domain.monitoring.suppression import Cell, _Auditor, build_model

INDICATORS = {
    "trajectories_started": {
        "total": 30,
        "by": {"year": {"2019": 3, "2020": 12, "2021": 15}},
    }
}


def year(category: str) -> Cell:
    return Cell("trajectories_started", None, None, "year", category)


def test_a_reused_auditor_answers_as_a_fresh_one_while_cells_are_added() -> None:
    model = build_model(INDICATORS)
    reused = _Auditor(model, threshold=10)
    steps = [
        # 3 alone: the total minus 12 and 15 gives it away.
        ({year("2019"): "below 10"}, [year("2019")]),
        # 3 and 12 hidden: 15 = x + y, both free (0..9 and 6..15).
        ({year("2019"): "below 10", year("2020"): "secondary"}, []),
        (
            {
                year("2019"): "below 10",
                year("2020"): "secondary",
                year("2021"): "secondary",
            },
            [],
        ),
    ]
    for suppressed, expected in steps:
        fresh = _Auditor(model, threshold=10)
        assert fresh.recoverable(suppressed) == expected
        assert reused.recoverable(suppressed) == expected
        assert reused.pins(year("2019"), suppressed) == (year("2019") in expected)


def test_proofs_are_forgotten_when_a_cell_is_published_again() -> None:
    # Proven free beside 12, the 3 is pinned again once the 12 is shown: a
    # kept proof would wrongly call it safe.
    model = build_model(INDICATORS)
    auditor = _Auditor(model, threshold=10)
    both = {year("2019"): "below 10", year("2020"): "secondary"}
    assert auditor.recoverable(both) == []
    assert auditor.pins(year("2019"), {year("2019"): "below 10"}) is True
    assert auditor.recoverable({year("2019"): "below 10"}) == [year("2019")]


def test_proofs_are_forgotten_when_a_reason_changes() -> None:
    # 9 + 9 + 12 = 30, the 12 shown: x + y = 18. Without bounds both cells are
    # free; as "below 10" both are at most 9, so both are pinned at 9. Proofs
    # made under the old bounds must not survive the change of reason.
    indicators = {
        "trajectories_started": {
            "total": 30,
            "by": {"year": {"2019": 9, "2020": 9, "2021": 12}},
        }
    }
    model = build_model(indicators)
    auditor = _Auditor(model, threshold=10)
    loose = {year("2019"): "secondary", year("2020"): "secondary"}
    tight = {year("2019"): "below 10", year("2020"): "below 10"}
    assert auditor.recoverable(loose) == []
    assert auditor.pins(year("2019"), tight) is True
    assert auditor.recoverable(tight) == [year("2019"), year("2020")]

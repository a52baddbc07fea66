"""Advice and trajectory slots reproduce 003's tables at the default size."""

from __future__ import annotations

from collections import Counter

import numpy as np

from doorstroom.domain.synth import quotas, timeline
from doorstroom.domain.synth.quotas import scaled_counts

# 003, doorstroomklaar advices: (instrument, year) -> province counts ANT LIM OVL VBR WVL
READY = {
    ("LDE", 2018): [0, 5, 3, 1, 0],
    ("LDE", 2019): [25, 18, 14, 15, 5],
    ("LDE", 2020): [29, 10, 13, 9, 13],
    ("LDE", None): [0, 2, 0, 0, 0],
    ("CM", 2018): [1, 1, 5, 2, 3],
    ("CM", 2019): [4, 3, 7, 2, 3],
    ("CM", 2020): [6, 1, 1, 2, 1],
    ("CM", None): [0, 1, 1, 0, 0],
}
PROVINCES = ["ANT", "LIM", "OVL", "VBR", "WVL"]
# 003, ESF call 432 per partner: (2018, 2019, ended without stage, working without WOP)
ESF = [
    (0, 1, 0, 0), (0, 1, 0, 0), (0, 4, 0, 0), (1, 0, 0, 0), (0, 7, 2, 2), (0, 1, 0, 0),
    (0, 2, 0, 0), (0, 1, 0, 0), (0, 1, 1, 0), (0, 2, 0, 1), (0, 5, 3, 0), (3, 16, 7, 2),
    (3, 12, 1, 2), (1, 1, 2, 0), (1, 0, 0, 1), (0, 3, 0, 2), (0, 1, 0, 0), (0, 15, 1, 2),
]  # fmt: skip


def test_ready_advices_are_003s_table() -> None:
    slots = [
        s
        for s in quotas.advice_slots(60_000, np.random.default_rng(1))
        if s.result == "doorstroomklaar"
    ]
    for (instrument, year), provinces in READY.items():
        found = Counter(
            s.province for s in slots if (s.instrument, s.year) == (instrument, year)
        )
        assert [found[p] for p in PROVINCES] == provinces, (instrument, year)
    early = [s for s in slots if s.year is None or s.year <= 2020]
    assert Counter(s.band for s in early if s.instrument == "LDE") == {
        "25-54": 114,
        "55+": 48,
    }
    assert Counter(s.band for s in early if s.instrument == "CM") == {
        "25-54": 40,
        "<25": 3,
        "55+": 1,
    }
    # 003 found 177 of the 206 at work with the same employer in November 2019
    looked_at = [s for s in early if s.year != 2020]
    assert Counter(s.status for s in looked_at)["same"] == round(
        177 / 206 * len(looked_at)
    )


def test_advices_scale_with_the_population() -> None:
    base = len(quotas.advice_slots(60_000, np.random.default_rng(1)))
    double = len(quotas.advice_slots(120_000, np.random.default_rng(1)))
    assert abs(double - 2 * base) <= 10


def test_esf_trajectories_are_003s_call() -> None:
    slots = quotas.trajectory_slots(60_000, np.random.default_rng(1))
    call = [s for s in slots if s.year <= 2019]
    assert len(call) == 82
    dimona = timeline.day("2019-11-30")

    def ended_without_stage(slot: quotas.TrajectorySlot) -> bool:
        return (
            slot.outcome == "stop"
            and slot.stage == "geen"
            and slot.end_before <= dimona
        )

    def working_in_november(slot: quotas.TrajectorySlot) -> bool:
        return slot.end_reason == "werk_nec" and slot.end_before == dimona

    for number, (in_2018, in_2019, no_stage, working) in enumerate(ESF, start=1):
        mine = [s for s in call if s.partner == f"DP{number:02d}"]
        assert sum(s.year == 2018 for s in mine) == in_2018
        assert sum(s.year == 2019 for s in mine) == in_2019
        assert sum(map(ended_without_stage, mine)) == no_stage
        assert sum(map(working_in_november, mine)) == working
    no_stage = [s for s in call if ended_without_stage(s)]
    assert Counter(s.province for s in no_stage) == {
        "ANT": 2,
        "LIM": 1,
        "OVL": 7,
        "VBR": 6,
        "WVL": 1,
    }
    assert {s.band for s in no_stage} == {"25-54"}
    working = [s for s in call if working_in_november(s)]
    assert Counter(s.province for s in working) == {
        "ANT": 2,
        "LIM": 4,
        "OVL": 4,
        "WVL": 2,
    }
    ended_by_2019 = [s for s in call if s.end_before <= dimona and not s.aftercare]
    assert len(ended_by_2019) == 30


def test_scaled_counts_keep_integers_and_totals() -> None:
    rng = np.random.default_rng(0)
    assert scaled_counts(np.array([9, 77, 74, 2]), 1.0, rng).tolist() == [9, 77, 74, 2]
    assert scaled_counts(np.array([9, 77, 74, 2]), 2.0, rng).tolist() == [
        18,
        154,
        148,
        4,
    ]
    half = scaled_counts(np.array([9, 77, 74, 2]), 0.5, rng)
    assert half.sum() == 81 and np.all(np.abs(half - np.array([4.5, 38.5, 37, 1])) < 1)


def test_deal_spreads_slots_over_chunks() -> None:
    parts = quotas.deal(1_000, [50_000, 50_000, 10_000], np.random.default_rng(0))
    assert [part.size for part in parts] == [455, 454, 91]
    assert sorted(np.concatenate(parts).tolist()) == list(range(1_000))

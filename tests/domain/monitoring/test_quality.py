"""Data-quality summary on a hand-built folder with one oddity of each kind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from doorstroom.domain.monitoring.loading import load_tables
from doorstroom.domain.monitoring.quality import quality_summary

from .builders import (
    advice,
    dossier,
    employer,
    person,
    spell,
    trajectory,
    write_dataset,
)


def test_quality_summary_counts_each_oddity(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        persons=[
            person("p1"),
            person("p2", province=None, sex=None),
            person("p3", birth_date=None, education=None),
            person("p4"),  # no employment at all
        ],
        employers=[
            employer("sec", circuit="SEC"),
            employer("sec2", circuit="SEC", nace=None),
            employer("nec", province=None),
        ],
        wop_dossiers=[
            dossier("d1", "p1", "2018-01-01", "2020-12-31"),
            dossier(
                "d2", "p1", "2020-06-01", "2021-12-31", employer_id="sec2"
            ),  # overlaps d1
            dossier("d3", "p2", "2019-01-01", "2019-12-31"),
            dossier("d4", "p3", "2024-01-01"),  # starts after as_of
        ],
        employment=[
            spell(
                "s1",
                "p1",
                "2018-01-01",
                "2020-12-31",
                employer_id="sec",
                wop_dossier_id="d1",
            ),
            # overlaps s1 (both SEC) and runs on after d2 ended
            spell(
                "s2", "p1", "2020-06-01", None, employer_id="sec2", wop_dossier_id="d2"
            ),
            # starts before its dossier; and d1 belongs to p1, not p2
            spell(
                "s3",
                "p2",
                "2017-06-01",
                "2019-12-31",
                employer_id="sec",
                wop_dossier_id="d1",
            ),
            spell("s4", "p3", "2021-01-01", "2024-03-01"),  # ends after as_of
        ],
        advices=[advice("a1", "p1", None), advice("a2", "p2", "2023-09-01")],
        trajectories=[trajectory("t1", "p3", "2020-01-01")],
    )
    summary = quality_summary(folder, date(2023, 6, 30))
    assert summary == {
        "as_of": "2023-06-30",
        "rows": {
            "persons": 4,
            "employers": 3,
            "wop_dossiers": 4,
            "employment": 4,
            "advices": 2,
            "trajectories": 1,
        },
        "unknown": {
            "persons": {"province": 1, "sex": 1, "birth_date": 1, "education": 1},
            "employers": {"nace": 1, "province": 1},
            "advices": {"date": 1},
        },
        "after_as_of": {
            "persons": {"birth_date": 0},
            "wop_dossiers": {"start_date": 1, "end_date": 0},
            "employment": {"start_date": 0, "end_date": 1},
            "advices": {"date": 1},
            "trajectories": {"start_date": 0, "end_date": 0},
        },
        "persons_without_employment": 1,
        "overlaps": {
            "sec_spells": 1,
            "wop_dossiers": 1,
            "spells_outside_their_dossier": 2,
            "spells_of_another_person": 1,
        },
    }
    assert json.loads(json.dumps(summary)) == summary
    # The same from loaded tables.
    assert quality_summary(load_tables(folder), date(2023, 6, 30)) == summary


def test_overlapping_pairs_are_counted_per_pair_not_per_person(tmp_path: Path) -> None:
    """A long SEC spell that holds two later, separate ones: 2 pairs (not 3); a
    spell that starts the day after another ends: no pair; an open-ended spell
    runs on; NEC spells never count."""
    folder = write_dataset(
        tmp_path,
        persons=[person("p1"), person("p2"), person("p3")],
        employers=[employer("sec", circuit="SEC"), employer("nec")],
        employment=[
            spell("a", "p1", "2019-01-01", "2019-12-31", employer_id="sec"),
            spell("b", "p1", "2019-02-01", "2019-03-31", employer_id="sec"),
            spell("c", "p1", "2019-06-01", "2019-07-31", employer_id="sec"),
            spell("d", "p2", "2019-01-01", "2019-06-30", employer_id="sec"),
            spell("e", "p2", "2019-07-01", None, employer_id="sec"),
            spell("f", "p2", "2020-01-01", "2020-02-01", employer_id="sec"),
            spell("g", "p3", "2019-01-01", "2019-12-31", employer_id="nec"),
            spell("h", "p3", "2019-02-01", "2019-03-31", employer_id="nec"),
        ],
    )
    summary = quality_summary(load_tables(folder), date(2023, 6, 30))
    # p1: a-b, a-c; p2: e (open) - f; p3: NEC only
    assert summary["overlaps"]["sec_spells"] == 3

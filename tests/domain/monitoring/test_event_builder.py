"""The materialised intermediate tables of :class:`.events.EventBuilder` (DuckDB).

The builder materialises the dossier outcomes and the runs of regular work once
and builds every event table once; these tests pin what the survival curve and
the cross tables read from it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from doorstroom.domain.monitoring.events import EventBuilder
from doorstroom.domain.monitoring.loading import load_tables

from .builders import dossier, employer, person, spell, write_dataset

AS_OF = date(2023, 6, 30)


def _builder(tmp_path: Path) -> EventBuilder:
    folder = write_dataset(
        tmp_path,
        persons=[person(p) for p in ("r1", "r2", "r3", "r4", "r5")],
        employers=[employer("sec", circuit="SEC"), employer("nec")],
        wop_dossiers=[
            dossier("d1", "r1", "2018-01-01", "2019-12-31"),
            dossier("d2", "r2", "2018-01-01", "2019-12-31"),
            dossier("d4", "r4", "2018-01-01", "2019-12-31"),
            dossier("d5", "r5", "2018-01-01", "2019-12-31"),
        ],
        employment=[
            # r1: a run 2020-01-10 .. 2020-03-31, then 2020-05-01 (31 days after
            # 2020-03-31: joins) .. 2020-06-30, then 2020-08-01 (32 days: a new
            # run) still running.
            spell("a1", "r1", "2020-01-10", "2020-03-31"),
            spell("a2", "r1", "2020-05-01", "2020-06-30"),
            spell("a3", "r1", "2020-08-01"),
            # r2: regular work only before the dossier ended: no doorstroom.
            spell("b1", "r2", "2016-01-01", "2017-12-31"),
            # r3: regular work without any dossier.
            spell("c1", "r3", "2020-01-01"),
            # r4: two spells start the same day; e1 (smaller id) is the
            # doorstroom spell and e2 comes after it in the run: 2020-12-31.
            spell("e2", "r4", "2020-02-01", "2020-12-31"),
            spell("e1", "r4", "2020-02-01", "2020-02-29"),
            # r5: f2 starts 15 days after f1 ends and still runs: an open run.
            spell("f1", "r5", "2020-03-01", "2020-04-30"),
            spell("f2", "r5", "2020-05-15"),
        ],
    )
    return EventBuilder(load_tables(folder), AS_OF)


def test_run_ends_cover_the_persons_with_a_doorstroom(tmp_path: Path) -> None:
    builder = _builder(tmp_path)
    runs = {
        row["run_spell_id"]: row["run_end"]
        for row in builder.run_ends.to_pyarrow().to_pylist()
    }
    # Only r1, r4 and r5 have a doorstroom, so only their spells are windowed.
    # a1's run takes in a2 (31 days later) and stops before a3 (32 days); e1's
    # run goes on with e2 (same start day, larger id, so after e1); f1's run
    # goes on with f2, which still runs.
    assert runs == {
        "a1": date(2020, 6, 30),
        "a2": date(2020, 6, 30),
        "a3": None,
        "e1": date(2020, 12, 31),
        "e2": date(2020, 12, 31),
        "f1": None,
        "f2": None,
    }


def test_outcomes_carry_the_doorstroom_spell_and_the_person(tmp_path: Path) -> None:
    builder = _builder(tmp_path)
    rows = {
        row["dossier_id"]: row
        for row in builder.dossier_outcomes.to_pyarrow().to_pylist()
    }
    assert rows["d1"]["outcome"] == "doorstroom"
    assert rows["d1"]["doorstroom_spell_id"] == "a1"
    assert rows["d1"]["province"] == "ANT"
    assert rows["d2"]["outcome"] == "geen_doorstroom"
    assert rows["d2"]["doorstroom_spell_id"] is None
    assert rows["d2"]["doorstroom_date"] is None
    assert rows["d4"]["doorstroom_spell_id"] == "e1"
    door = builder.doorstroom().to_pyarrow().to_pylist()
    # Run of a1 ends 2020-06-30, before 2020-01-10 + 12 months; e1's run ends
    # 2020-12-31, before 2021-02-01; f1's run still runs 12 months on.
    assert {r["dossier_id"]: r["durability"] for r in door} == {
        "d1": "niet_duurzaam",
        "d4": "niet_duurzaam",
        "d5": "durable",
    }


def test_event_tables_are_built_once_per_builder(tmp_path: Path) -> None:
    builder = _builder(tmp_path)
    assert builder.doorstroom() is builder.doorstroom()
    assert builder.status_at_as_of() is builder.status_at_as_of()
    assert builder.dossier_outcomes is builder.dossier_outcomes

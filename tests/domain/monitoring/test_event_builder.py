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
        persons=[person("r1"), person("r2"), person("r3")],
        employers=[employer("sec", circuit="SEC"), employer("nec")],
        wop_dossiers=[
            dossier("d1", "r1", "2018-01-01", "2019-12-31"),
            dossier("d2", "r2", "2018-01-01", "2019-12-31"),
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
        ],
    )
    return EventBuilder(load_tables(folder), AS_OF)


def test_run_ends_cover_the_persons_with_a_doorstroom(tmp_path: Path) -> None:
    builder = _builder(tmp_path)
    runs = {
        row["run_spell_id"]: row["run_end"]
        for row in builder.run_ends.to_pyarrow().to_pylist()
    }
    # Only r1 has a doorstroom, so only r1's spells are windowed.
    assert runs == {
        "a1": date(2020, 6, 30),
        "a2": date(2020, 6, 30),
        "a3": None,
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
    door = builder.doorstroom().to_pyarrow().to_pylist()
    # Run of a1 ends 2020-06-30, before 2020-01-10 + 12 months.
    assert [(r["dossier_id"], r["durability"]) for r in door] == [
        ("d1", "niet_duurzaam")
    ]


def test_event_tables_are_built_once_per_builder(tmp_path: Path) -> None:
    builder = _builder(tmp_path)
    assert builder.doorstroom() is builder.doorstroom()
    assert builder.status_at_as_of() is builder.status_at_as_of()
    assert builder.dossier_outcomes is builder.dossier_outcomes

"""Data-quality summary of a (valid) monitoring data folder.

A valid folder can still be odd. :func:`quality_summary` counts what an analyst
checks before trusting the figures; it never changes them. Definitions:

``rows``
    Data rows per file.
``unknown``
    Empty values per column where empty means unknown: the person's
    ``province``, ``sex``, ``birth_date`` and ``education``; the employer's
    ``nace`` and ``province``; the advice's ``date``.
``after_as_of``
    Dates after the reference date, per file and column. Such rows are set
    aside (start dates) or read as still running (end dates) by the indicators.
``persons_without_employment``
    Persons without any employment spell.
``overlaps``
    * ``sec_spells``: pairs of spells of the same person, both with an SEC
      employer, that share at least one day (an empty end runs on);
    * ``wop_dossiers``: pairs of WOP dossiers of the same person that share at
      least one day;
    * ``spells_outside_their_dossier``: spells with a WOP that start before
      their dossier starts, or end after it ends (or run on after it ended);
    * ``spells_of_another_person``: spells whose WOP dossier belongs to another
      person.

Everything is computed with Ibis on the tables' backend; the result is a plain
JSON-able dict of ints.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis

from doorstroom.domain.monitoring.events import OPEN_END

if TYPE_CHECKING:
    from collections.abc import Mapping

    import ibis.expr.types as ir

UNKNOWN_COLUMNS = {
    "persons": ("province", "sex", "birth_date", "education"),
    "employers": ("nace", "province"),
    "advices": ("date",),
}
DATE_COLUMNS = {
    "persons": ("birth_date",),
    "wop_dossiers": ("start_date", "end_date"),
    "employment": ("start_date", "end_date"),
    "advices": ("date",),
    "trajectories": ("start_date", "end_date"),
}


def _count(expr: ir.Scalar) -> int:
    value = expr.to_pyarrow().as_py()
    return int(value or 0)


def _overlapping_pairs(table: ir.Table, key: str) -> int:
    """Pairs of rows of the same person that share at least one day."""
    left = table.select(
        l_key=table[key],
        l_person="person_id",
        l_start="start_date",
        l_end=table.end_date.fill_null(OPEN_END),
    )
    right = table.select(
        r_key=table[key],
        r_person="person_id",
        r_start="start_date",
        r_end=table.end_date.fill_null(OPEN_END),
    )
    pairs = left.join(
        right,
        [
            left.l_person == right.r_person,
            left.l_key < right.r_key,
            left.l_start <= right.r_end,
            right.r_start <= left.l_end,
        ],
    )
    return _count(pairs.count())


def quality_summary(
    source: Path | str | Mapping[str, ir.Table], as_of: date
) -> dict[str, Any]:
    """Count unknown values, late dates and odd overlaps in the data.

    Parameters
    ----------
    source:
        A valid data folder (loaded with DuckDB) or the tables of
        :func:`doorstroom.domain.monitoring.loading.load_tables`.
    as_of:
        The reference date.

    Returns
    -------
    dict
        ``{"as_of", "rows", "unknown", "after_as_of",
        "persons_without_employment", "overlaps"}`` as described in the module
        docstring.
    """
    if isinstance(source, (str, Path)):
        from doorstroom.domain.monitoring.loading import load_tables

        tables: Mapping[str, ir.Table] = load_tables(Path(source))
    else:
        tables = source
    reference = ibis.literal(as_of, type="date")

    rows = {name: _count(table.count()) for name, table in tables.items()}
    unknown = {
        name: {
            column: _count(tables[name][column].isnull().sum()) for column in columns
        }
        for name, columns in UNKNOWN_COLUMNS.items()
    }
    after = {
        name: {
            column: _count((tables[name][column] > reference).sum())
            for column in columns
        }
        for name, columns in DATE_COLUMNS.items()
    }

    persons = tables["persons"]
    spells = tables["employment"]
    with_work = spells.select(worker="person_id").distinct()
    without = persons.anti_join(with_work, persons.person_id == with_work.worker)

    employers = tables["employers"].select("employer_id", "circuit")
    sec_spells = spells.join(employers, "employer_id").filter(
        lambda t: t.circuit == "SEC"
    )
    dossiers = tables["wop_dossiers"].select(
        d_id="dossier_id",
        d_person="person_id",
        d_start="start_date",
        d_end=tables["wop_dossiers"].end_date.fill_null(OPEN_END),
    )
    with_wop = spells.join(dossiers, spells.wop_dossier_id == dossiers.d_id)
    outside = with_wop.filter(
        (with_wop.start_date < with_wop.d_start)
        | (with_wop.end_date.fill_null(OPEN_END) > with_wop.d_end)
    )
    other_person = with_wop.filter(with_wop.person_id != with_wop.d_person)

    return {
        "as_of": as_of.isoformat(),
        "rows": rows,
        "unknown": unknown,
        "after_as_of": after,
        "persons_without_employment": _count(without.count()),
        "overlaps": {
            "sec_spells": _overlapping_pairs(sec_spells, "spell_id"),
            "wop_dossiers": _overlapping_pairs(tables["wop_dossiers"], "dossier_id"),
            "spells_outside_their_dossier": _count(outside.count()),
            "spells_of_another_person": _count(other_person.count()),
        },
    }

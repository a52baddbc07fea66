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

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis

from doorstroom.domain.monitoring.events import OPEN_END

if TYPE_CHECKING:
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
    """Pairs of rows of the same person that share at least one day.

    The pairs are only counted among the persons that have one: sorted by start,
    a person has an overlapping pair exactly when some row starts on or before
    the latest end of the rows before it (one window pass), so the self-join
    runs on a handful of persons instead of every spell of every person.
    """
    end = table.end_date.fill_null(OPEN_END)
    before = ibis.window(
        group_by=table.person_id,
        order_by=[table.start_date, table[key]],
        rows=(None, -1),
    )
    flagged = (
        table.mutate(latest_end_before=end.max().over(before))
        .filter(lambda t: t.latest_end_before >= t.start_date)
        .select(flagged_person="person_id")
        .distinct()
    )
    table = table.filter(table.person_id.isin(flagged.flagged_person))
    left = table.select(
        l_key=table[key],
        l_person="person_id",
        l_start="start_date",
        l_end=table.end_date.fill_null(OPEN_END),
    )
    other = table.view()
    right = other.select(
        r_key=other[key],
        r_person="person_id",
        r_start="start_date",
        r_end=other.end_date.fill_null(OPEN_END),
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

    # One aggregate query per file: its rows, unknown values and late dates.
    rows: dict[str, int] = {}
    unknown: dict[str, dict[str, int]] = {n: {} for n in UNKNOWN_COLUMNS}
    after: dict[str, dict[str, int]] = {n: {} for n in DATE_COLUMNS}
    for name, table in tables.items():
        metrics = {"rows": table.count()}
        for column in UNKNOWN_COLUMNS.get(name, ()):
            metrics[f"u_{column}"] = table[column].isnull().sum()
        for column in DATE_COLUMNS.get(name, ()):
            metrics[f"a_{column}"] = (table[column] > reference).sum()
        values = table.aggregate(**metrics).to_pyarrow().to_pylist()[0]
        rows[name] = int(values["rows"] or 0)
        for column in UNKNOWN_COLUMNS.get(name, ()):
            unknown[name][column] = int(values[f"u_{column}"] or 0)
        for column in DATE_COLUMNS.get(name, ()):
            after[name][column] = int(values[f"a_{column}"] or 0)

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
    # both checks of a spell against its dossier in one pass over the join
    against_dossier = (
        with_wop.aggregate(
            outside=(
                (with_wop.start_date < with_wop.d_start)
                | (with_wop.end_date.fill_null(OPEN_END) > with_wop.d_end)
            ).sum(),
            other_person=(with_wop.person_id != with_wop.d_person).sum(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )

    return {
        "as_of": as_of.isoformat(),
        "rows": rows,
        "unknown": unknown,
        "after_as_of": after,
        "persons_without_employment": _count(without.count()),
        "overlaps": {
            "sec_spells": _overlapping_pairs(sec_spells, "spell_id"),
            "wop_dossiers": _overlapping_pairs(tables["wop_dossiers"], "dossier_id"),
            "spells_outside_their_dossier": int(against_dossier["outside"] or 0),
            "spells_of_another_person": int(against_dossier["other_person"] or 0),
        },
    }


#: Dutch names of the files and columns in the printed summary.
FILE_LABELS_NL = {
    "persons": "personen",
    "employers": "werkgevers",
    "wop_dossiers": "WOP-dossiers",
    "employment": "tewerkstellingen",
    "advices": "adviezen",
    "trajectories": "trajecten",
}
COLUMN_LABELS_NL = {
    "province": "provincie",
    "sex": "geslacht",
    "birth_date": "geboortedatum",
    "education": "opleidingsniveau",
    "nace": "NACE-code",
    "date": "datum",
    "start_date": "startdatum",
    "end_date": "einddatum",
}
OVERLAP_LABELS_NL = {
    "sec_spells": "paren overlappende SEC-tewerkstellingen van dezelfde persoon",
    "wop_dossiers": "paren overlappende WOP-dossiers van dezelfde persoon",
    "spells_outside_their_dossier": (
        "tewerkstellingen met WOP die buiten hun dossier vallen"
    ),
    "spells_of_another_person": (
        "tewerkstellingen met het WOP-dossier van een andere persoon"
    ),
}


def publish_quality(
    summary: Mapping[str, Any], *, threshold: int, applied: bool
) -> dict[str, Any]:
    """The quality summary as a report publishes it.

    The figures count records and problems in the whole folder, not people in
    a breakdown of the report, and no relation of the report links them to its
    figures; still, a count of a handful of records (3 persons without a birth
    date) is a small count about people. With disclosure control applied, a
    count from 1 to ``threshold - 1`` is ``None`` and its reason
    (``"below k"``) stands under ``"suppressed"`` in the same shape (primary
    suppression only: the figures are not parts of a published total). With
    exact figures (``applied`` false) the summary is returned whole, with an
    empty ``"suppressed"``.

    Parameters
    ----------
    summary
        The result of :func:`quality_summary`.
    threshold
        The report's threshold ``k``.
    applied
        Whether the report applies disclosure control.

    Returns
    -------
    dict
        A copy with small counts hidden and ``"suppressed"`` last.

    Examples
    --------
    >>> publish_quality({"rows": {"persons": 3}, "persons_without_employment": 0},
    ...                 threshold=10, applied=True)
    {'rows': {'persons': None}, 'persons_without_employment': 0, 'suppressed': {'rows': {'persons': 'below 10'}}}
    """
    reason = f"below {threshold}"

    def walk(node: Any) -> tuple[Any, Any]:
        if isinstance(node, Mapping):
            shown: dict[str, Any] = {}
            hidden: dict[str, Any] = {}
            for key, value in node.items():
                shown[key], why = walk(value)
                if why:
                    hidden[key] = why
            return shown, hidden
        small = isinstance(node, int) and not isinstance(node, bool)
        if small and applied and 0 < node < threshold:
            return None, reason
        return node, None

    shown, hidden = walk({k: v for k, v in summary.items() if k != "suppressed"})
    shown["suppressed"] = hidden or {}
    return shown


def format_quality_nl(summary: Mapping[str, Any]) -> str:
    """The quality summary as readable Dutch text (for the command line).

    A hidden figure (``None``) is printed as ``×``.

    Parameters
    ----------
    summary
        :func:`quality_summary` or :func:`publish_quality` output.

    Returns
    -------
    str
        Several lines, ending with a newline.
    """

    def number(value: Any) -> str:
        if value is None:
            return "× (klein aantal, niet getoond)"
        return f"{int(value):,}".replace(",", ".")

    lines = [f"Datakwaliteit (peildatum {summary.get('as_of', '?')}):"]
    rows = summary.get("rows") or {}
    lines.append("  Rijen per bestand:")
    for name, value in rows.items():
        lines.append(f"    - {FILE_LABELS_NL.get(name, name)}: {number(value)}")
    unknown = [
        (name, column, value)
        for name, columns in (summary.get("unknown") or {}).items()
        for column, value in columns.items()
        if value != 0
    ]
    if unknown:
        lines.append("  Onbekende (lege) waarden:")
        for name, column, value in unknown:
            lines.append(
                f"    - {FILE_LABELS_NL.get(name, name)}, "
                f"{COLUMN_LABELS_NL.get(column, column)}: {number(value)}"
            )
    else:
        lines.append("  Onbekende (lege) waarden: geen")
    late = [
        (name, column, value)
        for name, columns in (summary.get("after_as_of") or {}).items()
        for column, value in columns.items()
        if value != 0
    ]
    if late:
        lines.append("  Datums na de peildatum (genegeerd of als lopend gelezen):")
        for name, column, value in late:
            lines.append(
                f"    - {FILE_LABELS_NL.get(name, name)}, "
                f"{COLUMN_LABELS_NL.get(column, column)}: {number(value)}"
            )
    else:
        lines.append("  Datums na de peildatum: geen")
    lines.append(
        "  Personen zonder enige tewerkstelling: "
        + number(summary.get("persons_without_employment", 0))
    )
    lines.append("  Overlappingen en onregelmatigheden:")
    for key, value in (summary.get("overlaps") or {}).items():
        lines.append(f"    - {OVERLAP_LABELS_NL.get(key, key)}: {number(value)}")
    return "\n".join(lines) + "\n"

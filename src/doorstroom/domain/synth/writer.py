"""Append-only CSV files, written chunk by chunk with Arrow's CSV writer.

Values are never quoted (the generator writes no commas, quotes or line breaks in
any field), dates are ISO ``YYYY-MM-DD``, missing values are empty fields, numbers
use a decimal point. The same tables always give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from doorstroom.domain.synth.timeline import MISSING, OPEN

#: Columns of each contract file (spec §1), in the order written.
CONTRACT_COLUMNS = {
    "persons": ("person_id", "birth_date", "sex", "province", "education"),
    "employers": ("employer_id", "name", "circuit", "nace", "province"),
    "wop_dossiers": (
        "dossier_id",
        "person_id",
        "employer_id",
        "instrument",
        "start_date",
        "end_date",
    ),
    "employment": (
        "spell_id",
        "person_id",
        "employer_id",
        "start_date",
        "end_date",
        "hours_per_week",
        "wop_dossier_id",
    ),
    "advices": ("advice_id", "person_id", "date", "instrument", "result"),
    "trajectories": (
        "trajectory_id",
        "person_id",
        "partner_id",
        "start_date",
        "end_date",
        "end_reason",
        "stage",
    ),
}
#: Columns of the web app's extra files (not part of the contract).
EXTRA_COLUMNS = {
    "identities": ("person_id", "first_name", "last_name", "postcode", "municipality"),
    "partners": ("partner_id", "name", "province", "kind"),
    "organisations": ("employer_id", "name", "kind", "postcode", "municipality"),
}

_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="none")


def ids(prefix: str, first: int, count: int, width: int) -> pa.Array:
    """Identifiers ``prefix`` + zero-padded numbers ``first .. first+count-1``.

    Zero padding makes string order equal number order, as the contract compares
    identifiers as strings.

    Examples
    --------
    >>> ids("P", 9, 2, 4).to_pylist()
    ['P0009', 'P0010']
    """
    numbers = pa.array(np.arange(first, first + count, dtype=np.int64)).cast(
        pa.string()
    )
    padded = pc.utf8_lpad(numbers, width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), padded, "")


def take_ids(column: pa.Array, index: np.ndarray) -> pa.Array:
    """Pick identifiers by index; -1 gives an empty field."""
    missing = index < 0
    picked = column.take(pa.array(np.where(missing, 0, index)))
    return pc.if_else(pa.array(missing), pa.scalar(None, pa.string()), picked)


def dates(days: np.ndarray) -> pa.Array:
    """Day numbers as dates; ``MISSING`` and ``OPEN`` give empty fields."""
    days = np.asarray(days, dtype=np.int64)
    missing = (days <= MISSING) | (days >= OPEN)
    values = pa.array(
        np.where(missing, 0, days).astype(np.int32), type=pa.int32()
    ).cast(pa.date32())
    return pc.if_else(pa.array(missing), pa.scalar(None, pa.date32()), values)


def texts(values: np.ndarray) -> pa.Array:
    """Strings; empty strings and ``None`` give empty fields."""
    return pa.array(
        [value if value else None for value in values.tolist()], type=pa.string()
    )


class CsvSink:
    """One CSV file, opened with its header, appended to table by table.

    Parameters
    ----------
    path
        The file to (over)write.
    columns
        Column names, in order.
    """

    def __init__(self, path: Path, columns: tuple[str, ...]) -> None:
        self.path = path
        self.columns = columns
        self.rows = 0
        self._handle = path.open("wb")
        self._handle.write((",".join(columns) + "\n").encode("utf-8"))

    def write(self, **values: pa.Array) -> None:
        """Append rows, one Arrow array per column (all of the same length)."""
        table = pa.table({name: values[name] for name in self.columns})
        if table.num_rows:
            pacsv.write_csv(table, self._handle, write_options=_OPTIONS)
        self.rows += table.num_rows

    def close(self) -> None:
        """Flush and close the file."""
        self._handle.close()

    def __enter__(self) -> CsvSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

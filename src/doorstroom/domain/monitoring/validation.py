"""Validation of a monitoring data folder (spec section 1): accept or reject it whole.

The folder holds six CSV files. :func:`validate_folder` checks every row of every
file and lists *all* problems, each with the file, the physical line (the header
being line 1) and the column. A folder is valid when the list of problems is empty;
warnings (an unknown extra column, a skipped empty line) never reject a folder.

How a file is read
------------------
The fast path reads a file with DuckDB's CSV reader, every column as text, into an
in-memory table whose row order is the file order, so that the line of a row is
its position plus two. That is only true when every record takes exactly one
physical line, so the fast path is taken only when

* DuckDB reads the file without error in strict mode (a row with the wrong number
  of fields or bytes that are not UTF-8 make it fail),
* the file has no empty line before its last record (DuckDB skips empty lines), and
* no value holds a line break (a quoted newline), checked only for files that
  contain a double quote at all.

Otherwise the file is read with Python's :mod:`csv` module, which reports each
record's physical line; rows with the wrong number of fields or invalid UTF-8
become problems and the other rows are checked in DuckDB in the same way. Every
check is a vectorised SQL query.

Decisions on the file format (see also ``docs/monitoring.md``):

* a UTF-8 byte order mark is accepted and ignored;
* Windows line endings (CRLF) are accepted;
* empty lines at the end of a file are ignored silently; an empty line between
  records is skipped with a warning;
* values are taken literally: no whitespace is trimmed, so ``" ANT"`` is not a
  province code;
* a quoted empty value (``""``) is empty, like an unquoted one;
* a duplicate id is reported at every occurrence after the first;
* a check that fails on very many rows reports the first
  :data:`MAX_PROBLEMS_PER_CHECK` rows and one summary problem with the count of
  the others.
"""

from __future__ import annotations

import csv
import io
import mmap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import duckdb

#: Problems listed per file, column and kind of problem before summarising.
MAX_PROBLEMS_PER_CHECK = 1000

PROVINCES: tuple[str, ...] = ("ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI")
SEXES: tuple[str, ...] = ("M", "V", "X")
EDUCATIONS: tuple[str, ...] = ("laag", "midden", "hoog")
CIRCUITS: tuple[str, ...] = ("SEC", "NEC")
INSTRUMENTS: tuple[str, ...] = ("CM", "LDE", "IM")
ADVICE_INSTRUMENTS: tuple[str, ...] = ("CM", "LDE")
ADVICE_RESULTS: tuple[str, ...] = ("doorstroomklaar", "niet_doorstroomklaar")
END_REASONS: tuple[str, ...] = (
    "werk_nec",
    "werk_sec",
    "stopzetting_werknemer",
    "stopzetting_partner",
    "ziekte",
    "andere",
)
STAGES: tuple[str, ...] = ("geen", "BVS", "TBS", "enclave")

ColumnKind = Literal[
    "key", "ref", "text", "code", "date", "end_date", "number", "nace", "end_reason"
]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the data contract.

    Attributes
    ----------
    name:
        Column name in the header.
    kind:
        ``key`` (the file's unique id), ``ref`` (an id of another file), ``text``,
        ``code`` (one of ``codes``), ``date``, ``end_date`` (a date not before
        ``start``), ``number`` (``>= 0``), ``nace`` or ``end_reason``.
    required:
        Whether an empty value is a problem.
    codes:
        Allowed values of a ``code`` or ``end_reason`` column.
    ref:
        File (without ``.csv``) whose key a ``ref`` column names.
    start:
        Start-date column that an ``end_date`` or ``end_reason`` column belongs to.
    """

    name: str
    kind: ColumnKind
    required: bool = False
    codes: tuple[str, ...] = ()
    ref: str | None = None
    start: str | None = None


#: The data contract: file name (without ``.csv``) to its columns, in spec order.
SCHEMA: dict[str, tuple[ColumnSpec, ...]] = {
    "persons": (
        ColumnSpec("person_id", "key", required=True),
        ColumnSpec("birth_date", "date"),
        ColumnSpec("sex", "code", codes=SEXES),
        ColumnSpec("province", "code", codes=PROVINCES),
        ColumnSpec("education", "code", codes=EDUCATIONS),
    ),
    "employers": (
        ColumnSpec("employer_id", "key", required=True),
        ColumnSpec("name", "text"),
        ColumnSpec("circuit", "code", required=True, codes=CIRCUITS),
        ColumnSpec("nace", "nace"),
        ColumnSpec("province", "code", codes=PROVINCES),
    ),
    "wop_dossiers": (
        ColumnSpec("dossier_id", "key", required=True),
        ColumnSpec("person_id", "ref", required=True, ref="persons"),
        ColumnSpec("employer_id", "ref", required=True, ref="employers"),
        ColumnSpec("instrument", "code", required=True, codes=INSTRUMENTS),
        ColumnSpec("start_date", "date", required=True),
        ColumnSpec("end_date", "end_date", start="start_date"),
    ),
    "employment": (
        ColumnSpec("spell_id", "key", required=True),
        ColumnSpec("person_id", "ref", required=True, ref="persons"),
        ColumnSpec("employer_id", "ref", required=True, ref="employers"),
        ColumnSpec("start_date", "date", required=True),
        ColumnSpec("end_date", "end_date", start="start_date"),
        ColumnSpec("hours_per_week", "number"),
        ColumnSpec("wop_dossier_id", "ref", ref="wop_dossiers"),
    ),
    "advices": (
        ColumnSpec("advice_id", "key", required=True),
        ColumnSpec("person_id", "ref", required=True, ref="persons"),
        ColumnSpec("date", "date"),
        ColumnSpec("instrument", "code", required=True, codes=ADVICE_INSTRUMENTS),
        ColumnSpec("result", "code", required=True, codes=ADVICE_RESULTS),
    ),
    "trajectories": (
        ColumnSpec("trajectory_id", "key", required=True),
        ColumnSpec("person_id", "ref", required=True, ref="persons"),
        ColumnSpec("partner_id", "text", required=True),
        ColumnSpec("start_date", "date", required=True),
        ColumnSpec("end_date", "end_date", start="start_date"),
        ColumnSpec("end_reason", "end_reason", codes=END_REASONS, start="end_date"),
        ColumnSpec("stage", "code", required=True, codes=STAGES),
    ),
}

#: What a reference names, in English and Dutch, per referenced file.
_TARGET_NAMES = {
    "persons": ("person", "persoon", "die"),
    "employers": ("employer", "werkgever", "die"),
    "wop_dossiers": ("WOP dossier", "WOP-dossier", "dat"),
}

#: Message templates per problem code: (English, Dutch).
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing_file": ("the file is missing", "het bestand ontbreekt"),
    "empty_file": (
        "the file is empty (no header row)",
        "het bestand is leeg (geen kopregel)",
    ),
    "missing_column": (
        "the required column is missing from the header",
        "de verplichte kolom ontbreekt in de kopregel",
    ),
    "duplicate_column": (
        "the column appears more than once in the header",
        "de kolom komt meer dan eens voor in de kopregel",
    ),
    "extra_column": (
        "unknown column, it is ignored",
        "onbekende kolom, ze wordt genegeerd",
    ),
    "blank_line": ("empty line, skipped", "lege regel, overgeslagen"),
    "field_count": (
        "expected {expected} fields, found {found}",
        "verwacht {expected} velden, gevonden {found}",
    ),
    "invalid_utf8": (
        "the value is not valid UTF-8 text",
        "de waarde is geen geldige UTF-8-tekst",
    ),
    "unreadable": (
        "the file cannot be read from this line on ({detail})",
        "het bestand kan vanaf deze regel niet gelezen worden ({detail})",
    ),
    "required": (
        "a value is required but the field is empty",
        "een waarde is verplicht maar het veld is leeg",
    ),
    "invalid_code": (
        "unknown code {value} (allowed: {allowed})",
        "onbekende code {value} (toegelaten: {allowed_nl})",
    ),
    "invalid_date": (
        "{value} is not a valid date in the form YYYY-MM-DD",
        "{value} is geen geldige datum in de vorm JJJJ-MM-DD",
    ),
    "end_before_start": (
        "the end date {value} lies before the start date {other}",
        "de einddatum {value} ligt voor de startdatum {other}",
    ),
    "invalid_number": (
        "{value} is not a number >= 0 (with a decimal point, if any)",
        "{value} is geen getal >= 0 (met een decimaal punt, indien nodig)",
    ),
    "invalid_nace": (
        "{value} is not a NACE code (at least two digits, dots allowed)",
        "{value} is geen NACE-code (minstens twee cijfers, punten toegelaten)",
    ),
    "end_reason_without_end": (
        "an end reason is given but the end date is empty",
        "er is een stopreden ingevuld maar de einddatum is leeg",
    ),
    "end_reason_missing": (
        "the end reason is required because an end date is given",
        "de stopreden is verplicht omdat er een einddatum is",
    ),
    "unknown_reference": (
        "refers to {target} {value}, which does not exist in {ref_file}",
        "verwijst naar {target_nl} {value}, {pronoun_nl} niet bestaat in {ref_file}",
    ),
    "duplicate_id": (
        "the id {value} is a duplicate: it is already used on line {other}",
        "de id {value} komt dubbel voor: ze staat al op regel {other}",
    ),
    "dossier_of_other_person": (
        "the WOP dossier {value} belongs to another person ({other})",
        "het WOP-dossier {value} hoort bij een andere persoon ({other})",
    ),
    "too_many": (
        "and {count} more rows with the same problem",
        "en nog {count} regels met hetzelfde probleem",
    ),
}


@dataclass(frozen=True)
class Problem:
    """One problem (or warning) found in the data folder.

    Attributes
    ----------
    file:
        File name, e.g. ``persons.csv``.
    line:
        Physical line in the file, the header being line 1; ``None`` for a problem
        of the whole file.
    column:
        Column name, or ``None`` when the problem is not about one column.
    message:
        The problem in English, without file, line and column.
    message_nl:
        The problem in Dutch, without file, line and column.
    code:
        A stable identifier of the kind of problem (``invalid_date``,
        ``duplicate_id``, ...), for programs and tests.
    """

    file: str
    line: int | None
    column: str | None
    message: str
    message_nl: str = ""
    code: str = ""

    def _where(self, line_word: str, column_word: str) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"{line_word} {self.line}")
        if self.column is not None:
            parts.append(f"{column_word} '{self.column}'")
        return ", ".join(parts)

    def format_nl(self) -> str:
        """Return the problem as one Dutch sentence naming file, line and column.

        Examples
        --------
        >>> Problem("persons.csv", 3, "sex", "x", "onbekende code 'Q'").format_nl()
        "persons.csv, regel 3, kolom 'sex': onbekende code 'Q'."
        """
        return f"{self._where('regel', 'kolom')}: {self.message_nl or self.message}."

    def format_en(self) -> str:
        """Return the problem as one English sentence naming file, line and column.

        Examples
        --------
        >>> Problem("persons.csv", None, None, "the file is missing").format_en()
        'persons.csv: the file is missing.'
        """
        return f"{self._where('line', 'column')}: {self.message}."


@dataclass
class ValidationResult:
    """Outcome of :func:`validate_folder`.

    Attributes
    ----------
    problems:
        Every problem found; the folder is valid when this is empty.
    warnings:
        Remarks that do not reject the folder (unknown columns, empty lines).
    rows:
        Number of data rows read per file (``persons.csv``: 1000, ...).
    """

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the folder is valid (no problems; warnings are allowed)."""
        return not self.problems


def _show(value: object) -> str:
    """Quote a value for a message, shortened and with line breaks made visible."""
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'"


def make_problem(
    file: str, line: int | None, column: str | None, code: str, **params: object
) -> Problem:
    """Build a :class:`Problem` from a problem code and its parameters.

    Parameters
    ----------
    file, line, column:
        Where the problem is.
    code:
        A key of the message table (``invalid_code``, ``duplicate_id``, ...).
    **params:
        Values for the message templates (``value``, ``other``, ``allowed``, ...).

    Returns
    -------
    Problem
        The problem with its English and Dutch message.
    """
    english, dutch = _MESSAGES[code]
    values = {key: value for key, value in params.items() if value is not None}
    for key in ("value",):
        if key in values:
            values[key] = _show(values[key])
    if "allowed" in values:
        allowed = ", ".join(values["allowed"])  # type: ignore[call-overload]
        optional = bool(values.pop("optional", False))
        values["allowed"] = allowed + (" or empty" if optional else "")
        values["allowed_nl"] = allowed + (" of leeg" if optional else "")
    return Problem(
        file=file,
        line=line,
        column=column,
        message=english.format_map(_Defaults(values)),
        message_nl=dutch.format_map(_Defaults(values)),
        code=code,
    )


class _Defaults(dict[str, object]):
    """Template values that leave unknown placeholders readable."""

    def __missing__(self, key: str) -> str:
        return "?"


# --------------------------------------------------------------------------- reading


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def read_header(path: Path) -> list[str] | None:
    """Return the header fields of a CSV file (BOM removed), or ``None`` if empty.

    Parameters
    ----------
    path:
        The CSV file.

    Returns
    -------
    list of str or None
        The column names in file order; ``None`` when the file has no header line.
    """
    with path.open("rb") as handle:
        first = handle.readline()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    text = first.decode("utf-8", errors="replace")
    if not text.strip("\r\n"):
        return None
    return next(csv.reader([text.rstrip("\r\n")]))


def has_blank_line_between_records(path: Path) -> bool:
    """Whether the file has an empty line before its last non-empty line."""
    if path.stat().st_size == 0:
        return False
    with (
        path.open("rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        end = len(data)
        while end > 0 and data[end - 1 : end] in (b"\n", b"\r"):
            end -= 1
        for pattern in (b"\n\n", b"\n\r\n", b"\r\r"):
            if data.find(pattern, 0, end) != -1:
                return True
    return False


def file_contains(path: Path, needle: bytes) -> bool:
    """Whether the file contains the byte string ``needle`` (memory-mapped scan)."""
    if path.stat().st_size == 0:
        return False
    with (
        path.open("rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        return data.find(needle) != -1


def csv_source(path: Path, width: int, types: Sequence[str] | None = None) -> str:
    """SQL for DuckDB's strict CSV reader with columns ``c0 .. cN`` (text by default).

    ``DATE`` columns are parsed by DuckDB's own ISO 8601 date parser, which is
    faster than a ``dateformat`` pattern; it rejects a day or month that does not
    exist. Only :func:`typed_staging` reads typed columns, and only from a folder
    that passed validation, which holds every date to ``YYYY-MM-DD``.
    """
    kinds = types or ["VARCHAR"] * width
    columns = (
        "{" + ", ".join(f"'c{i}': {_literal(kinds[i])}" for i in range(width)) + "}"
    )
    return (
        f"read_csv({_literal(str(path))}, header = true, auto_detect = false, "
        f"columns = {columns}, delim = ',', quote = '\"', escape = '\"', "
        f"strict_mode = true, null_padding = false)"
    )


@dataclass
class _File:
    """What validation knows about one file.

    ``columns`` maps each contract column present in the header to its internal
    name ``c<position>`` (first occurrence). ``raw`` names a table with the text
    of every readable row plus its physical ``line``, once one was built (only
    for files with a problem, or read with :mod:`csv`).
    """

    name: str
    path: Path
    header: list[str]
    columns: dict[str, str]
    rows: int = 0
    raw: str | None = None
    suspect: bool = False

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def width(self) -> int:
        return len(self.header)

    @property
    def staged(self) -> str:
        return f"staged_{self.name}"


def _read_with_lines_duckdb(con: duckdb.DuckDBPyConnection, state: _File) -> bool:
    """Read the file as text with its line numbers; ``False`` if DuckDB cannot."""
    import duckdb

    if has_blank_line_between_records(state.path):
        return False
    table = f"raw_{state.name}"
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {table}_data AS "
            f"SELECT * FROM {csv_source(state.path, state.width)}"
        )
    except duckdb.Error:
        return False
    finally:
        con.execute("SET preserve_insertion_order = false")
    if file_contains(state.path, b'"'):
        condition = " OR ".join(
            f"contains(c{i}, chr(10)) OR contains(c{i}, chr(13))"
            for i in range(state.width)
        )
        (broken,) = con.execute(  # type: ignore[misc]
            f"SELECT count(*) FROM {table}_data WHERE {condition}"
        ).fetchone()
        if broken:
            # A quoted line break: records no longer match lines.
            con.execute(f"DROP TABLE {table}_data")
            return False
    # A DuckDB table keeps the insertion order in its rowid: line = rowid + 2.
    con.execute(
        f"CREATE OR REPLACE VIEW {table} AS SELECT rowid + 2 AS line, * FROM {table}_data"
    )
    state.raw = table
    return True


def _read_with_lines_python(
    con: duckdb.DuckDBPyConnection, state: _File, result: ValidationResult
) -> None:
    """Read the file with :mod:`csv`, reporting broken rows; keep the good ones."""
    import pyarrow as pa

    width, file = state.width, state.file
    lines: list[int] = []
    values: list[list[str | None]] = [[] for _ in range(width)]
    blank_lines: list[int] = []
    found_problem = False
    with state.path.open("rb") as raw:
        if raw.read(3) != b"\xef\xbb\xbf":
            raw.seek(0)
        text = io.TextIOWrapper(
            raw, encoding="utf-8", errors="surrogateescape", newline=""
        )
        reader = csv.reader(text, strict=False)
        previous_line = 0
        try:
            next(reader, None)  # the header
            previous_line = reader.line_num
            for record in reader:
                line = previous_line + 1
                previous_line = reader.line_num
                if not record:
                    blank_lines.append(line)
                    continue
                if len(record) != width:
                    found_problem = True
                    result.problems.append(
                        make_problem(
                            file,
                            line,
                            None,
                            "field_count",
                            expected=width,
                            found=len(record),
                        )
                    )
                    continue
                bad = [i for i, value in enumerate(record) if _has_surrogate(value)]
                if bad:
                    found_problem = True
                    for i in bad:
                        result.problems.append(
                            make_problem(file, line, state.header[i], "invalid_utf8")
                        )
                    continue
                lines.append(line)
                for i, value in enumerate(record):
                    values[i].append(value if value != "" else None)
        except csv.Error as exc:
            found_problem = True
            result.problems.append(
                make_problem(
                    file, previous_line + 1, None, "unreadable", detail=str(exc)
                )
            )
    # Trailing empty lines are harmless; an empty line between records is a warning.
    last_record = lines[-1] if lines else 0
    for line in blank_lines:
        if line < last_record:
            result.warnings.append(make_problem(file, line, None, "blank_line"))
    arrow = pa.table(
        {"line": pa.array(lines, pa.int64())}
        | {f"c{i}": pa.array(values[i], pa.string()) for i in range(width)}
    )
    table = f"raw_{state.name}"
    con.register("_arrow_import", arrow)
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _arrow_import")
    con.unregister("_arrow_import")
    state.raw = table
    state.suspect = state.suspect or found_problem


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _open_file(folder: Path, name: str, result: ValidationResult) -> _File | None:
    """Check that the file exists and its header; return its state or ``None``."""
    file = f"{name}.csv"
    path = folder / file
    if not path.is_file():
        result.problems.append(make_problem(file, None, None, "missing_file"))
        return None
    header = read_header(path)
    if header is None:
        result.problems.append(make_problem(file, 1, None, "empty_file"))
        return None
    expected = [spec.name for spec in SCHEMA[name]]
    columns: dict[str, str] = {}
    suspect = False
    for index, column in enumerate(header):
        if column in columns:
            result.problems.append(make_problem(file, 1, column, "duplicate_column"))
            suspect = True
            continue
        if column not in expected:
            result.warnings.append(make_problem(file, 1, column, "extra_column"))
        columns[column] = f"c{index}"
    for column in expected:
        if column not in columns:
            result.problems.append(make_problem(file, 1, column, "missing_column"))
    known = {
        column: internal for column, internal in columns.items() if column in expected
    }
    return _File(name=name, path=path, header=header, columns=known, suspect=suspect)


# ---------------------------------------------------------------------------- checks

_SQL_TYPES = {"date": "DATE", "end_date": "DATE", "number": "DOUBLE"}


def _date_ok(column: str) -> str:
    return (
        f"(regexp_full_match({column}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
        f"AND try_cast({column} AS DATE) IS NOT NULL)"
    )


def _in_list(codes: Iterable[str]) -> str:
    return "(" + ", ".join(_literal(code) for code in codes) + ")"


@dataclass(frozen=True)
class _RowCheck:
    """A check on one row: ``condition`` is true when the row has the problem."""

    column: str
    code: str
    condition: str
    value: str = "NULL"
    other: str = "NULL"
    #: A cheaper condition for the staging pass, where any failure is enough.
    screen: str | None = None


def _row_checks(state: _File) -> list[_RowCheck]:
    """The checks of every single row, on the text columns ``c0 .. cN``."""
    checks: list[_RowCheck] = []
    for spec in SCHEMA[state.name]:
        c = state.columns.get(spec.name)
        if c is None:
            continue
        filled = f"({c} IS NOT NULL AND {c} <> '')"
        if spec.required:
            checks.append(_RowCheck(spec.name, "required", f"NOT {filled}"))
        if spec.kind == "code":
            checks.append(
                _RowCheck(
                    spec.name,
                    "invalid_code",
                    f"{filled} AND {c} NOT IN {_in_list(spec.codes)}",
                    c,
                )
            )
        elif spec.kind in ("date", "end_date"):
            checks.append(
                _RowCheck(
                    spec.name, "invalid_date", f"{filled} AND NOT {_date_ok(c)}", c
                )
            )
            start = state.columns.get(spec.start or "")
            if spec.kind == "end_date" and start is not None:
                checks.append(
                    _RowCheck(
                        spec.name,
                        "end_before_start",
                        f"{_date_ok(c)} AND {_date_ok(start)} "
                        f"AND try_cast({c} AS DATE) < try_cast({start} AS DATE)",
                        c,
                        start,
                        screen=f"try_cast({c} AS DATE) < try_cast({start} AS DATE)",
                    )
                )
        elif spec.kind == "number":
            checks.append(
                _RowCheck(
                    spec.name,
                    "invalid_number",
                    f"{filled} AND NOT regexp_full_match({c}, '[0-9]+(\\.[0-9]+)?')",
                    c,
                )
            )
        elif spec.kind == "nace":
            checks.append(
                _RowCheck(
                    spec.name,
                    "invalid_nace",
                    f"{filled} AND NOT regexp_full_match({c}, '[0-9]{{2}}(\\.?[0-9])*')",
                    c,
                )
            )
        elif spec.kind == "end_reason":
            end = state.columns.get(spec.start or "")
            if end is not None:
                end_filled = f"({end} IS NOT NULL AND {end} <> '')"
                checks.append(
                    _RowCheck(
                        spec.name,
                        "end_reason_without_end",
                        f"{filled} AND NOT {end_filled}",
                        c,
                    )
                )
                checks.append(
                    _RowCheck(
                        spec.name,
                        "end_reason_missing",
                        f"NOT {filled} AND {end_filled}",
                    )
                )
            checks.append(
                _RowCheck(
                    spec.name,
                    "invalid_code",
                    f"{filled} AND {c} NOT IN {_in_list(spec.codes)}",
                    c,
                )
            )
    return checks


def _stage(con: duckdb.DuckDBPyConnection, state: _File, source: str) -> None:
    """Create the typed table ``staged_<name>`` from ``source`` (text ``c0 .. cN``).

    Text is converted with ``try_cast`` and the column ``_row_ok`` tells whether
    the row passed every row check. (A folder known to be valid is staged by
    :func:`typed_staging` instead.)
    """
    select = []
    for spec in SCHEMA[state.name]:
        c = state.columns.get(spec.name)
        sql_type = _SQL_TYPES.get(spec.kind, "VARCHAR")
        if c is None:
            expression = f"CAST(NULL AS {sql_type})"
        elif sql_type == "VARCHAR":
            expression = f"nullif({c}, '')"
        else:
            expression = f"try_cast(nullif({c}, '') AS {sql_type})"
        select.append(f'{expression} AS "{spec.name}"')
    failing = [
        f"coalesce({check.screen or check.condition}, false)"
        for check in _row_checks(state)
    ]
    select.append(
        f"NOT ({' OR '.join(failing)}) AS _row_ok" if failing else "true AS _row_ok"
    )
    con.execute(
        f"CREATE OR REPLACE TABLE {state.staged} AS SELECT {', '.join(select)} "
        f"FROM {source}"
    )


def _typed_select(state: _File) -> tuple[str, str]:
    """The select list (contract columns, typed) and CSV source of a valid file."""
    kinds = {spec.name: spec.kind for spec in SCHEMA[state.name]}
    position = {internal: column for column, internal in state.columns.items()}
    types = [
        _SQL_TYPES.get(kinds.get(position.get(f"c{i}", ""), "text"), "VARCHAR")
        for i in range(state.width)
    ]
    select = []
    for spec in SCHEMA[state.name]:
        c = state.columns.get(spec.name)
        sql_type = _SQL_TYPES.get(spec.kind, "VARCHAR")
        select.append(
            f'{c if c is not None else f"CAST(NULL AS {sql_type})"} AS "{spec.name}"'
        )
    return ", ".join(select), csv_source(state.path, state.width, types)


def typed_staging(path: Path | str) -> list[tuple[str, str]]:
    """SQL that stages a folder known to be valid in two steps per file.

    The first statement creates the empty typed table ``staged_<name>`` (the
    contract's columns and types, as :func:`stage_folder` makes them, without
    its check column), the second fills it with DuckDB's CSV reader, which converts dates
    and numbers while it parses; a bad value makes DuckDB raise. Creating the
    tables first lets queries be planned against them while they are filled.

    Parameters
    ----------
    path:
        The data folder; every contract file must exist and have a header.

    Returns
    -------
    list of tuple
        ``(create, fill)`` per contract file, in contract order.

    Raises
    ------
    ValueError
        When a file is missing or empty.
    """
    folder = Path(path)
    statements = []
    for name, specs in SCHEMA.items():
        state = _open_file(folder, name, ValidationResult())
        if state is None:
            raise ValueError(f"{folder / f'{name}.csv'} is missing or empty")
        columns = ", ".join(
            f'"{spec.name}" {_SQL_TYPES.get(spec.kind, "VARCHAR")}' for spec in specs
        )
        select, source = _typed_select(state)
        statements.append(
            (
                f"CREATE OR REPLACE TABLE {state.staged} ({columns})",
                f"INSERT INTO {state.staged} SELECT {select} FROM {source}",
            )
        )
    return statements


def _key_column(name: str) -> str:
    return SCHEMA[name][0].name


def _reference_targets(
    state: _File, files: dict[str, _File]
) -> list[tuple[ColumnSpec, _File]]:
    """Reference columns of ``state`` whose target file and key column exist."""
    targets = []
    for spec in SCHEMA[state.name]:
        if spec.kind != "ref" or spec.name not in state.columns:
            continue
        target = files.get(spec.ref or "")
        if target is not None and _key_column(target.name) in target.columns:
            targets.append((spec, target))
    return targets


def _count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    row = con.execute(query).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _screen(
    con: duckdb.DuckDBPyConnection, state: _File, files: dict[str, _File]
) -> None:
    """Count failing rows on the staged table; mark the file suspect if any."""
    staged = state.staged
    state.rows = _count(con, f"SELECT count(*) FROM {staged}")
    failing = _count(con, f"SELECT count(*) FROM {staged} WHERE NOT _row_ok")
    key = _key_column(state.name)
    if key in state.columns:
        # A hash collision can only cause a needless detailed pass.
        failing += _count(
            con, f'SELECT count("{key}") - count(DISTINCT hash("{key}")) FROM {staged}'
        )
    for spec, target in _reference_targets(state, files):
        failing += _count(
            con,
            f"SELECT count(*) FROM {staged} s ANTI JOIN {target.staged} t "
            f'ON s."{spec.name}" = t."{_key_column(target.name)}" '
            f'WHERE s."{spec.name}" IS NOT NULL',
        )
    if state.name == "employment" and "wop_dossiers" in files:
        failing += _count(
            con, _other_person_query(state, files["wop_dossiers"], count=True)
        )
    state.suspect = state.suspect or failing > 0


def _other_person_query(spells: _File, dossiers: _File, *, count: bool) -> str:
    """Spells whose WOP dossier belongs to another person (a warning)."""
    if not {"person_id", "wop_dossier_id"} <= set(spells.columns) or not {
        "dossier_id",
        "person_id",
    } <= set(dossiers.columns):
        return "SELECT 0"
    join = (
        f"JOIN (SELECT dossier_id, any_value(person_id) AS owner FROM {dossiers.staged} "
        f"GROUP BY dossier_id) d ON s.wop_dossier_id = d.dossier_id "
        f"WHERE s.person_id <> d.owner"
    )
    if count:
        return f"SELECT count(*) FROM {spells.staged} s {join}"
    person = spells.columns["person_id"]
    dossier = spells.columns["wop_dossier_id"]
    return (
        f"SELECT s.line, 'wop_dossier_id' AS col, 'dossier_of_other_person' AS code, "
        f"s.{dossier} AS value, d.owner AS other FROM {spells.raw} s "
        f"JOIN (SELECT dossier_id, any_value(person_id) AS owner FROM {dossiers.staged} "
        f"GROUP BY dossier_id) d ON s.{dossier} = d.dossier_id WHERE s.{person} <> d.owner"
    )


def _detail_selects(state: _File, files: dict[str, _File]) -> list[str]:
    """SQL selects of ``line, col, code, value, other`` for every problem."""
    table = state.raw
    selects = [
        f"SELECT line, {_literal(check.column)} AS col, {_literal(check.code)} AS code, "
        f"{check.value} AS value, CAST({check.other} AS VARCHAR) AS other "
        f"FROM {table} WHERE {check.condition}"
        for check in _row_checks(state)
    ]
    key = _key_column(state.name)
    c = state.columns.get(key)
    if c is not None:
        filled = f"({c} IS NOT NULL AND {c} <> '')"
        selects.append(
            f"SELECT line, {_literal(key)} AS col, 'duplicate_id' AS code, "
            f"{c} AS value, CAST(first_line AS VARCHAR) AS other FROM ("
            f"SELECT line, {c}, min(line) OVER (PARTITION BY {c}) AS first_line "
            f"FROM {table} WHERE {c} IN (SELECT {c} FROM {table} WHERE {filled} "
            f"GROUP BY {c} HAVING count(*) > 1)) WHERE line > first_line"
        )
    for spec, target in _reference_targets(state, files):
        c = state.columns[spec.name]
        target_key = f'"{_key_column(target.name)}"'
        selects.append(
            f"SELECT line, {_literal(spec.name)} AS col, 'unknown_reference' AS code, "
            f"{c} AS value, CAST(NULL AS VARCHAR) AS other FROM {table} "
            f"WHERE {c} IS NOT NULL AND {c} <> '' AND {c} NOT IN "
            f"(SELECT {target_key} FROM {target.staged} WHERE {target_key} IS NOT NULL)"
        )
    return selects


def _list_problems(
    con: duckdb.DuckDBPyConnection,
    file: str,
    selects: list[str],
    out: list[Problem],
) -> None:
    """Run the selects and turn their rows into problems, capped per check."""
    if not selects:
        return
    union = " UNION ALL ".join(selects)
    query = (
        "SELECT line, col, code, value, other, total FROM ("
        "SELECT *, row_number() OVER (PARTITION BY col, code ORDER BY line) AS k, "
        f"count(*) OVER (PARTITION BY col, code) AS total FROM ({union})) "
        f"WHERE k <= {MAX_PROBLEMS_PER_CHECK}"
    )
    rows = con.execute(query).fetchall()
    order = {spec.name: i for i, spec in enumerate(SCHEMA[file.removesuffix(".csv")])}
    rows.sort(key=lambda r: (r[0], order.get(r[1], 99), r[2]))
    summaries: dict[tuple[str, str], int] = {}
    for line, column, code, value, other, total in rows:
        spec = _spec(file, column)
        params: dict[str, object] = {"value": value, "other": other}
        if code == "invalid_code" and spec is not None:
            params["allowed"] = spec.codes
            params["optional"] = not spec.required
        if code == "unknown_reference" and spec is not None and spec.ref:
            target = _TARGET_NAMES[spec.ref]
            params["target"], params["target_nl"], params["pronoun_nl"] = target
            params["ref_file"] = f"{spec.ref}.csv"
        out.append(make_problem(file, int(line), column, code, **params))
        if total > MAX_PROBLEMS_PER_CHECK:
            summaries[(column, code)] = total - MAX_PROBLEMS_PER_CHECK
    for (column, _code), count in sorted(summaries.items()):
        out.append(make_problem(file, None, column, "too_many", count=count))


def _spec(file: str, column: str) -> ColumnSpec | None:
    for spec in SCHEMA[file.removesuffix(".csv")]:
        if spec.name == column:
            return spec
    return None


def stage_folder(con: duckdb.DuckDBPyConnection, path: Path | str) -> ValidationResult:
    """Read the folder into typed DuckDB tables ``staged_<file>``, validating it.

    Every file is read once by DuckDB's strict CSV reader into a typed table;
    the row checks run in the same pass (column ``_row_ok``), then duplicate ids
    and references are counted on the typed tables. Only a file that fails any
    of this (or that DuckDB cannot read) is read again with its line numbers to
    list each problem.

    Parameters
    ----------
    con:
        A DuckDB connection; the tables ``staged_persons`` ... are left in it.
    path:
        The data folder.

    Returns
    -------
    ValidationResult
        The problems and warnings. (A folder known to be valid is staged without
        checks by :func:`typed_staging`.)
    """
    import duckdb

    folder = Path(path)
    result = ValidationResult()
    files: dict[str, _File] = {}
    con.execute("SET preserve_insertion_order = false")
    for name in SCHEMA:
        state = _open_file(folder, name, result)
        if state is None:
            continue
        files[name] = state
        staged = False
        if not has_blank_line_between_records(state.path):
            try:
                _stage(con, state, csv_source(state.path, state.width))
                staged = True
            except duckdb.Error:
                staged = False
        if not staged:
            _read_with_lines_python(con, state, result)
            _stage(con, state, state.raw or "")
    for state in files.values():
        _screen(con, state, files)
        result.rows[state.file] = state.rows
    for state in files.values():
        if not state.suspect:
            continue
        if state.raw is None and not _read_with_lines_duckdb(con, state):
            _read_with_lines_python(con, state, result)
        found: list[Problem] = []
        _list_problems(con, state.file, _detail_selects(state, files), found)
        result.problems.extend(found)
        if state.name == "employment" and "wop_dossiers" in files:
            warnings: list[Problem] = []
            query = _other_person_query(state, files["wop_dossiers"], count=False)
            if query != "SELECT 0":
                _list_problems(con, state.file, [query], warnings)
            result.warnings.extend(warnings)
    result.problems.sort(key=_sort_key)
    result.warnings.sort(key=_sort_key)
    return result


def validate_folder(path: Path | str) -> ValidationResult:
    """Validate a monitoring data folder against the data contract (spec section 1).

    Parameters
    ----------
    path:
        Folder holding ``persons.csv``, ``employers.csv``, ``wop_dossiers.csv``,
        ``employment.csv``, ``advices.csv`` and ``trajectories.csv``.

    Returns
    -------
    ValidationResult
        Every problem (the folder is rejected when there is at least one) and
        every warning, sorted by file (in contract order), line and column.

    Examples
    --------
    >>> import tempfile
    >>> result = validate_folder(tempfile.mkdtemp())
    >>> [p.format_nl() for p in result.problems][:1]
    ['persons.csv: het bestand ontbreekt.']
    """
    import duckdb

    con = duckdb.connect(config={"threads": 2, "memory_limit": "3GB"})
    try:
        return stage_folder(con, path)
    finally:
        con.close()


_FILE_ORDER = {f"{name}.csv": i for i, name in enumerate(SCHEMA)}


def _sort_key(problem: Problem) -> tuple[int, float]:
    """File in contract order, then line; a summary of a long list comes last."""
    if problem.line is not None:
        return _FILE_ORDER[problem.file], problem.line
    return _FILE_ORDER[problem.file], (
        float("inf") if problem.code == "too_many" else 0
    )

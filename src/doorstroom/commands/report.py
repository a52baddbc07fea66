"""``doorstroom report``: the monitoring report of a data folder (contract §5).

Validates the folder (all or nothing), computes the indicators, applies
statistical disclosure control unless ``--no-suppression`` is given, and writes
one file in the chosen format. The file is written to a temporary name beside
``--out`` and renamed into place only when complete, so a failure never leaves a
partial file. Exit codes: 0 success; 2 invalid input or arguments (every problem
is printed to stderr in Dutch and English, and no file is written); 1 an
unexpected failure.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

FORMATS = ("json", "csv", "xlsx", "html")
BACKENDS = ("duckdb", "spark")


def _date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date in YYYY-MM-DD form: {text!r}"
        ) from None


def _threshold(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="compute the monitoring report of a data folder (json, csv, xlsx, html)",
        description=(
            "Validate a folder with the six CSV files of the data contract, compute "
            "the transition indicators for a period as known on a reference date, "
            "protect them with statistical disclosure control (counts below the "
            "threshold are suppressed, plus the cells that would give them away) "
            "and write the report. An invalid folder is rejected whole: every "
            "problem is printed with file, line and column, the exit code is 2 and "
            "no file is written."
        ),
        epilog=(
            "example: doorstroom report --data data/ --from 2019-01-01 --to 2022-12-31 "
            "--as-of 2023-06-30 --format json --out report.json"
        ),
    )
    parser.add_argument(
        "--data",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder with the six CSV files",
    )
    parser.add_argument(
        "--from",
        dest="period_from",
        required=True,
        type=_date,
        metavar="YYYY-MM-DD",
        help="first day of the report period",
    )
    parser.add_argument(
        "--to",
        dest="period_to",
        required=True,
        type=_date,
        metavar="YYYY-MM-DD",
        help="last day of the report period (included)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        required=True,
        type=_date,
        metavar="YYYY-MM-DD",
        help="reference date: the day the data were extracted; nothing after it is known",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=FORMATS,
        default="json",
        help="output format (default json; html is one standalone page with charts)",
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help="file to write"
    )
    parser.add_argument(
        "--no-suppression",
        dest="suppression",
        action="store_false",
        help="publish exact figures without disclosure control (the report says so)",
    )
    parser.add_argument(
        "--include-undated",
        action="store_true",
        help="count undated doorstroomklaar advices, under year 'onbekend'",
    )
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default="duckdb",
        help="engine that computes the indicators (default duckdb)",
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=10,
        metavar="K",
        help="suppress counts from 1 to K-1 (default 10)",
    )
    parser.add_argument(
        "--suppress-zeros",
        action="store_true",
        help="suppress zero counts too",
    )
    parser.set_defaults(func=run)


def _fail(message: str) -> int:
    sys.stderr.write(message.rstrip("\n") + "\n")
    return 2


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Parameters
    ----------
    path
        Destination; its folder must exist.
    content
        The bytes to write.
    """
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file private (0600); give it the usual mode.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def run(args: argparse.Namespace) -> int:
    """Build the report and write it; return the exit code."""
    if args.period_from > args.period_to:
        return _fail(
            f"--from {args.period_from.isoformat()} is after --to {args.period_to.isoformat()}\n"
            f"--from {args.period_from.isoformat()} ligt na --to {args.period_to.isoformat()}"
        )
    if not args.data.is_dir():
        return _fail(
            f"the data folder does not exist: {args.data}\n"
            f"de gegevensmap bestaat niet: {args.data}"
        )
    out: Path = args.out
    if out.is_dir():
        return _fail(
            f"--out is a folder, not a file: {out}\n--out is een map, geen bestand: {out}"
        )
    if not out.parent.is_dir():
        return _fail(
            f"the folder of --out does not exist: {out.parent}\n"
            f"de map van --out bestaat niet: {out.parent}"
        )

    from doorstroom.domain.monitoring.report import (
        ReportInputError,
        build_report,
        render,
    )

    try:
        report = build_report(
            args.data,
            period_from=args.period_from,
            period_to=args.period_to,
            as_of=args.as_of,
            include_undated=args.include_undated,
            suppression=args.suppression,
            threshold=args.threshold,
            suppress_zeros=args.suppress_zeros,
            backend=args.backend,
        )
    except ReportInputError as error:
        lines = [
            f"De gegevensmap is ongeldig: {len(error.problems)} probleem/problemen; "
            "er is geen rapport geschreven.",
            f"The data folder is invalid: {len(error.problems)} problem(s); "
            "no report was written.",
        ]
        for problem in error.problems:
            lines.append(problem.format_nl())
            lines.append(f"  {problem.format_en()}")
        return _fail("\n".join(lines))

    content = render(report, args.fmt)
    write_atomically(out, content)
    state = (
        f"suppression applied (threshold {report.threshold})"
        if report.suppression_applied
        else "EXACT figures, no suppression: not for publication"
    )
    sys.stderr.write(f"report written to {out} ({args.fmt}, {state})\n")
    return 0

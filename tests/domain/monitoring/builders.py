"""Build small monitoring data folders for tests.

``write_dataset(tmp_path, persons=[...], employers=[...], ...)`` writes the six CSV
files of the data contract. Rows are dicts; a column missing from a row is written
empty, and the header holds every contract column (plus any extra key a row uses).
The row factories (:func:`person`, :func:`employer`, :func:`dossier`,
:func:`spell`, :func:`advice`, :func:`trajectory`) fill sensible defaults so that a
test names only what matters to it.

Examples
--------
>>> import tempfile, pathlib
>>> folder = write_dataset(
...     pathlib.Path(tempfile.mkdtemp()),
...     persons=[person("p1")],
...     employers=[employer("sec", circuit="SEC")],
... )
>>> (folder / "persons.csv").read_text().splitlines()[1]
'p1,1980-06-15,M,ANT,midden'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from doorstroom.domain.monitoring.validation import SCHEMA

Row = Mapping[str, object]


def person(
    person_id: str,
    *,
    birth_date: str | None = "1980-06-15",
    sex: str | None = "M",
    province: str | None = "ANT",
    education: str | None = "midden",
) -> dict[str, object]:
    """A ``persons.csv`` row."""
    return {
        "person_id": person_id,
        "birth_date": birth_date,
        "sex": sex,
        "province": province,
        "education": education,
    }


def employer(
    employer_id: str,
    *,
    circuit: str = "NEC",
    nace: str | None = "47.111",
    province: str | None = "ANT",
    name: str | None = None,
) -> dict[str, object]:
    """An ``employers.csv`` row."""
    return {
        "employer_id": employer_id,
        "name": name if name is not None else f"Werkgever {employer_id}",
        "circuit": circuit,
        "nace": nace,
        "province": province,
    }


def dossier(
    dossier_id: str,
    person_id: str,
    start_date: str,
    end_date: str | None = None,
    *,
    employer_id: str = "sec",
    instrument: str = "CM",
) -> dict[str, object]:
    """A ``wop_dossiers.csv`` row."""
    return {
        "dossier_id": dossier_id,
        "person_id": person_id,
        "employer_id": employer_id,
        "instrument": instrument,
        "start_date": start_date,
        "end_date": end_date,
    }


def spell(
    spell_id: str,
    person_id: str,
    start_date: str,
    end_date: str | None = None,
    *,
    employer_id: str = "nec",
    wop_dossier_id: str | None = None,
    hours_per_week: str | None = "38",
) -> dict[str, object]:
    """An ``employment.csv`` row."""
    return {
        "spell_id": spell_id,
        "person_id": person_id,
        "employer_id": employer_id,
        "start_date": start_date,
        "end_date": end_date,
        "hours_per_week": hours_per_week,
        "wop_dossier_id": wop_dossier_id,
    }


def advice(
    advice_id: str,
    person_id: str,
    date: str | None,
    *,
    instrument: str = "CM",
    result: str = "doorstroomklaar",
) -> dict[str, object]:
    """An ``advices.csv`` row."""
    return {
        "advice_id": advice_id,
        "person_id": person_id,
        "date": date,
        "instrument": instrument,
        "result": result,
    }


def trajectory(
    trajectory_id: str,
    person_id: str,
    start_date: str,
    end_date: str | None = None,
    *,
    end_reason: str | None = None,
    partner_id: str = "partner-a",
    stage: str = "geen",
) -> dict[str, object]:
    """A ``trajectories.csv`` row (the end reason defaults to ``andere`` if ended)."""
    if end_date is not None and end_reason is None:
        end_reason = "andere"
    return {
        "trajectory_id": trajectory_id,
        "person_id": person_id,
        "partner_id": partner_id,
        "start_date": start_date,
        "end_date": end_date,
        "end_reason": end_reason,
        "stage": stage,
    }


def write_csv(path: Path, header: list[str], rows: Iterable[Row]) -> None:
    """Write one CSV file with ``\\n`` line ends; ``None`` becomes an empty field."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in header])


def write_dataset(
    folder: Path,
    *,
    persons: Iterable[Row] = (),
    employers: Iterable[Row] = (),
    wop_dossiers: Iterable[Row] = (),
    employment: Iterable[Row] = (),
    advices: Iterable[Row] = (),
    trajectories: Iterable[Row] = (),
    omit: Iterable[str] = (),
    raw: Mapping[str, str | bytes] | None = None,
) -> Path:
    """Write a data folder and return its path.

    Parameters
    ----------
    folder:
        Directory to write into (created if needed).
    persons, employers, wop_dossiers, employment, advices, trajectories:
        Rows of each file as dicts.
    omit:
        File names without ``.csv`` not to write at all.
    raw:
        File name (with ``.csv``) to literal content (text or bytes) that replaces
        the generated file, for malformed-file tests.

    Returns
    -------
    Path
        ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "persons": list(persons),
        "employers": list(employers),
        "wop_dossiers": list(wop_dossiers),
        "employment": list(employment),
        "advices": list(advices),
        "trajectories": list(trajectories),
    }
    skipped = set(omit)
    for name, rows in data.items():
        if name in skipped:
            continue
        header = [spec.name for spec in SCHEMA[name]]
        for row in rows:
            header.extend(key for key in row if key not in header)
        write_csv(folder / f"{name}.csv", header, rows)
    for file, content in (raw or {}).items():
        target = folder / file
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return folder


# ------------------------------------------------------------------ random data

_SPECIAL_DAYS = (
    "2016-02-29",
    "2018-01-31",
    "2018-08-31",
    "2019-02-28",
    "2019-12-31",
    "2020-01-31",
    "2020-02-29",
    "2020-08-31",
    "2021-02-28",
    "2021-03-01",
    "2021-12-31",
    "2022-06-30",
)


def random_dataset(folder: Path, seed: int, *, persons: int = 40) -> Path:
    """Write a small, messy but valid data folder drawn from ``seed``.

    The data stress the edge cases of the indicator definitions: month ends and
    leap days, spells starting exactly at dossier ends and window ends, ties on
    the start date, overlapping spells, gaps of 30 to 33 days, still-running
    spells, unknown provinces and birth dates, undated advices.
    """
    import random
    from datetime import date, timedelta

    rng = random.Random(seed)

    def some_day(low: int = 2015, high: int = 2024) -> date:
        if rng.random() < 0.3:
            return date.fromisoformat(rng.choice(_SPECIAL_DAYS))
        start = date(low, 1, 1)
        return start + timedelta(days=rng.randrange((date(high, 12, 31) - start).days))

    def plus_months(day: date, months: int) -> date:
        month = day.month - 1 + months
        year, month = day.year + month // 12, month % 12 + 1
        for last in (31, 30, 29, 28):
            try:
                return date(year, month, min(day.day, last))
            except ValueError:
                continue
        raise AssertionError("unreachable")

    iso = date.isoformat
    employers_rows = [
        employer("sec1", circuit="SEC", nace="88.101"),
        employer("sec2", circuit="SEC", nace=None, province=None),
        employer("nec1", nace="47.111"),
        employer("nec2", nace="01.1", province="LIM"),
        employer("nec3", nace=None),
    ]
    persons_rows, dossiers, spells, advices, trajectories = [], [], [], [], []
    spell_no = 0

    def add_spell(person_id: str, start: date, end: date | None, **kw: object) -> None:
        nonlocal spell_no
        spell_no += 1
        # Ids that do not sort like numbers: "s10" < "s9".
        spells.append(
            spell(
                f"s{rng.choice(['', 'x'])}{spell_no}",
                person_id,
                iso(start),
                None if end is None else iso(end),
                **kw,
            )
        )  # type: ignore[arg-type]

    for number in range(persons):
        pid = f"p{number}"
        birth = rng.choice(
            [None, "1960-02-29", "1996-02-29", "1999-03-01", iso(some_day(1955, 2002))]
        )
        persons_rows.append(
            person(
                pid,
                birth_date=birth,
                sex=rng.choice(["M", "V", "X", None]),
                province=rng.choice(
                    [*("ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI"), None]
                ),
                education=rng.choice(["laag", "midden", "hoog", None]),
            )
        )
        start = some_day(2014, 2021)
        for k in range(rng.choice([0, 1, 1, 2, 3])):
            did = f"d{number}_{k}"
            instrument = rng.choice(["CM", "LDE", "IM"])
            emp = (
                rng.choice(["nec1", "nec2"])
                if instrument == "IM"
                else rng.choice(["sec1", "sec2", "nec1"])
            )
            end = (
                None
                if rng.random() < 0.2
                else start + timedelta(days=rng.randrange(0, 1500))
            )
            dossiers.append(
                dossier(
                    did,
                    pid,
                    iso(start),
                    None if end is None else iso(end),
                    employer_id=emp,
                    instrument=instrument,
                )
            )
            add_spell(pid, start, end, employer_id=emp, wop_dossier_id=did)
            if end is None:
                break
            # Regular work around the end of this dossier.
            for _ in range(rng.choice([0, 1, 2, 2, 3])):
                anchor = rng.choice(
                    [
                        end + timedelta(days=1),
                        end,
                        end - timedelta(days=rng.randrange(1, 400)),
                        plus_months(end, 24),
                        plus_months(end, 24) + timedelta(days=1),
                        end + timedelta(days=rng.randrange(1, 900)),
                    ]
                )
                length = rng.choice(
                    [None, 0, 29, 200, 365, 400, rng.randrange(1, 1000)]
                )
                s_end = None if length is None else anchor + timedelta(days=length)
                add_spell(
                    pid, anchor, s_end, employer_id=rng.choice(["nec1", "nec2", "nec3"])
                )
                if s_end is not None and rng.random() < 0.5:
                    gap = rng.choice([30, 31, 32, 33])
                    nxt = s_end + timedelta(days=gap)
                    add_spell(
                        pid,
                        nxt,
                        rng.choice([None, nxt + timedelta(days=rng.randrange(0, 500))]),
                        employer_id=rng.choice(["nec1", "nec3"]),
                    )
                if rng.random() < 0.2:  # a tie on the start date
                    add_spell(
                        pid,
                        anchor,
                        None if rng.random() < 0.5 else anchor + timedelta(days=100),
                        employer_id="nec2",
                    )
            if rng.random() < 0.2:  # NEC work with a WOP (individueel maatwerk)
                add_spell(
                    pid,
                    end + timedelta(days=5),
                    None,
                    employer_id="nec1",
                    wop_dossier_id=did,
                )
            start = end + timedelta(days=rng.choice([1, 30, 200, 400, 800]))
        for k in range(rng.choice([0, 0, 1, 2])):
            day = None if rng.random() < 0.25 else some_day(2016, 2024)
            advices.append(
                advice(
                    f"a{number}_{k}",
                    pid,
                    None if day is None else iso(day),
                    instrument=rng.choice(["CM", "LDE"]),
                    result=rng.choice(
                        ["doorstroomklaar", "doorstroomklaar", "niet_doorstroomklaar"]
                    ),
                )
            )
        for k in range(rng.choice([0, 0, 1, 2])):
            t_start = some_day(2016, 2023)
            t_end = (
                None
                if rng.random() < 0.3
                else t_start + timedelta(days=rng.randrange(0, 700))
            )
            trajectories.append(
                trajectory(
                    f"t{number}_{k}",
                    pid,
                    iso(t_start),
                    None if t_end is None else iso(t_end),
                    end_reason=None
                    if t_end is None
                    else rng.choice(
                        [
                            "werk_nec",
                            "werk_sec",
                            "stopzetting_werknemer",
                            "stopzetting_partner",
                            "ziekte",
                            "andere",
                        ]
                    ),
                    partner_id=rng.choice(["Argos", "In-Z", "Emino vzw", "Stad Gent"]),
                    stage=rng.choice(["geen", "BVS", "TBS", "enclave"]),
                )
            )
    return write_dataset(
        folder,
        persons=persons_rows,
        employers=employers_rows,
        wop_dossiers=dossiers,
        employment=spells,
        advices=advices,
        trajectories=trajectories,
    )


def compute_for(
    folder: Path,
    *,
    as_of: object,
    period_from: object,
    period_to: object,
    include_undated: bool = False,
    backend: str = "duckdb",
) -> dict[str, object]:
    """Validate (must pass), load and compute the unsuppressed indicators."""
    from doorstroom.domain.monitoring.indicators import compute_indicators
    from doorstroom.domain.monitoring.loading import load_tables
    from doorstroom.domain.monitoring.validation import validate_folder

    result = validate_folder(folder)
    assert result.ok, [problem.format_en() for problem in result.problems]
    tables = load_tables(folder, backend)
    return compute_indicators(
        tables,
        period_from=period_from,  # type: ignore[arg-type]
        period_to=period_to,  # type: ignore[arg-type]
        as_of=as_of,  # type: ignore[arg-type]
        include_undated=include_undated,
    )

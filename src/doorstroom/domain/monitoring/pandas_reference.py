"""A plain pandas implementation of the indicators, written independently.

This module computes the same ``indicators`` object as
:func:`doorstroom.domain.monitoring.indicators.compute_indicators`, but the way an
analyst would write it in pandas: read the CSV files, merge, and walk the groups
of rows with Python code that follows the wording of spec section 3 literally
(the durability run is built spell by spell, month arithmetic uses
``pandas.DateOffset``). It shares no code with the Ibis engine beyond the code
lists of the data contract, so that the tests can compare the two on random data,
and it is the baseline of ``doorstroom bench monitoring``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from doorstroom.domain.monitoring.validation import (
    ADVICE_INSTRUMENTS,
    END_REASONS,
    INSTRUMENTS,
    PROVINCES,
    SEXES,
)

UNKNOWN = "onbekend"
FILES = (
    "persons",
    "employers",
    "wop_dossiers",
    "employment",
    "advices",
    "trajectories",
)
DATE_COLUMNS = {
    "persons": ["birth_date"],
    "wop_dossiers": ["start_date", "end_date"],
    "employment": ["start_date", "end_date"],
    "advices": ["date"],
    "trajectories": ["start_date", "end_date"],
}

FIXED = {
    "province": [*PROVINCES, UNKNOWN],
    "sex": [*SEXES, UNKNOWN],
    "instrument": list(INSTRUMENTS),
    "age_band": ["<25", "25-54", "55+", UNKNOWN],
    "status": ["nec_zonder_wop", "nec_met_wop", "sec", "niet_aan_het_werk"],
    "employer": ["zelfde_werkgever", "andere_werkgever"],
    "stage": ["zonder_stage", "met_stage"],
    "end_reason": list(END_REASONS),
}
MONTH_BUCKETS = ["0-5", "6-11", "12-23", "24+"]


def read_frames(folder: Path | str) -> dict[str, pd.DataFrame]:
    """Read the six CSV files as text, empty fields as ``None``, dates as dates.

    Parameters
    ----------
    folder:
        A validated data folder.

    Returns
    -------
    dict
        File name to DataFrame; date columns hold ``datetime.date`` or ``None``.
    """
    frames = {}
    for name in FILES:
        frame = pd.read_csv(
            Path(folder) / f"{name}.csv",
            dtype=object,
            keep_default_na=False,
            encoding="utf-8-sig",
        )
        for column in frame.columns:
            frame[column] = pd.Series(
                [None if value == "" else value for value in frame[column]],
                index=frame.index,
                dtype=object,
            )
        for column in DATE_COLUMNS.get(name, []):
            frame[column] = [
                None if value is None else date.fromisoformat(value)
                for value in frame[column]
            ]
        frames[name] = frame
    return frames


def add_months(value: date, months: int) -> date:
    """``value`` plus calendar months, clamped to the end of the month."""
    return (pd.Timestamp(value) + pd.DateOffset(months=months)).date()


def whole_months(start: date, end: date) -> int:
    """The largest ``n >= 0`` with ``start + n months <= end``, by counting."""
    n = 0
    while add_months(start, n + 1) <= end:
        n += 1
    return n


def age_band(birth: date | None, at: date) -> str:
    """Age band by completed years on ``at``."""
    if birth is None:
        return UNKNOWN
    years = at.year - birth.year
    if (at.month, at.day) < (birth.month, birth.day):
        years -= 1
    if years < 25:
        return "<25"
    if years < 55:
        return "25-54"
    return "55+"


def _breakdown(values: Iterable[str], fixed: Sequence[str] | None) -> dict[str, int]:
    counts = pd.Series(list(values), dtype=object).value_counts()
    found = {str(key): int(value) for key, value in counts.items()}
    if fixed is None:
        return {key: found[key] for key in sorted(found)}
    return {key: found.get(key, 0) for key in fixed}


def _table(
    frame: pd.DataFrame, dims: Mapping[str, Sequence[str] | None]
) -> dict[str, Any]:
    return {
        "total": len(frame),
        "by": {dim: _breakdown(frame[dim], fixed) for dim, fixed in dims.items()},
    }


def compute_indicators_pandas(
    data: Path | str | Mapping[str, pd.DataFrame],
    *,
    period_from: date,
    period_to: date,
    as_of: date,
    include_undated: bool = False,
) -> dict[str, Any]:
    """Compute the unsuppressed ``indicators`` object with pandas.

    Parameters
    ----------
    data:
        A validated data folder, or the frames of :func:`read_frames`.
    period_from, period_to:
        The report period, both days included.
    as_of:
        The reference date.
    include_undated:
        Count undated ``doorstroomklaar`` advices under year ``onbekend``.

    Returns
    -------
    dict
        The same object as the Ibis engine's ``compute_indicators``.
    """
    frames = read_frames(data) if isinstance(data, (str, Path)) else dict(data)
    years = [str(y) for y in range(period_from.year, period_to.year + 1)]

    def in_period(day: date | None) -> bool:
        return day is not None and period_from <= day <= period_to

    def censor(day: date | None) -> date | None:
        return None if day is None or day > as_of else day

    # --- persons and employers
    persons = frames["persons"].copy()
    for column in ("sex", "province", "education"):
        persons[column] = persons[column].fillna(UNKNOWN)
    person = persons.set_index("person_id").to_dict("index")

    employers = frames["employers"].copy()
    employers["sector"] = [
        UNKNOWN if nace is None else nace[:2] for nace in employers["nace"]
    ]
    employer = employers.set_index("employer_id").to_dict("index")

    def describe(person_id: str, at: date) -> dict[str, str]:
        p = person.get(person_id, {})
        return {
            "province": p.get("province", UNKNOWN),
            "sex": p.get("sex", UNKNOWN),
            "age_band": age_band(p.get("birth_date"), at),
        }

    # --- dossiers and spells as known on as_of
    dossiers = frames["wop_dossiers"]
    dossiers = dossiers[[start <= as_of for start in dossiers["start_date"]]].copy()
    dossiers["end_date"] = [censor(end) for end in dossiers["end_date"]]

    spells = frames["employment"]
    spells = spells[[start <= as_of for start in spells["start_date"]]].copy()
    spells["end_date"] = [censor(end) for end in spells["end_date"]]
    spells["circuit"] = [employer[e]["circuit"] for e in spells["employer_id"]]
    regular = spells[(spells["circuit"] == "NEC") & spells["wop_dossier_id"].isna()]
    regular = regular.sort_values(["person_id", "start_date", "spell_id"])
    regular_by_person: dict[str, list[dict[str, Any]]] = {}
    for s in regular.to_dict("records"):
        regular_by_person.setdefault(s["person_id"], []).append(s)

    # --- doorstroom per ended dossier
    outcomes = []
    for d in dossiers.to_dict("records"):
        end = d["end_date"]
        if end is None:
            continue
        window_end = add_months(end, 24)
        best = None
        for s in regular_by_person.get(d["person_id"], []):
            if s["start_date"] > window_end:
                continue
            if s["end_date"] is not None and s["end_date"] <= end:
                continue
            first_day = max(s["start_date"], end + timedelta(days=1))
            key = (first_day, s["spell_id"])
            if best is None or key < best[0]:
                best = (key, s)
        record = dict(d)
        record["window_end"] = window_end
        if best is not None and best[0][0] <= as_of:
            record["outcome"] = "doorstroom"
            record["doorstroom_date"] = best[0][0]
            record["spell"] = best[1]
        elif window_end > as_of:
            record["outcome"] = "pending"
        else:
            record["outcome"] = "geen_doorstroom"
        outcomes.append(record)

    # --- doorstroom events with durability
    events = []
    for o in outcomes:
        if o["outcome"] != "doorstroom":
            continue
        day = o["doorstroom_date"]
        s0 = o["spell"]
        run_open = s0["end_date"] is None
        run_end = s0["end_date"]
        for s in regular_by_person[o["person_id"]]:
            if s["spell_id"] == s0["spell_id"]:
                continue
            if run_open:
                break
            if s["start_date"] <= run_end + timedelta(days=31):
                if s["end_date"] is None:
                    run_open = True
                else:
                    run_end = max(run_end, s["end_date"])
        twelve = add_months(day, 12)
        if (run_open and twelve <= as_of) or (not run_open and run_end >= twelve):
            durability = "durable"
        elif twelve > as_of and (run_open or as_of < run_end + timedelta(days=31)):
            durability = "pending"
        else:
            durability = "niet_duurzaam"
        events.append(
            {
                "date": day,
                "year": str(day.year),
                "instrument": o["instrument"],
                "sector": employer[s0["employer_id"]]["sector"],
                "durability": durability,
                **describe(o["person_id"], day),
            }
        )
    door = pd.DataFrame(
        events,
        columns=[
            "date",
            "year",
            "instrument",
            "sector",
            "durability",
            "province",
            "sex",
            "age_band",
        ],
    )
    door = door[[in_period(day) for day in door["date"]]]
    door_dims = {
        "province": FIXED["province"],
        "year": years,
        "instrument": FIXED["instrument"],
        "age_band": FIXED["age_band"],
        "sex": FIXED["sex"],
        "sector": None,
    }
    result: dict[str, Any] = {"doorstroom": _table(door, door_dims)}

    # --- doorstroom_rate by the dossier's end date
    rate_rows = []
    for o in outcomes:
        if in_period(o["end_date"]):
            rate_rows.append(
                {
                    "outcome": o["outcome"],
                    "year": str(o["end_date"].year),
                    "instrument": o["instrument"],
                    **describe(o["person_id"], o["end_date"]),
                }
            )
    rates = pd.DataFrame(
        rate_rows,
        columns=["outcome", "year", "instrument", "province", "sex", "age_band"],
    )
    decided = rates[rates["outcome"] != "pending"]
    reached = rates[rates["outcome"] == "doorstroom"]

    def rate(numerator: int, denominator: int) -> dict[str, Any]:
        value = None
        if denominator:
            value = float(
                (Decimal(numerator) / Decimal(denominator)).quantize(
                    Decimal("0.0001"), rounding=ROUND_HALF_UP
                )
            )
        return {"numerator": numerator, "denominator": denominator, "rate": value}

    rate_by: dict[str, Any] = {}
    for dim in ("province", "year", "instrument", "age_band", "sex"):
        fixed = years if dim == "year" else FIXED[dim]
        num = _breakdown(reached[dim], fixed)
        den = _breakdown(decided[dim], fixed)
        rate_by[dim] = {key: rate(num[key], den[key]) for key in fixed}
    result["doorstroom_rate"] = {
        "total": rate(len(reached), len(decided)),
        "by": rate_by,
    }

    # --- sec_nec_sec
    doorstroom_dates: dict[str, list[tuple[str, date]]] = {}
    for o in outcomes:
        if o["outcome"] == "doorstroom":
            doorstroom_dates.setdefault(o["person_id"], []).append(
                (o["dossier_id"], o["doorstroom_date"])
            )
    returns = []
    for d in dossiers.to_dict("records"):
        if employer[d["employer_id"]]["circuit"] != "SEC":
            continue
        earlier = [
            day
            for other, day in doorstroom_dates.get(d["person_id"], [])
            if other != d["dossier_id"] and day < d["start_date"]
        ]
        if not earlier or not in_period(d["start_date"]):
            continue
        months = whole_months(max(earlier), d["start_date"])
        bucket = (
            "0-5"
            if months < 6
            else "6-11"
            if months < 12
            else "12-23"
            if months < 24
            else "24+"
        )
        returns.append(
            {
                "year": str(d["start_date"].year),
                "instrument": d["instrument"],
                "bucket": bucket,
                **describe(d["person_id"], d["start_date"]),
            }
        )
    sns = pd.DataFrame(
        returns, columns=["year", "instrument", "bucket", "province", "sex", "age_band"]
    )
    result["sec_nec_sec"] = _table(
        sns,
        {
            "province": FIXED["province"],
            "year": years,
            "instrument": FIXED["instrument"],
            "age_band": FIXED["age_band"],
        },
    )
    result["sec_nec_sec"]["months_to_return"] = _breakdown(sns["bucket"], MONTH_BUCKETS)

    result["durable_doorstroom_12m"] = {
        kind: _table(door[door["durability"] == kind], door_dims)
        for kind in ("durable", "pending", "niet_duurzaam")
    }

    # --- doorstroomklaar advices
    advices = frames["advices"]
    advice_rows = []
    for a in advices.to_dict("records"):
        if a["result"] != "doorstroomklaar":
            continue
        day = a["date"]
        if day is None:
            if not include_undated:
                continue
            advice_rows.append(
                {
                    "instrument": a["instrument"],
                    "year": UNKNOWN,
                    **describe(a["person_id"], as_of),
                }
            )
        elif day <= as_of and in_period(day):
            advice_rows.append(
                {
                    "instrument": a["instrument"],
                    "year": str(day.year),
                    **describe(a["person_id"], day),
                }
            )
    adv = pd.DataFrame(
        advice_rows, columns=["instrument", "year", "province", "sex", "age_band"]
    )
    result["doorstroomklaar_advices"] = _table(
        adv,
        {
            "instrument": list(ADVICE_INSTRUMENTS),
            "year": [*years, UNKNOWN] if include_undated else years,
            "province": FIXED["province"],
            "age_band": FIXED["age_band"],
        },
    )

    # --- trajectories
    trajectories = frames["trajectories"]
    trajectories = trajectories[[s <= as_of for s in trajectories["start_date"]]].copy()
    trajectories["end_date"] = [censor(end) for end in trajectories["end_date"]]
    started, ended = [], []
    for t in trajectories.to_dict("records"):
        if in_period(t["start_date"]):
            started.append(
                {
                    "year": str(t["start_date"].year),
                    "partner": t["partner_id"],
                    **describe(t["person_id"], t["start_date"]),
                }
            )
        if in_period(t["end_date"]):
            ended.append(
                {
                    "year": str(t["end_date"].year),
                    "partner": t["partner_id"],
                    "end_reason": t["end_reason"],
                    "stage": "zonder_stage" if t["stage"] == "geen" else "met_stage",
                    **describe(t["person_id"], t["end_date"]),
                }
            )
    start_frame = pd.DataFrame(
        started, columns=["year", "partner", "province", "sex", "age_band"]
    )
    end_frame = pd.DataFrame(
        ended,
        columns=[
            "year",
            "partner",
            "end_reason",
            "stage",
            "province",
            "sex",
            "age_band",
        ],
    )
    result["trajectories_started"] = _table(
        start_frame,
        {
            "year": years,
            "province": FIXED["province"],
            "age_band": FIXED["age_band"],
            "partner": None,
        },
    )
    result["trajectories_ended"] = _table(
        end_frame,
        {
            "end_reason": FIXED["end_reason"],
            "stage": FIXED["stage"],
            "year": years,
            "province": FIXED["province"],
            "age_band": FIXED["age_band"],
            "partner": None,
        },
    )

    # --- status on as_of
    scope = set(
        a["person_id"]
        for a in advices.to_dict("records")
        if a["date"] is None or a["date"] <= as_of
    ) | set(trajectories["person_id"])
    latest_employer = {}
    for d in dossiers.sort_values(["start_date", "dossier_id"]).to_dict("records"):
        latest_employer[d["person_id"]] = d["employer_id"]  # the last one wins
    on_as_of: dict[str, list[dict[str, Any]]] = {}
    for s in spells.to_dict("records"):
        if s["end_date"] is None or s["end_date"] >= as_of:
            on_as_of.setdefault(s["person_id"], []).append(s)
    statuses = []
    for person_id in sorted(scope):
        kinds: dict[str, list[dict[str, Any]]] = {}
        for s in on_as_of.get(person_id, []):
            if s["circuit"] == "NEC" and s["wop_dossier_id"] is None:
                kinds.setdefault("nec_zonder_wop", []).append(s)
            elif s["circuit"] == "NEC":
                kinds.setdefault("nec_met_wop", []).append(s)
            else:
                kinds.setdefault("sec", []).append(s)
        status = next(
            (k for k in ("nec_zonder_wop", "nec_met_wop", "sec") if k in kinds),
            "niet_aan_het_werk",
        )
        employer_class = None
        if status != "niet_aan_het_werk":
            same = any(
                s["employer_id"] == latest_employer.get(person_id)
                for s in kinds[status]
            )
            employer_class = "zelfde_werkgever" if same else "andere_werkgever"
        statuses.append({"status": status, "employer": employer_class})
    status_frame = pd.DataFrame(statuses, columns=["status", "employer"])
    result["status_at_as_of"] = {
        "total": len(status_frame),
        "by": {
            "status": _breakdown(status_frame["status"], FIXED["status"]),
            "employer": _breakdown(
                status_frame["employer"].dropna(), FIXED["employer"]
            ),
        },
    }
    return result

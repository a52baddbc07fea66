"""Hand-built data sets for the indicator tests, with their expected figures.

Each scenario is a dict of rows per file (see :mod:`.builders`). Person, dossier,
spell, advice and trajectory ids are unique across scenarios, so that
:func:`all_scenarios` can merge them into one data set (used to compare the
DuckDB and Spark backends). The reference date and period of every scenario are
:data:`AS_OF` and :data:`PERIOD`; the comments give the hand computation.
"""

from __future__ import annotations

from datetime import date

from .builders import advice, dossier, employer, person, spell, trajectory

AS_OF = date(2023, 6, 30)
PERIOD = (date(2019, 1, 1), date(2023, 6, 30))

Rows = dict[str, list[dict[str, object]]]


def employers() -> list[dict[str, object]]:
    """``sec``/``sec2`` (social economy), ``nec`` (NACE 47) and ``nec2`` (no NACE)."""
    return [
        employer("sec", circuit="SEC", nace="88.101"),
        employer("sec2", circuit="SEC", nace="88.102", province="LIM"),
        employer("nec", circuit="NEC", nace="47.111"),
        employer("nec2", circuit="NEC", nace=None),
    ]


def window() -> Rows:
    """The 24-month window, on its last day and the day after (month ends too).

    * ``w1``: ends 2020-08-31, window to 2022-08-31; work from 2022-08-31: counts.
    * ``w2``: same end; work from 2022-09-01: no doorstroom (window over).
    * ``w3``: ends 2020-02-29, window to 2022-02-28 (clamped); work from
      2022-02-28: counts.
    * ``w4``: same end; work from 2022-03-01: none.

    doorstroom = 2 (year 2022; CM 1, LDE 1); rate 2/4 (all end in 2020).
    """
    return {
        "persons": [person(f"w{i}") for i in range(1, 5)],
        "wop_dossiers": [
            dossier("dw1", "w1", "2015-01-01", "2020-08-31"),
            dossier("dw2", "w2", "2015-01-01", "2020-08-31"),
            dossier("dw3", "w3", "2016-01-01", "2020-02-29", instrument="LDE"),
            dossier("dw4", "w4", "2016-01-01", "2020-02-29", instrument="LDE"),
        ],
        "employment": [
            spell("sw1", "w1", "2022-08-31"),
            spell("sw2", "w2", "2022-09-01"),
            spell("sw3", "w3", "2022-02-28"),
            spell("sw4", "w4", "2022-03-01"),
        ],
    }


def overlap() -> Rows:
    """Work that starts before the dossier ends; NEC work with a WOP.

    * ``o1``: dossier ends 2020-06-30; NEC work since 2019-01-01, still running:
      doorstroom on 2020-07-01 (the day after the end).
    * ``o2``: same, but the NEC work ends on 2020-06-30 itself: none.
    * ``o3``: after the dossier, NEC work within an individueel-maatwerk WOP
      (``wop_dossier_id`` filled): no doorstroom.

    doorstroom = 1 (2020); rate 1/3 (three dossiers ended in 2020; the IM
    dossier still runs).
    """
    return {
        "persons": [person(f"o{i}") for i in range(1, 4)],
        "wop_dossiers": [
            dossier("do1", "o1", "2018-01-01", "2020-06-30"),
            dossier("do2", "o2", "2018-01-01", "2020-06-30"),
            dossier("do3", "o3", "2018-01-01", "2020-06-30"),
            dossier("do3im", "o3", "2020-07-01", employer_id="nec", instrument="IM"),
        ],
        "employment": [
            spell("so1", "o1", "2019-01-01"),
            spell("so2", "o2", "2019-01-01", "2020-06-30"),
            spell("so3", "o3", "2020-07-01", wop_dossier_id="do3im"),
        ],
    }


def pending() -> Rows:
    """Dossiers still followed on ``as_of`` and dates after ``as_of``.

    * ``q1``: ends 2022-12-31, no work: pending (window to 2024-12-31).
    * ``q2``: same, work from 2023-07-01 (after as_of, ignored): pending.
    * ``q3``: ends on as_of; work running: first day as_of + 1: pending.
    * ``q4``: ends 2023-08-01, after as_of: still running, not in the rate.
    * ``q5``: ends 2021-06-30, work from 2023-06-30 (= as_of, last window day):
      doorstroom on 2023-06-30.

    doorstroom = 1 (2023); rate 1/1 (q1-q3 pending): 2021 1/1, 2022 0/0, 2023 0/0.
    """
    return {
        "persons": [person(f"q{i}") for i in range(1, 6)],
        "wop_dossiers": [
            dossier("dq1", "q1", "2019-01-01", "2022-12-31"),
            dossier("dq2", "q2", "2019-01-01", "2022-12-31"),
            dossier("dq3", "q3", "2019-01-01", "2023-06-30"),
            dossier("dq4", "q4", "2019-01-01", "2023-08-01"),
            dossier("dq5", "q5", "2019-01-01", "2021-06-30"),
        ],
        "employment": [
            spell("sq2", "q2", "2023-07-01"),
            spell("sq3", "q3", "2023-06-01"),
            spell("sq5", "q5", "2023-06-30"),
        ],
    }


def durability() -> Rows:
    """Durable work: the 31-day gap rule, the pending rule, month ends.

    * ``u1``: work 2021-01-01..2021-03-31, next from 2021-05-01 (31 days after),
      running: one open run, t = 2022-01-01 <= as_of: durable.
    * ``u2``: next from 2021-05-02 (32 days): run ends 2021-03-31: niet_duurzaam.
    * ``u3``: doorstroom 2023-01-01, still working: t = 2024-01-01: pending.
    * ``u4``: doorstroom 2023-01-01, work ends 2023-05-31 (as_of is 30 days
      later, a joining spell can still come): pending.
    * ``u5``: work ends 2023-05-30 (as_of is 31 days later): niet_duurzaam.
    * ``u6``: doorstroom 2021-03-01, work until 2022-03-01 = t: durable.
    * ``u7``: work until 2022-02-28, a day short of t: niet_duurzaam.
    * ``u8``: doorstroom 2020-02-29, t = 2021-02-28 (clamped); work until
      2021-02-28: durable.

    durable 3 (2020: 1, 2021: 2), pending 2 (2023), niet_duurzaam 3 (2021: 2,
    2023: 1).
    """
    ended = {
        "u1": "2020-12-31",
        "u2": "2020-12-31",
        "u3": "2022-12-31",
        "u4": "2022-12-31",
        "u5": "2022-12-31",
        "u6": "2021-02-28",
        "u7": "2021-02-28",
        "u8": "2020-02-28",
    }
    return {
        "persons": [person(p) for p in ended],
        "wop_dossiers": [
            dossier(f"d{p}", p, "2015-01-01", end) for p, end in ended.items()
        ],
        "employment": [
            spell("su1a", "u1", "2021-01-01", "2021-03-31"),
            spell("su1b", "u1", "2021-05-01", employer_id="nec2"),
            spell("su2a", "u2", "2021-01-01", "2021-03-31"),
            spell("su2b", "u2", "2021-05-02"),
            spell("su3", "u3", "2023-01-01"),
            spell("su4", "u4", "2023-01-01", "2023-05-31"),
            spell("su5", "u5", "2023-01-01", "2023-05-30"),
            spell("su6", "u6", "2021-03-01", "2022-03-01"),
            spell("su7", "u7", "2021-03-01", "2022-02-28"),
            spell("su8", "u8", "2020-02-29", "2021-02-28"),
        ],
    }


def demography() -> Rows:
    """Ties on ``spell_id``, unknown values and age bands around 29 February.

    * ``t1`` (no province, sex or birth date): two NEC spells start on
      2021-01-01; ``s10`` < ``s9`` as strings, so ``s10`` (employer ``nec2``,
      no NACE) is the doorstroom spell: sector ``onbekend``.
    * ``t2`` born 1996-02-29, doorstroom 2021-02-28: still 24: ``<25``.
    * ``t3`` born 1996-02-29, doorstroom 2021-03-01: 25: ``25-54``.
    * ``t4`` born 1960-01-01, doorstroom 2021-01-01: ``55+``.

    doorstroom = 4 (2021); sector {"47": 3, "onbekend": 1}.
    """
    return {
        "persons": [
            person("t1", birth_date=None, sex=None, province=None, education=None),
            person("t2", birth_date="1996-02-29", sex="V", province="LIM"),
            person("t3", birth_date="1996-02-29", sex="X", province="BRU"),
            person("t4", birth_date="1960-01-01", sex="V", province="BUI"),
        ],
        "wop_dossiers": [
            dossier("dt1", "t1", "2015-01-01", "2020-12-31"),
            dossier("dt2", "t2", "2015-01-01", "2021-02-27"),
            dossier(
                "dt3",
                "t3",
                "2015-01-01",
                "2021-02-28",
                instrument="IM",
                employer_id="nec",
            ),
            dossier("dt4", "t4", "2015-01-01", "2020-12-31"),
        ],
        "employment": [
            spell("s9", "t1", "2021-01-01", employer_id="nec"),
            spell("s10", "t1", "2021-01-01", employer_id="nec2"),
            spell("st2", "t2", "2021-02-28"),
            spell("st3", "t3", "2021-03-01"),
            spell("st4", "t4", "2021-01-01"),
        ],
    }


def advices() -> Rows:
    """Dated, undated, negative and late advices of one person born 1995-07-01.

    Counted without undated: ``a1`` (2020-05-01, CM, age 24 ``<25``). ``a2`` is
    undated (LDE): with ``include_undated`` it counts under year ``onbekend``
    with the age on as_of (27, ``25-54``). ``a3`` is negative, ``a4`` dated after
    as_of, ``a5`` before the period.
    """
    return {
        "persons": [person("v1", birth_date="1995-07-01", province="OVL")],
        "advices": [
            advice("a1", "v1", "2020-05-01", instrument="CM"),
            advice("a2", "v1", None, instrument="LDE"),
            advice("a3", "v1", "2020-06-01", result="niet_doorstroomklaar"),
            advice("a4", "v1", "2024-01-01"),
            advice("a5", "v1", "2018-12-31"),
        ],
    }


def trajectories() -> Rows:
    """Trajectories started and ended in the period, one ending after as_of.

    started: ``tr1`` (2019, Argos), ``tr2`` (2020, In-Z) = 2; ``tr3`` starts
    after as_of, ``tr4`` before the period. ended: ``tr1`` (2020, werk_nec,
    zonder_stage), ``tr4`` (2019, andere, met_stage) = 2; ``tr2`` ends after
    as_of, so it still runs.
    """
    return {
        "persons": [person("r1", province="VBR")],
        "trajectories": [
            trajectory(
                "tr1",
                "r1",
                "2019-03-01",
                "2020-02-01",
                end_reason="werk_nec",
                partner_id="Argos",
            ),
            trajectory(
                "tr2",
                "r1",
                "2020-05-01",
                "2023-08-01",
                end_reason="ziekte",
                stage="BVS",
                partner_id="In-Z",
            ),
            trajectory("tr3", "r1", "2023-07-01", partner_id="Laat"),
            trajectory(
                "tr4",
                "r1",
                "2018-05-01",
                "2019-05-01",
                end_reason="andere",
                stage="TBS",
                partner_id="Argos",
            ),
        ],
    }


def status() -> Rows:
    """Where persons with an advice or trajectory are on as_of (2023-06-30).

    * ``sa``: NEC work without WOP at ``nec``, latest dossier (IM) at ``nec``:
      nec_zonder_wop, zelfde_werkgever.
    * ``sb``: NEC work with WOP at ``nec2`` and SEC work: nec_met_wop; latest
      dossier at ``nec2``: zelfde_werkgever.
    * ``sc``: SEC work at ``sec``; dossiers ``dsc1`` (sec) and ``dsc2`` (sec2)
      start the same day, the latest is ``dsc2`` (larger id): andere_werkgever.
    * ``sd``: work ended the day before as_of: niet_aan_het_werk.
    * ``se``: works but has no advice or trajectory: not counted.
    * ``sf``: only an advice dated after as_of: not counted.
    * ``sg``: NEC work ending on as_of itself (still at work), no dossier:
      nec_zonder_wop, andere_werkgever.
    * ``sh``: only a trajectory starting after as_of: not counted.
    * ``si``: SEC work without WOP at ``sec2``, latest dossier at ``sec2``: sec,
      zelfde_werkgever.
    * ``sj``: NEC work without WOP at ``nec`` and SEC work at ``sec`` (latest
      dossier): status nec_zonder_wop, and its kind of work is not with ``sec``:
      andere_werkgever.

    total 7: nec_zonder_wop 3, nec_met_wop 1, sec 2, niet_aan_het_werk 1;
    zelfde_werkgever 3, andere_werkgever 3.
    """
    people = ["sa", "sb", "sc", "sd", "se", "sf", "sg", "sh", "si", "sj"]
    return {
        "persons": [person(p) for p in people],
        "wop_dossiers": [
            dossier(
                "dsa",
                "sa",
                "2021-01-01",
                "2021-12-31",
                employer_id="nec",
                instrument="IM",
            ),
            dossier("dsb", "sb", "2022-01-01", employer_id="nec2", instrument="IM"),
            dossier("dsb0", "sb", "2015-01-01", employer_id="sec"),
            dossier("dsc1", "sc", "2019-01-01", employer_id="sec"),
            dossier("dsc2", "sc", "2019-01-01", employer_id="sec2"),
            dossier("dsi", "si", "2018-01-01", "2019-01-01", employer_id="sec2"),
            dossier("dsj", "sj", "2019-01-01", employer_id="sec"),
        ],
        "employment": [
            spell("ssa", "sa", "2022-01-01", employer_id="nec"),
            spell("ssb1", "sb", "2022-01-01", employer_id="nec2", wop_dossier_id="dsb"),
            spell("ssb2", "sb", "2015-01-01", employer_id="sec", wop_dossier_id="dsb0"),
            spell("ssc", "sc", "2019-01-01", employer_id="sec", wop_dossier_id="dsc1"),
            spell("ssd", "sd", "2020-01-01", "2023-06-29", employer_id="nec"),
            spell("sse", "se", "2020-01-01", employer_id="nec"),
            spell("ssg", "sg", "2020-01-01", "2023-06-30", employer_id="nec"),
            spell("ssi", "si", "2019-02-01", employer_id="sec2"),
            spell("ssj1", "sj", "2022-01-01", employer_id="nec"),
            spell("ssj2", "sj", "2019-01-01", employer_id="sec", wop_dossier_id="dsj"),
        ],
        "advices": [
            advice("asa", "sa", "2020-01-01"),
            advice("asc", "sc", None, result="niet_doorstroomklaar"),
            advice("asd", "sd", "2021-01-01"),
            advice("asf", "sf", "2023-07-01"),
            advice("asi", "si", "2022-01-01"),
            advice("asj", "sj", "2022-01-01"),
        ],
        "trajectories": [
            trajectory("tsb", "sb", "2021-01-01"),
            trajectory("tsg", "sg", "2021-01-01"),
            trajectory("tsh", "sh", "2023-07-01"),
        ],
    }


def returns() -> Rows:
    """sec_nec_sec: new SEC dossiers after a doorstroom, months to return.

    * ``k``: doorstroom 2020-01-01 (dk1) and 2020-08-31 (dk2). ``dk2`` (SEC,
      starts 2020-06-01) follows the first: 5 whole months, ``0-5``. ``dk3``
      (SEC, starts 2021-02-28): latest earlier doorstroom 2020-08-31, 6 whole
      months (2020-08-31 + 6 months = 2021-02-28): ``6-11``.
    * ``l``: doorstroom 2019-01-01; LDE dossier at ``sec`` from 2021-01-01:
      24 months: ``24+``.
    * ``m``: doorstroom 2020-01-01; an IM dossier at ``nec`` from 2021-01-01
      does not count (not SEC); ``dm3`` at ``sec`` from 2021-01-01: ``12-23``.
    * ``n``: doorstroom 2020-02-01 and a SEC dossier from that same day: the
      doorstroom is not before the start: not counted.
    * ``p``: doorstroom 2020-08-31; SEC dossier from 2021-02-27: 5 whole months
      (2020-08-31 + 6 months is 2021-02-28 > 2021-02-27): ``0-5``.

    total 5 (2020: 1, 2021: 4; CM 4, LDE 1); months 0-5: 2, 6-11: 1,
    12-23: 1, 24+: 1.
    """
    return {
        "persons": [person(p) for p in ("k", "l", "m", "n", "p")],
        "wop_dossiers": [
            dossier("dk1", "k", "2015-01-01", "2019-12-31"),
            dossier("dk2", "k", "2020-06-01", "2020-07-31"),
            dossier("dk3", "k", "2021-02-28"),
            dossier("dl1", "l", "2015-01-01", "2018-12-31"),
            dossier("dl2", "l", "2021-01-01", instrument="LDE"),
            dossier("dm1", "m", "2015-01-01", "2019-12-31"),
            dossier("dm2", "m", "2021-01-01", employer_id="nec", instrument="IM"),
            dossier("dm3", "m", "2021-01-01", employer_id="sec2"),
            dossier("dn1", "n", "2015-01-01", "2019-12-31"),
            dossier("dn2", "n", "2020-02-01"),
            dossier("dp1", "p", "2015-01-01", "2020-08-30"),
            dossier("dp2", "p", "2021-02-27"),
        ],
        "employment": [
            spell("sk1", "k", "2020-01-01", "2020-05-31"),
            spell("sk2", "k", "2020-08-31", "2020-12-31"),
            spell("sl1", "l", "2019-01-01", "2019-06-30"),
            spell("sm1", "m", "2020-01-01", "2020-03-31"),
            spell("sn1", "n", "2020-02-01", "2020-03-31"),
            spell("sp1", "p", "2020-08-31", "2020-10-31"),
        ],
    }


SCENARIOS = {
    "window": window,
    "overlap": overlap,
    "pending": pending,
    "durability": durability,
    "demography": demography,
    "advices": advices,
    "trajectories": trajectories,
    "status": status,
    "returns": returns,
}


def scenario(name: str) -> Rows:
    """One scenario's rows, with the shared employers."""
    rows = SCENARIOS[name]()
    return {**rows, "employers": employers()}


def all_scenarios() -> Rows:
    """Every scenario merged into one data set."""
    merged: Rows = {"employers": employers()}
    for build in SCENARIOS.values():
        for file, rows in build().items():
            merged.setdefault(file, []).extend(rows)
    return merged

"""Event tables of the monitoring indicators, in Ibis (spec sections 2 and 3).

Every indicator is written once, here, as an *event table*: one row per counted
event (dossier, advice, trajectory, person) with the column ``event_date`` that
places it in a report period and every breakdown column already derived. The
functions take the typed tables of :func:`.loading.load_tables` and the reference
date ``as_of`` and return an ``ibis.Table``, so the same expression runs on DuckDB
and on PySpark. :func:`count_by` then counts events by any set of dimensions.

The reference date (spec section 2) is applied first, in :class:`EventBuilder`:
a dossier, spell or trajectory that starts after ``as_of`` and an advice dated
after ``as_of`` are dropped; an end date after ``as_of`` becomes empty (still
running), and so does the end reason of such a trajectory.

Common columns of the events (``onbekend`` for unknown values):

``province``, ``sex``, ``education``
    Of the person.
``age_band``
    At the event's reference date (see each table).
``year``
    Calendar year of ``event_date`` as a string.
``instrument``
    ``CM``, ``LDE`` or ``IM`` (of the dossier or advice).
``sector``
    Two-digit NACE division of the doorstroom spell's employer.
``se_years``
    Years in the social economy before the transition: the days of all the
    person's WOP dossiers up to the dossier's end (each dossier counted from its
    start to its end, cut at the dossier's end; still-running ones up to that end)
    divided by 365.25, as ``<2``, ``2-4``, ``5-9`` or ``10+``.
``dossier_employer_id``
    The employer of the WOP dossier (the social-economy organisation; for
    individueel maatwerk the regular employer that holds the WOP).
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import ibis
import ibis.expr.datatypes as dt
from ibis import _

from doorstroom.domain.monitoring.dates import (
    UNKNOWN,
    add_days,
    add_months,
    age_band,
    month_bucket,
    whole_months,
    year_label,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    import ibis.expr.types as ir

#: Stand-in for an empty end date inside window computations.
OPEN_END = date(9000, 1, 1)
#: A spell joins a run when it starts at most this many days after the run's end.
RUN_GAP_DAYS = 31
#: Follow-up window of a dossier, in months after its end.
WINDOW_MONTHS = 24
#: A transition is durable when its run lasts this many months.
DURABLE_MONTHS = 12

SE_YEAR_BUCKETS: tuple[str, ...] = ("<2", "2-4", "5-9", "10+")
OUTCOMES: tuple[str, ...] = ("doorstroom", "pending", "geen_doorstroom")
DURABILITY: tuple[str, ...] = ("durable", "pending", "niet_duurzaam")
STATUSES: tuple[str, ...] = (
    "nec_zonder_wop",
    "nec_met_wop",
    "sec",
    "niet_aan_het_werk",
)
EMPLOYER_CLASSES: tuple[str, ...] = ("zelfde_werkgever", "andere_werkgever")
STAGE_CLASSES: tuple[str, ...] = ("zonder_stage", "met_stage")


class EventBuilder:
    """Builds the event tables for one data set and one reference date.

    Intermediate tables used by several indicators are built once and, with
    ``cache=True``, materialised on the backend (a temporary DuckDB table, a
    cached Spark frame): :attr:`dossier_outcomes` (every ended dossier with its
    outcome, its doorstroom spell and its person) and
    :attr:`run_ends` (the runs of regular work of the persons with a
    doorstroom). The event tables are then small expressions over them, and each
    is built once per builder.

    Parameters
    ----------
    tables:
        The typed tables of :func:`doorstroom.domain.monitoring.loading.load_tables`.
    as_of:
        The reference date: nothing after it is known.
    cache:
        Materialise shared intermediate tables on the backend.
    """

    def __init__(
        self, tables: Mapping[str, ir.Table], as_of: date, *, cache: bool = True
    ) -> None:
        self.tables = tables
        self.as_of = as_of
        self.cache = cache
        self._as_of = ibis.literal(as_of, type=dt.date)

    def _materialise(self, table: ir.Table) -> ir.Table:
        return table.cache() if self.cache else table

    def _censor(self, column: ir.DateValue) -> ir.DateValue:
        """An end date after ``as_of`` is read as empty."""
        return ibis.ifelse(column > self._as_of, ibis.null(dt.date), column)

    # ------------------------------------------------------------ prepared inputs

    @cached_property
    def persons(self) -> ir.Table:
        """Persons with ``onbekend`` for an empty sex, province or education."""
        p = self.tables["persons"]
        return p.select(
            "person_id",
            "birth_date",
            sex=p.sex.fill_null(UNKNOWN),
            province=p.province.fill_null(UNKNOWN),
            education=p.education.fill_null(UNKNOWN),
        )

    @cached_property
    def employers(self) -> ir.Table:
        """Employers with their circuit and NACE division (``sector``)."""
        e = self.tables["employers"]
        return e.select(
            "employer_id",
            "circuit",
            sector=e.nace.substr(0, 2).fill_null(UNKNOWN),
        )

    @cached_property
    def dossiers(self) -> ir.Table:
        """WOP dossiers started on or before ``as_of``, end dates censored."""
        d = self.tables["wop_dossiers"]
        return d.filter(d.start_date <= self._as_of).select(
            "dossier_id",
            "person_id",
            "employer_id",
            "instrument",
            "start_date",
            end_date=self._censor(d.end_date),
        )

    def _spells(self, condition: Callable[[ir.Table], ir.BooleanValue]) -> ir.Table:
        """Employment spells started on or before ``as_of`` that meet ``condition``.

        ``condition`` is on the employment file's own columns, so that it
        filters the spells before they are joined with their employer's
        ``circuit`` and ``sector`` (the spells are by far the largest file).
        """
        s = self.tables["employment"]
        e = self.employers
        s = s.filter(s.start_date <= self._as_of, condition(s))
        return s.join(e, s.employer_id == e.employer_id).select(
            s.spell_id,
            s.person_id,
            s.employer_id,
            s.start_date,
            self._censor(s.end_date).name("end_date"),
            s.wop_dossier_id,
            e.circuit,
            e.sector,
        )

    @cached_property
    def regular_spells(self) -> ir.Table:
        """Spells with an NEC employer and without WOP (regular work)."""
        return self._spells(lambda s: s.wop_dossier_id.isnull()).filter(
            _.circuit == "NEC"
        )

    @cached_property
    def spells_on_as_of(self) -> ir.Table:
        """Spells on ``as_of``: started on or before it and not ended before it."""
        return self._spells(lambda s: s.end_date.isnull() | (s.end_date >= self._as_of))

    @cached_property
    def dossier_outcomes(self) -> ir.Table:
        """Every dossier ended on or before ``as_of`` with its doorstroom outcome.

        Columns: the dossier's, ``window_end`` (end + 24 months), ``outcome``
        (``doorstroom``, ``pending``, ``geen_doorstroom``), and for a doorstroom
        the ``doorstroom_date``, ``doorstroom_spell_id``, ``nec_employer_id``,
        and ``sector`` of the doorstroom spell; then the person's ``birth_date``,
        ``province``, ``sex`` and ``education`` (``onbekend`` when unknown).
        Materialised: every dossier-based indicator reads it.

        One join finds the qualifying regular spells of each dossier; per
        dossier the first one by doorstroom date, then ``spell_id``, is kept (an
        aggregate ordered by both) and joined back to every dossier (those
        without one have no doorstroom).
        """
        d = self.dossiers.filter(_.end_date.notnull())
        d = d.mutate(
            window_start=add_days(d.end_date, 1),
            window_end=add_months(d.end_date, WINDOW_MONTHS),
        )
        r = self.regular_spells.select(
            spell_person_id="person_id",
            spell_id="spell_id",
            spell_start="start_date",
            spell_end="end_date",
            spell_employer_id="employer_id",
            spell_sector="sector",
        )
        first_day = ibis.greatest(r.spell_start, d.window_start)
        m = d.join(
            r,
            [
                d.person_id == r.spell_person_id,
                r.spell_start <= d.window_end,
                r.spell_end.isnull() | (r.spell_end > d.end_date),
                first_day <= self._as_of,
            ],
        )
        door_date = ibis.greatest(m.spell_start, m.window_start)
        spell = ibis.struct(
            {
                "doorstroom_date": door_date,
                "doorstroom_spell_id": m.spell_id,
                "nec_employer_id": m.spell_employer_id,
                "spell_sector": m.spell_sector,
            }
        )
        first = (
            m.group_by(first_dossier_id=m.dossier_id)
            .aggregate(
                first=spell.argmin(ibis.struct({"date": door_date, "id": m.spell_id}))
            )
            .unpack("first")
        )
        p = self._person_columns
        o = d.left_join(first, d.dossier_id == first.first_dossier_id).left_join(
            p, d.person_id == p.p_person_id
        )
        return self._materialise(
            o.select(
                "dossier_id",
                "person_id",
                "employer_id",
                "instrument",
                "start_date",
                "end_date",
                "window_end",
                doorstroom_date=o.doorstroom_date,
                doorstroom_spell_id=o.doorstroom_spell_id,
                nec_employer_id=o.nec_employer_id,
                sector=o.spell_sector,
                outcome=ibis.cases(
                    (o.doorstroom_spell_id.notnull(), "doorstroom"),
                    (o.window_end > self._as_of, "pending"),
                    else_="geen_doorstroom",
                ),
                birth_date=o.p_birth_date,
                province=o.p_province.fill_null(UNKNOWN),
                sex=o.p_sex.fill_null(UNKNOWN),
                education=o.p_education.fill_null(UNKNOWN),
            )
        )

    @cached_property
    def run_ends(self) -> ir.Table:
        """``run_end`` of the regular spells of every person with a doorstroom.

        Spells of a person, in order of start date (then ``spell_id``), form one
        run while each starts at most 31 days after the latest end so far; the
        run ends at the latest end of its spells (empty when one still runs). The
        run that the durability rule builds from a doorstroom spell is the run
        holding that spell: spells that start earlier always join it (they start
        before its end) and can only lengthen it. Only the persons with a
        doorstroom (in :attr:`dossier_outcomes`) need runs, so only their spells
        are windowed.

        With ``latest_end`` the running maximum of the ends (in spell order), a
        run closes after a spell when the next spell starts more than 31 days
        after ``latest_end`` (or there is none); the run's end is the
        ``latest_end`` at the first closing spell from here on, which, as
        ``latest_end`` never decreases, is the smallest ``latest_end`` of the
        closing spells that follow. The two windows of the first step share one
        ordering.
        """
        door = self.dossier_outcomes.filter(_.outcome == "doorstroom").select(
            door_person_id="person_id"
        )
        s = self.regular_spells
        s = s.semi_join(door, s.person_id == door.door_person_id)
        order = ["start_date", "spell_id"]
        in_order = ibis.window(group_by="person_id", order_by=order)
        up_to_here = ibis.window(group_by="person_id", order_by=order, rows=(None, 0))
        from_here = ibis.window(group_by="person_id", order_by=order, rows=(0, None))
        s = s.select(
            "spell_id",
            "person_id",
            "start_date",
            latest_end=s.end_date.fill_null(OPEN_END).max().over(up_to_here),
            next_start=s.start_date.lead().over(in_order),
        )
        closes = (s.next_start > add_days(s.latest_end, RUN_GAP_DAYS)).fill_null(True)
        run_end = (
            ibis.ifelse(closes, s.latest_end, ibis.null(dt.date)).min().over(from_here)
        )
        return self._materialise(
            s.select(
                run_spell_id="spell_id",
                run_end=run_end.nullif(ibis.literal(OPEN_END, type=dt.date)),
            )
        )

    @cached_property
    def social_economy_years(self) -> ir.Table:
        """``se_years`` bucket per ended dossier (see the module docstring)."""
        d = self.dossiers.filter(_.end_date.notnull()).select(
            "dossier_id", "person_id", "end_date"
        )
        other = self.dossiers.select(
            other_person_id="person_id",
            other_start="start_date",
            other_end="end_date",
        )
        j = d.join(
            other,
            [d.person_id == other.other_person_id, other.other_start <= d.end_date],
        )
        cut_end = ibis.least(j.other_end.fill_null(j.end_date), j.end_date)
        days = cut_end.delta(j.other_start, unit="day") + 1
        g = j.group_by("dossier_id").aggregate(days=days.sum())
        years = g.days.cast(dt.float64) / 365.25
        return g.select(
            se_dossier_id="dossier_id",
            se_years=ibis.cases(
                (years < 2, "<2"),
                (years < 5, "2-4"),
                (years < 10, "5-9"),
                else_="10+",
            ),
        )

    @cached_property
    def _person_columns(self) -> ir.Table:
        """The prepared persons with prefixed column names, for a left join."""
        return self.persons.select(
            p_person_id="person_id",
            p_birth_date="birth_date",
            p_province="province",
            p_sex="sex",
            p_education="education",
        )

    def _with_person(
        self,
        events: ir.Table,
        at: str,
        columns: Mapping[str, str | Callable[[ir.Table], ir.Value]],
    ) -> ir.Table:
        """Select ``columns`` of ``events`` joined with their person.

        ``columns`` maps output names to a column name of ``events`` or to a
        function of the joined table; the person's ``province``, ``sex``,
        ``education`` and ``age_band`` (at the date column ``at``) are available
        under those names, ``onbekend`` when unknown.
        """
        p = self._person_columns
        j = events.left_join(p, events.person_id == p.p_person_id)
        person = {
            "province": j.p_province.fill_null(UNKNOWN),
            "sex": j.p_sex.fill_null(UNKNOWN),
            "education": j.p_education.fill_null(UNKNOWN),
            "age_band": age_band(j.p_birth_date, j[at]),
        }
        return j.select(
            **{
                name: value(j)
                if callable(value)
                else (person[value] if value in person else j[value])
                for name, value in columns.items()
            }
        )

    def _memo(self, name: str, build: Callable[[], ir.Table]) -> ir.Table:
        """Build each event table once per builder (same expression each call)."""
        memo = self.__dict__.setdefault("_event_tables", {})
        if name not in memo:
            memo[name] = build()
        return memo[name]

    # -------------------------------------------------------------- event tables

    def doorstroom(self) -> ir.Table:
        """Doorstroom events: one per dossier with doorstroom on or before ``as_of``.

        ``event_date`` is the doorstroom date; ``age_band`` is taken on it. Also
        ``durability`` (``durable``, ``pending``, ``niet_duurzaam``) of the
        durable_doorstroom_12m indicator, ``se_years``, ``education``,
        ``dossier_employer_id`` and ``nec_employer_id``.
        """
        return self._memo("doorstroom", self._doorstroom)

    def _doorstroom(self) -> ir.Table:
        o = self.dossier_outcomes.filter(_.outcome == "doorstroom")
        runs = self.run_ends
        se = self.social_economy_years
        o = o.left_join(runs, o.doorstroom_spell_id == runs.run_spell_id).left_join(
            se, o.dossier_id == se.se_dossier_id
        )
        twelve = add_months(o.doorstroom_date, DURABLE_MONTHS)
        durable = (o.run_end.isnull() & (twelve <= self._as_of)) | (o.run_end >= twelve)
        still_open = o.run_end.isnull() | (
            self._as_of < add_days(o.run_end, RUN_GAP_DAYS)
        )
        return o.select(
            "dossier_id",
            "person_id",
            event_date=o.doorstroom_date,
            year=year_label(o.doorstroom_date),
            province=o.province,
            instrument=o.instrument,
            age_band=age_band(o.birth_date, o.doorstroom_date),
            sex=o.sex,
            sector=o.sector.fill_null(UNKNOWN),
            durability=ibis.cases(
                (durable, "durable"),
                ((twelve > self._as_of) & still_open, "pending"),
                else_="niet_duurzaam",
            ),
            education=o.education,
            se_years=o.se_years.fill_null("<2"),
            dossier_employer_id=o.employer_id,
            nec_employer_id=o.nec_employer_id,
            dossier_end_date=o.end_date,
            doorstroom_spell_id=o.doorstroom_spell_id,
        )

    def doorstroom_rate(self) -> ir.Table:
        """Ended dossiers for doorstroom_rate: one per dossier ended by ``as_of``.

        ``event_date`` is the dossier's end date; ``age_band`` is taken on it;
        ``outcome`` is ``doorstroom``, ``pending`` or ``geen_doorstroom``. The
        numerator counts ``doorstroom``, the denominator everything but
        ``pending``.
        """
        return self._memo("doorstroom_rate", self._doorstroom_rate)

    def _doorstroom_rate(self) -> ir.Table:
        o = self.dossier_outcomes
        return o.select(
            "dossier_id",
            "person_id",
            event_date=o.end_date,
            year=year_label(o.end_date),
            province=o.province,
            instrument=o.instrument,
            age_band=age_band(o.birth_date, o.end_date),
            sex=o.sex,
            education=o.education,
            outcome=o.outcome,
            dossier_employer_id=o.employer_id,
        )

    def sec_nec_sec(self) -> ir.Table:
        """Returns to the social economy: one per SEC dossier after a doorstroom.

        A dossier ``d2`` with an SEC employer counts when another dossier of the
        same person has a doorstroom date before ``d2``'s start. ``event_date`` is
        ``d2``'s start, ``age_band`` is taken on it, ``months_to_return`` is the
        whole months from the latest such doorstroom date to that start, and
        ``months_bucket`` its class (``0-5``, ``6-11``, ``12-23``, ``24+``).
        """
        return self._memo("sec_nec_sec", self._sec_nec_sec)

    def _sec_nec_sec(self) -> ir.Table:
        e = self.employers.filter(_.circuit == "SEC").select(
            sec_employer_id="employer_id"
        )
        d = self.dossiers
        d2 = d.semi_join(e, d.employer_id == e.sec_employer_id)
        d1 = self.dossier_outcomes.filter(_.outcome == "doorstroom").select(
            d1_person_id="person_id",
            d1_dossier_id="dossier_id",
            d1_date="doorstroom_date",
        )
        j = d2.join(
            d1,
            [
                d2.person_id == d1.d1_person_id,
                d1.d1_date < d2.start_date,
                d1.d1_dossier_id != d2.dossier_id,
            ],
        )
        g = j.group_by(
            ["dossier_id", "person_id", "employer_id", "instrument", "start_date"]
        ).aggregate(last_doorstroom_date=j.d1_date.max())
        g = g.mutate(
            months_to_return=whole_months(g.last_doorstroom_date, g.start_date)
        )
        return self._with_person(
            g,
            "start_date",
            {
                "dossier_id": "dossier_id",
                "person_id": "person_id",
                "event_date": "start_date",
                "year": lambda t: year_label(t.start_date),
                "province": "province",
                "instrument": "instrument",
                "age_band": "age_band",
                "sex": "sex",
                "education": "education",
                "months_to_return": "months_to_return",
                "months_bucket": lambda t: month_bucket(t.months_to_return),
                "dossier_employer_id": "employer_id",
            },
        )

    def advices(self) -> ir.Table:
        """``doorstroomklaar`` advices dated on or before ``as_of`` or undated.

        ``event_date`` is the advice date (empty when unknown); ``year`` is
        ``onbekend`` and ``age_band`` is taken on ``as_of`` for an undated advice.
        :func:`count_by` leaves undated advices out unless asked.
        """
        return self._memo("advices", self._advices)

    def _advices(self) -> ir.Table:
        a = self.tables["advices"]
        a = a.filter(
            (a.result == "doorstroomklaar")
            & (a.date.isnull() | (a.date <= self._as_of))
        )
        a = a.mutate(age_date=a.date.fill_null(self._as_of))
        return self._with_person(
            a,
            "age_date",
            {
                "advice_id": "advice_id",
                "person_id": "person_id",
                "event_date": "date",
                "year": lambda t: year_label(t.date),
                "province": "province",
                "instrument": "instrument",
                "age_band": "age_band",
                "sex": "sex",
                "education": "education",
            },
        )

    @cached_property
    def _trajectories(self) -> ir.Table:
        t = self.tables["trajectories"]
        t = t.filter(t.start_date <= self._as_of)
        end = self._censor(t.end_date)
        return t.select(
            "trajectory_id",
            "person_id",
            "partner_id",
            "start_date",
            "stage",
            end_date=end,
            end_reason=ibis.ifelse(end.isnull(), ibis.null(dt.string), t.end_reason),
        )

    def trajectories_started(self) -> ir.Table:
        """Trajectories started on or before ``as_of``; ``event_date`` = start."""
        return self._memo("trajectories_started", self._trajectories_started)

    def _trajectories_started(self) -> ir.Table:
        return self._with_person(
            self._trajectories,
            "start_date",
            {
                "trajectory_id": "trajectory_id",
                "person_id": "person_id",
                "event_date": "start_date",
                "year": lambda t: year_label(t.start_date),
                "province": "province",
                "age_band": "age_band",
                "partner": "partner_id",
                "sex": "sex",
                "education": "education",
            },
        )

    def trajectories_ended(self) -> ir.Table:
        """Trajectories ended on or before ``as_of``; ``event_date`` = end.

        ``stage`` is ``zonder_stage`` for stage ``geen`` and ``met_stage``
        otherwise; ``age_band`` is taken on the end date.
        """
        return self._memo("trajectories_ended", self._trajectories_ended)

    def _trajectories_ended(self) -> ir.Table:
        return self._with_person(
            self._trajectories.filter(_.end_date.notnull()),
            "end_date",
            {
                "trajectory_id": "trajectory_id",
                "person_id": "person_id",
                "event_date": "end_date",
                "year": lambda t: year_label(t.end_date),
                "province": "province",
                "age_band": "age_band",
                "partner": "partner_id",
                "end_reason": "end_reason",
                "stage": lambda t: ibis.ifelse(
                    t.stage == "geen", "zonder_stage", "met_stage"
                ),
                "sex": "sex",
                "education": "education",
            },
        )

    def status_at_as_of(self) -> ir.Table:
        """Where each person with an advice or a trajectory is on ``as_of``.

        One row per person with any advice (whatever its result, dated on or
        before ``as_of`` or undated) or any trajectory started on or before
        ``as_of``. ``status`` is the first of ``nec_zonder_wop``, ``nec_met_wop``,
        ``sec`` that one of their spells on ``as_of`` gives (started on or before,
        not ended before), else ``niet_aan_het_werk``. ``employer`` is
        ``zelfde_werkgever`` when a spell of that kind on ``as_of`` is with the
        employer of their latest WOP dossier started on or before ``as_of``
        (latest start date, then largest ``dossier_id``), ``andere_werkgever``
        otherwise, and empty for persons not at work. ``event_date`` is
        ``as_of``; ``age_band`` is taken on it.
        """
        return self._memo("status_at_as_of", self._status_at_as_of)

    def _status_at_as_of(self) -> ir.Table:
        a = self.tables["advices"]
        a = a.filter(a.date.isnull() | (a.date <= self._as_of)).select("person_id")
        scope = a.union(self._trajectories.select("person_id"), distinct=True)

        # Only the persons in scope are counted: their dossiers and spells are
        # the only ones needed.
        in_scope = scope.select(scope_person_id="person_id")
        d = self.dossiers
        d = d.semi_join(in_scope, d.person_id == in_scope.scope_person_id)
        # The employer of the latest dossier: latest start, then largest id
        # (an aggregate ordered by both, not a window over every dossier).
        last = d.group_by(last_person_id=d.person_id).aggregate(
            last_employer_id=d.employer_id.argmax(
                ibis.struct({"start": d.start_date, "id": d.dossier_id})
            )
        )
        on = self.spells_on_as_of
        on = on.semi_join(in_scope, on.person_id == in_scope.scope_person_id)
        on = on.left_join(last, on.person_id == last.last_person_id)
        # One code per spell: 2 * kind - same, kind 1 (NEC without WOP), 2 (NEC
        # with WOP), 3 (SEC), same 1 when with the latest dossier's employer. A
        # person's smallest code is their status (the first kind) and, within
        # it, whether any spell of that kind is with that employer.
        kind = ibis.cases(
            ((on.circuit == "NEC") & on.wop_dossier_id.isnull(), 1),
            (on.circuit == "NEC", 2),
            else_=3,
        )
        same = (on.employer_id == on.last_employer_id).fill_null(False)
        code = kind * 2 - same.cast(dt.int64)
        status = on.group_by(s_person_id=on.person_id).aggregate(code=code.min())
        s = scope.left_join(status, scope.person_id == status.s_person_id)
        s = s.mutate(event_date=self._as_of)
        return self._with_person(
            s,
            "event_date",
            {
                "person_id": "person_id",
                "event_date": "event_date",
                "status": lambda t: ibis.cases(
                    (t.code <= 2, "nec_zonder_wop"),
                    (t.code <= 4, "nec_met_wop"),
                    (t.code <= 6, "sec"),
                    else_="niet_aan_het_werk",
                ),
                "employer": lambda t: ibis.cases(
                    (t.code.isnull(), ibis.null(dt.string)),
                    (t.code % 2 == 1, "zelfde_werkgever"),
                    else_="andere_werkgever",
                ),
                "province": "province",
                "age_band": "age_band",
                "sex": "sex",
                "education": "education",
            },
        )


# ------------------------------------------------------------ module-level API


def doorstroom_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Doorstroom events (see :meth:`EventBuilder.doorstroom`)."""
    return EventBuilder(tables, as_of, cache=False).doorstroom()


def doorstroom_rate_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Ended dossiers with their outcome (see :meth:`EventBuilder.doorstroom_rate`)."""
    return EventBuilder(tables, as_of, cache=False).doorstroom_rate()


def sec_nec_sec_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Returns to the social economy (see :meth:`EventBuilder.sec_nec_sec`)."""
    return EventBuilder(tables, as_of, cache=False).sec_nec_sec()


def advice_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """``doorstroomklaar`` advices (see :meth:`EventBuilder.advices`)."""
    return EventBuilder(tables, as_of, cache=False).advices()


def trajectory_started_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Started trajectories (see :meth:`EventBuilder.trajectories_started`)."""
    return EventBuilder(tables, as_of, cache=False).trajectories_started()


def trajectory_ended_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Ended trajectories (see :meth:`EventBuilder.trajectories_ended`)."""
    return EventBuilder(tables, as_of, cache=False).trajectories_ended()


def status_events(tables: Mapping[str, ir.Table], as_of: date) -> ir.Table:
    """Status of persons on ``as_of`` (see :meth:`EventBuilder.status_at_as_of`)."""
    return EventBuilder(tables, as_of, cache=False).status_at_as_of()


def count_by(
    events: ir.Table,
    period_from: date | None,
    period_to: date | None,
    dims: Sequence[str],
    *,
    include_undated: bool = False,
) -> ir.Table:
    """Count events whose ``event_date`` lies in the period, by ``dims``.

    Parameters
    ----------
    events:
        An event table of this module.
    period_from, period_to:
        The report period, both days included; ``None`` for no bound.
    dims:
        Columns to group by (none for a single total); any combination, e.g.
        ``["instrument", "year", "province"]`` for a cross table.
    include_undated:
        Also count events without ``event_date`` (undated advices).

    Returns
    -------
    ibis.Table
        ``dims`` plus ``n`` (int64), one row per non-empty combination.
    """
    condition = ibis.literal(True)
    if period_from is not None:
        condition = condition & (
            events.event_date >= ibis.literal(period_from, dt.date)
        )
    if period_to is not None:
        condition = condition & (events.event_date <= ibis.literal(period_to, dt.date))
    if include_undated:
        condition = condition | events.event_date.isnull()
    selected = events.filter(condition)
    if not dims:
        return selected.aggregate(n=_.count())
    return selected.group_by(list(dims)).aggregate(n=_.count())

"""Toeleiding outcomes as aggregate figures (SERV advice, seed 002 L785–812).

A toeleiding case file ends with an outcome status: werk, opleiding, werkzoekend
or niet beroepsactief (``CaseFile.outcome``, set when the case file is closed or
stopped). The page counts the ended case files per status and per year of the
ending (the date of the latest close or stop entry). The organisation
administrator sees their own organisation, the analyst all organisations; both
get disclosure-controlled figures (counts from 1 to 9 suppressed, with secondary
suppression) through the same gate as the dashboard
(:func:`doorstroom.domain.monitoring.suppression.publish`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record
from doorstroom.domain.monitoring.suppression import publish

from .models import CaseFile, CaseStatus, EntryKind, StepRecord

#: Small-cell threshold, as on the dashboard (apps.reports) and matching fairness.
THRESHOLD = 10
TOELEIDING = "toeleiding"
OUTCOMES = ("werk", "opleiding", "werkzoekend", "niet_actief")


def outcome_labels() -> dict[str, str]:
    """Dutch labels (translated) of the outcome codes."""
    return {
        "werk": _("Werk"),
        "opleiding": _("Opleiding"),
        "werkzoekend": _("Werkzoekend"),
        "niet_actief": _("Niet beroepsactief"),
    }


def ended_outcomes(organisation_id: int | None) -> list[tuple[str, int]]:
    """``(outcome, year)`` of every ended toeleiding case file with an outcome, of
    one organisation's persons (all organisations for ``None``). One query."""
    ended_on = (
        StepRecord.objects.filter(
            case_file_id=OuterRef("pk"), kind__in=[EntryKind.CLOSE, EntryKind.STOP]
        )
        .order_by("-date", "-id")
        .values("date")[:1]
    )
    files = CaseFile.objects.filter(
        trajectory_type=TOELEIDING,
        status__in=[CaseStatus.CLOSED, CaseStatus.STOPPED],
        outcome__in=OUTCOMES,
    )
    if organisation_id is not None:
        files = files.filter(person__organisation_id=organisation_id)
    rows = files.annotate(ended_on=Subquery(ended_on)).values_list(
        "outcome", "ended_on", "started_on"
    )
    return [(outcome, (ended or started).year) for outcome, ended, started in rows]


def outcome_indicators(pairs: list[tuple[str, int]]) -> dict:
    """The exact counts as an indicators object: one table, total and two
    breakdowns (``status``, ``year``), ready for the disclosure-control gate.

    Examples
    --------
    >>> outcome_indicators([("werk", 2025), ("werk", 2026), ("opleiding", 2026)])
    {'toeleiding_outcomes': {'total': 3, 'by': {'status': {'werk': 2, 'opleiding': 1, 'werkzoekend': 0, 'niet_actief': 0}, 'year': {'2025': 1, '2026': 2}}}}
    """
    status = {code: 0 for code in OUTCOMES}
    years: dict[str, int] = {}
    for outcome, year in pairs:
        status[outcome] += 1
        years[str(year)] = years.get(str(year), 0) + 1
    return {
        "toeleiding_outcomes": {
            "total": len(pairs),
            "by": {"status": status, "year": dict(sorted(years.items()))},
        }
    }


@dataclass(frozen=True)
class OutcomeFigure:
    code: str
    label: str
    count: int | None  # None: suppressed


@dataclass
class OutcomeReport:
    """Published (suppressed) toeleiding outcomes."""

    scope_label: str
    total: int | None
    by_status: list[OutcomeFigure]
    by_year: list[OutcomeFigure]
    threshold: int
    suppressed_cells: int


def toeleiding_outcomes(*, actor: User) -> OutcomeReport:
    """The toeleiding outcomes per status and per year, suppressed below 10.

    The organisation administrator gets their own organisation's figures, the
    analyst those of all organisations. The read is audited (aggregate, no person).
    """
    if not policies.can_see_outcome_figures(actor):
        raise PermissionDenied
    organisation_id = None if actor.role == Role.ANALYST else actor.organisation_id
    if actor.role != Role.ANALYST and organisation_id is None:
        raise PermissionDenied
    published = publish(
        outcome_indicators(ended_outcomes(organisation_id)),
        exact_requested=False,
        exact_allowed=policies.can_see_exact_figures(actor),
        threshold=THRESHOLD,
    )
    table = published.indicators["toeleiding_outcomes"]
    labels = outcome_labels()
    record(
        actor=actor,
        action=Action.READ,
        subjects=Subject(
            person_id=None,
            person_organisation_id=organisation_id,
            object_type="toeleiding_outcomes",
            object_id=str(organisation_id or "all"),
        ),
        detail="toeleiding outcomes (aggregate, suppressed)",
    )
    return OutcomeReport(
        scope_label=(
            _("Alle organisaties")
            if organisation_id is None
            else str(actor.organisation)
        ),
        total=table["total"],
        by_status=[
            OutcomeFigure(code, labels[code], count)
            for code, count in table["by"]["status"].items()
        ],
        by_year=[
            OutcomeFigure(year, year, count)
            for year, count in sorted(table["by"]["year"].items())
        ],
        threshold=THRESHOLD,
        suppressed_cells=len(published.reasons),
    )

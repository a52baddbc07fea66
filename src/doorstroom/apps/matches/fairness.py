"""The matching fairness report of one organisation: aggregate, disclosure-controlled.

Group attributes (sex, age band) are read here, **after** ranking, and only to
count: the ranking itself is built from :class:`~doorstroom.domain.matching.MatchPerson`,
which has no field for them (see ``docs/matching.md``).

Per group the page shows the share of persons with

* ``matched``: at least one proposed vacancy that no competence blocks;
* ``good_match``: a best unblocked fit of at least 0.8;
* ``positive_decision``: a latest decision *invited*, *stage* or *hired* on some
  vacancy (only when decisions are recorded);
* ``hired``: a latest decision *hired* (idem).

The counts go through the monitoring report's disclosure control
(:func:`doorstroom.domain.monitoring.suppression.publish`, threshold 10): a
count from 1 to 9 is not shown, secondary suppression protects it within its
breakdown, and a rate is shown only when both its counts are. Origin and
health or disability flags are not recorded in the app, so they have no rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.target_workers.models import Person, Sex
from doorstroom.domain.matching import MatchIndex
from doorstroom.domain.monitoring.suppression import publish

from . import adapters, permissions
from .choices import AGE_BAND_LABELS, ATTRIBUTE_LABELS, UNKNOWN_LABEL
from .models import DecisionStatus, MatchDecision
from .services import TOP_K, _gazetteer, open_profiles

#: Counts below this are not shown (same threshold as the monitoring report).
THRESHOLD = 10
#: Attributes the app records (origin and health flags have no field).
ATTRIBUTES = ("sex", "age_band")
#: Rates of the report, in page order.
INDICATORS = ("matched", "good_match", "positive_decision", "hired")
#: A group whose match rate is below this share of the best group's is flagged.
FLAG_RATIO = 0.8
#: Best fit from which a match counts as good (the domain report's default).
GOOD_FIT = 0.8
UNKNOWN = "onbekend"
POSITIVE = frozenset(
    {DecisionStatus.INVITED, DecisionStatus.STAGE, DecisionStatus.HIRED}
)


def age_band(birth: dt.date | None, at: dt.date) -> str:
    """Age band by completed years on ``at`` (``<25``, ``25-54``, ``55+``).

    Examples
    --------
    >>> age_band(dt.date(2000, 6, 1), dt.date(2025, 5, 31))
    '<25'
    >>> age_band(None, dt.date(2025, 1, 1))
    'onbekend'
    """
    if birth is None:
        return UNKNOWN
    years = at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))
    if years < 25:
        return "<25"
    if years < 55:
        return "25-54"
    return "55+"


@dataclass(frozen=True)
class GroupRow:
    """One group of one attribute as published (``None`` = not shown)."""

    attribute: str
    value: str
    label: Any
    persons: int | None
    rates: dict[str, float | None]
    ratio_to_best: float | None

    @property
    def flagged(self) -> bool:
        return self.ratio_to_best is not None and self.ratio_to_best < FLAG_RATIO

    @property
    def percents(self) -> list[int | None]:
        return [
            None if self.rates.get(i) is None else round(100 * self.rates[i])
            for i in INDICATORS
        ]


@dataclass(frozen=True)
class FairnessPage:
    organisation: Organisation
    persons: int | None
    total_rates: dict[str, float | None]
    sections: list[tuple[Any, list[GroupRow]]]
    decisions_recorded: bool
    threshold: int
    suppression_applied: bool

    @property
    def indicators(self) -> tuple[str, ...]:
        return INDICATORS if self.decisions_recorded else INDICATORS[:2]


def organisations_for_fairness(user) -> list[Organisation]:
    """Organisations whose report ``user`` may open (those with persons)."""
    orgs = Organisation.objects.filter(
        pk__in=Person.objects.active().values("organisation_id")
    ).order_by("name")
    return [o for o in orgs if permissions.can_see_fairness(user, o.pk)]


def _flags(persons: list[Person]) -> dict[str, dict[int, bool]]:
    """Per person: matched and good match, from the domain's top-k lists.

    The same definitions as :func:`doorstroom.domain.matching.fairness_report`:
    matched = some listed vacancy without a blocking competence; good = the best
    such fit is at least :data:`GOOD_FIT`.
    """
    flags: dict[str, dict[int, bool]] = {
        "matched": {p.pk: False for p in persons},
        "good_match": {p.pk: False for p in persons},
    }
    vacancies = list(adapters.domain_vacancies(open_profiles()).values())
    if not persons or not vacancies:
        return flags
    match_persons = [
        adapters.match_person(p, adapters.latest_levels(p)[0]) for p in persons
    ]
    top = MatchIndex(match_persons, vacancies, _gazetteer()).top_vacancies(TOP_K)
    usable = ~np.isnan(top.fits) & ~top.blocked
    best = np.where(usable, top.fits, -np.inf).max(axis=1, initial=-np.inf)
    for pid, fit in zip(top.ids, best.tolist(), strict=True):
        flags["matched"][int(pid)] = bool(np.isfinite(fit))
        flags["good_match"][int(pid)] = bool(fit >= GOOD_FIT)
    return flags


def _decision_flags(persons: list[Person]) -> tuple[bool, dict[str, dict[int, bool]]]:
    latest: dict[tuple[int, int], str] = {}
    for person_id, vacancy_id, status in (
        MatchDecision.objects.filter(person__in=persons)
        .order_by("person_id", "vacancy_id", "-decided_at", "-id")
        .values_list("person_id", "vacancy_id", "status")
    ):
        latest.setdefault((person_id, vacancy_id), status)
    positive = {p.pk: False for p in persons}
    hired = {p.pk: False for p in persons}
    for (person_id, _vacancy_id), status in latest.items():
        positive[person_id] |= status in POSITIVE
        hired[person_id] |= status == DecisionStatus.HIRED
    return bool(latest), {"positive_decision": positive, "hired": hired}


def _rate_cell(numerator: int, denominator: int) -> dict[str, Any]:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": numerator / denominator if denominator else None,
    }


def _indicators(
    persons: list[Person],
    groups: dict[str, dict[int, str]],
    flags: dict[str, dict[int, bool]],
) -> dict[str, Any]:
    """Exact counts in the monitoring report's rate-table layout."""
    indicators: dict[str, Any] = {}
    for name, flag in flags.items():
        by: dict[str, dict[str, Any]] = {}
        for attribute in ATTRIBUTES:
            cells: dict[str, list[int]] = {}
            for person in persons:
                cell = cells.setdefault(groups[attribute][person.pk], [0, 0])
                cell[0] += flag[person.pk]
                cell[1] += 1
            by[attribute] = {v: _rate_cell(n, d) for v, (n, d) in sorted(cells.items())}
        total = sum(flag[p.pk] for p in persons)
        indicators[name] = {"total": _rate_cell(total, len(persons)), "by": by}
    return indicators


def _hide_denominators_together(published: dict[str, Any]) -> None:
    """The persons per group are the same denominator in every table: show one
    only where every table shows it (hiding more never discloses more)."""
    hidden_total = any(t["total"]["denominator"] is None for t in published.values())
    hidden = {
        (attribute, value)
        for table in published.values()
        for attribute, cells in table["by"].items()
        for value, cell in cells.items()
        if cell["denominator"] is None
    }
    for table in published.values():
        if hidden_total:
            table["total"]["denominator"] = None
            table["total"]["rate"] = None
        for attribute, cells in table["by"].items():
            for value, cell in cells.items():
                if (attribute, value) in hidden:
                    cell["denominator"] = None
                    cell["rate"] = None


def _label(attribute: str, value: str) -> Any:
    if value == UNKNOWN:
        return UNKNOWN_LABEL
    if attribute == "sex":
        return Sex(value).label if value in Sex.values else value
    return AGE_BAND_LABELS.get(value, value)


def fairness_for(
    *, actor, organisation: Organisation, today: dt.date | None = None
) -> FairnessPage:
    """Match and decision rates per group of the organisation's persons, protected.

    Raises
    ------
    PermissionDenied
        The actor may not see this organisation's report.
    """
    if not permissions.can_see_fairness(actor, organisation.pk):
        raise PermissionDenied
    today = today or timezone.localdate()
    persons = list(
        Person.objects.active().filter(organisation=organisation).order_by("pk")
    )
    groups = {
        "sex": {p.pk: p.sex or UNKNOWN for p in persons},
        "age_band": {p.pk: age_band(p.birth_date, today) for p in persons},
    }
    flags = _flags(persons)
    recorded, decision_flags = _decision_flags(persons)
    if recorded:
        flags.update(decision_flags)
    protected = publish(
        _indicators(persons, groups, flags),
        exact_requested=False,
        exact_allowed=policies.can_see_exact_figures(actor),
        threshold=THRESHOLD,
    )
    published = protected.indicators
    _hide_denominators_together(published)
    sections = []
    for attribute in ATTRIBUTES:
        values = list(published["matched"]["by"][attribute])
        rows = []
        for value in values:
            cells = {name: published[name]["by"][attribute][value] for name in flags}
            rows.append((value, cells))
        best = max(
            (c["matched"]["rate"] for _, c in rows if c["matched"]["rate"] is not None),
            default=None,
        )
        section = []
        for value, cells in rows:
            rate = cells["matched"]["rate"]
            section.append(
                GroupRow(
                    attribute,
                    value,
                    _label(attribute, value),
                    cells["matched"]["denominator"],
                    {name: cell["rate"] for name, cell in cells.items()},
                    None if rate is None or not best else rate / best,
                )
            )
        sections.append((ATTRIBUTE_LABELS[attribute], section))
    record(
        actor=actor,
        action=Action.READ,
        subjects=Subject(
            person_id=None,
            person_organisation_id=organisation.pk,
            object_type="matching_fairness_report",
            object_id=str(organisation.pk),
        ),
        detail="matching fairness report (aggregate, suppressed)",
    )
    return FairnessPage(
        organisation=organisation,
        persons=published["matched"]["total"]["denominator"],
        total_rates={name: published[name]["total"]["rate"] for name in flags},
        sections=sections,
        decisions_recorded=recorded,
        threshold=THRESHOLD,
        suppression_applied=protected.applied,
    )

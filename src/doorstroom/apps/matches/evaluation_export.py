"""Export recorded decisions with the matching data ``doorstroom match-eval`` needs.

Three files in one folder:

* ``outcomes.csv``: the latest decision per person-vacancy pair (columns of the
  domain's ``OUTCOME_COLUMNS``);
* ``persons.json``: per person with a decision, the matching data only
  (:func:`doorstroom.domain.matching.person_to_dict`: levels, postcode, hours,
  shifts, travel, functional limits, language, wishes); no name, no sex, age or
  origin. The id is the person's database id, as in the outcomes;
* ``vacancies.json``: the vacancies decided on (open or closed), in the domain's
  JSON layout.

Every exported person gets an audit entry (action *export*, channel *cli*).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from doorstroom.apps.audit_events.models import Action, Channel
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.organisations.models import Organisation
from doorstroom.domain.matching import person_to_dict
from doorstroom.domain.matching.evaluation import OUTCOME_COLUMNS

from . import adapters
from .models import MatchDecision, VacancyProfile

OUTCOMES_FILE = "outcomes.csv"
PERSONS_FILE = "persons.json"
VACANCIES_FILE = "vacancies.json"


@dataclass(frozen=True)
class EvaluationExport:
    """What :func:`export_evaluation_data` wrote."""

    folder: Path
    outcomes: int
    persons: int
    vacancies: int

    @property
    def outcomes_path(self) -> Path:
        return self.folder / OUTCOMES_FILE

    @property
    def persons_path(self) -> Path:
        return self.folder / PERSONS_FILE

    @property
    def vacancies_path(self) -> Path:
        return self.folder / VACANCIES_FILE


def export_evaluation_data(
    folder: Path, *, organisation: Organisation | None = None
) -> EvaluationExport:
    """Write outcomes, persons and vacancies for ``doorstroom match-eval``.

    Parameters
    ----------
    folder:
        Created if missing; the three files are overwritten.
    organisation:
        Only decisions on this organisation's persons (default: all).

    Returns
    -------
    EvaluationExport
        The folder and the counts written.
    """
    decisions = (
        MatchDecision.objects.filter(
            person__erased_at__isnull=True, vacancy__match_profile__isnull=False
        )
        .select_related("person", "vacancy__match_profile")
        .order_by("person_id", "vacancy_id", "-decided_at", "-id")
    )
    if organisation is not None:
        decisions = decisions.filter(person__organisation=organisation)
    latest: dict[tuple[int, int], MatchDecision] = {}
    for decision in decisions:
        latest.setdefault((decision.person_id, decision.vacancy_id), decision)
    persons = {d.person_id: d.person for d in latest.values()}
    profile_ids = sorted({d.vacancy.match_profile.pk for d in latest.values()})
    profiles = list(
        VacancyProfile.objects.filter(pk__in=profile_ids).select_related(
            "vacancy__employer"
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / OUTCOMES_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(OUTCOME_COLUMNS)
        for d in latest.values():
            writer.writerow(
                [
                    str(d.person_id),
                    d.vacancy.match_profile.external_id,
                    d.status,
                    d.refused_by,
                    d.reason,
                ]
            )
    person_data = [
        person_to_dict(adapters.match_person(person, adapters.latest_levels(person)[0]))
        for _, person in sorted(persons.items())
    ]
    (folder / PERSONS_FILE).write_text(
        json.dumps(person_data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (folder / VACANCIES_FILE).write_text(
        json.dumps(
            {"vacancies": [adapters.vacancy_record(p) for p in profiles]},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    record(
        actor=None,
        action=Action.EXPORT,
        subjects=person_subjects(persons.values()),
        detail="matching evaluation export (match-eval)",
        channel=Channel.CLI,
        path="",
    )
    return EvaluationExport(folder, len(latest), len(persons), len(profiles))

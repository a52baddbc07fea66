"""Writes to VDAB advices, shared by the apps that register an evaluation.

These functions hold no permission check: the calling service (for instance
``casefiles.services``) checks who may act, wraps them in its transaction and
records the audit entry. An advice counts in the monitoring export
(``imports.exports``: ``advices.csv``) once it has a result.
"""

from __future__ import annotations

import secrets
from datetime import date

from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.target_workers.models import Person

from .models import Advice, AdviceResult

#: Prefix of the external id of advices registered in the application.
ADVICE_ID_PREFIX = "CF-A-"


def open_advice(
    *,
    person: Person,
    requested_on: date,
    instrument: str,
    evaluator_organisation: Organisation | None = None,
) -> Advice:
    """Create the advice of a requested VDAB evaluation, still without result.

    An open advice is the "open VDAB evaluation" link of ``access.policies``: with
    a consent for purpose ``evaluatie`` the evaluator's organisation sees the file.
    """
    return Advice.objects.create(
        external_id=f"{ADVICE_ID_PREFIX}{secrets.token_hex(6).upper()}",
        person=person,
        evaluator_organisation=evaluator_organisation,
        requested_on=requested_on,
        instrument=instrument,
    )


def conclude_advice(
    *, advice: Advice, result: str, on: date, instrument: str
) -> Advice:
    """Record the advice: doorstroomklaar or not, its date and the instrument.

    Raises
    ------
    ValueError
        When ``result`` is not an :class:`AdviceResult`.
    """
    if result not in AdviceResult.values:
        raise ValueError(f"unknown advice result {result!r}")
    advice.result = result
    advice.date = on
    advice.instrument = instrument
    advice.save(update_fields=["result", "date", "instrument"])
    return advice

"""Demo data: a few partners, contacts, a filled-in self-assessment and an action
plan for the demo's home organisation. Idempotent: nothing changes on a second run."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from doorstroom.domain.readiness import get_checklist

from .models import (
    ActionItem,
    Contact,
    ContactKind,
    Partner,
    PartnerKind,
    ReadinessAnswer,
    ReadinessRound,
)

#: The demo round's answers (the rest: akkoord).
DEMO_ANSWERS = {
    "visie_dagelijks_werk": "gedeeltelijk",
    "werking_arbeidsvoorwaarden": "gedeeltelijk",
    "coach_vorming": "niet_akkoord",
    "netwerk_commercieel": "niet_akkoord",
    "netwerk_bedrijfsleven": "gedeeltelijk",
}


def ensure_network_demo(organisation, user, today: date) -> None:
    """Partners, contacts, one round and two actions (one overdue) for ``organisation``."""
    if Partner.objects.filter(organisation=organisation).exists():
        return
    municipality = organisation.municipality or "Mechelen"
    partners = [
        Partner.objects.create(
            organisation=organisation,
            name=name,
            kind=kind,
            contact_name=contact,
            municipality=place,
            employment_target_percent=target,
            created_by=user,
        )
        for name, kind, contact, place, target in (
            (
                "Logistiek Rivierenland NV",
                PartnerKind.NEC_EMPLOYER,
                "Ine Goossens",
                municipality,
                None,
            ),
            (
                "Interim Plus",
                PartnerKind.INTERIM_OFFICE,
                "Bram Verhoeven",
                municipality,
                None,
            ),
            (
                f"Stad {municipality}",
                PartnerKind.LOCAL_GOVERNMENT,
                "Diversiteitsambtenaar",
                municipality,
                Decimal("2.0"),
            ),
            (
                "Talent & Groei Consult",
                PartnerKind.CONSULTANCY,
                "Eva Lambrechts",
                "Leuven",
                None,
            ),
        )
    ]
    for partner, kind, days, who, follow_up in (
        (
            partners[0],
            ContactKind.COMPANY_VISIT,
            40,
            "Sofie Claes, Tom Wouters; Ine Goossens (HR)",
            "Werkgeversfiche aanvullen",
        ),
        (
            partners[2],
            ContactKind.LEARNING_TABLE,
            20,
            "Sofie Claes; dienst werk van de stad",
            "Stageplaatsen groendienst bespreken",
        ),
        (
            partners[0],
            ContactKind.SHADOWING_DAY,
            5,
            "Tom Wouters (meeloopdag in het magazijn)",
            "",
        ),
    ):
        Contact.objects.create(
            partner=partner,
            kind=kind,
            date=today - timedelta(days=days),
            who=who,
            follow_up=follow_up,
            follow_up_on=today + timedelta(days=14) if follow_up else None,
            created_by=user,
        )
    checklist = get_checklist()
    readiness_round = ReadinessRound.objects.create(
        organisation=organisation,
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        filled_on=today - timedelta(days=30),
        filled_by=user,
    )
    ReadinessAnswer.objects.bulk_create(
        ReadinessAnswer(
            round=readiness_round,
            statement_id=s.id,
            answer=DEMO_ANSWERS.get(s.id, "akkoord"),
        )
        for s in checklist.statements
    )
    for statement_id, action, owner, due in (
        (
            "coach_vorming",
            "Vorming 'communiceren met werkgevers' voor de coaches",
            "Hilde Maes",
            -3,
        ),
        (
            "netwerk_commercieel",
            "Folder en webpagina voor werkgevers",
            "Sofie Claes",
            30,
        ),
    ):
        ActionItem.objects.create(
            organisation=organisation,
            round=readiness_round,
            statement_id=statement_id,
            action=action,
            owner=owner,
            due_on=today + timedelta(days=due),
            created_by=user,
        )

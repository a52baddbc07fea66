"""``doorstroom match-export`` then ``doorstroom match-eval`` on recorded decisions."""

from __future__ import annotations

import csv
import json

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import Action, AuditEvent, Channel
from doorstroom.apps.matches import services
from doorstroom.apps.matches.models import MatchDecision
from doorstroom.cli import main

from .conftest import CONSENSUS


def test_export_then_evaluate_gives_the_hand_computed_figures(
    world, matching, tmp_path, capsys
):
    coach = world.users[Role.COACH]
    person = world.own_person
    # The model ranks mag-1 (fit 1.0) above mag-2 (fit < 1).
    record = services.record_decision
    record(actor=coach, person=person, vacancy=matching["mag-1"], status="invited")
    record(
        actor=coach,
        person=person,
        vacancy=matching["mag-1"],
        status="refused",
        refused_by="employer",
        reason="geen rijbewijs",
    )  # the latest decision counts: mag-1 is not relevant
    record(actor=coach, person=person, vacancy=matching["mag-2"], status="stage")
    # A decision on a person of another organisation, left out by --organisation.
    MatchDecision.objects.create(
        person=world.other_person, vacancy=matching["mag-1"], status="hired"
    )
    out = tmp_path / "eval"
    assert (
        main(
            [
                "match-export",
                "--out",
                str(out),
                "--organisation",
                world.home.external_id,
            ]
        )
        == 0
    )
    capsys.readouterr()

    with (out / "outcomes.csv").open(encoding="utf-8") as handle:
        outcomes = sorted(tuple(row.values()) for row in csv.DictReader(handle))
    assert outcomes == [
        (str(person.pk), "mag-1", "refused", "employer", "geen rijbewijs"),
        (str(person.pk), "mag-2", "stage", "", ""),
    ]
    (exported,) = json.loads((out / "persons.json").read_text(encoding="utf-8"))
    assert exported["id"] == str(person.pk)
    assert exported["levels"] == CONSENSUS
    assert exported["postcode"] == "2800"
    assert not {"name", "first_name", "last_name", "sex", "birth_date"} & set(exported)
    vacancies = json.loads((out / "vacancies.json").read_text(encoding="utf-8"))
    assert sorted(v["id"] for v in vacancies["vacancies"]) == ["mag-1", "mag-2"]
    export = AuditEvent.objects.filter(person_id=person.pk, action=Action.EXPORT)
    assert export.get().channel == Channel.CLI
    assert not AuditEvent.objects.filter(
        person_id=world.other_person.pk, action=Action.EXPORT
    ).exists()

    assert (
        main(
            [
                "match-eval",
                "--outcomes",
                str(out / "outcomes.csv"),
                "--persons-file",
                str(out / "persons.json"),
                "--vacancies-file",
                str(out / "vacancies.json"),
            ]
        )
        == 0
    )
    figures = json.loads(capsys.readouterr().out)
    # One person, judged list in model order [mag-1 refused, mag-2 stage]:
    # precision@10 = 1/10; AP = precision@2 = 1/2; random precision@10 =
    # 1 relevant of 2 judged * 2 positions / 10 = 0.1.
    assert figures["persons"] == 1
    assert figures["judged_pairs"] == 2
    assert figures["relevant_pairs"] == 1
    assert figures["precision_at_10"] == pytest.approx(0.1)
    assert figures["mean_average_precision"] == pytest.approx(0.5)
    assert figures["random_precision_at_10"] == pytest.approx(0.1)


def test_export_all_organisations_and_unknown_organisation(
    world, matching, tmp_path, capsys
):
    MatchDecision.objects.create(
        person=world.other_person, vacancy=matching["mag-1"], status="hired"
    )
    assert main(["match-export", "--out", str(tmp_path / "all")]) == 0
    persons = json.loads((tmp_path / "all" / "persons.json").read_text())
    assert [p["id"] for p in persons] == [str(world.other_person.pk)]
    assert (
        main(["match-export", "--out", str(tmp_path / "x"), "--organisation", "nope"])
        == 2
    )
    assert "onbekende organisatie" in capsys.readouterr().out

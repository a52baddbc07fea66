from __future__ import annotations

import pytest

from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.imports.exports import export_folder
from doorstroom.apps.imports.services import ImportRejectedError, import_folder
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Trajectory
from doorstroom.cli import main
from tests.domain.monitoring import builders as b

MODELS = (
    Organisation,
    Person,
    WopDossier,
    EmploymentSpell,
    Advice,
    Trajectory,
    AuditEvent,
)


def small_folder(path, **overrides):
    rows = dict(
        persons=[b.person("p1"), b.person("p2", province="LIM", sex="V")],
        employers=[
            b.employer("sec1", circuit="SEC", name="Maatwerk Genk"),
            b.employer("nec1", circuit="NEC", name="Bakkerij Peeters"),
        ],
        wop_dossiers=[
            b.dossier("d1", "p1", "2015-01-01", "2020-06-30", employer_id="sec1"),
            b.dossier("d2", "p2", "2019-03-01", employer_id="sec1", instrument="LDE"),
        ],
        employment=[
            b.spell(
                "s1",
                "p1",
                "2015-01-01",
                "2020-06-30",
                employer_id="sec1",
                wop_dossier_id="d1",
            ),
            b.spell(
                "s2", "p1", "2020-08-01", employer_id="nec1", hours_per_week="30.5"
            ),
            b.spell("s3", "p2", "2019-03-01", employer_id="sec1", wop_dossier_id="d2"),
        ],
        advices=[
            b.advice("a1", "p1", "2020-01-15"),
            b.advice("a2", "p2", None, instrument="LDE"),
        ],
        trajectories=[
            b.trajectory(
                "t1",
                "p1",
                "2020-02-01",
                "2020-07-31",
                end_reason="werk_nec",
                stage="BVS",
            )
        ],
    )
    rows.update(overrides)
    return b.write_dataset(path, **rows)


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.mark.django_db
def test_import_loads_every_row_and_links_them(tmp_path):
    summary = import_folder(small_folder(tmp_path / "data"))

    assert summary.rows["persons"] == 2
    p1 = Person.objects.get(external_id="p1")
    assert p1.organisation.name == "Maatwerk Genk"
    assert p1.organisation.kind == "maatwerkbedrijf"
    assert EmploymentSpell.objects.get(
        external_id="s2"
    ).hours_per_week == pytest.approx(30.5)
    assert EmploymentSpell.objects.get(external_id="s1").wop_dossier.external_id == "d1"
    assert Trajectory.objects.get(external_id="t1").partner.kind == "doorstroompartner"
    assert Advice.objects.get(external_id="a2").date is None
    assert AuditEvent.objects.filter(action="import").count() == 2


@pytest.mark.django_db
def test_export_gives_back_the_imported_folder(tmp_path):
    source = small_folder(tmp_path / "data")
    import_folder(source)
    export_folder(tmp_path / "out")
    for name in (
        "persons.csv",
        "wop_dossiers.csv",
        "employment.csv",
        "trajectories.csv",
    ):
        original = sorted((source / name).read_text().splitlines()[1:])
        exported = sorted((tmp_path / "out" / name).read_text().splitlines()[1:])
        assert exported == original, name


@pytest.mark.django_db
def test_one_bad_row_changes_nothing(tmp_path):
    folder = small_folder(
        tmp_path / "data",
        employment=[
            b.spell(
                "s1",
                "p1",
                "2015-01-01",
                "2020-06-30",
                employer_id="sec1",
                wop_dossier_id="d1",
            ),
            b.spell(
                "s2", "p1", "2020-08-01", "2020-07-01", employer_id="nec1"
            ),  # end < start
        ],
    )
    before = counts()
    with pytest.raises(ImportRejectedError) as rejected:
        import_folder(folder)
    assert counts() == before
    (problem,) = rejected.value.problems
    assert (problem.file, problem.line, problem.column) == (
        "employment.csv",
        3,
        "end_date",
    )


@pytest.mark.django_db
def test_importing_twice_is_refused_with_every_duplicate(tmp_path):
    folder = small_folder(tmp_path / "data")
    import_folder(folder)
    before = counts()
    with pytest.raises(ImportRejectedError) as rejected:
        import_folder(folder)
    assert counts() == before
    where = {(p.file, p.line, p.column) for p in rejected.value.problems}
    assert ("persons.csv", 2, "person_id") in where
    assert ("persons.csv", 3, "person_id") in where
    assert ("trajectories.csv", 2, "trajectory_id") in where


@pytest.mark.django_db
def test_bad_extra_file_is_reported_by_line_and_column(tmp_path):
    folder = small_folder(tmp_path / "data")
    (folder / "identities.csv").write_text(
        "person_id,first_name,last_name,postcode,municipality\n"
        "p1,Jan,Janssens,3600,Genk\n"
        "p9,Els,Peeters,36,Genk\n"
    )
    with pytest.raises(ImportRejectedError) as rejected:
        import_folder(folder)
    where = {(p.file, p.line, p.column) for p in rejected.value.problems}
    assert where == {
        ("identities.csv", 3, "person_id"),
        ("identities.csv", 3, "postcode"),
    }
    assert Person.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_import_command_exits_2_and_lists_problems(tmp_path, capsys):
    folder = small_folder(
        tmp_path / "data", persons=[b.person("p1", sex="Q"), b.person("p2")]
    )
    assert main(["import", "--data", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "persons.csv, regel 2, kolom 'sex'" in err
    assert "persons.csv, line 2, column 'sex'" in err
    assert Person.objects.count() == 0

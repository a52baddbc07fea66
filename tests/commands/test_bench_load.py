"""``doorstroom bench load`` on a tiny region: every endpoint answers, no errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from doorstroom.ops.loadgen import endpoint_of, percentile, server_times


def test_percentile_nearest_rank():
    values = [0.4, 0.1, 0.3, 0.2, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert percentile(values, 50) == 0.5
    assert percentile(values, 95) == 1.0
    assert percentile(values, 10) == 0.1
    assert percentile([], 50) is None


def test_server_times_from_the_access_log():
    assert endpoint_of("/personen/") == "caseload"
    assert endpoint_of("/personen/12/") == "person_page"
    assert endpoint_of("/personen/12/tijdlijn/") is None
    assert endpoint_of("/api/persons/") == "api_list"
    assert endpoint_of("/api/persons/7/") == "api_detail"
    assert endpoint_of("/accounts/login/") is None
    lines = [
        "/personen/ 200 10000",
        "/personen/ 200 30000",
        "/personen/3/ 200 5000",
        "/api/persons/ 200 20000",
        "/accounts/login/ 302 90000",
        "garbage",
    ]
    times = server_times(lines)
    assert times["caseload"] == {"server_p50_ms": 10.0, "server_p95_ms": 30.0}
    assert times["person_page"] == {"server_p50_ms": 5.0, "server_p95_ms": 5.0}
    assert times["api_list"]["server_p95_ms"] == 20.0
    assert times["api_detail"] == {"server_p50_ms": None, "server_p95_ms": None}


def test_bench_load_tiny_region_has_no_errors():
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "doorstroom.cli",
            "bench",
            "load",
            "--persons",
            "200",
            "--coaches",
            "5",
            "--users",
            "5",
            "--seconds",
            "3",
            "--workers",
            "2",
            # closed loop: with the default 1-3 s think time 3 s are too short for
            # every user to reach each endpoint
            "--think",
            "0",
            "0",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    figures = json.loads(completed.stdout)
    assert figures["config"]["persons_imported"] == 200
    assert figures["logins"] == 5
    assert figures["login_failures"] == 0
    assert figures["errors"] == 0, figures["error_samples"]
    assert set(figures["endpoints"]) == {
        "caseload",
        "person_page",
        "api_list",
        "api_detail",
    }
    for name, endpoint in figures["endpoints"].items():
        assert endpoint["requests"] > 0, name
        assert endpoint["errors"] == 0, name
        assert 0 < endpoint["p50_ms"] <= endpoint["p95_ms"] <= endpoint["p99_ms"]
        # the server's own time, from gunicorn's access log, within what the
        # user saw (the user also waits in the listen queue and on the network)
        assert 0 < endpoint["server_p50_ms"] <= endpoint["server_p95_ms"]
        assert endpoint["server_p50_ms"] <= endpoint["p99_ms"], name
    assert figures["requests"] == sum(
        e["requests"] for e in figures["endpoints"].values()
    )


@pytest.mark.django_db
def test_bench_coaches_get_a_caseload_of_their_organisation():
    """Three coaches over two organisations (45 and 12 persons, round robin): 20 +
    20 persons for the two coaches of the first, the 12 persons for the coach of the
    second; each person one coach; phases vary; the page shows "my persons"."""
    from django.utils import timezone

    from doorstroom.apps.accounts.models import User
    from doorstroom.apps.casefiles.caseload import (
        CaseloadQuery,
        caseload_size,
        coach_caseload,
    )
    from doorstroom.apps.casefiles.models import CaseFile, StepRecord
    from doorstroom.apps.target_workers.models import Person
    from doorstroom.commands.bench_load import _create_coaches
    from tests.apps.factories import OrganisationFactory, PersonFactory

    big, small = OrganisationFactory(), OrganisationFactory()
    PersonFactory.create_batch(45, organisation=big)
    PersonFactory.create_batch(12, organisation=small)
    names = _create_coaches(3)
    coaches = [User.objects.get(username=name) for name in names]
    assert [c.organisation_id for c in coaches] == [big.pk, small.pk, big.pk]
    assert [caseload_size(c) for c in coaches] == [20, 12, 20]
    files = CaseFile.objects.all()
    assert files.count() == 52
    assert files.values("person").distinct().count() == 52
    assert {f.trajectory_type for f in files} == {"doorstroom_sec_nec"}
    assert all(f.opened_by.organisation_id == f.person.organisation_id for f in files)
    # 0-4 steps per file by position: 20 files hold 4 x (0+1+2+3+4) = 40 steps
    first = coaches[0]
    assert StepRecord.objects.filter(case_file__opened_by=first).count() == 40
    data = coach_caseload(
        actor=first, query=CaseloadQuery(), today=timezone.localdate()
    )
    assert data.mine_only and data.total == 20
    assert data.per_phase == {
        "Voortraject": 8,  # no step yet, or the first step of the first phase
        "Competentiemeting en POP/PDP": 4,
        "Jobmatching": 4,
        "Stage": 4,
    }
    assert Person.objects.filter(case_files__isnull=True).count() == 5

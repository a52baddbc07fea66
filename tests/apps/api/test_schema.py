"""The OpenAPI schema validates, is committed, and fuzzing the API finds no server error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_schema_validates_and_matches_the_committed_copy(tmp_path):
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/persons/{id}/" in schema["paths"]
    committed = ROOT / "docs" / "api" / "openapi.yaml"
    assert committed.read_text() == out.read_text(), (
        "docs/api/openapi.yaml is out of date: run `make openapi`"
    )


@pytest.mark.django_db
def test_schema_and_docs_pages_are_served(client, world):
    client.force_login(world.users[Role.COACH])
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"https://" not in docs.content.split(b"<body")[0]  # assets from the package


def _operations():
    from doorstroom.wsgi_test import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.django_db(transaction=True)
def test_api_fuzzing_finds_no_server_error(world):
    """Generated requests against every operation, as a logged-in coach."""
    token = base64.b64encode(
        f"{world.users[Role.COACH].username}:{PASSWORD}".encode()
    ).decode()
    headers = {"Authorization": f"Basic {token}"}
    operations = _operations()
    assert len(operations) >= 10
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20, deadline=None, suppress_health_check=list(HealthCheck)
        )
        def check(case):
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            assert response.status_code < 500, (
                case.method,
                case.formatted_path,
                response.text[:500],
            )

        check()
    # the requests were authenticated and reached the views, not only the login check
    assert statuses.count(200) >= len(operations) // 2
    assert 401 not in statuses

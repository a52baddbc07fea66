"""The OpenAPI schema validates, is committed, and fuzzing the API finds no server error."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.conf import settings as settings_module
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import PASSWORD, logged_in_client

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


#: What every generated response must satisfy: no server error, a documented status
#: code, a documented content type and a body that matches the documented schema.
STRICT_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: Generated requests per operation and caller (about 45 operations).
EXAMPLES_PER_OPERATION = 6
CSRF_SECRET = "a" * 32  # an unmasked CSRF secret: cookie and header must match


def _operations():
    from doorstroom.wsgi_test import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    return [result.ok() for result in schema.get_all_operations()]


def _basic_auth(user) -> dict:
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"headers": {"Authorization": f"Basic {token}"}}


def _session_after_second_factor(user) -> dict:
    """Cookies of a session that passed two factors, with a CSRF token for writes."""
    client = logged_in_client(user)
    return {
        "headers": {"X-CSRFToken": CSRF_SECRET},
        "cookies": {
            settings_module.SESSION_COOKIE_NAME: client.cookies[
                settings_module.SESSION_COOKIE_NAME
            ].value,
            settings_module.CSRF_COOKIE_NAME: CSRF_SECRET,
        },
    }


def _fuzz(
    credentials: dict, examples: int = EXAMPLES_PER_OPERATION
) -> tuple[list[int], list[str]]:
    """Run the strict checks on every operation; return the statuses seen and one
    failure report per failing operation (all operations run, so one test run
    lists every problem)."""
    statuses: list[int] = []
    failures: list[str] = []
    operations = _operations()
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call_and_validate(checks=STRICT_CHECKS, **credentials)
            statuses.append(response.status_code)

        try:
            check()
        except (Exception, FailureGroup) as exc:  # collected and reported below
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    return statuses, failures


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [Role.COACH, Role.TARGET_WORKER])
def test_api_fuzzing_conforms_to_the_schema(world, role):
    """Generated requests against every operation: no server error, and every
    status, content type and body as documented."""
    statuses, failures = _fuzz(_basic_auth(world.users[role]))
    assert not failures, "\n\n".join(failures)
    # the requests were authenticated and reached the views, not only the login check
    assert statuses.count(200) >= 10
    assert 401 not in statuses


@pytest.mark.django_db(transaction=True)
def test_api_fuzzing_as_analyst_after_the_second_factor(world):
    """An analyst's session that passed two factors reaches the views (which show
    an analyst no personal data); answers still conform to the schema."""
    statuses, failures = _fuzz(_session_after_second_factor(world.users[Role.ANALYST]))
    assert not failures, "\n\n".join(failures)
    assert statuses.count(200) >= 10


@pytest.mark.django_db(transaction=True)
def test_api_refuses_an_analyst_without_the_second_factor(world):
    """Password alone (HTTP Basic) is not enough for an analyst: every operation
    answers 403 with the documented error shape."""
    statuses, failures = _fuzz(_basic_auth(world.users[Role.ANALYST]), examples=2)
    assert not failures, "\n\n".join(failures)
    assert statuses and set(statuses) == {403}

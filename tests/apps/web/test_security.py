from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import Client

from doorstroom.apps.accounts.models import Role
from doorstroom.conf import base
from tests.apps.factories import PASSWORD


def test_passwords_are_hashed_with_argon2_outside_tests():
    assert (
        base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    assert base.DEBUG is False


def _clean_environ() -> dict[str, str]:
    """The environment without what the browser tests set for their own thread."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(settings_module: str, *args: str, **env: str):
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**_clean_environ(), "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_deployment_check_is_clean(tmp_path):
    result = _manage(
        "doorstroom.conf.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DOORSTROOM_SECRET_KEY="x" * 20
        + "a-long-random-production-secret-for-the-check",
        DOORSTROOM_ALLOWED_HOSTS="doorstroom.example",
        DOORSTROOM_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {k: v for k, v in _clean_environ().items() if k != "DOORSTROOM_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "doorstroom.conf.production",
            "DOORSTROOM_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DOORSTROOM_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/aanmelden/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_locks_out_after_five_failures(world):
    client = Client(REMOTE_ADDR="10.1.2.3")
    for _ in range(5):
        client.post("/aanmelden/", {"username": "coach", "password": "fout"})
    response = client.post("/aanmelden/", {"username": "coach", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_works_and_lands_on_the_role_home(world):
    client = Client()
    response = client.post(
        "/aanmelden/", {"username": "werknemer", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mijn-dossier/"
    assert world.users[Role.TARGET_WORKER].pk == int(client.session["_auth_user_id"])


@pytest.mark.django_db
def test_english_is_available(world):
    client = Client()
    client.force_login(world.users[Role.COACH])
    client.post("/i18n/setlang/", {"language": "en", "next": "/personen/"})
    body = client.get("/personen/").content.decode()
    assert '<html lang="en">' in body

from __future__ import annotations

import base64
import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import PASSWORD


def password_login(username) -> Client:
    client = Client()
    response = client.post("/aanmelden/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(secret_b32: str) -> str:
    return f"{totp(base64.b32decode(secret_b32)):06d}"


@pytest.mark.django_db
def test_admin_sets_up_an_authenticator_then_confirms_codes(world):
    client = password_login("beheerder")
    # every page sends the administrator to the second step
    assert client.get("/beheer/audit/").url == "/aanmelden/code/"
    assert client.get("/api/persons/").status_code == 403
    setup = client.get("/aanmelden/code/").content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7=]+)<', setup).group(1)

    wrong = client.post("/aanmelden/code/", {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    time.sleep(1.1)  # a failed code throttles the next try for a second
    assert client.post("/aanmelden/code/", {"code": code_for(secret)}).status_code == 302
    assert client.get("/beheer/audit/").status_code == 200
    assert client.get("/api/persons/").status_code == 200
    assert TOTPDevice.objects.get(user=world.users[Role.ORG_ADMIN]).confirmed

    # the next login asks for a code only, no new secret
    again = password_login("beheerder")
    page = again.get("/aanmelden/code/").content.decode()
    assert "totp-secret" not in page
    assert again.get("/cijfers/").status_code == 302


@pytest.mark.django_db
def test_api_basic_auth_is_refused_for_two_factor_roles(world):
    token = base64.b64encode(f"analist:{PASSWORD}".encode()).decode()
    response = Client().get("/api/persons/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 403
    coach = base64.b64encode(f"coach:{PASSWORD}".encode()).decode()
    assert Client().get("/api/persons/", HTTP_AUTHORIZATION=f"Basic {coach}").status_code == 200


@pytest.mark.django_db
def test_other_roles_log_in_with_a_password_only(world):
    client = password_login("coach")
    assert client.get("/personen/").status_code == 200

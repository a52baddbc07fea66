"""The site icon comes from our own static files."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_the_favicon_is_served_from_our_own_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("doorstroom/favicon.svg")
    page = client.get("/aanmelden/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a folder of the test, never to ``var/media``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT

"""Settings: ``base`` holds the defaults, the other modules adjust them per environment.

- ``demo``: local demonstration (``make demo``): debug on, generated local secret, SQLite.
- ``ci``: the test suite: SQLite, or PostgreSQL when ``DATABASE_URL`` is set.
- ``production``: everything from the environment, debug off, secure cookies.
"""

from __future__ import annotations

import os

DEFAULT_SETTINGS = "doorstroom.conf.demo"


def setup_django(settings_module: str | None = None) -> None:
    """Configure Django for command-line use (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module or DEFAULT_SETTINGS)
    import django

    django.setup()

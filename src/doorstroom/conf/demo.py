"""Local demonstration (``make demo``): debug on, a generated local secret, SQLite."""

from __future__ import annotations

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _local_secret() -> str:
    """A secret generated once per checkout and kept out of the repository."""
    path = VAR_DIR / "secret_key.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret()

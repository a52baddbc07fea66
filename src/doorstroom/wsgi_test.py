"""WSGI application for in-process tests (settings come from the test run)."""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

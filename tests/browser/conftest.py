"""Headless Chromium (Debian's package) driven by Playwright.

Playwright's own browser download cannot work here; we point it at the system
binary. The setup (scripts/setup.sh) installs the package when it is missing.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get(
    "DOORSTROOM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium"
)
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server():
    """Serve the live server's requests one at a time.

    With the test database in memory every request of the live server shares one
    SQLite connection; Django's threaded live server would run two requests (the
    page and an htmx request the browser fires when a field loses focus) on that
    one connection at once, so their transactions interleave and one's rollback
    undoes the other's audit entry. A single-threaded server answers the browser's
    parallel requests in turn (and closes each connection, which Django does for a
    server without threads), as SQLite's own locking would in the app.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test import testcases

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # the live server thread already uses the overridden connections
            super().__init__(*args, **kwargs)

    original = testcases.LiveServerThread.server_class
    testcases.LiveServerThread.server_class = SerialWSGIServer
    yield
    testcases.LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), (
        f"Chromium not found at {CHROMIUM}: run scripts/setup.sh"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE")
    # The browser asks for /favicon.ico on its own, in parallel with the page; with
    # the test database in memory every request shares one SQLite connection, so
    # that stray request is answered here instead of by the live server.
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page = context.new_page()
    yield page
    context.close()

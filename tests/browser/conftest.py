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

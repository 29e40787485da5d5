"""Browser tests: Debian's Chromium driven by Playwright, against pytest-django's live server.

Without Chromium they are skipped with the reason; with DSI_REQUIRE_BROWSER=1 (set by .ci/run)
a missing browser is a failure instead, so that CI cannot pass by skipping them.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
# The flags the workplace's own probe uses: headless, no sandbox as root, and no background
# connections to services this machine cannot reach.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo-charlevoix"

# Playwright's sync API runs an event loop in this thread; the test itself only touches the
# database between browser calls, never concurrently with them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable(reason):
    if os.environ.get("DSI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (DSI_REQUIRE_BROWSER=1: browser tests may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed: browser tests skipped")
    if not CHROMIUM.exists():
        _unavailable("Chromium is not installed (apt-get install chromium chromium-driver)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(django_db_reset_sequences):
    """The Charlevoix demo territory, as `make run` serves it; with the same ids in every test
    (the crawl reuses axe-core's findings across roles for pages that are the same)."""
    call_command("load_demo", "--force", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh contexts (cookies apart), failing the test on any console error."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, email):
    """From the home page, follow the login link and log in as `email`."""
    page.goto("/")
    page.get_by_role("link", name=LOG_IN_LINK).first.click()
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(DEMO_PASSWORD)
    page.locator("form.login-form").get_by_role("button").click()
    page.wait_for_url("**/")


LOG_IN_LINK = "Se connecter"
EMAIL_LABEL = "Courriel"
PASSWORD_LABEL = "Mot de passe"

"""Headless Chromium from Debian, driven by Playwright for Python; nothing downloads a browser.

Each journey's last page is saved as a screenshot in test-artifacts/ (kept by CI as evidence).
The steps several journeys share (signing in, a reviewer's approval in the editor) are in ``journeys.py``.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the tests still use the ORM synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def no_background_saves_in_the_editor(settings):
    """Wagtail's editor saves the draft in the background a moment after a change, and in the "add page" form that
    save is what creates the page and turns the form into its edit form. A journey clicking at machine speed races
    it (the cause of issue #5's intermittent failure: the submission reached the "add" view after or before the
    background save, by luck). The journeys test what the editor's buttons do, so the background save is off."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def editor():
    """A vetted member with an authenticator (TOTP) in the network's Editor role."""
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    user = MembershipFactory(vetted=True, user__email="editora.demo@example.org", user__totp_secret=True).user
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab (Spanish-speaking visitor) on the live test server; screenshot saved at the end."""
    context = browser.new_context(locale="es-ES", base_url=live_server.url)
    context.set_default_timeout(30_000)  # generous: CI shares two cores
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core (shipped inside axe-playwright-python) on a page; return serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(tab):
        results = axe.run(tab)
        return [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]

    return check

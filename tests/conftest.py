"""Fixtures shared by the whole suite. App-specific fixtures live in tests/<app>/conftest.py."""

import io

import pytest
from django.core.management.color import no_style


@pytest.fixture
def home_pages(db):
    """The Spanish site root and its English translation, as `seed_demo` creates them."""
    from home import demo
    from home.management.commands.seed_demo import DemoReport

    spanish = demo.seed(DemoReport(io.StringIO(), no_style()))
    english = spanish.get_translation(spanish.locale.__class__.objects.get(language_code="en"))
    return {"es": spanish, "en": english}

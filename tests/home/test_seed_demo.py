"""seed_demo: loads the demo once; a second run changes nothing and says so."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db(transaction=True)


def test_second_run_of_seed_demo_changes_nothing_and_says_so():
    first, second = StringIO(), StringIO()
    with translation.override("en"):
        call_command("seed_demo", stdout=first)
        call_command("seed_demo", stdout=second)
    assert "Demo content loaded" in first.getvalue()
    assert "Demo content already up to date: nothing changed." in second.getvalue()
    assert "+" not in second.getvalue().replace("demo-enlace-2026", "")

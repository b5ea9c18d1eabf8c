"""seed_demo: loads the demo once; a second run changes nothing and says so."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_second_run_of_seed_demo_changes_nothing_and_says_so():
    first, second = StringIO(), StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)
    assert "Contenido de demostración cargado" in first.getvalue()
    assert "no cambió nada" in second.getvalue()

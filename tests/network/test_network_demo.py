"""The network's demo: real institutions, a sheet and a focal point for every need in every country of the region."""

import io

import pytest
from django.core.management.color import no_style

from home.management.commands.seed_demo import DemoReport
from network import demo, demo_reference
from network.models import CountrySheet, FocalPointDesignation, Institution, Need

pytestmark = pytest.mark.django_db

REGION = ["MX", "GT", "BZ", "SV", "HN", "NI", "CR", "PA"]


def run(module):
    report = DemoReport(io.StringIO(), no_style())
    module.seed(report)
    return report.changes


def test_demo_fills_every_country_and_need_and_a_second_run_changes_nothing():
    assert run(demo_reference) > 0 and run(demo) > 0
    assert Institution.objects.get(country__code="PA", acronym="MIRE").owns_email("someone@mire.gob.pa")
    assert CountrySheet.objects.filter(country__code__in=REGION).count() == 8
    for code in REGION:
        covered = set(
            FocalPointDesignation.objects.active()
            .filter(institution__country__code=code)
            .values_list("need__slug", flat=True)
        )
        assert covered == set(Need.objects.values_list("slug", flat=True)), code
    assert run(demo_reference) == 0 and run(demo) == 0

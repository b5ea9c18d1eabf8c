"""Network fixtures: listed colleagues in given countries, institutions and roles."""

import datetime

import pytest
from django.utils import timezone

CANARY = "Zacarías Canario-Prueba"


@pytest.fixture
def country(db):
    from network.models import Country

    return lambda code: Country.objects.get(code=code)


@pytest.fixture
def need(db):
    from network.models import Need

    return lambda slug: Need.objects.get(slug=slug)


@pytest.fixture
def institution(db, country):
    from network.models import Institution, InstitutionType

    def make(code="PA", name="Ministerio de Relaciones Exteriores", kind=InstitutionType.CENTRAL_AUTHORITY, **kwargs):
        found, _created = Institution.objects.get_or_create(
            country=country(code), name=name, defaults={"institution_type": kind, **kwargs}
        )
        return found

    return make


@pytest.fixture
def listed_member(db, country):
    """A vetted member who consented to be listed: ``listed_member("Ana", "Pérez", code="PA", ...)``."""
    from members.factories import MembershipFactory

    counter = iter(range(10_000))

    def make(first="Ana", last="Pérez", code="PA", **kwargs):
        n = next(counter)
        kwargs.setdefault("user__email", f"listed{n}@example.org")
        return MembershipFactory(
            vetted=True, user__first_name=first, user__last_name=last, country=country(code), **kwargs
        )

    return make


@pytest.fixture
def canary(listed_member, institution):
    """A listed member whose name must never appear to anyone but full members."""
    first, last = CANARY.split(" ")
    return listed_member(first, last, code="PA", institution=institution(), phone="+507 500 0000")


@pytest.fixture
def designate(db, need):
    from network.models import FocalPointDesignation

    def make(membership, slug, **kwargs):
        return FocalPointDesignation.objects.create(
            member=membership.user,
            need=need(slug),
            institution=membership.institution,
            start_date=kwargs.pop("start_date", timezone.localdate() - datetime.timedelta(days=30)),
            **kwargs,
        )

    return make


@pytest.fixture(autouse=True)
def _spanish_by_default():
    """Start each test in the default language (a request in English would otherwise leak into ``reverse``)."""
    from django.utils import translation

    translation.activate("es")
    yield
    translation.activate("es")

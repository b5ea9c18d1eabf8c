"""Full members find colleagues by any word of their name, position, institution or country, every word counting."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

COLLEAGUES = {"Ana Quiñónez", "Luis Batista", "Rosa Pineda"}


@pytest.fixture
def colleagues(db):
    from members.factories import MembershipFactory
    from network.models import Country, Institution

    guatemala = Country.objects.get(code="GT")
    belize = Country.objects.get(code="BZ")
    ministry = Institution.objects.create(name="Ministerio Público", institution_type="prosecution", country=guatemala)
    MembershipFactory(
        vetted=True,
        user__first_name="Ana",
        user__last_name="Quiñónez",
        position="Fiscal de trata",
        institution=ministry,
        country=guatemala,
    )
    MembershipFactory(
        vetted=True,
        user__first_name="Luis",
        user__last_name="Batista",
        position="Enlace INTERPOL",
        proposed_institution="Policía Nacional",
        country=belize,
    )
    MembershipFactory(
        vetted=True,
        user__first_name="Rosa",
        user__last_name="Pineda",
        position="Fiscal",
        country=belize,
        consent_listed=False,
    )


def directory_names(client, query):
    with translation.override("es"):
        response = client.get(reverse("search:search"), {"q": query})
    # Only this test's colleagues: the signed-in member (random position, region country) may match too.
    return [entry.name for entry in response.context["search"].directory_results if entry.name in COLLEAGUES]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("quiñónez", ["Ana Quiñónez"]),  # a surname, any case
        ("interpol", ["Luis Batista"]),  # the position
        ("ministerio", ["Ana Quiñónez"]),  # the institution
        ("policía", ["Luis Batista"]),  # an institution proposed on applying
        ("belice", ["Luis Batista"]),  # the country (Rosa is not listed)
        ("fiscal guatemala", ["Ana Quiñónez"]),  # every word, each in any field
        ("fiscal belice", []),
    ],
)
def test_full_members_find_listed_colleagues_by_every_word(colleagues, member_client, query, names):
    assert directory_names(member_client, query) == names

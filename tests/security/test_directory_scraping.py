"""The directory cannot be scraped past the hourly contact limit: phone and e-mail are only on the contact pages.

A list page of up to 100 members carrying phones and e-mails would hand a stolen account the whole directory
without one recorded contact view. The list shows who is who (name, position, institution, languages, focal
roles); each phone and e-mail costs a recorded, counted opening of the contact page.
"""

import pytest
from django.urls import reverse

from members.factories import MembershipFactory
from network.models import ContactAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed():
    return [
        MembershipFactory(
            vetted=True, consent_listed=True, phone=f"+52 55 5000 {n:04d}", user__email=f"listed{n}@fiscalia.example"
        )
        for n in range(6)
    ]


def contact_data(membership):
    return [membership.phone, membership.user.email]


def test_the_directory_lists_members_without_their_phone_or_email(member_client, listed):
    response = member_client.get(reverse("network:directory"), {"per_page": 100})

    assert response.status_code == 200
    content = response.content.decode()
    for membership in listed:
        assert membership.user.get_full_name() in content
        assert not [data for data in contact_data(membership) if data in content]
    assert "mailto:" not in content and "tel:" not in content


def test_reading_the_whole_directory_yields_only_as_many_contacts_as_the_hourly_limit(member_client, listed, settings):
    settings.DIRECTORY_CONTACT_VIEWS_PER_HOUR = 3
    from network.directory import contact_token

    listing = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()
    harvested = set()
    for membership in listed:
        path = reverse("network:contact", args=[contact_token(membership.user)])
        assert path in listing  # the list leads to each contact page
        response = member_client.get(path)
        if response.status_code == 200:
            harvested.update(data for data in contact_data(membership) if data in response.content.decode())
        else:
            assert response.status_code == 429
            assert not [data for data in contact_data(membership) if data in response.content.decode()]

    assert len(harvested) == 3 * 2  # three members' phone and e-mail, no more
    assert ContactAccess.objects.filter(viewer=member_client.user, kind=ContactAccess.Kind.VIEW).count() == 3


def test_browsing_the_list_costs_nothing_of_the_limit(member_client, listed, settings):
    settings.DIRECTORY_CONTACT_VIEWS_PER_HOUR = 1
    from network.directory import contact_token

    for page_size in (20, 50, 100):
        member_client.get(reverse("network:directory"), {"per_page": page_size})
    assert not ContactAccess.objects.exists()
    response = member_client.get(reverse("network:contact", args=[contact_token(listed[0].user)]))
    assert response.status_code == 200
    assert listed[0].phone in response.content.decode()

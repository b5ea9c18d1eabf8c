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
    """A scraper follows every contact link of the list: it gets three members' details, then refusals."""
    settings.DIRECTORY_CONTACT_VIEWS_PER_HOUR = 3
    from tests.security.crawl import links_on

    listing = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()
    directory = reverse("network:directory")
    contact_pages = sorted(link for link in links_on(listing, "http://testserver/") if link.startswith(directory))
    contact_pages = [link for link in contact_pages if link != directory and "?" not in link]
    assert len(contact_pages) >= len(listed)
    every_contact = {data for membership in listed for data in contact_data(membership)}
    harvested, refused = set(), 0
    for path in contact_pages:
        response = member_client.get(path)
        content = response.content.decode()
        if response.status_code == 429:
            refused += 1
            assert not [data for data in every_contact if data in content]
        else:
            assert response.status_code == 200
            harvested.update(data for data in every_contact if data in content)

    assert len(harvested) == 3 * 2  # three members' phone and e-mail, no more
    assert refused >= len(listed) - 3  # every other colleague's page (one's own page is not counted)
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

"""The directory cannot be scraped past the hourly contact limit, through the list or the contact pages.

The list shows each colleague's official phone and e-mail, as practitioners need; every one shown is recorded like
an opening of the contact page and counts against the same hourly limit. Past it, the list still shows who is who
(name, position, institution, languages, focal roles) without phone and e-mail, and contact pages answer 429.
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


def contacts_in(content, memberships):
    return {membership.pk for membership in memberships if all(data in content for data in contact_data(membership))}


def test_the_list_shows_phone_and_email_of_every_colleague_within_the_hourly_limit(member_client, listed):
    content = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()

    assert contacts_in(content, listed) == {membership.pk for membership in listed}
    assert ContactAccess.objects.filter(viewer=member_client.user, kind=ContactAccess.Kind.LISTED).count() == 6


def test_the_list_shows_no_more_phones_and_emails_than_the_hourly_limit(member_client, listed, settings):
    settings.DIRECTORY_CONTACT_VIEWS_PER_HOUR = 3

    first = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()
    again = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()

    assert len(contacts_in(first, listed)) == 3
    assert "3 colleagues" in first or "3 colegas" in first  # the page says why the others have none
    assert contacts_in(again, listed) == set()
    assert all(membership.user.get_full_name() in again for membership in listed)  # still who is who
    assert ContactAccess.objects.filter(viewer=member_client.user).counted().count() == 3


def test_reading_the_whole_directory_yields_only_as_many_contacts_as_the_hourly_limit(member_client, listed, settings):
    """A scraper reads the list, then follows every contact link: three members' details in all, then refusals."""
    settings.DIRECTORY_CONTACT_VIEWS_PER_HOUR = 3
    from tests.security.crawl import links_on

    listing = member_client.get(reverse("network:directory"), {"per_page": 100}).content.decode()
    directory = reverse("network:directory")
    contact_pages = sorted(link for link in links_on(listing, "http://testserver/") if link.startswith(directory))
    contact_pages = [link for link in contact_pages if link != directory and "?" not in link]
    assert len(contact_pages) >= len(listed)
    every_contact = {data for membership in listed for data in contact_data(membership)}
    harvested = {data for data in every_contact if data in listing}
    refused = 0
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
    assert refused >= len(listed)  # the list used the hour's three: every colleague's page is refused

"""Wagtail's page privacy means full members: "Private, accessible to logged-in users" lets in vetted members whose
session passed MFA, "…to users in specific groups" only those of them in a group; applicants and vetted members
without MFA stay out whatever their groups, and such pages never show in listings, search, feeds or the sitemap to
those who may not open them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from events.factories import EventIndexPageFactory, EventPageFactory
from practices.factories import CaseStudyPageFactory
from tests.security.audiences import audiences

pytestmark = pytest.mark.django_db

CANARY = "Qzprivcanary"
FULL_MEMBERS = {"member", "participant", "editor"}


def restrict(page, kind, *groups):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


def who_opens(clients, url):
    """The audiences that got the page itself (200 with its canary), not a sign-in, MFA, review or 403 answer."""
    opened = set()
    for name, client in clients.items():
        response = client.get(url)
        if response.status_code == 200 and CANARY in response.content.decode():
            opened.add(name)
        else:
            assert CANARY not in response.content.decode()
    return opened


def who_sees_in(clients, url, **params):
    return {name for name, client in clients.items() if CANARY in client.get(url, params).content.decode()}


@pytest.fixture
def event(home_pages):
    index = EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
    return EventPageFactory(parent=index, title=f"Curso {CANARY}", slug="curso-privado")


@pytest.fixture
def clients(sign_in, event):
    """The audiences of ``tests.security.audiences``, and a participant whose vetting lapsed by date, nothing saved
    since: still in the participants group, which is all Wagtail's group privacy looks at."""
    from django.test import Client

    from events.participants import register
    from members.factories import MembershipFactory
    from members.models import Membership

    clients = audiences(sign_in, event)
    lapsed = MembershipFactory(vetted=True, user__email="lapsed@example.org", user__totp_secret=True)
    register(event, lapsed.user)
    clients["lapsed participant"] = sign_in(Client(), lapsed.user, lapsed.user.totp_secret)
    Membership.objects.filter(pk=lapsed.pk).update(vetted_until=datetime.date.today() - datetime.timedelta(days=1))
    assert lapsed.user.groups.filter(pk=event.participants_group_id).exists()
    return clients


@pytest.fixture
def item(library):
    return CaseStudyPageFactory(
        parent=library["es"], title=f"Caso {CANARY} de trata", slug="caso-privado", summary=f"Trata {CANARY}"
    )


def test_logged_in_privacy_on_a_public_library_item_admits_full_members_only(item, clients):
    restrict(item, PageViewRestriction.LOGIN)
    assert who_opens(clients, item.url) == FULL_MEMBERS


def test_logged_in_privacy_on_a_section_admits_full_members_only_to_it_and_below(event, clients):
    index = event.get_parent()
    index.title = f"Eventos {CANARY}"
    index.save_revision().publish()
    restrict(index, PageViewRestriction.LOGIN)
    assert who_opens(clients, index.url) == FULL_MEMBERS
    assert who_opens(clients, event.url) == FULL_MEMBERS


def test_group_privacy_admits_full_members_of_the_group_only(event, clients):
    restrict(event, PageViewRestriction.GROUPS, event.participants_group)
    assert who_opens(clients, event.url) == {"participant"}


def test_the_page_privacy_refusal_says_why(event, clients):
    restrict(event, PageViewRestriction.LOGIN)
    assert "/accounts/login/" in clients["anonymous"].get(event.url).url
    assert clients["applicant"].get(event.url).url == reverse("members:under_review")


def test_a_private_item_is_listed_and_found_by_full_members_only(item, library, clients):
    restrict(item, PageViewRestriction.LOGIN)
    assert who_sees_in(clients, library["es"].url) == FULL_MEMBERS
    with translation.override("es"):
        search = reverse("search:search")
    assert who_sees_in(clients, search, q="trata") == FULL_MEMBERS


def test_a_private_item_is_never_in_the_feeds_nor_the_sitemap(item, clients):
    restrict(item, PageViewRestriction.LOGIN)
    for url in ("/es/practices/feed/rss/", "/es/practices/feed/atom/", "/sitemap.xml"):
        assert who_sees_in(clients, url) == set(), url


def test_a_group_private_event_is_listed_for_its_group_only(event, clients):
    restrict(event, PageViewRestriction.GROUPS, event.participants_group)
    assert who_sees_in(clients, event.get_parent().url) == {"participant"}
    assert who_sees_in(clients, "/es/events/calendar.ics") == set()


def test_private_pages_cost_the_library_listing_no_extra_query(library, clients):
    member = clients["member"]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert member.get(library["es"].url).status_code == 200
        return len(captured)

    for number in range(3):
        CaseStudyPageFactory(parent=library["es"], slug=f"caso-{number}", title=f"Caso {number}")
    queries()  # warms what a first request loads once (content types, the session)
    before = queries()
    for page in library["es"].get_children():
        restrict(page, PageViewRestriction.LOGIN)
    queries()  # the restrictions changed content: cached fragments are computed again once
    assert queries() == before

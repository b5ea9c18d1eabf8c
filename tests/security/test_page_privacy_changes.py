"""Listings read Wagtail's page privacy from a cached list (members.access.page_restrictions): every change to a
setting, its groups or a page's place in the tree applies to the very next listing."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from practices.factories import CaseStudyPageFactory, LibraryIndexPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Entrega vigilada Qzmovedcanary"


def listed(client, library_index):
    return TITLE in client.get(library_index.url).content.decode()


@pytest.fixture
def item(library):
    return CaseStudyPageFactory(parent=library["es"], title=TITLE, slug="entrega-movida")


def found(client, word="Qzmovedcanary"):
    with translation.override("es"):
        url = reverse("search:search")
    return [result.page.title for result in client.get(url, {"q": word}).context["search"].page.object_list] == [TITLE]


def test_a_page_moved_into_a_private_section_leaves_search_at_once(item, library, home_pages, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    private_library = LibraryIndexPageFactory(parent=home_pages["es"], title="Reservada", slug="reservada")
    PageViewRestriction.objects.create(page=private_library, restriction_type=PageViewRestriction.LOGIN)
    assert found(Client())

    item.move(private_library, pos="last-child")

    assert not found(Client())


def test_a_private_section_moved_elsewhere_keeps_its_pages_private(item, library, home_pages, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0
    private_library = LibraryIndexPageFactory(parent=home_pages["es"], title="Reservada", slug="reservada")
    PageViewRestriction.objects.create(page=private_library, restriction_type=PageViewRestriction.LOGIN)
    item.move(private_library, pos="last-child")
    assert not found(Client())

    private_library.move(home_pages["en"], pos="last-child")  # every path below it changes

    assert not found(Client())


def test_groups_given_to_a_restriction_apply_at_once(item, library, member_client, vetted_member):
    group = Group.objects.create(name="Grupo de trabajo")
    vetted_member.user.groups.add(group)
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.GROUPS)
    assert not listed(member_client, library["es"])

    restriction.groups.add(group)

    assert listed(member_client, library["es"])
    restriction.delete()
    assert listed(Client(), library["es"])


def test_a_site_without_privacy_settings_lists_pages_without_a_privacy_subquery(item, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Client().get(library["es"].url)
    with CaptureQueriesContext(connection) as queries:
        assert listed(Client(), library["es"])

    assert not any("pageviewrestriction" in query["sql"] for query in queries)

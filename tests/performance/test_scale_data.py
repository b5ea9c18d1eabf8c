"""``seed_demo --members N --practices N``: fictional data at scale, written in bulk, valid, idempotent."""

import io

from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from members.models import Membership
from practices.models import LibraryItemPage


def seed(**counts):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **counts)
    return out.getvalue()


def test_scale_data_is_created_once_and_the_page_tree_stays_valid(db):
    seed()  # the demo itself, so what follows counts only the scale data
    before = Membership.objects.count()
    first = seed(members=40, practices=25)
    items = LibraryItemPage.objects.filter(slug__startswith="scale-practice-")
    members = Membership.objects.all()

    assert (items.count(), members.count() - before) == (25, 40), first
    assert "25/25 library items (100%)" in first
    assert all(len(problems) == 0 for problems in Page.find_problems())

    seed(members=40, practices=25)
    assert (items.count(), members.count() - before) == (25, 40)

    seed(members=40, practices=30)
    assert items.count() == 30


def test_scale_data_mixes_visibility_levels_and_uses_every_term(db):
    from practices.models import Theme

    seed(practices=60)
    items = LibraryItemPage.objects.filter(slug__startswith="scale-practice-")

    assert set(items.values_list("visibility", flat=True)) == {"public", "members", "groups"}
    assert set(items.values_list("locale__language_code", flat=True)) == {"es", "en"}
    assert Theme.objects.exclude(library_items__in=items).count() == 0


def test_public_scale_items_render_and_are_in_the_search_index(db):
    from wagtail.search.models import IndexEntry

    seed(practices=20)
    item = LibraryItemPage.objects.filter(slug__startswith="scale-practice-", visibility="public").first()

    page = Client().get(item.url)

    assert page.status_code == 200
    assert item.title in page.content.decode()
    assert IndexEntry.objects.filter(object_id=str(item.pk)).exists()


def test_scale_events_are_created_once_and_render(db):
    from events.models import EventPage

    seed(events=12)
    seed(events=12)
    events = EventPage.objects.filter(slug__startswith="scale-event-")
    public = events.filter(visibility="public").first()

    assert events.count() == 12
    assert all(len(problems) == 0 for problems in Page.find_problems())
    assert Client().get(public.url).status_code == 200

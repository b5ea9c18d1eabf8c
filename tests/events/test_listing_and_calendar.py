"""The events listing (upcoming and past, shareable filters, constant queries) and the iCalendar outputs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events.factories import EventPageFactory
from network.models import Country

pytestmark = pytest.mark.django_db


def test_listing_separates_upcoming_from_past_events(client, past_event, upcoming_event, event_indexes):
    response = client.get(event_indexes["es"].url)
    text = response.text
    upcoming, past = text.split('id="past-title"')
    assert upcoming_event.title in upcoming
    assert past_event.title in past


def test_events_link_in_the_navigation_reaches_the_listing_of_the_language(client, event_indexes):
    response = client.get(reverse("events:index"))
    assert response.status_code == 302
    assert response.url == event_indexes["es"].url


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?country=GT", "Taller en Guatemala", "Segundo Curso"),
        ("?kind=workshop", "Taller en Guatemala", "Segundo Curso"),
        ("?year=2019", "Taller en Guatemala", "Segundo Curso"),
    ],
)
def test_filters_are_shareable_links(client, past_event, event_indexes, query, shown, hidden):
    EventPageFactory(
        parent=event_indexes["es"],
        title="Taller en Guatemala",
        kind="workshop",
        city="Ciudad de Guatemala",
        country=Country.objects.get(code="GT"),
        start_date=datetime.date(2019, 5, 6),
        end_date=datetime.date(2019, 5, 7),
    )
    text = client.get(event_indexes["es"].url + query).text
    assert shown in text
    assert hidden not in text


def test_members_only_events_are_not_listed_for_anonymous_visitors(client, event_indexes):
    EventPageFactory(parent=event_indexes["es"], title="Reunión cerrada", visibility="members")
    assert "Reunión cerrada" not in client.get(event_indexes["es"].url).text


def test_members_only_events_are_listed_for_members(member_client, event_indexes):
    EventPageFactory(parent=event_indexes["es"], title="Reunión cerrada", visibility="members")
    assert "Reunión cerrada" in member_client.get(event_indexes["es"].url).text


def test_listing_query_count_does_not_grow_with_events(client, event_indexes, django_assert_max_num_queries, settings):
    settings.ENLACE_PAGE_CACHE_SECONDS = 0  # measure the rendering, not the anonymous page cache

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(event_indexes["es"].url).status_code == 200
        return len(captured)

    EventPageFactory(parent=event_indexes["es"])
    soon = timezone.localdate() + datetime.timedelta(days=5)
    EventPageFactory(parent=event_indexes["es"], title="Próximo", start_date=soon, end_date=soon)
    count_queries()  # the first request of the process also loads the site root paths
    few = count_queries()
    for number in range(8):
        EventPageFactory(parent=event_indexes["es"], title=f"Curso {number}", slug=f"curso-{number}")
        start = timezone.localdate() + datetime.timedelta(days=10 + number)
        EventPageFactory(parent=event_indexes["es"], title=f"Futuro {number}", start_date=start, end_date=start)
    many = count_queries()
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(event_indexes["es"].url + "?kind=course")


def test_calendar_feed_parses_back_with_public_events_only(client, past_event, upcoming_event, event_indexes):
    EventPageFactory(parent=event_indexes["es"], title="Reunión cerrada", visibility="members")
    response = client.get(reverse("events:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    assert summaries == {past_event.title, upcoming_event.title}
    entry = next(c for c in calendar.walk("VEVENT") if str(c["summary"]) == past_event.title)
    assert entry.decoded("dtstart") == past_event.start_date
    assert entry.decoded("dtend") == past_event.end_date + datetime.timedelta(days=1)
    assert "San José" in str(entry["location"])


def test_one_event_downloads_as_ics(client, past_event):
    response = client.get(reverse("events:event_calendar", args=[past_event.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [past_event.title]


def test_a_members_only_event_ics_is_refused_to_anonymous_visitors(client, event_indexes):
    event = EventPageFactory(parent=event_indexes["es"], title="Reunión cerrada", visibility="members")
    response = client.get(reverse("events:event_calendar", args=[event.pk]))
    assert response.status_code == 302


def test_the_sitemap_lists_public_events_only_whoever_asks(member_client, past_event, event_indexes):
    from django.test import Client

    EventPageFactory(parent=event_indexes["es"], title="Reunión cerrada", slug="reunion-cerrada", visibility="members")
    EventPageFactory(parent=event_indexes["es"], title="Taller de grupo", slug="taller-de-grupo", visibility="groups")
    for reader in (Client(), member_client):  # an anonymous crawler, then a full member
        sitemap = reader.get("/sitemap.xml").text
        assert "segundo-curso" in sitemap
        assert "reunion-cerrada" not in sitemap
        assert "taller-de-grupo" not in sitemap

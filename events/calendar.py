"""iCalendar (RFC 5545) output of events, built with the ``icalendar`` library (pinned in requirements.txt).

The feed holds public events only, whoever asks, because calendar clients fetch it anonymously and it is cacheable;
one event's ``.ics`` is offered to whoever may see that event.
"""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Enlace//Events//ES"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(name))
    return calendar


def vevent(event, request=None):
    """One event as a VEVENT: all-day dates (DTEND is exclusive, hence the day after the last one)."""
    entry = Event()
    entry.add("uid", f"event-{event.translation_key}@enlace")
    entry.add("summary", event.title)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + datetime.timedelta(days=1))
    entry.add("dtstamp", event.last_published_at or timezone.now())
    place = event.place
    if event.online:
        place = ", ".join(part for part in [place, "Online"] if part)
    if place:
        entry.add("location", place)
    description = event.summary or strip_tags(event.description)
    if description:
        entry.add("description", description)
    url = event.get_full_url(request) if request is not None else None
    if url:
        entry.add("url", url)
    entry.add("categories", [event.kind])
    return entry


def calendar_bytes(events, name, request=None):
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(vevent(event, request))
    return calendar.to_ical()

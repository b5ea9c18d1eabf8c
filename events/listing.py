"""The events listing: upcoming and past events of one language tree, filtered by country, kind and year.

Filters are GET parameters (``?country=CR&kind=course&year=2025``) so a filtered list can be shared as a link.
The number of queries does not grow with the number of events (the tests assert it).
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from events.models import EventKind, EventPage
from members.access import visible
from network.models import Country

PAST_PER_PAGE = 20


class EventListing:
    """What the events index shows for one request: the filters, the upcoming events and a page of past ones."""

    def __init__(self, request, index_page):
        self.request = request
        self.index_page = index_page
        self.today = timezone.localdate()
        self.country = request.GET.get("country", "").upper()[:2]
        self.kind = request.GET.get("kind", "") if request.GET.get("kind", "") in EventKind.values else ""
        year = request.GET.get("year", "")
        self.year = int(year) if year.isdigit() and len(year) == 4 else None

    @cached_property
    def visible_events(self):
        """Live events of this tree the request may see, before the reader's filters."""
        events = EventPage.objects.live().child_of(self.index_page)
        return visible(self.request, events)

    @cached_property
    def filtered(self):
        events = self.visible_events
        if self.country:
            events = events.filter(country__code=self.country)
        if self.kind:
            events = events.filter(kind=self.kind)
        if self.year:
            events = events.filter(start_date__year=self.year)
        return events.select_related("country")

    @cached_property
    def upcoming(self):
        return list(self.filtered.filter(end_date__gte=self.today).order_by("start_date", "pk"))

    @cached_property
    def past(self):
        events = self.filtered.filter(end_date__lt=self.today).order_by("-start_date", "-pk")
        return Paginator(events, PAST_PER_PAGE).get_page(self.request.GET.get("page"))

    def url_with(self, **changes):
        params = {"country": self.country, "kind": self.kind, "year": self.year or ""}
        params.update(changes)
        query = urlencode({key: value for key, value in params.items() if value})
        return "?" + query if query else self.request.path

    @property
    def past_previous_url(self):
        return self.url_with(page=self.past.previous_page_number()) if self.past.has_previous() else ""

    @property
    def past_next_url(self):
        return self.url_with(page=self.past.next_page_number()) if self.past.has_next() else ""

    @cached_property
    def country_options(self):
        codes = set(self.visible_events.exclude(country=None).values_list("country__code", flat=True))
        countries = Country.objects.filter(code__in=codes)
        return [(country.code, country.name, country.code == self.country) for country in countries]

    @property
    def kind_options(self):
        return [(value, label, value == self.kind) for value, label in EventKind.choices]

    @cached_property
    def year_options(self):
        years = sorted({day.year for day in self.visible_events.dates("start_date", "year")}, reverse=True)
        return [(year, year == self.year) for year in years]

    @property
    def active(self):
        return bool(self.country or self.kind or self.year)

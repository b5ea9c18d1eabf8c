"""A small but complete site for the cross-cutting performance tests: one of every page type, grown on demand.

Page types are discovered, not listed: every creatable Wagtail page model must be buildable here (library kinds,
present and future, are built generically as subclasses of ``LibraryItemPage``), so a new page type cannot ship
without its weight and query counts being measured. Views outside the page tree that readers land on (countries,
finder, directory, search) are named in :data:`VIEWS`.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Page, get_page_models

BODY = [
    {
        "type": "paragraph",
        "value": "<p>La fiscalía coordinó con la policía y la autoridad central una solicitud de asistencia "
        "jurídica mutua; la entrega vigilada permitió identificar la red y proteger a las víctimas.</p>" * 4,
    },
    {"type": "heading", "value": "Lecciones aprendidas"},
]
counter = itertools.count(1)


@dataclass
class Site:
    """The pages built so far, by page model label, and the parents new items go under."""

    home_pages: dict
    pages: dict = field(default_factory=dict)
    parents: dict = field(default_factory=dict)

    def url(self, label):
        return self.pages[label][0].url


def library_item_models():
    from practices.models import LibraryItemPage

    return [m for m in get_page_models() if issubclass(m, LibraryItemPage) and m.is_creatable]


def creatable_page_labels():
    return {m._meta.label for m in get_page_models() if m.is_creatable and m is not Page}


def add_library_item(site, model, visibility="public"):
    """Any kind of library item, with every taxonomy set, published."""
    from network.models import Country
    from practices.models import CrimeType, ExploitationForm, Technique, Theme

    n = next(counter)
    item = model(
        title=f"Cooperación transfronteriza {n}: {model._meta.model_name}",
        slug=f"perf-{model._meta.model_name}-{n}",
        summary="Un caso ficticio de cooperación entre fiscalías de la región.",
        body=BODY,
        year=2020 + n % 5,
        visibility=visibility,
    )
    site.parents["library"].add_child(instance=item)
    item.countries.set(Country.objects.filter(in_region=True)[:3])
    item.crime_types.set(CrimeType.objects.all()[:2])
    item.exploitation_forms.set(ExploitationForm.objects.all()[:2])
    item.techniques.set(Technique.objects.all()[:3])
    item.themes.set(Theme.objects.all()[:3])
    item.save_revision().publish()
    site.pages.setdefault(model._meta.label, []).append(item)
    return item


def add_event(site):
    from events.factories import EventPageFactory

    n = next(counter)
    event = EventPageFactory(parent=site.parents["events"], title=f"Curso regional {n}", slug=f"perf-curso-{n}")
    site.pages.setdefault("events.EventPage", []).append(event)
    return event


def add_listed_member(site):
    """A vetted, listed member in Panama, focal point for MLA requests at the central authority."""
    from members.factories import MembershipFactory
    from network.models import Country, FocalPointDesignation, Institution, InstitutionType, Need

    n = next(counter)
    panama = Country.objects.get(code="PA")
    institution, _created = Institution.objects.get_or_create(
        country=panama,
        name="Ministerio Público de Panamá",
        defaults={"institution_type": InstitutionType.PROSECUTION, "acronym": "MP"},
    )
    membership = MembershipFactory(
        vetted=True,
        user__email=f"perf-member-{n}@example.org",
        country=panama,
        institution=institution,
        specializations=["trafficking", "mla_extradition"],
        languages=["es", "en"],
    )
    FocalPointDesignation.objects.create(
        member=membership.user,
        need=Need.objects.get(slug="mla-request"),
        institution=institution,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    return membership


def build_site(home_pages):
    """One of every page type (public), under the Spanish home page."""
    from practices.factories import LibraryIndexPageFactory

    site = Site(home_pages=home_pages)
    site.pages["home.HomePage"] = [home_pages["es"]]
    library = LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")
    site.parents["library"] = library
    site.pages["practices.LibraryIndexPage"] = [library]
    if apps.is_installed("events"):
        from events.factories import EventIndexPageFactory

        events = EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
        site.parents["events"] = events
        site.pages["events.EventIndexPage"] = [events]
    grow(site, 1)
    return site


def grow(site, n):
    """Add ``n`` more items of every repeatable kind: library items, events, listed members."""
    for _ in range(n):
        for model in library_item_models():
            add_library_item(site, model)
        if "events" in site.parents:
            add_event(site)
        add_listed_member(site)


@dataclass
class View:
    """A page outside the page tree: a named URL, its arguments and query, and whether members are needed."""

    name: str
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    members_only: bool = False

    def url(self):
        with override("es"):
            return reverse(self.name, kwargs=self.kwargs) + (f"?{self.query}" if self.query else "")


VIEWS = {
    "countries": View("network:countries"),
    "country": View("network:country", {"code": "PA"}),
    "finder": View("network:finder", query="country=PA&need=mla-request&language=es"),
    "directory": View("network:directory", query="country=PA&specialization=trafficking", members_only=True),
    "search": View("search:search", query="q=cooperación&country=MX&crime_type=trafficking_in_persons"),
}


def page_urls(site):
    """``{label: url}`` for every page type built and every view, the way readers reach them."""
    urls = {label: pages[0].url for label, pages in site.pages.items()}
    urls.update({name: view.url() for name, view in VIEWS.items()})
    return urls

"""Factories for events, participants and contributions, used by the tests and by ``seed_demo``.

``EventPageFactory(parent=index, start_date=…, end_date=…)`` creates and publishes an event;
``EventParticipantFactory(event=event, user=user)`` registers someone (and so adds them to the event's group).
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from events.models import (
    Contribution,
    EventIndexPage,
    EventKind,
    EventMaterial,
    EventPage,
    EventParticipant,
    MaterialVisibility,
)
from members.access import Visibility
from members.factories import UserFactory
from network.models import Country
from practices.factories import LibraryItemPageFactory


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    """A published public course that ended a month ago, in Costa Rica, unless told otherwise."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Regional course {n} on international cooperation")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title)[:80])
    kind = EventKind.COURSE
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=33))
    end_date = factory.LazyAttribute(lambda obj: obj.start_date + datetime.timedelta(days=3))
    city = "San José"
    country = factory.LazyFunction(lambda: Country.objects.get(code="CR"))
    summary = "Three days on mutual legal assistance and joint investigations."
    visibility = Visibility.PUBLIC

    # Publish a revision (or, with ``publish=False``, save a draft one), exactly as library items are.
    publish = LibraryItemPageFactory.publish


class EventMaterialFactory(DjangoModelFactory):
    class Meta:
        model = EventMaterial

    page = factory.SubFactory(EventPageFactory)
    document = factory.SubFactory(wagtail_factories.DocumentFactory)
    title = factory.Sequence(lambda n: f"Material {n}")
    visibility = MaterialVisibility.PARTICIPANTS


class EventParticipantFactory(DjangoModelFactory):
    class Meta:
        model = EventParticipant
        django_get_or_create = ("event", "user")

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = Contribution
        django_get_or_create = ("event", "author")

    event = factory.SubFactory(EventPageFactory)
    author = factory.SubFactory(UserFactory)
    title = "What I will take home"
    will_apply = "Send a draft request to the central authority before the formal one."
    cooperation_challenges = "Requests translated late; no single contact point in each country."

"""Events at scale, for benchmarks: ``seed_demo --events N``, fictional, written in bulk, idempotent.

Courses, meetings, workshops and webinars spread over 2018–2027 (so the index has past and upcoming events) in
every country of the region, in both language trees, mostly public (70 %), some for members (25 %) or a working
group (5 %), each with a programme of sessions and its participants group (as :mod:`events.participants` names
it). Pages are written with the library's bulk writer (:func:`practices.scale.bulk_create_pages`) and indexed for
search in the same transaction by its bulk index writer (:func:`practices.scale.index_for_search`). Event *n* has
the slug ``scale-event-0000n``; a second run with the same count creates nothing.
"""

import datetime
import random
import uuid

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from faker import Faker
from wagtail.models import Locale

from events.models import EventIndexPage, EventKind, EventPage
from events.participants import participants_group_name
from members.access import Visibility
from network.models import Country
from practices.scale import NAMESPACE, SCALE_GROUP, TextBank, bulk_create_pages, index_for_search, refresh_title_norms

SLUG = "scale-event-{:05d}"
SLUG_PREFIX = "scale-event-"
CHUNK = 1000
TITLES = {
    "es": ["Curso regional sobre {topic}", "Reunión de puntos focales: {topic}", "Taller práctico de {topic}"],
    "en": ["Regional course on {topic}", "Focal points meeting: {topic}", "Hands-on workshop on {topic}"],
}
TOPICS = {
    "es": ["asistencia jurídica mutua", "entregas vigiladas", "investigación financiera", "evidencia digital"],
    "en": ["mutual legal assistance", "controlled deliveries", "financial investigation", "digital evidence"],
}


def event_indexes():
    """The events index of each language tree (the events demo creates them; created here if missing)."""
    from home.models import HomePage

    indexes = {}
    for language, title, slug in (("es", "Eventos", "eventos"), ("en", "Events", "events")):
        index = EventIndexPage.objects.filter(locale__language_code=language).first()
        if index is None:
            home = HomePage.objects.get(locale__language_code=language)
            index = home.add_child(instance=EventIndexPage(title=title, slug=slug))
            index.save_revision().publish()
        indexes[language] = index
    return indexes


def build_event(n, banks, fakers, countries, locales, now):
    rng = random.Random(f"event-{n}")
    language = "es" if n % 5 < 3 else "en"
    start = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randint(0, 10 * 365))
    roll = rng.random()
    visibility = Visibility.PUBLIC if roll < 0.7 else Visibility.MEMBERS if roll < 0.95 else Visibility.GROUPS
    title = rng.choice(TITLES[language]).format(topic=rng.choice(TOPICS[language]))
    sessions = [
        {
            "type": "session",
            "value": {
                "day": (start + datetime.timedelta(days=day)).isoformat(),
                "start_time": "09:00:00",
                "end_time": "12:30:00",
                "title": banks[language].paragraph(rng, (1, 1))[:200],
                "speakers": "",
                "description": banks[language].paragraph(rng, (1, 2)),
            },
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
        for day in range(rng.randint(1, 3))
    ]
    return EventPage(
        title=f"{title} ({n})",
        slug=SLUG.format(n),
        locale_id=locales[language],
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        translation_key=uuid.uuid5(NAMESPACE, SLUG.format(n)),
        kind=EventKind.values[n % len(EventKind.values)],
        start_date=start,
        end_date=start + datetime.timedelta(days=len(sessions) - 1),
        city=fakers[language].city(),
        country_id=countries[n % len(countries)],
        summary=banks[language].paragraph(rng, (1, 2)),
        description=f"<p>{banks[language].paragraph(rng, (3, 5))}</p>",
        programme=sessions,
        visibility=visibility,
    )


def seed(report, count):
    """Make sure events 1…``count`` exist (creating only the missing ones), reporting progress."""
    indexes = event_indexes()
    existing = set(EventPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    missing = [n for n in range(1, count + 1) if SLUG.format(n) not in existing]
    if not missing:
        return
    all_countries = list(Country.objects.all())
    countries = [c.pk for c in all_countries if c.in_region] or [c.pk for c in all_countries]
    banks = {language: TextBank(language, all_countries, size=1000) for language in ("es", "en")}
    fakers = {"es": Faker(["es_MX", "es_ES"]), "en": Faker("en_US")}
    locale_objects = {locale.pk: locale for locale in Locale.objects.all()}
    locales = {locale.language_code: pk for pk, locale in locale_objects.items()}
    group, _created = Group.objects.get_or_create(name=SCALE_GROUP)
    now = timezone.now()
    done = 0
    for start in range(0, len(missing), CHUNK):
        events = [build_event(n, banks, fakers, countries, locales, now) for n in missing[start : start + CHUNK]]
        with transaction.atomic():
            for language in ("es", "en"):
                bulk_create_pages(indexes[language], [e for e in events if e.locale_id == locales[language]])
            groups = Group.objects.bulk_create([Group(name=participants_group_name(event)) for event in events])
            for event, participants in zip(events, groups, strict=True):
                event.participants_group_id = participants.pk
            EventPage.objects.bulk_update(events, ["participants_group"], batch_size=500)
            through = EventPage._meta.get_field("restricted_to_groups").remote_field.through
            through.objects.bulk_create(
                [through(eventpage_id=e.pk, group_id=group.pk) for e in events if e.visibility == Visibility.GROUPS]
            )
            for event in events:
                event.locale = locale_objects[event.locale_id]  # read by the indexer, kept in memory
            index_for_search(EventPage, events)  # the library's bulk index writer, in the same transaction
        done += len(events)
        report.progress(done, len(missing), "events")
    refresh_title_norms(EventPage)
    report.add(len(missing), "events (scale)")

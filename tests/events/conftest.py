"""Events fixtures: both language trees with an events index, a past and an upcoming event.

The library indexes (``libraries``, also called ``library``) come from tests/conftest.py.
"""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def event_indexes(home_pages):
    from wagtail.models import Locale

    from events.factories import EventIndexPageFactory

    spanish = EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
    english = spanish.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "Events", "events"
    english.save_revision().publish()
    return {"es": spanish, "en": english}


@pytest.fixture
def past_event(event_indexes):
    from events.factories import EventPageFactory

    return EventPageFactory(
        parent=event_indexes["es"],
        title="Segundo Curso Regional sobre Cooperación Penal Internacional",
        slug="segundo-curso",
    )


@pytest.fixture
def upcoming_event(event_indexes):
    from events.factories import EventPageFactory

    start = timezone.localdate() + datetime.timedelta(days=20)
    return EventPageFactory(
        parent=event_indexes["es"],
        title="Reunión de directores de capacitación",
        slug="reunion-directores",
        kind="meeting",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
    )


@pytest.fixture
def participant_client(member_client, past_event):
    """The full member of ``member_client``, registered as a participant of ``past_event``."""
    from events.participants import register

    register(past_event, member_client.user)
    return member_client


@pytest.fixture
def editor(db):
    """A full member with the Editor role (not signed in; see ``second_editor_client``)."""
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    user = MembershipFactory(vetted=True, user__email="events-editor@example.org", user__totp_secret=True).user
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def second_editor_client(editor, sign_in):
    """The editor signed in on a client of their own, so a test can act as a participant and an editor."""
    from django.test import Client

    return sign_in(Client(), editor, editor.totp_secret)

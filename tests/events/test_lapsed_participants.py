"""A participant whose vetting lapses by date (nothing saved) leaves the participants group when the daily
``expire_memberships`` runs, and in the meantime no group privacy or participants-only material lets them in."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from events.factories import EventMaterialFactory
from events.participants import register
from members.factories import MembershipFactory
from members.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def lapsed(past_event, sign_in):
    membership = MembershipFactory(vetted=True, user__email="lapsed@example.org", user__totp_secret=True)
    register(past_event, membership.user)
    client = sign_in(Client(), membership.user, membership.user.totp_secret)
    Membership.objects.filter(pk=membership.pk).update(vetted_until=datetime.date.today() - datetime.timedelta(days=1))
    return membership.user, client


def in_group(user, event):
    return user.groups.filter(pk=event.participants_group_id).exists()


def test_the_expiry_command_takes_a_lapsed_participant_out_of_the_group(past_event, lapsed):
    user, _client = lapsed
    assert in_group(user, past_event), "nothing saved since the lapse"
    call_command("expire_memberships")
    assert not in_group(user, past_event)
    assert past_event.is_participant(user), "still on the list, back in the group once vetted again"


def test_before_the_command_runs_a_lapsed_participant_is_already_kept_out(past_event, lapsed):
    user, client = lapsed
    material = EventMaterialFactory(page=past_event, visibility="groups")
    restriction = PageViewRestriction.objects.create(page=past_event, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(past_event.participants_group)
    assert in_group(user, past_event)
    assert client.get(past_event.url).status_code != 200
    assert client.get(material.document.url).status_code != 200

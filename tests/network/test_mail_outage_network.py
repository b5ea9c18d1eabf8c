"""A scraper stopped during a mail server outage is still stopped: 429, recorded, and the administrators told later.

The notice to the administrators goes through the members' outbox (``members.OutgoingEmail``), as in
tests/members/test_mail_outage.py: a real SMTP backend on a closed port, then the server back and the periodic retry.
"""

import logging

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from members.models import OutgoingEmail
from network.directory import contact_token
from network.models import ContactAccess
from tests import mail_outage as outage

pytestmark = pytest.mark.django_db


@pytest.fixture
def over_the_limit(member_client, canary, django_user_model):
    """The member's three allowed looks this hour are used up; an administrator is there to be told."""
    django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 16)
    detail = reverse("network:contact", args=[contact_token(canary.user)])
    with override_settings(DIRECTORY_CONTACT_VIEWS_PER_HOUR=3):
        for _ in range(3):
            assert member_client.get(detail).status_code == 200
        yield detail


def test_past_the_limit_during_an_outage_the_member_is_refused_and_the_notice_waits(
    member_client, over_the_limit, mail_server_down, caplog
):
    caplog.set_level(logging.WARNING, logger="members.emails")

    refused = member_client.get(over_the_limit)
    again = member_client.get(over_the_limit)

    assert (refused.status_code, again.status_code) == (429, 429)
    assert "+507 500 0000" not in refused.content.decode()
    assert ContactAccess.objects.filter(kind=ContactAccess.Kind.REFUSED).count() == 2
    waiting = OutgoingEmail.objects.get()  # one notice an hour, even while it cannot be sent
    assert (waiting.status, waiting.attempts, waiting.to) == ("pending", 1, "admin@example.org")
    assert "ConnectionRefusedError" in waiting.error
    assert outage.no_address_logged(caplog, "admin@example.org", member_client.user.email)

    outage.server_is_back(mail_server_down)
    outage.retry()

    assert [message.to for message in mail.outbox] == [["admin@example.org"]]
    assert member_client.user.email in mail.outbox[0].subject
    assert "?viewer_email=" in mail.outbox[0].body
    assert OutgoingEmail.objects.get().status == "sent"


def test_with_the_server_up_the_notice_arrives_at_once_in_the_sites_language(member_client, over_the_limit):
    assert member_client.get(over_the_limit).status_code == 429

    assert [message.to for message in mail.outbox] == [["admin@example.org"]]
    assert mail.outbox[0].subject.startswith("Directorio:")  # the site's default language (Spanish), as before
    delivered = OutgoingEmail.objects.get()
    assert (delivered.status, delivered.language, delivered.body) == ("sent", "es", "")

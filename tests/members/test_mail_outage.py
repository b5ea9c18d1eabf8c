"""The mail server is down: what people do still succeeds, nothing is half-saved, and every e-mail goes out later.

A real SMTP backend points at a closed port on 127.0.0.1 (connection refused at once, as when the relay is down).
The actions that write to members (vetting decisions, invitations, re-validation reminders) succeed; the e-mail
waits in ``members.OutgoingEmail``; the failure is logged without the address; ``send_pending_emails`` (cron)
delivers it once the server is back, and gives up loudly after the last attempt.
"""

import datetime
import logging
import re
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from members.emails import MAX_ATTEMPTS
from members.factories import MembershipFactory
from members.models import Invitation, Membership, MembershipStatus, OutgoingEmail
from tests.mail_outage import LATER, no_address_logged, retry, server_is_back

pytestmark = pytest.mark.django_db


def test_a_vetting_decision_is_recorded_and_the_member_is_told_once_the_server_is_back(
    vetter_client, mail_server_down, caplog
):
    applicant = MembershipFactory(language="en")
    caplog.set_level(logging.WARNING, logger="members.emails")

    response = vetter_client.post(reverse("vetting:decide", args=[applicant.pk]), {"decision": "approve"})

    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.VETTED
    assert applicant.decisions.get().action == "approve"
    waiting = OutgoingEmail.objects.get()
    assert (waiting.status, waiting.attempts, waiting.to) == ("pending", 1, applicant.user.email)
    assert "ConnectionRefusedError" in waiting.error
    assert any("members/email/approved" in record.getMessage() for record in caplog.records)
    assert no_address_logged(caplog, applicant.user.email)

    call_command("send_pending_emails")  # too early: the first retry waits five minutes
    assert OutgoingEmail.objects.get().attempts == 1

    server_is_back(mail_server_down)
    retry()
    retry(LATER * 2)  # a second run sends nothing twice

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.user.email]
    assert "approved" in mail.outbox[0].subject  # in the member's language (English)
    delivered = OutgoingEmail.objects.get()
    assert (delivered.status, delivered.attempts, delivered.body) == ("sent", 2, "")


def test_an_invitation_is_kept_and_its_link_arrives_later(editor_client, mail_server_down):
    response = editor_client.post(
        reverse("invitation:add"),
        {"email": "invitee@mp.gob.gt", "first_name": "Inés", "last_name": "Invitada Ficticia", "language": "es"},
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert OutgoingEmail.objects.get(status="pending").to == "invitee@mp.gob.gt"

    server_is_back(mail_server_down)
    retry()

    assert [message.to for message in mail.outbox] == [["invitee@mp.gob.gt"]]
    assert invitation.token in mail.outbox[0].body


def test_reminders_are_recorded_once_and_delivered_after_the_outage(mail_server_down):
    from django.utils import timezone

    soon = timezone.localdate() + datetime.timedelta(days=5)
    members = [MembershipFactory(vetted=True, vetted_until=soon) for _ in range(2)]

    call_command("send_revalidation_reminders")
    call_command("send_revalidation_reminders")  # the daily run again: no second reminder queued

    for membership in members:
        membership.refresh_from_db()
        assert len(membership.reminders_sent) == 1
    assert OutgoingEmail.objects.filter(status="pending").count() == 2

    server_is_back(mail_server_down)
    retry()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.user.email for m in members)


def test_an_email_that_never_goes_through_is_given_up_with_an_error(mail_server_down, caplog):
    member = MembershipFactory(vetted=True)
    from members.emails import send_to_member

    send_to_member(member.user, "expired")
    caplog.set_level(logging.WARNING, logger="members.emails")
    for attempt in range(2, MAX_ATTEMPTS):
        retry(datetime.timedelta(days=attempt))
        assert OutgoingEmail.objects.get().status == "pending"

    with pytest.raises(CommandError, match="1 e-mails could not be delivered"):
        retry(datetime.timedelta(days=MAX_ATTEMPTS))

    given_up = OutgoingEmail.objects.get()
    assert (given_up.status, given_up.attempts) == ("failed", MAX_ATTEMPTS)
    assert [record.levelname for record in caplog.records][-1] == "ERROR"
    assert no_address_logged(caplog, member.user.email)
    server_is_back(mail_server_down)
    retry(datetime.timedelta(days=MAX_ATTEMPTS + 1))
    assert mail.outbox == []  # given up means given up: an operator decides what to do


def test_delivered_records_are_deleted_after_thirty_days(db):
    from members.emails import send_to_member

    member = MembershipFactory(vetted=True)
    send_to_member(member.user, "expired")
    assert OutgoingEmail.objects.get().status == "sent"
    retry(datetime.timedelta(days=31))
    assert not OutgoingEmail.objects.exists()


def test_an_erased_member_takes_their_waiting_emails_along(mail_server_down):
    from members.emails import send_to_member

    member = MembershipFactory(vetted=True)
    send_to_member(member.user, "expired")
    member.user.delete()
    assert not OutgoingEmail.objects.exists()


def test_an_application_is_saved_and_its_verification_link_sent_later(client, mail_server_down):
    from network.models import Country, Institution
    from tests.members.test_application import application

    fgr = Institution.objects.create(
        name="Fiscalía General de la República",
        institution_type="prosecution",
        country=Country.objects.get(code="MX"),
        email_domains="fgr.org.mx",
    )
    client.raise_request_exception = False

    response = client.post(reverse("members:apply"), application(institution=fgr.pk))

    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ana.lopez@fgr.org.mx")
    assert (membership.status, membership.decisions.get().action) == (MembershipStatus.APPLICANT, "apply")
    assert OutgoingEmail.objects.get().status == "pending"

    server_is_back(mail_server_down)
    retry()
    assert [message.to for message in mail.outbox] == [["ana.lopez@fgr.org.mx"]]
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    Client().post(link)
    assert EmailAddress.objects.get(email="ana.lopez@fgr.org.mx").verified  # the late link still works


def test_an_event_invitation_is_saved_the_editor_is_told_and_the_link_arrives_later(
    editor_client, home_pages, mail_server_down
):
    from events.factories import EventIndexPageFactory, EventPageFactory

    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_pages["es"]))
    url = reverse("events_admin:participants", args=[event.pk])

    response = editor_client.post(
        url,
        {"action": "invite", "invite-email": "new@example.org", "invite-first_name": "Rosa", "invite-language": "en"},
        follow=True,
    )

    assert response.status_code == 200
    told = list(response.context["messages"])
    assert told[-1].level_tag == "warning" and "new@example.org" in str(told[-1])  # not "Invitation sent"
    invitation = Invitation.objects.get(email="new@example.org")
    server_is_back(mail_server_down)
    retry()
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert invitation.token in mail.outbox[0].body


def test_a_retry_run_while_the_server_is_still_down_stops_at_the_first_message(mail_server_down):
    from django.utils import timezone

    from members.emails import send_to_member

    members = [MembershipFactory(vetted=True) for _ in range(3)]
    for membership in members:
        send_to_member(membership.user, "expired")
    output = StringIO()
    with time_machine.travel(timezone.now() + LATER):
        call_command("send_pending_emails", stdout=output)

    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True)) == [1, 1, 2]  # one new try, not three
    assert "could not be reached" in output.getvalue()
    server_is_back(mail_server_down)
    retry(LATER * 10)
    assert len(mail.outbox) == 3

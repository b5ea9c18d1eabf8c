"""The members' outbox in the Wagtail admin: administrators follow the e-mails the mail server has not taken, send
one again or cancel it; nobody else sees it, and nobody sees an e-mail's text (it may hold a one-time link)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from members.factories import OutgoingEmailFactory, UserFactory
from members.models import OutgoingEmail

pytestmark = pytest.mark.django_db

INDEX = reverse("outbox:index")


def in_english(client):
    """The admin in English for this account (Spanish, the default, once the catalogues hold these strings)."""
    UserProfile.objects.update_or_create(user=client.user, defaults={"preferred_language": "en"})
    return client


@pytest.fixture
def admin_client(admin_client):
    """pytest-django's superuser signed in with TOTP (tests/conftest.py), reading the admin in English."""
    return in_english(admin_client)


@pytest.fixture
def administrator_client(client, sign_in):
    """An account in the Administrator role (staff, no membership), signed in with TOTP."""
    user = UserFactory(email="administrator@example.org", totp_secret=True)
    user.groups.add(Group.objects.get(name="Administrator"))
    return in_english(sign_in(client, user, user.totp_secret))


@pytest.fixture
def waiting():
    """One pending, one given up and one delivered e-mail."""
    return {
        "pending": OutgoingEmailFactory(to="pending@example.org", subject="Invitación a Enlace"),
        "failed": OutgoingEmailFactory(to="failed@example.org", subject="Restablezca su contraseña", failed=True),
        "sent": OutgoingEmailFactory(to="sent@example.org", subject="Solicitud aprobada", sent=True),
    }


def test_administrators_and_superusers_see_the_pending_and_failed_emails_but_not_their_text(
    request, waiting, administrator_client
):
    for client in (administrator_client, request.getfixturevalue("admin_client")):
        response = client.get(INDEX)
        assert response.status_code == 200
        page = response.content.decode()
        for outgoing in (waiting["pending"], waiting["failed"]):
            assert outgoing.to in page
            assert outgoing.subject in page
        assert "Connection refused" in page  # the server's last answer
        assert "sent@example.org" not in page  # delivered: not something to look after
        assert "secret" not in page  # the body holds the invitation link


def test_the_inspect_page_shows_everything_but_the_text(admin_client, waiting):
    outgoing = waiting["pending"]
    response = admin_client.get(reverse("outbox:inspect", args=[outgoing.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert outgoing.to in page and outgoing.template in page and "Connection refused" in page
    assert "secret" not in page and "/invitacion/" not in page


@pytest.mark.parametrize(
    ("client_fixture", "expected"),
    [("client", "login"), ("member_client", "login"), ("editor_client", "denied"), ("vetter_client", "denied")],
)
def test_everyone_else_is_refused_the_outbox_and_its_actions(request, waiting, client_fixture, expected):
    client = request.getfixturevalue(client_fixture)
    outgoing = waiting["failed"]
    urls = [
        INDEX,
        reverse("outbox:inspect", args=[outgoing.pk]),
        reverse("outbox:send_again", args=[outgoing.pk]),
        reverse("outbox:cancel", args=[outgoing.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        if expected == "login":  # no admin access at all: Wagtail sends to the sign-in page
            assert reverse("account_login") in response.url, url
        else:  # admin access, but not this screen: Wagtail's "no permission" back to the dashboard
            assert response.url == reverse("wagtailadmin_home"), url
            assert "failed@example.org" not in client.get(response.url).content.decode()
    for url in urls[2:]:
        assert client.post(url).status_code == 302
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmail.Status.FAILED and outgoing.body
    assert not mail.outbox


def test_the_outbox_is_in_the_settings_menu_only_for_those_who_may_open_it(admin_client, vetter_client):
    assert INDEX in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert INDEX not in vetter_client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_superuser_whose_session_did_not_pass_a_second_factor_is_sent_to_set_one_up(client, sign_in):
    superuser = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    sign_in(client, superuser)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_only_the_administrator_role_is_granted_the_outbox():
    holders = {
        group.name
        for group in Group.objects.filter(
            permissions__content_type__app_label="members", permissions__codename__endswith="_outgoingemail"
        )
    }
    assert holders == {"Administrator"}


def test_filter_by_state_shows_delivered_and_cancelled_emails_too(admin_client, waiting):
    cancelled = OutgoingEmailFactory(to="cancelled@example.org", status=OutgoingEmail.Status.CANCELLED, body="")
    sent_page = admin_client.get(INDEX, {"status": "sent"}).content.decode()
    assert "sent@example.org" in sent_page and "pending@example.org" not in sent_page
    failed_page = admin_client.get(INDEX, {"status": "failed"}).content.decode()
    assert "failed@example.org" in failed_page and "pending@example.org" not in failed_page
    assert cancelled.to in admin_client.get(INDEX, {"status": "cancelled"}).content.decode()


def test_an_empty_outbox_says_that_everything_was_delivered(admin_client):
    OutgoingEmailFactory(sent=True)
    assert "every e-mail has been delivered" in admin_client.get(INDEX).content.decode()
    assert "No e-mail has failed" in admin_client.get(INDEX, {"status": "failed"}).content.decode()


def test_sending_a_failed_email_again_delivers_it_and_records_who_did(admin_client, waiting):
    outgoing = waiting["failed"]
    url = reverse("outbox:send_again", args=[outgoing.pk])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200 and outgoing.to in confirm.content.decode()
    assert "secret" not in confirm.content.decode()
    assert not mail.outbox  # asking is not sending
    response = admin_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == INDEX
    assert "was delivered" in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["failed@example.org"] and "secret" in message.body
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmail.Status.SENT and outgoing.body == ""
    entry = ModelLogEntry.objects.get(action="members.outbox.send_again")
    assert entry.user_id == admin_client.user.pk and entry.object_id == str(outgoing.pk)


def test_sending_again_while_the_server_is_still_down_keeps_it_waiting_with_fresh_attempts(
    admin_client, waiting, mail_server_down
):
    outgoing = waiting["failed"]
    response = admin_client.post(reverse("outbox:send_again", args=[outgoing.pk]), follow=True)
    assert "will be retried automatically" in response.content.decode()
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmail.Status.PENDING
    assert outgoing.attempts == 1  # a new series of attempts, not the ninth of the old one
    assert outgoing.body  # still to be sent


def test_cancelling_an_email_stops_it_erases_its_text_and_records_who_did(admin_client, waiting):
    outgoing = waiting["pending"]
    response = admin_client.post(reverse("outbox:cancel", args=[outgoing.pk]), follow=True)
    assert "was cancelled" in response.content.decode()
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmail.Status.CANCELLED and outgoing.body == "" and outgoing.cancelled_at
    assert ModelLogEntry.objects.filter(action="members.outbox.cancel", user_id=admin_client.user.pk).exists()
    assert "pending@example.org" not in admin_client.get(INDEX).content.decode()


def test_a_delivered_email_can_be_neither_sent_again_nor_cancelled(admin_client, waiting):
    outgoing = waiting["sent"]
    for name in ("send_again", "cancel"):
        response = admin_client.post(reverse(f"outbox:{name}", args=[outgoing.pk]), follow=True)
        assert "no longer waiting" in response.content.decode()
    outgoing.refresh_from_db()
    assert outgoing.status == OutgoingEmail.Status.SENT
    assert not mail.outbox and not ModelLogEntry.objects.filter(action__startswith="members.outbox").exists()


def test_nobody_can_add_edit_or_delete_an_email_by_hand(admin_client, waiting):
    from django.urls import NoReverseMatch

    for name, args in (("add", []), ("edit", [waiting["pending"].pk]), ("delete", [waiting["pending"].pk])):
        with pytest.raises(NoReverseMatch):
            reverse(f"outbox:{name}", args=args)
    assert "/admin/outbox/new/" not in admin_client.get(INDEX).content.decode()


def test_the_outbox_lists_in_a_constant_number_of_queries(admin_client):
    OutgoingEmailFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(INDEX).status_code == 200
    OutgoingEmailFactory.create_batch(10, failed=True)
    with CaptureQueriesContext(connection) as many:
        page = admin_client.get(INDEX).content.decode()
    assert page.count("recipient") >= 12
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]

"""Signing in: rate limits that refuse even the right password, answers that never reveal whether an address
has an account, sessions rotated at login, ended at logout, after 30 idle minutes, after 12 hours, and at once
when a membership is suspended."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from members import vetting
from members.factories import DEFAULT_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_too_many_failed_logins_answer_429_and_refuse_even_the_right_password(client):
    user = UserFactory(email="target@example.org")
    for _attempt in range(5):
        assert login(client, user.email, "wrong password for sure").status_code == 200
    response = login(client, user.email, DEFAULT_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failed_login_says_the_same_for_unknown_and_known_addresses(client):
    UserFactory(email="known@example.org")
    known = login(client, "known@example.org", "wrong password for sure")
    unknown = login(client, "nobody@example.org", "wrong password for sure")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_reset_answers_the_same_whether_or_not_the_address_exists(client):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    # Only the real account holder receives a reset link; the unknown address gets a notice, not a link.
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    assert "/password/reset/key/" in mail.outbox[0].body
    assert "/password/reset/key/" not in mail.outbox[1].body


def test_login_rotates_the_session_key(client):
    user = UserFactory()
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    login(client, user.email, DEFAULT_PASSWORD)
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout_ends_the_session(client):
    user = UserFactory()
    login(client, user.email, DEFAULT_PASSWORD)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_suspension_ends_every_session_of_the_member_at_once(client, sign_in, django_user_model):
    from django.test import Client

    membership = MembershipFactory(vetted=True, user__totp_secret=True)
    laptop, phone = sign_in(client, membership.user, membership.user.totp_secret), Client()
    phone.force_login(membership.user)
    assert laptop.get(reverse("members:home")).status_code == 200
    vetting.suspend(membership, by=None, reason="Left the prosecution service.")
    for device in (laptop, phone):
        response = device.get(reverse("members:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_an_idle_session_ends_after_thirty_minutes(member_client):
    assert member_client.get(reverse("members:home")).status_code == 200
    with time_machine.travel(datetime.timedelta(minutes=29), tick=False):
        assert member_client.get(reverse("members:home")).status_code == 200
    with time_machine.travel(datetime.timedelta(minutes=29 + 31), tick=False):
        response = member_client.get(reverse("members:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_active_session_still_ends_after_twelve_hours(member_client):
    for minutes in range(20, 12 * 60, 20):
        with time_machine.travel(datetime.timedelta(minutes=minutes), tick=False):
            assert member_client.get(reverse("members:home")).status_code == 200, minutes
    with time_machine.travel(datetime.timedelta(hours=12, minutes=5), tick=False):
        response = member_client.get(reverse("members:home"))
    assert response.status_code == 302


def test_behind_one_trusted_proxy_rate_limits_see_the_client_ip_and_ignore_spoofed_ones(rf, settings):
    from allauth.core.internal.httpkit import get_client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    direct = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")
    spoofed = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", REMOTE_ADDR="10.0.0.2")
    assert get_client_ip(direct) == get_client_ip(spoofed) == "203.0.113.7"


def test_changing_the_email_address_asks_for_the_password_again(member_client):
    with time_machine.travel(datetime.timedelta(minutes=10), tick=False):
        response = member_client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    assert "reauthenticate" in response.url

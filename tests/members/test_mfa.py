"""MFA is required for vetted members: setup right after approval, TOTP at every sign-in, re-authentication to
change it."""

import pytest
from django.urls import reverse

from members.factories import MembershipFactory, totp_code

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # allauth completes the setup on commit, inside the request
def test_newly_vetted_member_is_walked_through_totp_setup_and_then_gets_in(client, sign_in, members_reference_data):
    membership = MembershipFactory(vetted=True)
    sign_in(client, membership.user)
    response = client.get(reverse("members:home"))
    assert response.url.startswith(reverse("mfa_activate_totp"))
    setup = client.get(reverse("mfa_activate_totp"))
    secret = setup.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("members:home")).status_code == 200


def test_every_page_sends_a_vetted_member_without_mfa_to_setup_but_account_pages_stay_open(vetted_no_mfa_client):
    assert vetted_no_mfa_client.get(reverse("members:under_review")).url.startswith(reverse("mfa_activate_totp"))
    assert vetted_no_mfa_client.get(reverse("mfa_activate_totp")).status_code == 200
    assert vetted_no_mfa_client.get(reverse("account_change_password")).status_code == 200


def test_applicants_are_not_asked_for_mfa(applicant_client):
    assert applicant_client.get(reverse("members:under_review")).status_code == 200


def test_sign_in_of_a_member_with_totp_stops_at_the_code(client, vetted_member):
    response = client.post(
        reverse("account_login"), {"login": vetted_member.user.email, "password": "demo-enlace-2026"}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("members:home")).status_code == 302
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200


def test_removing_the_authenticator_asks_to_reauthenticate(member_client):
    import time_machine

    with time_machine.travel(600, tick=False):  # past ACCOUNT_REAUTHENTICATION_TIMEOUT, within the idle timeout
        response = member_client.get(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert "reauthenticate" in response.url

"""Every membership state against the members' area: only a vetted member whose session passed MFA gets in."""

import pytest
from django.urls import reverse

from members import access


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("members:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_applicant_is_told_the_application_is_under_review(applicant_client):
    response = applicant_client.get(reverse("members:home"))
    assert response.status_code == 302
    assert response.url == reverse("members:under_review")
    page = applicant_client.get(response.url)
    assert "under review" in page.content.decode() or "revisión" in page.content.decode()


def test_vetted_member_without_mfa_is_sent_to_set_it_up(vetted_no_mfa_client):
    response = vetted_no_mfa_client.get(reverse("members:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_vetted_member_who_passed_mfa_reaches_the_members_area(member_client):
    response = member_client.get(reverse("members:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_vetted_member_session_without_the_second_factor_must_pass_it(client, vetted_member):
    client.force_login(vetted_member.user)
    response = client.get(reverse("members:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))


@pytest.mark.parametrize("state", ["suspended", "expired", "left", "rejected"])
def test_former_or_refused_members_get_a_403(client, membership_in_state, state):
    membership = membership_in_state(state)
    client.force_login(membership.user)
    response = client.get(reverse("members:home"))
    assert response.status_code == 403


def test_only_a_full_member_is_a_full_member(rf, member_client, vetted_member):
    assert access.is_full_member(member_client.get(reverse("members:home")).wsgi_request)


@pytest.mark.django_db
def test_allauth_pages_use_the_site_layout_and_signup_is_the_application(client):
    login = client.get(reverse("account_login"))
    assert login.status_code == 200
    assert 'class="site-header"' in login.content.decode()
    signup = client.get(reverse("account_signup"))
    assert 'name="practitioner_type"' in signup.content.decode()

"""The Wagtail admin signs in through allauth, so rate limits and the second factor apply there too."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_wagtail_admin_sends_anonymous_visitors_to_the_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/admin/" in response.url


@pytest.mark.django_db
def test_wagtail_admin_login_page_itself_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    assert client.post("/admin/login/", {"username": "x@example.org", "password": "y"}).status_code == 302


@pytest.mark.django_db
def test_wagtail_password_reset_is_switched_off(client):
    response = client.get("/admin/password_reset/", follow=True)
    assert response.status_code == 404


def test_vetter_who_signed_in_through_allauth_with_totp_reaches_the_admin(vetter_client):
    response = vetter_client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_sign_in_asks_for_the_second_factor_before_the_admin_opens(client):
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory, totp_code

    membership = MembershipFactory(vetted=True, user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name="Vetter"))
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": membership.user.email, "password": "demo-enlace-2026"}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not signed in until the second factor
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(membership.user.totp_secret)})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200

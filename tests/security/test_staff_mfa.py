"""Every staff account passes a second factor before any admin page opens, membership or not.

An administrator of the platform need not be a practitioner (no membership), so the members' MFA rule alone would
let such an account into accounts, roles, vetting and the audit trail with a password only.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.factories import UserFactory, activate_totp, totp_code

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/users/", "/admin/pages/", "/admin/documents/", "/admin/reports/audit/"]


def staff_account(role="Administrator", superuser=False):
    """A staff account with no membership, a verified address and no second factor yet."""
    user = UserFactory(email=f"{role.lower()}-staff@example.org", is_superuser=superuser)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize("superuser", [False, True], ids=["administrator role", "superuser"])
def test_staff_without_a_second_factor_are_sent_to_set_one_up_before_any_admin_page(client, sign_in, superuser):
    user = staff_account(superuser=superuser)
    sign_in(client, user)  # password only: there is no second factor to ask for

    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(reverse("mfa_activate_totp")), path
        assert "next=" in response.url
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)  # the way out stays open


def test_staff_with_a_factor_this_session_did_not_use_must_enter_it_before_the_admin_opens(client, sign_in):
    user = staff_account()
    sign_in(client, user)  # signed in by password, then set up TOTP (no second step at that sign-in)
    secret = activate_totp(user)

    response = client.get("/admin/")
    assert response.url == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2F"

    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_staff_who_signed_in_with_their_second_factor_reach_the_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert admin_client.get("/admin/users/").status_code == 200


def test_the_rule_is_confined_to_the_admin(client, sign_in, home_pages):
    sign_in(client, staff_account())
    assert client.get("/es/").status_code == 200
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200  # sign-in pages' icons, no data

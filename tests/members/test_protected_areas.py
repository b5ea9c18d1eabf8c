"""Every membership state against every members-only area that answers through ``full_member_required``:
only a vetted, current member whose session passed MFA gets a 200; everyone else a redirect or a 403."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from members.factories import MembershipFactory, member_in_state

AREAS = ["members:home", "network:directory"]


def url_or_skip(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        pytest.skip(f"{name} is not wired yet")


def signed_in(state, sign_in):
    client = Client()
    if state == "anonymous":
        return client
    if state == "vetted_with_mfa":
        membership = MembershipFactory(vetted=True, user__totp_secret=True)
        return sign_in(client, membership.user, membership.user.totp_secret)
    if state == "vetted_without_mfa":
        return sign_in(client, MembershipFactory(vetted=True).user)
    # Former and refused members keep their password; a session is what they could still hold.
    client.force_login(member_in_state(state).user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("anonymous", "login"),
        ("applicant", "under_review"),
        ("vetted_without_mfa", "mfa"),
        ("vetted_with_mfa", 200),
        ("suspended", 403),
        ("expired", 403),
        ("left", 403),
        ("rejected", 403),
    ],
)
def test_only_full_members_reach_members_only_areas(area, state, expected, sign_in):
    url = url_or_skip(area)
    client = signed_in(state, sign_in)
    response = client.get(url)
    if expected == 200:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    elif expected == 403:
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        target = {
            "login": reverse("account_login"),
            "under_review": reverse("members:under_review"),
            "mfa": reverse("mfa_activate_totp"),
        }[expected]
        assert response.url.startswith(target)

"""One signed-in test client per role of the authorization matrix and the canary crawl."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from members.factories import DEFAULT_PASSWORD, MembershipFactory, member_in_state

ROLES = [
    "anonymous",
    "applicant",
    "vetted without MFA",
    "vetted",
    "suspended",
    "expired",
    "editor",
    "vetter",
    "administrator",
]
NOT_FULL_MEMBERS = {"anonymous", "applicant", "vetted without MFA", "suspended", "expired"}
FULL_MEMBERS = {"vetted", "editor", "vetter", "administrator"}
STAFF_ROLES = {"editor", "vetter", "administrator"}


def role_client(role, sign_in, email_prefix="matrix"):
    """A fresh client signed in as a new account holding ``role`` (anonymous: not signed in)."""
    client = Client(raise_request_exception=False)  # a 500 is an outcome of the matrix, not a crash of the test
    if role == "anonymous":
        client.user = None
        return client
    email = f"{email_prefix}-{role.replace(' ', '-').lower()}@example.org"
    if role == "applicant":
        return sign_in(client, MembershipFactory(user__email=email).user)
    if role == "vetted without MFA":
        return sign_in(client, MembershipFactory(vetted=True, user__email=email).user)
    if role in ("suspended", "expired"):
        # Their sign-in is refused or leads nowhere; whatever session they get is what the matrix probes.
        user = member_in_state(role, user__email=email, user__totp_secret=True).user
        client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
        client.user = user
        return client
    user = MembershipFactory(vetted=True, user__email=email, user__totp_secret=True).user
    group = {"editor": "Editor", "vetter": "Vetter", "administrator": "Administrator"}.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return sign_in(client, user, user.totp_secret)


DENIAL_MARKERS = (
    "/accounts/login",
    "/accounts/2fa",
    "/accounts/reauthenticate",
    "/members/application",
    "/admin/login",
)


def outcome(response):
    """What a person would notice: "allowed", "denied" (sign-in, MFA, under review, 403, 404…), or "error"."""
    if response.status_code >= 500:
        return "error"
    if response.status_code in (401, 403, 404, 410, 429):
        return "denied"
    if response.status_code == 405:
        return "method"
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if any(marker in location for marker in DENIAL_MARKERS):
            return "denied"
        # Wagtail answers a permission refused inside the admin with a redirect to the admin's dashboard.
        return "denied" if location.rstrip("/").endswith("/admin") else "allowed"
    return "allowed"

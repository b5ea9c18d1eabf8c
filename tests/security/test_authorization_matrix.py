"""The authorization matrix: every URL pattern × every role, held to the declared policy in url_policy.py.

A URL added without a declared policy fails here. Patterns with parameters (pages, documents, contacts, event
objects) are declared too, and their objects are checked by the page and document matrices in
test_object_access.py.
"""

import pytest

from tests.security.crawl import routes
from tests.security.roles import FULL_MEMBERS, NOT_FULL_MEMBERS, ROLES, STAFF_ROLES, outcome, role_client
from tests.security.url_policy import (
    ADMINISTRATOR,
    FULL_MEMBER,
    OBJECT,
    PUBLIC,
    SIGNED_IN,
    STAFF,
    URL_POLICY,
    policy_for,
)

pytestmark = pytest.mark.django_db

# Views that change state on GET would be a bug of their own; these only end the session being probed.
SESSION_ENDING = {"account_logout"}


def test_every_url_pattern_has_a_declared_policy():
    undeclared = sorted(f"{route.name} ({route.route})" for route in routes() if policy_for(route) is None)
    assert undeclared == [], "declare who may open these URLs in tests/security/url_policy.py"


def test_the_policy_declares_no_url_that_no_longer_exists():
    names = {route.name for route in routes()}
    assert sorted(set(URL_POLICY) - names) == []


@pytest.fixture
def clients(sign_in, home_pages):
    from events.factories import EventIndexPageFactory
    from practices.factories import LibraryIndexPageFactory

    LibraryIndexPageFactory(parent=home_pages["es"])  # the listings live under their index pages
    EventIndexPageFactory(parent=home_pages["es"])
    return {role: role_client(role, sign_in) for role in ROLES}


def expectation(level, role):
    """The outcome the policy demands for ``role``, or ``None`` when only "no server error" is asserted."""
    if level == PUBLIC:
        return "allowed" if role == "anonymous" else None
    if level == SIGNED_IN:
        return "denied" if role == "anonymous" else None
    if level == FULL_MEMBER:
        return "denied" if role in NOT_FULL_MEMBERS else "allowed"
    if level == STAFF:
        return "denied" if role not in STAFF_ROLES else None
    if level == ADMINISTRATOR:
        return "allowed" if role == "administrator" else "denied"
    return None


def test_every_parameter_free_url_answers_each_role_as_declared(clients):
    mismatches = []
    for route in routes():
        level = policy_for(route)
        if route.has_parameters or route.name in SESSION_ENDING or level == OBJECT:
            continue
        # Inside the admin, staff meet finer permissions; what matters here is that nobody else gets in.
        probed = ("anonymous", "applicant", "vetted") if level == STAFF else ROLES
        for role in probed:
            response = clients[role].get(route.path())
            seen = outcome(response)
            wanted = expectation(level, role)
            if seen == "error" or (wanted is not None and seen not in (wanted, "method")):
                mismatches.append(f"{route.name} as {role}: {response.status_code} ({seen}, policy {level})")
    assert mismatches == [], "\n".join(mismatches)


def test_staff_reach_the_admin_and_members_do_not(clients):
    for role in ROLES:
        seen = outcome(clients[role].get("/admin/"))
        assert seen == ("allowed" if role in STAFF_ROLES else "denied"), role


def test_full_members_are_exactly_the_vetted_with_mfa():
    assert set(ROLES) == FULL_MEMBERS | NOT_FULL_MEMBERS

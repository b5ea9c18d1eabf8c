"""Library fixtures: the clients of every role, by name, for parametrised tests.

The two library indexes (``library``) come from tests/conftest.py.
"""

import pytest


@pytest.fixture
def working_group(db):
    from django.contrib.auth.models import Group

    return Group.objects.create(name="Working group on financial investigation")


@pytest.fixture
def group_member_client(client, sign_in, working_group):
    """A full member (vetted, MFA passed) who belongs to the working group."""
    from members.factories import MembershipFactory

    user = MembershipFactory(vetted=True, user__email="wg@example.org", user__totp_secret=True).user
    user.groups.add(working_group)
    return sign_in(client, user, user.totp_secret)


ROLES = ["anonymous", "applicant", "vetted_no_mfa", "member", "group_member", "editor"]


@pytest.fixture
def client_as(request, client):
    """``client_as("member")``: the Django test client signed in as one of :data:`ROLES`."""

    def as_role(role):
        if role == "anonymous":
            return client
        return request.getfixturevalue(f"{role}_client")

    return as_role

"""Search fixtures: a helper that creates published items in either language.

The two library indexes (``library``) come from tests/conftest.py.
"""

import pytest


@pytest.fixture
def make_item(library):
    """``make_item("es", title=…, summary=…, kind="good_practice", countries=["MX"], …)``: a published item."""
    from practices.factories import CaseStudyPageFactory, GoodPracticePageFactory

    def make(language="es", kind="case_study", **fields):
        factory = GoodPracticePageFactory if kind == "good_practice" else CaseStudyPageFactory
        return factory(parent=library[language], **fields)

    return make


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


@pytest.fixture
def as_role(request, client):
    """``as_role("anonymous" | "applicant" | "vetted_no_mfa" | …)``: the test client, signed in as that role."""

    def signed_in(role):
        return client if role == "anonymous" else request.getfixturevalue(f"{role}_client")

    return signed_in


@pytest.fixture
def events_index(home_pages):
    from events.factories import EventIndexPageFactory

    return EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")


@pytest.fixture
def make_event(events_index):
    from events.factories import EventPageFactory

    def make(**fields):
        return EventPageFactory(parent=events_index, **fields)

    return make

"""Fixtures shared by the whole suite. App-specific fixtures live in tests/<app>/conftest.py."""

import io

import pytest
from django.core.management.color import no_style

# A mail server that is down (tests/mail_outage.py), for members', network and library tests alike.
from tests.mail_outage import mail_server_down  # noqa: E402, F401

# Security: every test also checks that nothing it made the site log contains a secret (tests/security).
from tests.security.log_hygiene import _log_hygiene  # noqa: E402, F401


@pytest.fixture
def home_pages(db):
    """The Spanish site root and its English translation, as `seed_demo` creates them."""
    from home import demo
    from home.management.commands.seed_demo import DemoReport

    spanish = demo.seed(DemoReport(io.StringIO(), no_style()))
    english = spanish.get_translation(spanish.locale.__class__.objects.get(language_code="en"))
    return {"es": spanish, "en": english}


@pytest.fixture
def library(home_pages):
    """The Spanish ("Biblioteca") and English ("Library") library indexes under the home pages.

    Saving a library index assigns it the "Library review" workflow, so items below either go through review.
    """
    from practices.factories import LibraryIndexPageFactory

    return {
        "es": LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca"),
        "en": LibraryIndexPageFactory(parent=home_pages["en"], title="Library", slug="library"),
    }


@pytest.fixture
def libraries(library):
    """The same two library indexes as ``library``, by the name the events tests use."""
    return library


# --- Members: accounts in every state and clients signed in as them ------------------------------------------------
"""Members fixtures (owned by the members app; names are stable, other apps rely on them).

Accounts (all with the password ``members.factories.DEFAULT_PASSWORD`` and a verified e-mail address):

- ``applicant``: a :class:`~members.models.Membership` still being vetted.
- ``vetted_member``: vetted and current, with a TOTP authenticator; ``vetted_member.user.totp_secret`` holds the
  secret, so ``members.factories.totp_code(secret)`` gives a valid code.
- ``membership_in_state``: a factory fixture, ``membership_in_state("suspended")`` (any MembershipStatus value).

Clients (Django test clients, signed in through allauth's real login views):

- ``applicant_client``: the applicant, signed in (password only; applicants have no second factor).
- ``vetted_no_mfa_client``: a vetted member without any authenticator, signed in by password only: not a full
  member; the MFA middleware sends them to set up TOTP.
- ``member_client``: ``vetted_member`` signed in by password *and* TOTP: a full member (``member_client.user``).
- ``editor_client`` / ``vetter_client``: full members (MFA passed) who also hold the Editor / Vetter role.
- ``sign_in(client, user, totp_secret=None)``: the helper the client fixtures use, for any other account.

``admin_client`` is pytest-django's superuser (no membership) signed in through allauth with TOTP: the admin
lets no session in without a second factor (``members.middleware.MFARequiredMiddleware``).

The cache is cleared before every test so allauth's rate limits and used-TOTP-code records never leak between tests.
"""


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


def _sign_in(client, user, totp_secret=None, password=None):
    """Sign ``user`` in through allauth's login view, then its TOTP step when the account has one."""
    from django.urls import reverse

    from members.factories import DEFAULT_PASSWORD, totp_code

    response = client.post(reverse("account_login"), {"login": user.email, "password": password or DEFAULT_PASSWORD})
    assert response.status_code == 302, "the login form was refused"
    if totp_secret:
        assert response.url == reverse("mfa_authenticate"), f"expected the TOTP step, got {response.url}"
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(totp_secret)})
        assert response.status_code == 302, "the TOTP code was refused"
    client.user = user
    return client


@pytest.fixture
def sign_in():
    return _sign_in


@pytest.fixture
def admin_client(admin_user):
    from allauth.account.models import EmailAddress
    from django.test import Client

    from members.factories import activate_totp

    EmailAddress.objects.get_or_create(
        user=admin_user, email=admin_user.email, defaults={"verified": True, "primary": True}
    )
    # A client of its own, as pytest-django's: a test may use ``client`` or ``member_client`` alongside.
    return _sign_in(Client(), admin_user, activate_totp(admin_user), password="password")


@pytest.fixture
def membership_in_state(db):
    from members.factories import member_in_state

    return member_in_state


@pytest.fixture
def applicant(db):
    from members.factories import MembershipFactory

    return MembershipFactory(user__email="applicant@example.org")


@pytest.fixture
def vetted_member(db):
    from members.factories import MembershipFactory

    return MembershipFactory(vetted=True, user__email="member@example.org", user__totp_secret=True)


@pytest.fixture
def applicant_client(client, applicant):
    return _sign_in(client, applicant.user)


@pytest.fixture
def vetted_no_mfa_client(client, db):
    from members.factories import MembershipFactory

    return _sign_in(client, MembershipFactory(vetted=True, user__email="no-mfa@example.org").user)


@pytest.fixture
def member_client(client, vetted_member):
    return _sign_in(client, vetted_member.user, vetted_member.user.totp_secret)


def _member_with_role(role, email):
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    membership = MembershipFactory(vetted=True, user__email=email, user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name=role))
    return membership.user


@pytest.fixture
def editor_client(client, db):
    user = _member_with_role("Editor", "editor@example.org")
    return _sign_in(client, user, user.totp_secret)


@pytest.fixture
def vetter_client(client, db):
    user = _member_with_role("Vetter", "vetter@example.org")
    return _sign_in(client, user, user.totp_secret)


@pytest.fixture
def members_reference_data(db):
    """Countries, specializations, working languages and the four roles, as the data migrations create them.

    Transactional tests (browser journeys) run after a database flush has removed migration data; this puts it
    back, idempotently.
    """
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    locale, _created = Locale.objects.get_or_create(language_code="es")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    import_module("network.migrations.0002_countries_and_needs").load(apps, None)
    import_module("members.migrations.0003_specializations_and_languages").load(apps, None)
    import_module("members.migrations.0004_roles").create_roles(apps, None)


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """A transactional test's flush re-creates content types under new ids; forget the ones cached before."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield

"""Factories for accounts and memberships, used by the tests and by ``seed_demo``.

``MembershipFactory`` builds an applicant by default; a trait per state gives the others
(``MembershipFactory(vetted=True)``, ``suspended``, ``expired``, ``left``, ``rejected``).
``UserFactory(totp_secret=...)`` or :func:`activate_totp` gives an account a TOTP authenticator whose secret is
known, so a test (or a demo user) can compute codes with :func:`totp_code`.
``OutgoingEmailFactory`` writes an e-mail into the members' outbox (pending by default; ``failed=True`` gives one
given up after every attempt, ``sent=True`` one delivered).
"""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from network.models import Country

from .models import (
    JoinedVia,
    Membership,
    MembershipStatus,
    OutgoingEmail,
    Specialization,
    User,
    WorkingLanguage,
)

DEFAULT_PASSWORD = "demo-enlace-2026"  # noqa: S105 - local demo and tests only


def activate_totp(user, secret=None):
    """Give ``user`` a TOTP authenticator and recovery codes, as allauth's setup does; return the secret."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_code(secret, at=None):
    """The current six-digit code an authenticator app would show for ``secret``."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    moment = at or timezone.now()
    return format_hotp_value(hotp_value(secret, int(moment.timestamp()) // app_settings.TOTP_PERIOD))


class UserFactory(DjangoModelFactory):
    """An account with a verified primary e-mail address (allauth's mandatory verification already done)."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    email = factory.Sequence(lambda n: f"practitioner{n}@example.org")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def totp_secret(obj, create, extracted, **kwargs):
        """``UserFactory(totp_secret="BASE32…")`` or ``totp_secret=True`` (random) sets up TOTP; the secret is
        then available as ``user.totp_secret``."""
        if create and extracted:
            obj.totp_secret = activate_totp(obj, None if extracted is True else extracted)


def region_country():
    return Country.objects.filter(in_region=True).order_by("sort_order").first()


class MembershipFactory(DjangoModelFactory):
    """A membership in the given state; ``MembershipFactory(vetted=True, user__totp_secret=True)`` is a full member
    once their session passes MFA."""

    class Meta:
        model = Membership
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    status = MembershipStatus.APPLICANT
    country = factory.LazyFunction(region_country)
    institution = None
    position = factory.Faker("random_element", elements=["Fiscal", "Agente investigador", "Enlace INTERPOL"])
    practitioner_type = "prosecutor"
    phone = factory.Faker("numerify", text="+52 55 #### ####")
    consent_listed = True
    language = "es"
    joined_via = JoinedVia.APPLICATION

    class Params:
        vetted = factory.Trait(
            status=MembershipStatus.VETTED,
            vetted_at=factory.LazyFunction(timezone.now),
            vetted_until=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365)),
        )
        suspended = factory.Trait(
            status=MembershipStatus.SUSPENDED,
            vetted_until=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200)),
        )
        expired = factory.Trait(
            status=MembershipStatus.EXPIRED,
            vetted_until=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1)),
        )
        left = factory.Trait(status=MembershipStatus.LEFT, left_at=factory.LazyFunction(timezone.now))
        rejected = factory.Trait(status=MembershipStatus.REJECTED)

    @factory.post_generation
    def specializations(obj, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["trafficking"]
            obj.specializations.set(Specialization.objects.filter(code__in=codes))

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["es"]
            obj.languages.set(WorkingLanguage.objects.filter(code__in=codes))


def member_in_state(state, **kwargs):
    """A membership in ``state`` (one of :class:`MembershipStatus` values), for parametrised tests."""
    traits = {} if state == MembershipStatus.APPLICANT else {state: True}
    return MembershipFactory(**traits, **kwargs)


class OutgoingEmailFactory(DjangoModelFactory):
    """An e-mail in the members' outbox that the mail server refused once (pending, due again in 5 minutes)."""

    class Meta:
        model = OutgoingEmail

    to = factory.Sequence(lambda n: f"recipient{n}@example.org")
    template = "members/email/invitation"
    language = "es"
    subject = factory.Sequence(lambda n: f"Invitación a Enlace {n}")
    body = factory.LazyAttribute(lambda o: f"Acepte la invitación: https://enlace.example/invitacion/{o.to}-secret/")
    status = OutgoingEmail.Status.PENDING
    attempts = 1
    error = "ConnectionRefusedError: [Errno 111] Connection refused"
    next_attempt_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=5))

    class Params:
        failed = factory.Trait(status=OutgoingEmail.Status.FAILED, attempts=8)
        sent = factory.Trait(
            status=OutgoingEmail.Status.SENT,
            attempts=1,
            body="",
            error="",
            sent_at=factory.LazyFunction(timezone.now),
        )

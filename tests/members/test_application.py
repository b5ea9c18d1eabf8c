"""The public "Join the network" page: an application creates an applicant, flags what vetters must check, and
answers the same whether or not the address already has an account."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from members.models import ApplicationFlag, Membership, MembershipStatus, Specialization, WorkingLanguage
from network.models import Country, Institution

pytestmark = pytest.mark.django_db


@pytest.fixture
def fgr():
    return Institution.objects.create(
        name="Fiscalía General de la República",
        acronym="FGR",
        institution_type="prosecution",
        country=Country.objects.get(code="MX"),
        email_domains="fgr.org.mx",
    )


def application(**overrides):
    data = {
        "email": "ana.lopez@fgr.org.mx",
        "password1": "a long passphrase for enlace",
        "password2": "a long passphrase for enlace",
        "first_name": "Ana",
        "last_name": "López Fictícia",
        "country": Country.objects.get(code="MX").pk,
        "position": "Fiscal especializada",
        "practitioner_type": "prosecutor",
        "specializations": [Specialization.objects.get(code="trafficking").pk],
        "languages": [WorkingLanguage.objects.get(code="es").pk, WorkingLanguage.objects.get(code="en").pk],
        "phone": "+52 55 5346 0000",
        "consent_listed": "on",
    }
    data.update(overrides)
    return data


def test_join_page_is_public_and_localized(client):
    response = client.get(reverse("members:apply"))
    assert response.status_code == 200
    assert response.wsgi_request.path.startswith("/es/")
    with translation.override("es"):
        assert f"<h1>{gettext('Join the network')}</h1>" in response.content.decode()


def test_application_creates_an_applicant_and_asks_to_verify_the_email(client, fgr):
    response = client.post(reverse("members:apply"), application(institution=fgr.pk))
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ana.lopez@fgr.org.mx")
    assert membership.status == MembershipStatus.APPLICANT
    assert membership.institution == fgr
    assert membership.flags == []
    assert set(membership.languages.values_list("code", flat=True)) == {"es", "en"}
    assert membership.decisions.get().action == "apply"
    assert len(mail.outbox) == 1  # the verification link
    assert "ana.lopez@fgr.org.mx" in mail.outbox[0].to


def test_address_outside_the_institution_domains_is_flagged_not_rejected(client, fgr):
    client.post(reverse("members:apply"), application(email="ana@gmail.example", institution=fgr.pk))
    membership = Membership.objects.get(user__email="ana@gmail.example")
    assert membership.flags == [ApplicationFlag.EMAIL_DOMAIN]


def test_a_new_institution_is_proposed_for_vetters(client):
    client.post(reverse("members:apply"), application(proposed_institution="Unidad contra la Trata de Tapachula"))
    membership = Membership.objects.get(user__email="ana.lopez@fgr.org.mx")
    assert membership.proposed_institution == "Unidad contra la Trata de Tapachula"
    assert ApplicationFlag.NEW_INSTITUTION in membership.flags


def test_same_name_in_same_institution_is_flagged_as_duplicate(client, fgr):
    from members.factories import MembershipFactory

    MembershipFactory(user__first_name="Ana", user__last_name="López Fictícia", institution=fgr)
    client.post(reverse("members:apply"), application(institution=fgr.pk))
    membership = Membership.objects.get(user__email="ana.lopez@fgr.org.mx")
    assert ApplicationFlag.DUPLICATE_NAME in membership.flags


def test_institution_must_match_the_country(client, fgr):
    response = client.post(
        reverse("members:apply"), application(institution=fgr.pk, country=Country.objects.get(code="GT").pk)
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_signing_up_with_a_known_address_answers_exactly_like_a_new_one(client, fgr):
    from members.factories import UserFactory

    UserFactory(email="taken@fgr.org.mx")
    new = client.post(reverse("members:apply"), application(email="fresh@fgr.org.mx", institution=fgr.pk))
    known = client.post(reverse("members:apply"), application(email="taken@fgr.org.mx", institution=fgr.pk))
    assert known.status_code == new.status_code == 302
    assert known.url == new.url
    assert Membership.objects.filter(user__email="taken@fgr.org.mx").count() == 0


def test_short_passwords_are_refused_and_long_ones_accepted(client, fgr):
    short = client.post(
        reverse("members:apply"), application(institution=fgr.pk, password1="short pass", password2="short pass")
    )
    assert short.status_code == 200
    assert not Membership.objects.exists()
    long_password = "correct horse battery staple " * 4
    response = client.post(
        reverse("members:apply"), application(institution=fgr.pk, password1=long_password, password2=long_password)
    )
    assert response.status_code == 302
    assert len(long_password) > 64


def test_common_passwords_are_refused(client, fgr):
    response = client.post(
        reverse("members:apply"), application(institution=fgr.pk, password1="password1234", password2="password1234")
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


@override_settings(ENLACE_OPEN_APPLICATIONS=False)
def test_applications_can_be_closed_by_a_setting(client, fgr):
    response = client.post(reverse("members:apply"), application(institution=fgr.pk))
    assert not Membership.objects.exists()
    assert response.status_code == 200

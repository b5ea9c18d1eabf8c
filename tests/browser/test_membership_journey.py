"""The whole way in: a practitioner applies, verifies the e-mail address, a vetter approves in the Wagtail admin,
the new member signs in, sets up TOTP (the test computes the code) and reaches the members' area."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from journeys import SUBMIT, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fgr(members_reference_data):
    from network.models import Country, Institution, InstitutionType

    institution, _created = Institution.objects.get_or_create(
        country=Country.objects.get(code="MX"),
        name="Fiscalía General de la República",
        defaults={"acronym": "FGR", "institution_type": InstitutionType.PROSECUTION, "email_domains": "fgr.org.mx"},
    )
    return institution


@pytest.fixture
def vetter(members_reference_data):
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    membership = MembershipFactory(vetted=True, user__email="vetter.demo@example.org", user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name="Vetter"))
    return membership.user


def test_practitioner_applies_is_vetted_sets_up_totp_and_reaches_the_members_area(
    page, browser, live_server, fgr, vetter
):
    from members.factories import totp_code
    from members.models import Membership, WorkingLanguage

    email, password = "elena.demo@fgr.org.mx", "una frase de paso larga y propia"

    # 1. The public application.
    page.goto(reverse("members:apply"))
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.fill("input[name=first_name]", "Elena")
    page.fill("input[name=last_name]", "Demo Fiscal")
    page.select_option("select[name=country]", str(fgr.country_id))
    page.select_option("select[name=institution]", str(fgr.pk))
    page.fill("input[name=position]", "Fiscal especializada en trata")
    page.select_option("select[name=practitioner_type]", "prosecutor")
    page.check(f"input[name=languages][value='{WorkingLanguage.objects.get(code='es').pk}']")
    page.check("input[name=consent_listed]")
    page.locator(SUBMIT).first.click()
    page.wait_for_url(lambda url: "/members/join/" not in url)
    membership = Membership.objects.get(user__email=email)
    assert membership.is_pending

    # 2. The verification link from the e-mail.
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    page.locator(SUBMIT).first.click()
    page.wait_for_load_state()
    page.context.clear_cookies()

    # 3. A vetter approves in the Wagtail admin.
    vetter_context = browser.new_context(locale="es-ES", base_url=live_server.url)
    admin = vetter_context.new_page()
    sign_in(admin, vetter.email, totp_secret=vetter.totp_secret)
    admin.goto(reverse("vetting:index"))
    assert "Demo Fiscal" in admin.content()
    admin.goto(reverse("vetting:decide", args=[membership.pk]))
    admin.check("input[name=decision][value=approve]")
    admin.locator("form button[type=submit].button").first.click()
    admin.wait_for_url(lambda url: "/decide/" not in url)
    vetter_context.close()
    membership.refresh_from_db()
    assert membership.is_vetted

    # 4. The member signs in, is walked through TOTP setup, and reaches the members' area.
    sign_in(page, email, password)
    page.wait_for_selector("#authenticator_secret")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", totp_code(secret))
    page.locator(SUBMIT).first.click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    response = page.goto(reverse("members:home"))
    assert response.status == 200
    assert page.url.endswith(reverse("members:home"))
    assert page.locator("h1").first.inner_text()

"""A vetted member signs in with a second factor, finds the MLA focal point in Panama, opens the contact and
downloads the vCard."""

from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def panama_focal_point(members_reference_data):
    from members.factories import MembershipFactory
    from network.models import Country, FocalPointDesignation, Institution, InstitutionType, Need

    panama = Country.objects.get(code="PA")
    ministry, _created = Institution.objects.get_or_create(
        country=panama,
        name="Ministerio de Relaciones Exteriores",
        defaults={"acronym": "MIRE", "institution_type": InstitutionType.CENTRAL_AUTHORITY},
    )
    focal = MembershipFactory(
        vetted=True,
        user__email="focal.panama@example.org",
        user__first_name="Itzel",
        user__last_name="Bethancourt-Demo",
        country=panama,
        institution=ministry,
        position="Enlace de asistencia judicial",
        phone="+507 500 1234",
    )
    FocalPointDesignation.objects.create(
        member=focal.user, need=Need.objects.get(slug="mla-request"), institution=ministry
    )
    return focal


def test_member_finds_the_mla_focal_point_in_panama_and_downloads_the_vcard(page, panama_focal_point):
    from members.factories import MembershipFactory, totp_code

    asker = MembershipFactory(vetted=True, user__email="fiscal.mx@example.org", user__totp_secret=True)

    page.goto(reverse("account_login"))
    page.fill("input[name=login]", asker.user.email)
    page.fill("input[name=password]", "demo-enlace-2026")
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_selector("input[name=code]")
    page.fill("input[name=code]", totp_code(asker.user.totp_secret))
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_url(lambda url: "/2fa/" not in url)

    page.goto(reverse("network:finder"))
    page.select_option("select[name=country]", "PA")
    page.select_option("select[name=need]", "mla-request")
    page.locator("form.finder-form button[type=submit]").click()
    page.wait_for_selector(".finder-result")

    focal_card = page.locator(".entry--focal").first
    assert "Bethancourt-Demo" in focal_card.inner_text()
    focal_card.get_by_role("link", name="Itzel Bethancourt-Demo").click()
    page.wait_for_selector("dl.contact")
    assert page.get_by_role("heading", level=1).inner_text() == "Itzel Bethancourt-Demo"
    assert "+507 500 1234" in page.locator("dl.contact").inner_text()

    with page.expect_download() as download_info:
        page.locator("a[href$='/vcard/']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".vcf")
    card = Path(download.path()).read_text(encoding="utf-8")
    assert card.startswith("BEGIN:VCARD") and "TEL;TYPE=WORK,VOICE:+507 500 1234" in card

    from network.models import ContactAccess

    kinds = sorted(ContactAccess.objects.filter(contact=panama_focal_point.user).values_list("kind", flat=True))
    assert kinds == ["vcard", "view"]

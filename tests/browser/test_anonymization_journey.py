"""An editor sees the personal data the check found, highlighted in the page editor, fixes the text and publishes.

Publishing a library item goes through the "Library review" workflow: the editor submits it (the anonymization
check passes at once), then approves it as the Editor role's reviewer, which publishes it.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBMIT = "main form button[type=submit]"
PASSWORD = "demo-enlace-2026"


@pytest.fixture
def editor():
    from django.contrib.auth.models import Group

    from members.factories import MembershipFactory

    membership = MembershipFactory(vetted=True, user__email="editora.demo@example.org", user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name="Editor"))
    return membership.user


@pytest.fixture
def case_with_a_witness_name(home_pages):
    from practices.factories import CaseStudyPageFactory, LibraryIndexPageFactory

    library = LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")
    return CaseStudyPageFactory(
        parent=library,
        title="Entrega vigilada en la frontera sur",
        slug="entrega-vigilada",
        summary="El testigo, Juan Carlos Pérez, declaró ante la Fiscalía General de la República.",
        body=[("paragraph", "<p>Víctima A declaró por videoconferencia.</p>")],
        publish=False,
    )


def sign_in(tab, email, totp_secret):
    from members.factories import totp_code

    tab.goto(reverse("account_login"))
    tab.fill("input[name=login]", email)
    tab.fill("input[name=password]", PASSWORD)
    tab.locator(SUBMIT).first.click()
    tab.wait_for_selector("input[name=code]")
    tab.fill("input[name=code]", totp_code(totp_secret))
    tab.locator(SUBMIT).first.click()
    tab.wait_for_url(lambda url: "/2fa/" not in url)


def test_editor_sees_a_name_highlighted_fixes_it_and_publishes(page, editor, case_with_a_witness_name):
    item = case_with_a_witness_name
    sign_in(page, editor.email, editor.totp_secret)
    page.goto(reverse("wagtailadmin_pages:edit", args=[item.pk]))

    panel = page.locator("[data-anonymization-findings]")
    highlighted = panel.locator("mark")
    assert highlighted.inner_text() == "Juan Carlos Pérez"
    assert panel.locator("[data-finding-kind=person_name]").is_visible()

    page.fill("textarea[name=summary]", "Testigo B declaró ante la Fiscalía General de la República.")
    # The action menu's buttons sit in a dropdown; clicking through the DOM submits the editor's form as they do.
    with page.expect_navigation():
        page.locator("button[name=action-submit]").evaluate("button => button.click()")

    page.goto(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    assert panel.locator("mark").count() == 0
    approve = page.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    with page.expect_navigation():
        approve.evaluate("button => button.click()")

    item.refresh_from_db()
    assert item.live
    assert "Juan Carlos Pérez" not in item.summary
    response = page.goto(item.url)
    assert response.status == 200
    assert "Testigo B" in page.content()

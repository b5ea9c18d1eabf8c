"""An editor sees the personal data the check found, highlighted in the page editor, fixes the text and publishes.

Publishing a library item goes through the "Library review" workflow: the editor submits it (the anonymization
check passes at once), then approves it as the Editor role's reviewer, which publishes it.
"""

import pytest
from django.urls import reverse
from journeys import approve_in_editor, click_and_wait, sign_in, type_into

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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


def test_editor_sees_a_name_highlighted_fixes_it_and_publishes(page, editor, case_with_a_witness_name):
    item = case_with_a_witness_name
    sign_in(page, editor.email, totp_secret=editor.totp_secret)
    page.goto(reverse("wagtailadmin_pages:edit", args=[item.pk]))

    panel = page.locator("[data-anonymization-findings]")
    highlighted = panel.locator("mark")
    assert highlighted.inner_text() == "Juan Carlos Pérez"
    assert panel.locator("[data-finding-kind=person_name]").is_visible()

    type_into(page, "textarea[name=summary]", "Testigo B declaró ante la Fiscalía General de la República.")
    submitted = click_and_wait(page, "button[name=action-submit]")
    assert "enviada para moderación" in submitted, submitted

    page.goto(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    assert panel.locator("mark").count() == 0
    approved = approve_in_editor(page, item.pk)

    item.refresh_from_db()
    assert item.live, approved
    assert "Juan Carlos Pérez" not in item.summary
    response = page.goto(item.url)
    assert response.status == 200
    assert "Testigo B" in page.content()

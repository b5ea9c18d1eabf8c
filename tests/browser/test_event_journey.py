"""A participant of a past course shares what they learned; an editor publishes it; it appears on the event page.

The participant writes part of the contribution (saved in the background as they type), saves the draft (the "Save
draft" button works without JavaScript too),
leaves, comes back to find it, finishes and submits it. The editor approves it in the admin ("Library review"),
which publishes the experience in the library and shows it on the event page.
"""

import pytest
from django.urls import reverse
from journeys import approve_in_editor, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def course(home_pages):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from practices.factories import LibraryIndexPageFactory

    LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")
    index_page = EventIndexPageFactory(parent=home_pages["es"], title="Eventos", slug="eventos")
    return EventPageFactory(
        parent=index_page,
        title="Segundo Curso Regional sobre Cooperación Penal Internacional en materia de Trata de Personas",
        slug="segundo-curso-regional",
    )


@pytest.fixture
def participant(course):
    from events.participants import register
    from members.factories import MembershipFactory

    user = MembershipFactory(vetted=True, user__email="participante@example.org", user__totp_secret=True).user
    register(course, user)
    return user


def test_participant_shares_an_experience_that_an_editor_publishes_on_the_event_page(
    page, browser, live_server, course, participant, editor
):
    from events.models import Contribution

    sign_in(page, participant.email, totp_secret=participant.totp_secret)
    page.goto(course.url)
    page.locator(f"a[href='{reverse('events:contribute', args=[course.pk])}']").first.click()
    page.fill("input[name=title]", "Borradores antes de la solicitud formal")
    page.fill("textarea[name=will_apply]", "Enviar un borrador a la autoridad central antes de la solicitud formal.")
    page.wait_for_selector("form[data-autosaved=true]")  # static/js/autosave.js saved it in the background
    assert "autoridad central" in Contribution.objects.get(author=participant).will_apply
    page.locator("button[name=save]").click()
    page.wait_for_load_state("networkidle")
    assert Contribution.objects.get(author=participant).status == "draft"

    page.goto(course.url)  # leave, then come back to the draft
    page.locator(f"a[href='{reverse('events:contribute', args=[course.pk])}']").first.click()
    assert "autoridad central" in page.input_value("textarea[name=will_apply]")
    page.fill("textarea[name=cooperation_challenges]", "Las traducciones llegan tarde.")
    page.locator("button[name=submit]").click()
    page.wait_for_load_state("networkidle")
    contribution = Contribution.objects.get(author=participant)
    assert contribution.status == "submitted"

    reviewer = browser.new_context(locale="es-ES", base_url=live_server.url).new_page()
    sign_in(reviewer, editor.email, totp_secret=editor.totp_secret)
    approved = approve_in_editor(reviewer, contribution.experience_id)
    reviewer.context.close()

    contribution.refresh_from_db()
    assert contribution.status == "published", approved
    page.goto(course.url)
    assert page.get_by_role("link", name="Borradores antes de la solicitud formal").is_visible()

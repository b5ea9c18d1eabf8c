"""An editor writes a case study in the Wagtail admin, submits it to the "Library review" workflow, approves it
as the Editor role's reviewer, and it is published; an anonymous visitor then sees it if it is public and is sent
to sign in if it is members-only.
"""

import pytest
from django.urls import reverse
from journeys import approve_in_editor, click_and_wait, sign_in, type_into

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def spanish_library(home_pages):
    from practices.factories import LibraryIndexPageFactory

    return LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")


def write_and_submit(tab, library, title, visibility):
    tab.goto(reverse("wagtailadmin_pages:add", args=("practices", "casestudypage", library.pk)))
    type_into(tab, "#id_title", title)
    tab.wait_for_function("() => document.querySelector('#id_slug').value")  # filled in from the title
    tab.select_option("select[name=visibility]", visibility)
    tab.fill(
        "textarea[name=summary]",
        "Una red trasladaba migrantes por la frontera sur; la fiscalía coordinó con la policía.",
    )
    tab.fill("input[name=year]", "2022")
    assert tab.locator("button[name=action-publish]").count() == 0, "nobody may publish a library item directly"
    return click_and_wait(tab, "button[name=action-submit]")


@pytest.mark.parametrize(("visibility", "anonymous_sees"), [("public", True), ("members", False)])
def test_editor_writes_submits_and_approves_a_case_study_then_visitors_see_it_by_visibility(
    page, browser, live_server, editor, spanish_library, visibility, anonymous_sees
):
    from practices.models import CaseStudyPage

    title = f"Entrega vigilada coordinada ({visibility})"
    sign_in(page, editor.email, totp_secret=editor.totp_secret)
    submitted = write_and_submit(page, spanish_library, title, visibility)
    assert "enviada para ser moderada" in submitted, submitted
    item = CaseStudyPage.objects.get(title=title, alias_of__isnull=True)
    assert not item.live

    approved = approve_in_editor(page, item.pk)
    item.refresh_from_db()
    assert item.live, approved

    anonymous = browser.new_context(locale="es-ES", base_url=live_server.url).new_page()
    try:
        response = anonymous.goto(item.url)
        if anonymous_sees:
            assert response.status == 200
            assert title in anonymous.content()
            anonymous.goto(spanish_library.url)
            assert title in anonymous.content()
        else:
            assert "/accounts/login/" in anonymous.url
            assert title not in anonymous.content()
            anonymous.goto(spanish_library.url)
            assert title not in anonymous.content()
    finally:
        anonymous.context.close()
